// SPDX-License-Identifier: GPL-2.0
/*
 * Gates around a hotswap-capable driver's entry points.
 *
 * dev->netdev_ops and dev->ethtool_ops point at per-device tables whose
 * driver entries are replaced by the gates below.  A gate counts the call
 * in a per-CPU counter and forwards it to the serving build.  The counting
 * costs a patched-out jump while no swap is pending anywhere (nhs_armed);
 * while one is, it is a per-CPU increment, a full barrier and a flag test,
 * never an atomic operation on a shared cache line.
 *
 * Calls that began before the key was armed were not counted.  They run in
 * RCU read-side sections (softirq, BH-disabled or rcu_read_lock()) or under
 * RTNL: the swap arms the key, waits for a grace period and takes RTNL
 * before it relies on the counters.
 */

#include <linux/cpumask.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/rtnetlink.h>
#include <linux/sched.h>
#include <net/netlink.h>

#include "hotswap.h"

DEFINE_STATIC_KEY_FALSE(nhs_armed);

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
 * driver.  *counted tells nhs_leave() whether to drop a count.
 */
static __always_inline bool nhs_enter(struct netdev_hotswap *hs,
				      enum nhs_entry entry, bool *counted)
{
	bool closed;

	*counted = false;
	if (!static_branch_unlikely(&nhs_armed))
		return true;

	this_cpu_inc(hs->inflight->count[entry]);
	/* Publish the count before testing the gate; pairs with the
	 * barrier in nhs_gate_drain() between closing and summing.
	 */
	smp_mb();
	if (entry == NHS_NDO_GET_STATS64)
		closed = READ_ONCE(hs->stats_closed);
	else
		closed = READ_ONCE(hs->closed);
	if (unlikely(closed)) {
		this_cpu_dec(hs->inflight->count[entry]);
		return false;
	}
	*counted = true;
	return true;
}

static __always_inline void nhs_leave(struct netdev_hotswap *hs,
				      enum nhs_entry entry, bool counted)
{
	if (!counted)
		return;
	/* The driver's accesses complete before the count drops. */
	smp_mb();
	this_cpu_dec(hs->inflight->count[entry]);
}

/* Entry points called under RTNL cannot meet a closed gate today (the swap
 * holds RTNL while the gates are closed); they fail with -EBUSY if the
 * core ever calls them without it.
 */

static int nhs_ndo_open(struct net_device *dev)
{
	struct netdev_hotswap *hs = dev->hotswap;
	bool counted;
	int err;

	if (!nhs_enter(hs, NHS_NDO_OPEN, &counted))
		return -EBUSY;
	err = hs->drv_ndo->ndo_open(dev);
	nhs_leave(hs, NHS_NDO_OPEN, counted);
	return err;
}

static int nhs_ndo_stop(struct net_device *dev)
{
	struct netdev_hotswap *hs = dev->hotswap;
	bool counted;
	int err;

	if (!nhs_enter(hs, NHS_NDO_STOP, &counted))
		return -EBUSY;
	err = hs->drv_ndo->ndo_stop(dev);
	nhs_leave(hs, NHS_NDO_STOP, counted);
	return err;
}

/* A refused frame stays with the caller: the qdisc requeues it. */
static netdev_tx_t nhs_ndo_start_xmit(struct sk_buff *skb,
				      struct net_device *dev)
{
	struct netdev_hotswap *hs = dev->hotswap;
	netdev_tx_t ret;
	bool counted;

	if (!nhs_enter(hs, NHS_NDO_START_XMIT, &counted))
		return NETDEV_TX_BUSY;
	ret = hs->drv_ndo->ndo_start_xmit(skb, dev);
	nhs_leave(hs, NHS_NDO_START_XMIT, counted);
	return ret;
}

/* The address lists are already updated; the new build programs them. */
static void nhs_ndo_set_rx_mode(struct net_device *dev)
{
	struct netdev_hotswap *hs = dev->hotswap;
	bool counted;

	if (!nhs_enter(hs, NHS_NDO_SET_RX_MODE, &counted)) {
		WRITE_ONCE(hs->rx_mode_deferred, true);
		return;
	}
	hs->drv_ndo->ndo_set_rx_mode(dev);
	nhs_leave(hs, NHS_NDO_SET_RX_MODE, counted);
}

static int nhs_ndo_set_mac_address(struct net_device *dev, void *addr)
{
	struct netdev_hotswap *hs = dev->hotswap;
	bool counted;
	int err;

	if (!nhs_enter(hs, NHS_NDO_SET_MAC_ADDRESS, &counted))
		return -EBUSY;
	err = hs->drv_ndo->ndo_set_mac_address(dev, addr);
	nhs_leave(hs, NHS_NDO_SET_MAC_ADDRESS, counted);
	return err;
}

static int nhs_ndo_eth_ioctl(struct net_device *dev, struct ifreq *ifr,
			     int cmd)
{
	struct netdev_hotswap *hs = dev->hotswap;
	bool counted;
	int err;

	if (!nhs_enter(hs, NHS_NDO_ETH_IOCTL, &counted))
		return -EBUSY;
	err = hs->drv_ndo->ndo_eth_ioctl(dev, ifr, cmd);
	nhs_leave(hs, NHS_NDO_ETH_IOCTL, counted);
	return err;
}

/* The watchdog fires again if TX is still stuck once the new build runs. */
static void nhs_ndo_tx_timeout(struct net_device *dev, unsigned int txqueue)
{
	struct netdev_hotswap *hs = dev->hotswap;
	bool counted;

	if (!nhs_enter(hs, NHS_NDO_TX_TIMEOUT, &counted))
		return;
	hs->drv_ndo->ndo_tx_timeout(dev, txqueue);
	nhs_leave(hs, NHS_NDO_TX_TIMEOUT, counted);
}

/* Readers in the blackout get the old build's final counters. */
static void nhs_ndo_get_stats64(struct net_device *dev,
				struct rtnl_link_stats64 *stats)
{
	struct netdev_hotswap *hs = dev->hotswap;
	bool counted;

	if (!nhs_enter(hs, NHS_NDO_GET_STATS64, &counted)) {
		*stats = hs->frozen_stats;
		return;
	}
	hs->drv_ndo->ndo_get_stats64(dev, stats);
	nhs_leave(hs, NHS_NDO_GET_STATS64, counted);
}

static int nhs_ndo_set_features(struct net_device *dev,
				netdev_features_t features)
{
	struct netdev_hotswap *hs = dev->hotswap;
	bool counted;
	int err;

	if (!nhs_enter(hs, NHS_NDO_SET_FEATURES, &counted))
		return -EBUSY;
	err = hs->drv_ndo->ndo_set_features(dev, features);
	nhs_leave(hs, NHS_NDO_SET_FEATURES, counted);
	return err;
}

#ifdef CONFIG_NET_POLL_CONTROLLER
/* netpoll, possibly with interrupts off: nothing to poll while frozen. */
static void nhs_ndo_poll_controller(struct net_device *dev)
{
	struct netdev_hotswap *hs = dev->hotswap;
	bool counted;

	if (!nhs_enter(hs, NHS_NDO_POLL_CONTROLLER, &counted))
		return;
	hs->drv_ndo->ndo_poll_controller(dev);
	nhs_leave(hs, NHS_NDO_POLL_CONTROLLER, counted);
}
#endif

static void nhs_get_drvinfo(struct net_device *dev,
			    struct ethtool_drvinfo *info)
{
	struct netdev_hotswap *hs = dev->hotswap;
	bool counted;

	if (!nhs_enter(hs, NHS_ETH_GET_DRVINFO, &counted))
		return;
	hs->drv_ethtool->get_drvinfo(dev, info);
	nhs_leave(hs, NHS_ETH_GET_DRVINFO, counted);
}

static int nhs_get_regs_len(struct net_device *dev)
{
	struct netdev_hotswap *hs = dev->hotswap;
	bool counted;
	int len;

	if (!nhs_enter(hs, NHS_ETH_GET_REGS_LEN, &counted))
		return -EBUSY;
	len = hs->drv_ethtool->get_regs_len(dev);
	nhs_leave(hs, NHS_ETH_GET_REGS_LEN, counted);
	return len;
}

static void nhs_get_regs(struct net_device *dev, struct ethtool_regs *regs,
			 void *p)
{
	struct netdev_hotswap *hs = dev->hotswap;
	bool counted;

	if (!nhs_enter(hs, NHS_ETH_GET_REGS, &counted))
		return;
	hs->drv_ethtool->get_regs(dev, regs, p);
	nhs_leave(hs, NHS_ETH_GET_REGS, counted);
}

static void nhs_get_wol(struct net_device *dev, struct ethtool_wolinfo *wol)
{
	struct netdev_hotswap *hs = dev->hotswap;
	bool counted;

	if (!nhs_enter(hs, NHS_ETH_GET_WOL, &counted))
		return;
	hs->drv_ethtool->get_wol(dev, wol);
	nhs_leave(hs, NHS_ETH_GET_WOL, counted);
}

static int nhs_set_wol(struct net_device *dev, struct ethtool_wolinfo *wol)
{
	struct netdev_hotswap *hs = dev->hotswap;
	bool counted;
	int err;

	if (!nhs_enter(hs, NHS_ETH_SET_WOL, &counted))
		return -EBUSY;
	err = hs->drv_ethtool->set_wol(dev, wol);
	nhs_leave(hs, NHS_ETH_SET_WOL, counted);
	return err;
}

static u32 nhs_get_msglevel(struct net_device *dev)
{
	struct netdev_hotswap *hs = dev->hotswap;
	bool counted;
	u32 level;

	if (!nhs_enter(hs, NHS_ETH_GET_MSGLEVEL, &counted))
		return 0;
	level = hs->drv_ethtool->get_msglevel(dev);
	nhs_leave(hs, NHS_ETH_GET_MSGLEVEL, counted);
	return level;
}

static void nhs_set_msglevel(struct net_device *dev, u32 level)
{
	struct netdev_hotswap *hs = dev->hotswap;
	bool counted;

	if (!nhs_enter(hs, NHS_ETH_SET_MSGLEVEL, &counted))
		return;
	hs->drv_ethtool->set_msglevel(dev, level);
	nhs_leave(hs, NHS_ETH_SET_MSGLEVEL, counted);
}

static int nhs_nway_reset(struct net_device *dev)
{
	struct netdev_hotswap *hs = dev->hotswap;
	bool counted;
	int err;

	if (!nhs_enter(hs, NHS_ETH_NWAY_RESET, &counted))
		return -EBUSY;
	err = hs->drv_ethtool->nway_reset(dev);
	nhs_leave(hs, NHS_ETH_NWAY_RESET, counted);
	return err;
}

static u32 nhs_get_link(struct net_device *dev)
{
	struct netdev_hotswap *hs = dev->hotswap;
	bool counted;
	u32 link;

	if (!nhs_enter(hs, NHS_ETH_GET_LINK, &counted))
		return netif_carrier_ok(dev);
	link = hs->drv_ethtool->get_link(dev);
	nhs_leave(hs, NHS_ETH_GET_LINK, counted);
	return link;
}

static void nhs_get_strings(struct net_device *dev, u32 sset, u8 *data)
{
	struct netdev_hotswap *hs = dev->hotswap;
	bool counted;

	if (!nhs_enter(hs, NHS_ETH_GET_STRINGS, &counted))
		return;
	hs->drv_ethtool->get_strings(dev, sset, data);
	nhs_leave(hs, NHS_ETH_GET_STRINGS, counted);
}

static int nhs_get_sset_count(struct net_device *dev, int sset)
{
	struct netdev_hotswap *hs = dev->hotswap;
	bool counted;
	int count;

	if (!nhs_enter(hs, NHS_ETH_GET_SSET_COUNT, &counted))
		return -EBUSY;
	count = hs->drv_ethtool->get_sset_count(dev, sset);
	nhs_leave(hs, NHS_ETH_GET_SSET_COUNT, counted);
	return count;
}

static void nhs_get_ethtool_stats(struct net_device *dev,
				  struct ethtool_stats *stats, u64 *data)
{
	struct netdev_hotswap *hs = dev->hotswap;
	bool counted;

	if (!nhs_enter(hs, NHS_ETH_GET_ETHTOOL_STATS, &counted))
		return;
	hs->drv_ethtool->get_ethtool_stats(dev, stats, data);
	nhs_leave(hs, NHS_ETH_GET_ETHTOOL_STATS, counted);
}

static int nhs_get_link_ksettings(struct net_device *dev,
				  struct ethtool_link_ksettings *cmd)
{
	struct netdev_hotswap *hs = dev->hotswap;
	bool counted;
	int err;

	if (!nhs_enter(hs, NHS_ETH_GET_LINK_KSETTINGS, &counted))
		return -EBUSY;
	err = hs->drv_ethtool->get_link_ksettings(dev, cmd);
	nhs_leave(hs, NHS_ETH_GET_LINK_KSETTINGS, counted);
	return err;
}

static int nhs_set_link_ksettings(struct net_device *dev,
				  const struct ethtool_link_ksettings *cmd)
{
	struct netdev_hotswap *hs = dev->hotswap;
	bool counted;
	int err;

	if (!nhs_enter(hs, NHS_ETH_SET_LINK_KSETTINGS, &counted))
		return -EBUSY;
	err = hs->drv_ethtool->set_link_ksettings(dev, cmd);
	nhs_leave(hs, NHS_ETH_SET_LINK_KSETTINGS, counted);
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
		if (!from[i] || !within_module(from[i], drv->owner))
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

/* Start counting.  Callers that entered uncounted are RCU readers or hold
 * RTNL; the caller waits for them with synchronize_rcu() and rtnl_lock().
 */
void nhs_gate_arm(void)
{
	static_branch_inc(&nhs_armed);
}

void nhs_gate_disarm(void)
{
	static_branch_dec(&nhs_armed);
}

/* Calls in progress in the statistics gate, or in all the others. */
static unsigned long nhs_gate_busy(struct netdev_hotswap *hs, bool stats,
				   enum nhs_entry *busiest)
{
	unsigned long total = 0, n;
	enum nhs_entry e;
	int cpu;

	for (e = 0; e < NHS_NR_ENTRIES; e++) {
		bool is_stats = e == NHS_NDO_GET_STATS64;

		if (is_stats != stats)
			continue;
		n = 0;
		for_each_possible_cpu(cpu)
			n += per_cpu_ptr(hs->inflight, cpu)->count[e];
		if (n && !total)
			*busiest = e;
		total += n;
	}
	return total;
}

static int nhs_gate_drain(struct netdev_hotswap *hs, bool stats,
			  unsigned long deadline, struct netlink_ext_ack *extack)
{
	enum nhs_entry busiest = 0;
	unsigned long busy;

	/* Pairs with the barrier in nhs_enter(): either a caller sees the
	 * gate closed, or its count is visible to the sums below.
	 */
	smp_mb();
	while ((busy = nhs_gate_busy(hs, stats, &busiest))) {
		if (time_after(jiffies, deadline)) {
			NL_SET_ERR_MSG_FMT(extack,
					   "old driver still in use: %lu call(s) in progress, in %s",
					   busy, nhs_entry_names[busiest]);
			return -ETIMEDOUT;
		}
		cond_resched();
	}
	/* The drained calls' accesses happen before what the caller does. */
	smp_mb();
	return 0;
}

/**
 * nhs_gate_close - refuse new calls except statistics, wait for the rest
 * @hs: the device's hotswap state, gates armed, RTNL held
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
	if (err)
		WRITE_ONCE(hs->closed, false);
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
	smp_wmb();
	WRITE_ONCE(hs->stats_closed, true);
	err = nhs_gate_drain(hs, true, deadline, extack);
	if (err)
		WRITE_ONCE(hs->stats_closed, false);
	return err;
}

/**
 * nhs_gate_open - let calls through again, to whichever build now serves
 * @hs: the device's hotswap state
 */
void nhs_gate_open(struct netdev_hotswap *hs)
{
	/* The new build's state is complete before any call reaches it. */
	smp_mb();
	WRITE_ONCE(hs->stats_closed, false);
	WRITE_ONCE(hs->closed, false);
}
