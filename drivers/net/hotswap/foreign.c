// SPDX-License-Identifier: GPL-2.0
/*
 * nethotswap: what else than its ops reaches a build's code from a device.
 * The gates cover netdev_ops and ethtool_ops; every other way in must be
 * absent, or the device is refused before anything stops.
 */

#include <linux/dim.h>
#include <linux/ethtool.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <net/netlink.h>

#include "hotswap.h"

/* Whether @p points into @drv's module; a built-in build never goes. */
static bool nhs_in_build(const void *p, const struct nhs_driver *drv)
{
	return p && drv->owner && within_module((unsigned long)p, drv->owner);
}

/**
 * nhs_check_foreign - does the device reach @drv's code other than by ops?
 * @dev: the device
 * @drv: the build serving it
 * @extack: which pointer
 *
 * The gates cover netdev_ops and ethtool_ops, while they are @drv's own.
 * Any other pointer from the net_device into the build's module could be
 * called with no gate in the way, and would dangle once the module is
 * gone: refuse such a device.  Timers, work and NAPI instances of the
 * build are its own state, which freeze() stops and free_priv() releases;
 * the tables the build declares move with the swap (see tables.c).
 *
 * Return: 0, -EBUSY while a stacked user holds the driver's tables or an
 * ethtool operation runs without RTNL, or -EOPNOTSUPP.
 */
int nhs_check_foreign(const struct net_device *dev,
		      const struct nhs_driver *drv,
		      struct netlink_ext_ack *extack)
{
	const struct {
		const char *name;
		const void *ptr;
	} refs[] = {
		{ "header_ops", dev->header_ops },
		{ "priv_destructor", dev->priv_destructor },
		{ "stat_ops", dev->stat_ops != drv->stat_ops ?
			      dev->stat_ops : NULL },
		{ "queue_mgmt_ops", dev->queue_mgmt_ops },
		{ "xdp_metadata_ops", dev->xdp_metadata_ops },
		{ "xsk_tx_metadata_ops", dev->xsk_tx_metadata_ops },
		{ "rtnl_link_ops", dev->rtnl_link_ops },
		{ "udp_tunnel_nic_info", dev->udp_tunnel_nic_info },
		{ "device type", dev->dev.type },
		{ "sysfs group", dev->sysfs_groups[1] },
		{ "sysfs group", dev->sysfs_groups[2] },
		{ "sysfs group", dev->sysfs_groups[3] },
		{ "rx queue sysfs group",
		  dev->sysfs_rx_queue_group != drv->rx_queue_group ?
		  dev->sysfs_rx_queue_group : NULL },
		{ "DIM rx_dim_work",
		  dev->irq_moder ? dev->irq_moder->rx_dim_work : NULL },
		{ "DIM tx_dim_work",
		  dev->irq_moder ? dev->irq_moder->tx_dim_work : NULL },
#ifdef CONFIG_WIRELESS_EXT
		{ "wireless_handlers", dev->wireless_handlers },
#endif
#ifdef CONFIG_NET_L3_MASTER_DEV
		{ "l3mdev_ops", dev->l3mdev_ops },
#endif
#if IS_ENABLED(CONFIG_IPV6)
		{ "ndisc_ops", dev->ndisc_ops },
#endif
#ifdef CONFIG_XFRM_OFFLOAD
		{ "xfrmdev_ops", dev->xfrmdev_ops },
#endif
#if IS_ENABLED(CONFIG_TLS_DEVICE)
		{ "tlsdev_ops", dev->tlsdev_ops },
#endif
#ifdef CONFIG_DCB
		{ "dcbnl_ops", dev->dcbnl_ops },
#endif
#if IS_ENABLED(CONFIG_MACSEC)
		{ "macsec_ops", dev->macsec_ops },
#endif
	};
	size_t i;

	/* A stacked user (a DSA conduit, ...) replaced the driver's tables
	 * and keeps them to restore when it goes: after a swap that would
	 * be the old build's, in a module that may be gone by then.
	 */
	if (dev->netdev_ops != drv->netdev_ops ||
	    dev->ethtool_ops != drv->ethtool_ops) {
		NL_SET_ERR_MSG_FMT(extack,
				   "%s: a stacked user (DSA?) replaced %s's %s",
				   netdev_name(dev), nhs_driver_name(drv),
				   dev->netdev_ops != drv->netdev_ops ?
				   "netdev_ops" : "ethtool_ops");
		return -EBUSY;
	}
	/* Module firmware flashing calls the ethtool ops from a work item,
	 * without RTNL, for minutes.
	 */
	if (dev->ethtool->module_fw_flash_in_progress) {
		NL_SET_ERR_MSG_FMT(extack,
				   "%s: a module firmware flash is in progress",
				   netdev_name(dev));
		return -EBUSY;
	}
	for (i = 0; i < ARRAY_SIZE(refs); i++) {
		if (!nhs_in_build(refs[i].ptr, drv))
			continue;
		NL_SET_ERR_MSG_FMT(extack,
				   "%s: its %s %pS has no nethotswap gate",
				   nhs_driver_name(drv), refs[i].name,
				   refs[i].ptr);
		return -EOPNOTSUPP;
	}
	return 0;
}

