// SPDX-License-Identifier: GPL-2.0
/*
 * Many hotswap-capable devices for the selftests, which otherwise have one
 * RTL8139: enough to make the nethotswap dumps take many parts, and to add
 * and remove devices in the middle of a dump.
 *
 * Loading it with devices=N creates the platform devices nhs_test_many.0
 * to nhs_test_many.<N-1>; each probe creates an Ethernet device "nhsm%d"
 * attached to the hotswap core, which drops what it is given to send.  A
 * test adds and removes net_devices by binding and unbinding the platform
 * devices through sysfs (/sys/bus/platform/drivers/nhs_test_many/); a
 * device bound again gets a new net_device, with a new ifindex.
 *
 * No other build is of its family, so every swap of its devices is
 * refused before it starts.
 */

#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/nethotswap.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

#define NHS_MANY_MAX_DEVICES	1024

static unsigned int devices;
module_param(devices, uint, 0444);
MODULE_PARM_DESC(devices, "platform devices to create, one net_device each (0-1024)");

static struct platform_device **nhs_many_pdevs;

static netdev_tx_t nhs_many_xmit(struct sk_buff *skb, struct net_device *dev)
{
	dev_lstats_add(dev, skb->len);
	dev_kfree_skb_any(skb);
	return NETDEV_TX_OK;
}

static void nhs_many_get_stats64(struct net_device *dev,
				 struct rtnl_link_stats64 *stats)
{
	dev_lstats_read(dev, &stats->tx_packets, &stats->tx_bytes);
}

#define NHS_MANY_NETDEV_OPS(op)					\
	op(ndo_start_xmit,	nhs_many_xmit)				\
	op(ndo_get_stats64,	nhs_many_get_stats64)			\
	op(ndo_validate_addr,	eth_validate_addr)			\
	op(ndo_set_mac_address,	eth_mac_addr)

NHS_NETDEV_OPS(nhs_many_netdev_ops, NHS_MANY_NETDEV_OPS);

#define NHS_MANY_ETHTOOL_OPS(op, value)					\
	op(get_link,		ethtool_op_get_link)

NHS_ETHTOOL_OPS(nhs_many_ethtool_ops, NHS_MANY_ETHTOOL_OPS);

static void *nhs_many_alloc_priv(struct net_device *dev)
{
	return ERR_PTR(-EOPNOTSUPP);
}

static void nhs_many_free_priv(struct net_device *dev, void *priv)
{
}

static int nhs_many_freeze(struct net_device *dev,
			   struct netlink_ext_ack *extack)
{
	NL_SET_ERR_MSG(extack, "nhs_test_many devices cannot be swapped");
	return -EOPNOTSUPP;
}

static void nhs_many_thaw(struct net_device *dev)
{
}

static void nhs_many_save(struct net_device *dev, struct nhs_state *state)
{
}

static int nhs_many_handover(struct net_device *dev,
			     const struct nhs_state *state, void *incoming,
			     void **outgoing, struct netlink_ext_ack *extack)
{
	NL_SET_ERR_MSG(extack, "nhs_test_many devices cannot be swapped");
	return -EOPNOTSUPP;
}

static const struct nhs_driver_ops nhs_many_ops = {
	.alloc_priv	= nhs_many_alloc_priv,
	.free_priv	= nhs_many_free_priv,
	.freeze		= nhs_many_freeze,
	.thaw		= nhs_many_thaw,
	.save		= nhs_many_save,
	.handover	= nhs_many_handover,
};

static int nhs_many_probe(struct platform_device *pdev);
static void nhs_many_remove(struct platform_device *pdev);

static struct platform_driver nhs_many_platform_driver = {
	.driver = {
		.name	= KBUILD_MODNAME,
	},
	.probe		= nhs_many_probe,
	.remove		= nhs_many_remove,
};

static struct nhs_driver nhs_many = {
	.family		= KBUILD_MODNAME,
	.version	= "1",
	.driver		= &nhs_many_platform_driver.driver,
	.netdev_ops	= &nhs_many_netdev_ops,
	.ethtool_ops	= &nhs_many_ethtool_ops,
	.gated_netdev_ops = NHS_GATED(nhs_many_netdev_ops),
	.gated_ethtool_ops = NHS_GATED(nhs_many_ethtool_ops),
	.state_version	= 1,
	.state_compat	= 1,
	.state_min	= 1,
	.state_size	= 1,
	.ops		= &nhs_many_ops,
};

static int nhs_many_probe(struct platform_device *pdev)
{
	struct net_device *dev;
	int err;

	dev = alloc_netdev(0, "nhsm%d", NET_NAME_ENUM, ether_setup);
	if (!dev)
		return -ENOMEM;
	SET_NETDEV_DEV(dev, &pdev->dev);
	dev->netdev_ops = &nhs_many_netdev_ops;
	dev->ethtool_ops = &nhs_many_ethtool_ops;
	/* Set here, not in an ndo_init: the gates have none. */
	dev->pcpu_stat_type = NETDEV_PCPU_STAT_LSTATS;
	eth_hw_addr_random(dev);

	err = nhs_attach(dev, &nhs_many);
	if (err)
		goto err_free;
	err = register_netdev(dev);
	if (err)
		goto err_detach;
	platform_set_drvdata(pdev, dev);
	return 0;

err_detach:
	nhs_detach(dev);
err_free:
	free_netdev(dev);
	return err;
}

static void nhs_many_remove(struct platform_device *pdev)
{
	struct net_device *dev = platform_get_drvdata(pdev);

	unregister_netdev(dev);
	nhs_detach(dev);
	free_netdev(dev);
}

static void nhs_many_destroy_devices(unsigned int n)
{
	while (n--)
		platform_device_unregister(nhs_many_pdevs[n]);
	kfree(nhs_many_pdevs);
}

static int nhs_many_create_devices(void)
{
	struct platform_device *pdev;
	unsigned int i;

	nhs_many_pdevs = kcalloc(devices, sizeof(*nhs_many_pdevs), GFP_KERNEL);
	if (!nhs_many_pdevs)
		return -ENOMEM;
	for (i = 0; i < devices; i++) {
		pdev = platform_device_register_simple(KBUILD_MODNAME, i,
						       NULL, 0);
		if (IS_ERR(pdev)) {
			nhs_many_destroy_devices(i);
			return PTR_ERR(pdev);
		}
		nhs_many_pdevs[i] = pdev;
	}
	return 0;
}

static int __init nhs_many_init(void)
{
	int err;

	if (devices > NHS_MANY_MAX_DEVICES)
		return -EINVAL;

	/* The build first: probe() attaches the devices to it. */
	err = nhs_register_driver(&nhs_many);
	if (err)
		return err;
	err = platform_driver_register(&nhs_many_platform_driver);
	if (err)
		goto err_unregister_build;
	err = nhs_many_create_devices();
	if (err)
		goto err_unregister_driver;
	return 0;

err_unregister_driver:
	platform_driver_unregister(&nhs_many_platform_driver);
err_unregister_build:
	nhs_unregister_driver(&nhs_many);
	return err;
}

static void __exit nhs_many_exit(void)
{
	nhs_many_destroy_devices(devices);
	platform_driver_unregister(&nhs_many_platform_driver);
	nhs_unregister_driver(&nhs_many);
}

module_init(nhs_many_init);
module_exit(nhs_many_exit);

MODULE_DESCRIPTION("nethotswap selftest: many hotswap-capable devices");
MODULE_LICENSE("GPL");
