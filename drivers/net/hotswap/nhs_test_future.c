// SPDX-License-Identifier: GPL-2.0
/*
 * A build from the future of any family (the module parameter "family",
 * rtl8139 unless told), for the selftests: it only reads state layouts
 * the real builds do not write yet, so a swap to it must be refused
 * before anything stops.  It never drives a device.
 */

#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/nethotswap.h>
#include <linux/pci.h>

#define NHS_FUTURE_STATE	100

static char *family = "rtl8139";
module_param(family, charp, 0444);
MODULE_PARM_DESC(family, "the hotswap family it claims to belong to");

/* The NICs of the selftests' DUTs: an RTL8139 and an 82545EM */
static const struct pci_device_id nhs_future_ids[] = {
	{ PCI_DEVICE(PCI_VENDOR_ID_REALTEK, PCI_DEVICE_ID_REALTEK_8139) },
	{ PCI_DEVICE(PCI_VENDOR_ID_INTEL, 0x100f) },
	{ }
};

static int nhs_future_probe(struct pci_dev *pdev,
			    const struct pci_device_id *id)
{
	return -ENODEV;
}

static struct pci_driver nhs_future_pci_driver = {
	.name		= KBUILD_MODNAME,
	.id_table	= nhs_future_ids,
	.probe		= nhs_future_probe,
};

static void *nhs_future_alloc_priv(struct net_device *dev)
{
	return ERR_PTR(-EOPNOTSUPP);
}

static void nhs_future_free_priv(struct net_device *dev, void *priv)
{
}

static int nhs_future_freeze(struct net_device *dev,
			     struct netlink_ext_ack *extack)
{
	return -EOPNOTSUPP;
}

static void nhs_future_thaw(struct net_device *dev)
{
}

static void nhs_future_save(struct net_device *dev, struct nhs_state *state)
{
}

static int nhs_future_handover(struct net_device *dev,
			       const struct nhs_state *state, void *incoming,
			       void **outgoing, struct netlink_ext_ack *extack)
{
	return -EOPNOTSUPP;
}

static const struct nhs_driver_ops nhs_future_ops = {
	.alloc_priv	= nhs_future_alloc_priv,
	.free_priv	= nhs_future_free_priv,
	.freeze		= nhs_future_freeze,
	.thaw		= nhs_future_thaw,
	.save		= nhs_future_save,
	.handover	= nhs_future_handover,
};

/* It never drives a device: no entry points */
#define NHS_FUTURE_NETDEV_OPS(op)
#define NHS_FUTURE_ETHTOOL_OPS(op, value)
NHS_NETDEV_OPS(nhs_future_netdev_ops, NHS_FUTURE_NETDEV_OPS);
NHS_ETHTOOL_OPS(nhs_future_ethtool_ops, NHS_FUTURE_ETHTOOL_OPS);

/* .family is set at init, from the module parameter */
static struct nhs_driver nhs_future = {
	.version	= "future",
	.driver		= &nhs_future_pci_driver.driver,
	.netdev_ops	= &nhs_future_netdev_ops,
	.ethtool_ops	= &nhs_future_ethtool_ops,
	.gated_netdev_ops = NHS_GATED(nhs_future_netdev_ops),
	.gated_ethtool_ops = NHS_GATED(nhs_future_ethtool_ops),
	.state_version	= NHS_FUTURE_STATE,
	.state_compat	= NHS_FUTURE_STATE,
	.state_min	= NHS_FUTURE_STATE,
	.state_size	= 1,
	.ops		= &nhs_future_ops,
};

static int __init nhs_future_init(void)
{
	int err;

	nhs_future.family = family;
	err = nhs_register_driver(&nhs_future);
	if (err)
		return err;
	err = pci_register_driver(&nhs_future_pci_driver);
	if (err)
		nhs_unregister_driver(&nhs_future);
	return err;
}

static void __exit nhs_future_exit(void)
{
	pci_unregister_driver(&nhs_future_pci_driver);
	nhs_unregister_driver(&nhs_future);
}

module_init(nhs_future_init);
module_exit(nhs_future_exit);

MODULE_DESCRIPTION("nethotswap selftest: a build that cannot read today's state");
MODULE_LICENSE("GPL");
