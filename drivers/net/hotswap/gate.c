// SPDX-License-Identifier: GPL-2.0
/*
 * Gates around a hotswap-capable driver's entry points.
 *
 * While no swap of a device is pending, its netdev_ops and ethtool_ops are
 * the driver's own: the gates cost nothing.  A swap installs per-device
 * tables whose driver entries are replaced by the gates below; a gate
 * counts the call in per-CPU counters and forwards it to the serving
 * build, or refuses it while the gate is closed.
 *
 * The counters are per CPU and per entry point, one for calls that
 * entered and one for calls that left, both only ever incremented: a call
 * preempted in the driver may leave on another CPU than it entered on,
 * so no single per-CPU sum says "nobody inside".  nhs_gate_drain() sums
 * the leaves, then the enters; equal sums mean no call that passed the
 * gate is still inside (see Documentation/networking/hotswap.rst for the
 * argument).
 *
 * Calls that loaded the driver's own table before the gates were
 * installed are not counted.  Each runs under RTNL or in an RCU read-side
 * critical section (the statistics too, since dev_get_stats() enters
 * one): the swap installs the gates, waits for a grace period, and holds
 * RTNL from then until the gates are closed and drained.
 */

#include <linux/cpumask.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/rtnetlink.h>
#include <linux/sched.h>
#include <linux/timekeeping.h>
#include <net/netlink.h>

#include "hotswap.h"

static const char * const nhs_entry_names[NHS_NR_ENTRIES] = {
	[NHS_NDO_OPEN]			= "ndo_open",
	[NHS_NDO_STOP]			= "ndo_stop",
	[NHS_NDO_START_XMIT]		= "ndo_start_xmit",
	[NHS_NDO_SET_RX_MODE]		= "ndo_set_rx_mode",
	[NHS_NDO_SET_MAC_ADDRESS]	= "ndo_set_mac_address",
	[NHS_NDO_ETH_IOCTL]		= "ndo_eth_ioctl",
	[NHS_NDO_TX_TIMEOUT]		= "ndo_tx_timeout",
	[NHS_NDO_GET_STATS64]		= "ndo_get_stats64",
	[NHS_NDO_SET_FEATURES]		= "ndo_set_features",
	[NHS_NDO_POLL_CONTROLLER]	= "ndo_poll_controller",
	[NHS_ETH_GET_DRVINFO]		= "get_drvinfo",
	[NHS_ETH_GET_REGS_LEN]		= "get_regs_len",
	[NHS_ETH_GET_REGS]		= "get_regs",
	[NHS_ETH_GET_WOL]		= "get_wol",
	[NHS_ETH_SET_WOL]		= "set_wol",
	[NHS_ETH_GET_MSGLEVEL]		= "get_msglevel",
	[NHS_ETH_SET_MSGLEVEL]		= "set_msglevel",
	[NHS_ETH_NWAY_RESET]		= "nway_reset",
	[NHS_ETH_GET_LINK]		= "get_link",
	[NHS_ETH_GET_STRINGS]		= "get_strings",
	[NHS_ETH_GET_SSET_COUNT]	= "get_sset_count",
	[NHS_ETH_GET_ETHTOOL_STATS]	= "get_ethtool_stats",
	[NHS_ETH_GET_LINK_KSETTINGS]	= "get_link_ksettings",
	[NHS_ETH_SET_LINK_KSETTINGS]	= "set_link_ksettings",
};

/* Returns false when the gate is closed: the caller must not call the
 * driver, and must not call nhs_leave().
 */
static __always_inline bool nhs_enter(struct netdev_hotswap *hs,
				      enum nhs_entry entry)
{
	const bool *gate = entry == NHS_NDO_GET_STATS64 ? &hs->stats_closed :
							  &hs->closed;

	this_cpu_inc(hs->inflight->enter[entry]);
	/* Publish the count before testing the gate; pairs with the
	 * barrier in nhs_gate_drain() between closing and scanning.
	 */
	smp_mb();
	/* Acquire: the ops (or frozen statistics) read after the test are
	 * the ones published before the gate opened (or closed).
	 */
	if (likely(!smp_load_acquire(gate)))
		return true;
	this_cpu_inc(hs->inflight->leave[entry]);
	return false;
}

static __always_inline void nhs_leave(struct netdev_hotswap *hs,
				      enum nhs_entry entry)
{
	/* The driver's accesses complete before the call counts as left. */
	smp_mb();
	this_cpu_inc(hs->inflight->leave[entry]);
}

/* Entry points called under RTNL cannot meet a closed gate today (the swap
 * holds RTNL while the gates are closed); they fail with -EBUSY if the
 * core ever calls them without it.
 */

static int nhs_ndo_open(struct net_device *dev)
{
	struct netdev_hotswap *hs = dev->hotswap;
	int err;

	if (!nhs_enter(hs, NHS_NDO_OPEN))
		return -EBUSY;
	err = READ_ONCE(hs->drv_ndo)->ndo_open(dev);
	nhs_leave(hs, NHS_NDO_OPEN);
	return err;
}

static int nhs_ndo_stop(struct net_device *dev)
{
	struct netdev_hotswap *hs = dev->hotswap;
	int err;

	if (!nhs_enter(hs, NHS_NDO_STOP))
		return -EBUSY;
	err = READ_ONCE(hs->drv_ndo)->ndo_stop(dev);
	nhs_leave(hs, NHS_NDO_STOP);
	return err;
}

/* A refused frame stays with the caller: the qdisc requeues it.  The
 * queue is stopped too (the caller holds its lock), or whoever woke it
 * (the old build's interrupt handler, before its freeze) would have the
 * qdisc retry on the closed gate until the swap wakes the queues.
 */
static netdev_tx_t nhs_ndo_start_xmit(struct sk_buff *skb,
				      struct net_device *dev)
{
	struct netdev_hotswap *hs = dev->hotswap;
	netdev_tx_t ret;

	if (!nhs_enter(hs, NHS_NDO_START_XMIT)) {
		netif_tx_stop_queue(skb_get_tx_queue(dev, skb));
		return NETDEV_TX_BUSY;
	}
	ret = READ_ONCE(hs->drv_ndo)->ndo_start_xmit(skb, dev);
	nhs_leave(hs, NHS_NDO_START_XMIT);
	return ret;
}

/* The address lists are already updated; the serving build programs them
 * once the gate opens.  Called under netif_addr_lock_bh(), as is the
 * opening in nhs_reopen(): a refused change is seen there.
 */
static void nhs_ndo_set_rx_mode(struct net_device *dev)
{
	struct netdev_hotswap *hs = dev->hotswap;

	if (!nhs_enter(hs, NHS_NDO_SET_RX_MODE)) {
		hs->rx_mode_deferred = true;
		return;
	}
	READ_ONCE(hs->drv_ndo)->ndo_set_rx_mode(dev);
	nhs_leave(hs, NHS_NDO_SET_RX_MODE);
}

static int nhs_ndo_set_mac_address(struct net_device *dev, void *addr)
{
	struct netdev_hotswap *hs = dev->hotswap;
	int err;

	if (!nhs_enter(hs, NHS_NDO_SET_MAC_ADDRESS))
		return -EBUSY;
	err = READ_ONCE(hs->drv_ndo)->ndo_set_mac_address(dev, addr);
	nhs_leave(hs, NHS_NDO_SET_MAC_ADDRESS);
	return err;
}

static int nhs_ndo_eth_ioctl(struct net_device *dev, struct ifreq *ifr,
			     int cmd)
{
	struct netdev_hotswap *hs = dev->hotswap;
	int err;

	if (!nhs_enter(hs, NHS_NDO_ETH_IOCTL))
		return -EBUSY;
	err = READ_ONCE(hs->drv_ndo)->ndo_eth_ioctl(dev, ifr, cmd);
	nhs_leave(hs, NHS_NDO_ETH_IOCTL);
	return err;
}

/* The watchdog fires again if TX is still stuck once the new build runs. */
static void nhs_ndo_tx_timeout(struct net_device *dev, unsigned int txqueue)
{
	struct netdev_hotswap *hs = dev->hotswap;

	if (!nhs_enter(hs, NHS_NDO_TX_TIMEOUT))
		return;
	READ_ONCE(hs->drv_ndo)->ndo_tx_timeout(dev, txqueue);
	nhs_leave(hs, NHS_NDO_TX_TIMEOUT);
}

/* Readers in the blackout get the old build's final counters. */
static void nhs_ndo_get_stats64(struct net_device *dev,
				struct rtnl_link_stats64 *stats)
{
	struct netdev_hotswap *hs = dev->hotswap;

	if (!nhs_enter(hs, NHS_NDO_GET_STATS64)) {
		*stats = hs->frozen_stats;
		return;
	}
	READ_ONCE(hs->drv_ndo)->ndo_get_stats64(dev, stats);
	nhs_leave(hs, NHS_NDO_GET_STATS64);
}

static int nhs_ndo_set_features(struct net_device *dev,
				netdev_features_t features)
{
	struct netdev_hotswap *hs = dev->hotswap;
	int err;

	if (!nhs_enter(hs, NHS_NDO_SET_FEATURES))
		return -EBUSY;
	err = READ_ONCE(hs->drv_ndo)->ndo_set_features(dev, features);
	nhs_leave(hs, NHS_NDO_SET_FEATURES);
	return err;
}

#ifdef CONFIG_NET_POLL_CONTROLLER
/* netpoll, possibly with interrupts off: nothing to poll while frozen. */
static void nhs_ndo_poll_controller(struct net_device *dev)
{
	struct netdev_hotswap *hs = dev->hotswap;

	if (!nhs_enter(hs, NHS_NDO_POLL_CONTROLLER))
		return;
	READ_ONCE(hs->drv_ndo)->ndo_poll_controller(dev);
	nhs_leave(hs, NHS_NDO_POLL_CONTROLLER);
}
#endif

static void nhs_get_drvinfo(struct net_device *dev,
			    struct ethtool_drvinfo *info)
{
	struct netdev_hotswap *hs = dev->hotswap;

	if (!nhs_enter(hs, NHS_ETH_GET_DRVINFO))
		return;
	READ_ONCE(hs->drv_ethtool)->get_drvinfo(dev, info);
	nhs_leave(hs, NHS_ETH_GET_DRVINFO);
}

static int nhs_get_regs_len(struct net_device *dev)
{
	struct netdev_hotswap *hs = dev->hotswap;
	int len;

	if (!nhs_enter(hs, NHS_ETH_GET_REGS_LEN))
		return -EBUSY;
	len = READ_ONCE(hs->drv_ethtool)->get_regs_len(dev);
	nhs_leave(hs, NHS_ETH_GET_REGS_LEN);
	return len;
}

static void nhs_get_regs(struct net_device *dev, struct ethtool_regs *regs,
			 void *p)
{
	struct netdev_hotswap *hs = dev->hotswap;

	if (!nhs_enter(hs, NHS_ETH_GET_REGS))
		return;
	READ_ONCE(hs->drv_ethtool)->get_regs(dev, regs, p);
	nhs_leave(hs, NHS_ETH_GET_REGS);
}

static void nhs_get_wol(struct net_device *dev, struct ethtool_wolinfo *wol)
{
	struct netdev_hotswap *hs = dev->hotswap;

	if (!nhs_enter(hs, NHS_ETH_GET_WOL))
		return;
	READ_ONCE(hs->drv_ethtool)->get_wol(dev, wol);
	nhs_leave(hs, NHS_ETH_GET_WOL);
}

static int nhs_set_wol(struct net_device *dev, struct ethtool_wolinfo *wol)
{
	struct netdev_hotswap *hs = dev->hotswap;
	int err;

	if (!nhs_enter(hs, NHS_ETH_SET_WOL))
		return -EBUSY;
	err = READ_ONCE(hs->drv_ethtool)->set_wol(dev, wol);
	nhs_leave(hs, NHS_ETH_SET_WOL);
	return err;
}

static u32 nhs_get_msglevel(struct net_device *dev)
{
	struct netdev_hotswap *hs = dev->hotswap;
	u32 level;

	if (!nhs_enter(hs, NHS_ETH_GET_MSGLEVEL))
		return 0;
	level = READ_ONCE(hs->drv_ethtool)->get_msglevel(dev);
	nhs_leave(hs, NHS_ETH_GET_MSGLEVEL);
	return level;
}

static void nhs_set_msglevel(struct net_device *dev, u32 level)
{
	struct netdev_hotswap *hs = dev->hotswap;

	if (!nhs_enter(hs, NHS_ETH_SET_MSGLEVEL))
		return;
	READ_ONCE(hs->drv_ethtool)->set_msglevel(dev, level);
	nhs_leave(hs, NHS_ETH_SET_MSGLEVEL);
}

static int nhs_nway_reset(struct net_device *dev)
{
	struct netdev_hotswap *hs = dev->hotswap;
	int err;

	if (!nhs_enter(hs, NHS_ETH_NWAY_RESET))
		return -EBUSY;
	err = READ_ONCE(hs->drv_ethtool)->nway_reset(dev);
	nhs_leave(hs, NHS_ETH_NWAY_RESET);
	return err;
}

static u32 nhs_get_link(struct net_device *dev)
{
	struct netdev_hotswap *hs = dev->hotswap;
	u32 link;

	if (!nhs_enter(hs, NHS_ETH_GET_LINK))
		return netif_carrier_ok(dev);
	link = READ_ONCE(hs->drv_ethtool)->get_link(dev);
	nhs_leave(hs, NHS_ETH_GET_LINK);
	return link;
}

static void nhs_get_strings(struct net_device *dev, u32 sset, u8 *data)
{
	struct netdev_hotswap *hs = dev->hotswap;

	if (!nhs_enter(hs, NHS_ETH_GET_STRINGS))
		return;
	READ_ONCE(hs->drv_ethtool)->get_strings(dev, sset, data);
	nhs_leave(hs, NHS_ETH_GET_STRINGS);
}

static int nhs_get_sset_count(struct net_device *dev, int sset)
{
	struct netdev_hotswap *hs = dev->hotswap;
	int count;

	if (!nhs_enter(hs, NHS_ETH_GET_SSET_COUNT))
		return -EBUSY;
	count = READ_ONCE(hs->drv_ethtool)->get_sset_count(dev, sset);
	nhs_leave(hs, NHS_ETH_GET_SSET_COUNT);
	return count;
}

static void nhs_get_ethtool_stats(struct net_device *dev,
				  struct ethtool_stats *stats, u64 *data)
{
	struct netdev_hotswap *hs = dev->hotswap;

	if (!nhs_enter(hs, NHS_ETH_GET_ETHTOOL_STATS))
		return;
	READ_ONCE(hs->drv_ethtool)->get_ethtool_stats(dev, stats, data);
	nhs_leave(hs, NHS_ETH_GET_ETHTOOL_STATS);
}

static int nhs_get_link_ksettings(struct net_device *dev,
				  struct ethtool_link_ksettings *cmd)
{
	struct netdev_hotswap *hs = dev->hotswap;
	int err;

	if (!nhs_enter(hs, NHS_ETH_GET_LINK_KSETTINGS))
		return -EBUSY;
	err = READ_ONCE(hs->drv_ethtool)->get_link_ksettings(dev, cmd);
	nhs_leave(hs, NHS_ETH_GET_LINK_KSETTINGS);
	return err;
}

static int nhs_set_link_ksettings(struct net_device *dev,
				  const struct ethtool_link_ksettings *cmd)
{
	struct netdev_hotswap *hs = dev->hotswap;
	int err;

	if (!nhs_enter(hs, NHS_ETH_SET_LINK_KSETTINGS))
		return -EBUSY;
	err = READ_ONCE(hs->drv_ethtool)->set_link_ksettings(dev, cmd);
	nhs_leave(hs, NHS_ETH_SET_LINK_KSETTINGS);
	return err;
}

static const struct net_device_ops nhs_ndo_gates = {
	.ndo_open		= nhs_ndo_open,
	.ndo_stop		= nhs_ndo_stop,
	.ndo_start_xmit		= nhs_ndo_start_xmit,
	.ndo_set_rx_mode	= nhs_ndo_set_rx_mode,
	.ndo_set_mac_address	= nhs_ndo_set_mac_address,
	.ndo_eth_ioctl		= nhs_ndo_eth_ioctl,
	.ndo_tx_timeout		= nhs_ndo_tx_timeout,
	.ndo_get_stats64	= nhs_ndo_get_stats64,
	.ndo_set_features	= nhs_ndo_set_features,
#ifdef CONFIG_NET_POLL_CONTROLLER
	.ndo_poll_controller	= nhs_ndo_poll_controller,
#endif
};

static const struct ethtool_ops nhs_ethtool_gates = {
	.get_drvinfo		= nhs_get_drvinfo,
	.get_regs_len		= nhs_get_regs_len,
	.get_regs		= nhs_get_regs,
	.get_wol		= nhs_get_wol,
	.set_wol		= nhs_set_wol,
	.get_msglevel		= nhs_get_msglevel,
	.set_msglevel		= nhs_set_msglevel,
	.nway_reset		= nhs_nway_reset,
	.get_link		= nhs_get_link,
	.get_strings		= nhs_get_strings,
	.get_sset_count		= nhs_get_sset_count,
	.get_ethtool_stats	= nhs_get_ethtool_stats,
	.get_link_ksettings	= nhs_get_link_ksettings,
	.set_link_ksettings	= nhs_set_link_ksettings,
};

/*
 * Build a gate table over @ops, a table of @size bytes whose function
 * pointers start at @first: entries that are the driver's own code are
 * replaced by the gate of the same slot; entries outside the driver
 * (generic helpers such as eth_validate_addr) are kept.  A driver entry
 * without a gate cannot be drained: refuse the driver.
 */
static int nhs_gate_table(void *table, const void *ops, const void *gates,
			  size_t first, size_t size,
			  const struct nhs_driver *drv, const char *what,
			  struct netlink_ext_ack *extack)
{
	const unsigned long *from = ops + first;
	const unsigned long *gate = gates + first;
	unsigned long *to = table + first;
	size_t i, n = (size - first) / sizeof(*to);

	memcpy(table, ops, size);
	for (i = 0; i < n; i++) {
		if (!from[i])
			continue;
		/* A built-in build's code cannot be told from the core's:
		 * gate whatever has a gate.
		 */
		if (drv->owner ? !within_module(from[i], drv->owner) :
				 !gate[i])
			continue;
		if (!gate[i]) {
			NL_SET_ERR_MSG_FMT(extack,
					   "%s: %s entry %pS has no nethotswap gate",
					   nhs_driver_name(drv), what,
					   (void *)from[i]);
			return -EOPNOTSUPP;
		}
		to[i] = gate[i];
	}
	return 0;
}

static int nhs_gate_tables(struct net_device_ops *gate_ndo,
			   struct ethtool_ops *gate_ethtool,
			   const struct nhs_driver *drv,
			   const struct net_device_ops *ndo,
			   const struct ethtool_ops *ethtool,
			   struct netlink_ext_ack *extack)
{
	int err;

	BUILD_BUG_ON(sizeof(*ndo) % sizeof(unsigned long));
	BUILD_BUG_ON((sizeof(*ethtool) -
		      offsetof(struct ethtool_ops, get_drvinfo)) %
		     sizeof(unsigned long));

	err = nhs_gate_table(gate_ndo, ndo, &nhs_ndo_gates, 0, sizeof(*ndo),
			     drv, "netdev op", extack);
	if (err)
		return err;
	return nhs_gate_table(gate_ethtool, ethtool, &nhs_ethtool_gates,
			      offsetof(struct ethtool_ops, get_drvinfo),
			      sizeof(*ethtool), drv, "ethtool op", extack);
}

/**
 * nhs_gate_init - set up the gates of a device for its first build
 * @hs: the device's hotswap state
 * @drv: the build
 * @ndo: its netdev ops
 * @ethtool: its ethtool ops
 *
 * Return: 0, -EOPNOTSUPP for an entry point without a gate, or -ENOMEM.
 */
int nhs_gate_init(struct netdev_hotswap *hs, const struct nhs_driver *drv,
		  const struct net_device_ops *ndo,
		  const struct ethtool_ops *ethtool)
{
	int err;

	err = nhs_gate_tables(&hs->gate_ndo, &hs->gate_ethtool, drv, ndo,
			      ethtool, NULL);
	if (err) {
		pr_err("%s: %s has an entry point without a gate\n",
		       DRV_NAME, nhs_driver_name(drv));
		return err;
	}
	hs->inflight = alloc_percpu(struct nhs_inflight);
	if (!hs->inflight)
		return -ENOMEM;
	hs->drv_ndo = ndo;
	hs->drv_ethtool = ethtool;
	return 0;
}

void nhs_gate_destroy(struct netdev_hotswap *hs)
{
	free_percpu(hs->inflight);
}

/**
 * nhs_gate_check_same - can @drv serve through the device's current gates?
 * @hs: the device's hotswap state
 * @drv: the build that would take over
 * @ndo: its netdev ops
 * @ethtool: its ethtool ops
 * @extack: why not
 *
 * The tables stay in place across a swap (lockless callers may hold a
 * pointer to them), so the new build must implement the same entry points
 * and use the same generic helpers.
 *
 * Return: 0 or a negative errno.
 */
int nhs_gate_check_same(const struct netdev_hotswap *hs,
			const struct nhs_driver *drv,
			const struct net_device_ops *ndo,
			const struct ethtool_ops *ethtool,
			struct netlink_ext_ack *extack)
{
	struct {
		struct net_device_ops ndo;
		struct ethtool_ops ethtool;
	} *t;
	int err;

	t = kmalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	err = nhs_gate_tables(&t->ndo, &t->ethtool, drv, ndo, ethtool, extack);
	if (!err && (memcmp(&t->ndo, &hs->gate_ndo, sizeof(t->ndo)) ||
		     memcmp(&t->ethtool, &hs->gate_ethtool,
			    sizeof(t->ethtool)))) {
		NL_SET_ERR_MSG_FMT(extack,
				   "%s implements other entry points than %s",
				   nhs_driver_name(drv),
				   nhs_driver_name(hs->drv));
		err = -EOPNOTSUPP;
	}
	kfree(t);
	return err;
}

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
 * The gates cover netdev_ops and ethtool_ops.  Any other pointer from the
 * net_device into the build's module could be called with no gate in the
 * way, and would dangle once the module is gone: refuse such a device.
 * Timers, work and NAPI instances of the build are its own state, which
 * freeze() stops and free_priv() releases.
 *
 * Return: 0 or -EOPNOTSUPP.
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
		{ "stat_ops", dev->stat_ops },
		{ "queue_mgmt_ops", dev->queue_mgmt_ops },
		{ "xdp_metadata_ops", dev->xdp_metadata_ops },
		{ "xsk_tx_metadata_ops", dev->xsk_tx_metadata_ops },
		{ "rtnl_link_ops", dev->rtnl_link_ops },
		{ "udp_tunnel_nic_info", dev->udp_tunnel_nic_info },
		{ "device type", dev->dev.type },
		{ "sysfs group", dev->sysfs_groups[1] },
		{ "sysfs group", dev->sysfs_groups[2] },
		{ "sysfs group", dev->sysfs_groups[3] },
		{ "rx queue sysfs group", dev->sysfs_rx_queue_group },
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

/**
 * nhs_gate_install - route the device's entry points through the gates
 * @hs: the device's hotswap state, RTNL held
 *
 * Calls that loaded the driver's own tables before this are not counted:
 * the caller waits for them with synchronize_rcu() and RTNL.
 */
void nhs_gate_install(struct netdev_hotswap *hs)
{
	ASSERT_RTNL();
	WRITE_ONCE(hs->dev->netdev_ops, &hs->gate_ndo);
	WRITE_ONCE(hs->dev->ethtool_ops, &hs->gate_ethtool);
}

/**
 * nhs_gate_remove - give the device the serving build's own tables again
 * @hs: the device's hotswap state, RTNL held, gates open
 *
 * Calls already inside a gate go on to the serving build, through code of
 * this module, which the device's driver depends on.
 */
void nhs_gate_remove(struct netdev_hotswap *hs)
{
	ASSERT_RTNL();
	WRITE_ONCE(hs->dev->netdev_ops, hs->drv_ndo);
	WRITE_ONCE(hs->dev->ethtool_ops, hs->drv_ethtool);
}

static bool nhs_entry_selected(enum nhs_entry e, bool stats)
{
	return (e == NHS_NDO_GET_STATS64) == stats;
}

/* Sum one counter of the selected entry points over all CPUs. */
static unsigned long nhs_gate_sum(struct netdev_hotswap *hs, bool stats,
				  bool leave)
{
	unsigned long sum = 0;
	enum nhs_entry e;
	int cpu;

	for_each_possible_cpu(cpu) {
		const struct nhs_inflight *c = per_cpu_ptr(hs->inflight, cpu);

		for (e = 0; e < NHS_NR_ENTRIES; e++)
			if (nhs_entry_selected(e, stats))
				sum += leave ? READ_ONCE(c->leave[e]) :
					       READ_ONCE(c->enter[e]);
	}
	return sum;
}

/*
 * Are calls that passed the closed gates still inside?  Leaves are summed
 * before enters: a call's leave follows its enter, so every leave seen has
 * its enter seen too, and equal sums mean every call seen entering has
 * left.  The caller made sure every call that passed the gate is seen
 * entering.
 */
static unsigned long nhs_gate_busy(struct netdev_hotswap *hs, bool stats)
{
	unsigned long left = nhs_gate_sum(hs, stats, true);

	/* Pairs with the barriers in nhs_enter() and nhs_leave(). */
	smp_mb();
	return nhs_gate_sum(hs, stats, false) - left;
}

/* For the error message only: the entry point with the most calls inside. */
static enum nhs_entry nhs_gate_busiest(struct netdev_hotswap *hs, bool stats)
{
	enum nhs_entry e, busiest = 0;
	long most = 0;
	int cpu;

	for (e = 0; e < NHS_NR_ENTRIES; e++) {
		long n = 0;

		if (!nhs_entry_selected(e, stats))
			continue;
		for_each_possible_cpu(cpu) {
			const struct nhs_inflight *c =
				per_cpu_ptr(hs->inflight, cpu);

			n += READ_ONCE(c->enter[e]) - READ_ONCE(c->leave[e]);
		}
		if (n > most) {
			most = n;
			busiest = e;
		}
	}
	return busiest;
}

/*
 * How long a drain waits for calls without giving up its CPU.  Calls
 * inside a gate run on other CPUs, in atomic context but for statistics
 * readers, and leave within microseconds: yielding to whichever task
 * waits for this CPU would add that task's run, up to a scheduler tick,
 * to the blackout.  A statistics reader preempted in its RCU read-side
 * section, though, may need this CPU to finish.
 */
#define NHS_DRAIN_SPIN_NS	(100 * NSEC_PER_USEC)

/* Wait until calls that passed the gate have left, until @deadline. */
static int nhs_gate_drain(struct netdev_hotswap *hs, bool stats,
			  unsigned long deadline, struct netlink_ext_ack *extack)
{
	u64 spin_end = ktime_get_ns() + NHS_DRAIN_SPIN_NS;
	unsigned long busy;

	/* Pairs with the barrier in nhs_enter(): either a caller sees the
	 * gate closed, or its enter is visible to the scans below.
	 */
	smp_mb();
	while ((busy = nhs_gate_busy(hs, stats))) {
		if (time_after(jiffies, deadline)) {
			NL_SET_ERR_MSG_FMT(extack,
					   "old driver still in use: %lu call(s) in progress, in %s",
					   busy,
					   nhs_entry_names[nhs_gate_busiest(hs, stats)]);
			return -ETIMEDOUT;
		}
		if (ktime_get_ns() > spin_end)
			cond_resched();
		cpu_relax();
	}
	/* The drained calls' accesses happen before what the caller does. */
	smp_mb();
	return 0;
}

/**
 * nhs_gate_close - refuse new calls except statistics, wait for the rest
 * @hs: the device's hotswap state, gates installed, RTNL held
 * @deadline: in jiffies
 * @extack: what was still busy at the deadline
 *
 * Return: 0, or -ETIMEDOUT with the gates open again.
 */
int nhs_gate_close(struct netdev_hotswap *hs, unsigned long deadline,
		   struct netlink_ext_ack *extack)
{
	int err;

	ASSERT_RTNL();
	WRITE_ONCE(hs->closed, true);
	err = nhs_gate_drain(hs, false, deadline, extack);
	if (err)	/* pairs with the acquire in nhs_enter() */
		smp_store_release(&hs->closed, false);
	return err;
}

/**
 * nhs_gate_close_stats - answer statistics from the old build's last values
 * @hs: the device's hotswap state, other gates closed, old build frozen
 * @deadline: in jiffies
 * @extack: what was still busy at the deadline
 *
 * Statistics readers are served by the old build until it is frozen, so
 * the counters they see never go backwards.
 *
 * Return: 0, or -ETIMEDOUT with the statistics gate open again.
 */
int nhs_gate_close_stats(struct netdev_hotswap *hs, unsigned long deadline,
			 struct netlink_ext_ack *extack)
{
	int err;

	hs->drv_ndo->ndo_get_stats64(hs->dev, &hs->frozen_stats);
	/* Readers that find the gate closed copy frozen_stats. */
	smp_store_release(&hs->stats_closed, true);
	err = nhs_gate_drain(hs, true, deadline, extack);
	if (err)	/* pairs with the acquire in nhs_enter() */
		smp_store_release(&hs->stats_closed, false);
	return err;
}

/**
 * nhs_gate_open - let calls through again, to whichever build now serves
 * @hs: the device's hotswap state
 *
 * Release: a caller that finds a gate open reads the ops, and through
 * them the state, of the build that serves now.
 */
void nhs_gate_open(struct netdev_hotswap *hs)
{
	/* pairs with the acquire in nhs_enter() */
	smp_store_release(&hs->stats_closed, false);
	/* likewise */
	smp_store_release(&hs->closed, false);
}
