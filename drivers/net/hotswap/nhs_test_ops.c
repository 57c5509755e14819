// SPDX-License-Identifier: GPL-2.0
/*
 * A hotswap-capable driver that implements every entry point of struct
 * net_device_ops and struct ethtool_ops, for the selftests: netdevsim's
 * role for nethotswap.  It proves that a driver opts in through the
 * contract alone, whatever entry points it has, and lets the tests call
 * entry points no real NIC of the VM implements (set_phys_id, ...).
 *
 * It drives the platform devices "nhs_test_ops.N" that nhs_test_ops_dev
 * creates, one Ethernet device "nhso%d" each, which counts what it sends
 * and drops it.  Two builds share its family: nhs_test_ops and
 * nhs_test_ops_v2 (NHS_TEST_OPS_GENERATION 2, another private layout).
 * Every entry point counts its calls in the private state, handed over
 * across swaps; "ethtool -S" shows the counts.  With devres=1, probe
 * allocates device-managed memory, which the core must refuse to swap;
 * save_delay_ms holds a blackout open, gates closed, for the tests to
 * call entry points into it; stats_delay_ms keeps statistics readers
 * inside their gate.
 */

#include <linux/delay.h>
#include <linux/device.h>
#include <linux/etherdevice.h>
#include <linux/mod_devicetable.h>
#include <linux/ethtool.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/nethotswap.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

#ifndef NHS_TEST_OPS_GENERATION
#define NHS_TEST_OPS_GENERATION	1
#endif

static bool devres;
module_param(devres, bool, 0444);
MODULE_PARM_DESC(devres, "probe allocates device-managed memory");

static unsigned int stats_delay_ms;
module_param(stats_delay_ms, uint, 0644);
MODULE_PARM_DESC(stats_delay_ms,
		 "statistics readers spin this long in ndo_get_stats64 unless frozen");

static unsigned int save_delay_ms;
module_param(save_delay_ms, uint, 0644);
MODULE_PARM_DESC(save_delay_ms,
		 "save() sleeps this long: the blackout, gates closed, lasts as long");

#define FX_ENUM_R(name, class, ret, dev, closed, params, args)	FX_##name,
#define FX_ENUM_V(name, class, dev, closed, params, args)	FX_##name,

enum fx_entry {
	NHS_NETDEV_ENTRIES(FX_ENUM_R, FX_ENUM_V)
	NHS_ETHTOOL_ENTRIES(FX_ENUM_R, FX_ENUM_V)
	FX_NR_ENTRIES,
};

#define FX_NAME_R(name, class, ret, dev, closed, params, args)	#name,
#define FX_NAME_V(name, class, dev, closed, params, args)	#name,

static const char * const fx_entry_names[FX_NR_ENTRIES] = {
	NHS_NETDEV_ENTRIES(FX_NAME_R, FX_NAME_V)
	NHS_ETHTOOL_ENTRIES(FX_NAME_R, FX_NAME_V)
};

/* What a build hands to the next, layout version 1 */
struct fx_state {
	u64 tx_packets;
	u64 tx_bytes;
	u32 msglevel;
	u32 pad;
	u64 calls[FX_NR_ENTRIES];
};

/* The private state, whose layout differs between the generations */
struct fx_priv {
#if NHS_TEST_OPS_GENERATION == 2
	u32 msglevel;
	atomic64_t calls[FX_NR_ENTRIES];
	u64_stats_t tx_packets;
	u64_stats_t tx_bytes;
	struct u64_stats_sync syncp;
	bool frozen;
	u32 generation;
#else
	u32 generation;
	u64_stats_t tx_packets;
	u64_stats_t tx_bytes;
	atomic64_t calls[FX_NR_ENTRIES];
	u32 msglevel;
	struct u64_stats_sync syncp;
	bool frozen;
#endif
};

/* The net_device's private area holds a pointer to the state, which a
 * handover replaces; acquire pairs with the release in fx_handover().
 */
static struct fx_priv **fx_slot(const struct net_device *dev)
{
	return netdev_priv(dev);
}

static struct fx_priv *fx_priv(const struct net_device *dev)
{
	return smp_load_acquire(fx_slot(dev));
}

static void fx_count(const struct net_device *dev, enum fx_entry e)
{
	atomic64_inc(&fx_priv(dev)->calls[e]);
}

/*
 * Every entry point has a stub that counts the call and answers 0, NULL
 * or nothing.  Entry points where that answer would mislead the stack
 * (open, transmit, statistics, identifiers, ...) have an implementation
 * of their own, fx_own_<name>, and FX_OWN_<name> defined to 1; the ops
 * tables pick it over the stub.
 */
#define FX_STUB_R(name, class, ret, devx, closed, params, args)	\
static __maybe_unused ret fx_stub_##name params			\
{									\
	fx_count(devx, FX_##name);					\
	return (ret)0;							\
}
#define FX_STUB_V(name, class, devx, closed, params, args)		\
static __maybe_unused void fx_stub_##name params			\
{									\
	fx_count(devx, FX_##name);					\
}
NHS_NETDEV_ENTRIES(FX_STUB_R, FX_STUB_V)
NHS_ETHTOOL_ENTRIES(FX_STUB_R, FX_STUB_V)

#define FX_OWN_ndo_open			1
static int fx_own_ndo_open(struct net_device *dev)
{
	fx_count(dev, FX_ndo_open);
	netif_carrier_on(dev);
	return 0;
}

#define FX_OWN_ndo_stop			1
static int fx_own_ndo_stop(struct net_device *dev)
{
	fx_count(dev, FX_ndo_stop);
	netif_carrier_off(dev);
	return 0;
}

#define FX_OWN_ndo_start_xmit		1
static netdev_tx_t fx_own_ndo_start_xmit(struct sk_buff *skb,
					 struct net_device *dev)
{
	struct fx_priv *p = fx_priv(dev);

	atomic64_inc(&p->calls[FX_ndo_start_xmit]);
	u64_stats_update_begin(&p->syncp);
	u64_stats_inc(&p->tx_packets);
	u64_stats_add(&p->tx_bytes, skb->len);
	u64_stats_update_end(&p->syncp);
	dev_kfree_skb_any(skb);
	return NETDEV_TX_OK;
}

#define FX_OWN_ndo_get_stats64		1
static void fx_own_ndo_get_stats64(struct net_device *dev,
				   struct rtnl_link_stats64 *stats)
{
	struct fx_priv *p = fx_priv(dev);
	unsigned int start;

	atomic64_inc(&p->calls[FX_ndo_get_stats64]);
	/* A reader that stays inside the statistics gate, as one preempted
	 * there would; not the swap's own snapshot, taken frozen.
	 */
	if (stats_delay_ms && !p->frozen)
		mdelay(stats_delay_ms);
	do {
		start = u64_stats_fetch_begin(&p->syncp);
		stats->tx_packets = u64_stats_read(&p->tx_packets);
		stats->tx_bytes = u64_stats_read(&p->tx_bytes);
	} while (u64_stats_fetch_retry(&p->syncp, start));
}

#define FX_OWN_ndo_get_stats		1
static struct net_device_stats *fx_own_ndo_get_stats(struct net_device *dev)
{
	fx_count(dev, FX_ndo_get_stats);
	return &dev->stats;
}

#define FX_OWN_ndo_validate_addr	1
static int fx_own_ndo_validate_addr(struct net_device *dev)
{
	fx_count(dev, FX_ndo_validate_addr);
	return eth_validate_addr(dev);
}

#define FX_OWN_ndo_set_mac_address	1
static int fx_own_ndo_set_mac_address(struct net_device *dev, void *addr)
{
	fx_count(dev, FX_ndo_set_mac_address);
	return eth_mac_addr(dev, addr);
}

#define FX_OWN_ndo_change_mtu		1
static int fx_own_ndo_change_mtu(struct net_device *dev, int new_mtu)
{
	fx_count(dev, FX_ndo_change_mtu);
	WRITE_ONCE(dev->mtu, new_mtu);
	return 0;
}

#define FX_OWN_ndo_features_check	1
static netdev_features_t fx_own_ndo_features_check(struct sk_buff *skb,
						   struct net_device *dev,
						   netdev_features_t features)
{
	fx_count(dev, FX_ndo_features_check);
	return features;
}

#define FX_OWN_ndo_fix_features		1
static netdev_features_t fx_own_ndo_fix_features(struct net_device *dev,
						 netdev_features_t features)
{
	fx_count(dev, FX_ndo_fix_features);
	return features;
}

#define FX_OWN_ndo_get_iflink		1
static int fx_own_ndo_get_iflink(const struct net_device *dev)
{
	fx_count(dev, FX_ndo_get_iflink);
	return READ_ONCE(dev->ifindex);
}

/* Identifiers, offloads and paths it does not have */
#define FX_UNSUPPORTED(name, params, devx)				\
static int fx_own_##name params						\
{									\
	fx_count(devx, FX_##name);					\
	return -EOPNOTSUPP;						\
}

#define FX_OWN_ndo_get_phys_port_id	1
FX_UNSUPPORTED(ndo_get_phys_port_id,
	       (struct net_device *dev, struct netdev_phys_item_id *ppid), dev)
#define FX_OWN_ndo_get_port_parent_id	1
FX_UNSUPPORTED(ndo_get_port_parent_id,
	       (struct net_device *dev, struct netdev_phys_item_id *ppid), dev)
#define FX_OWN_ndo_get_phys_port_name	1
FX_UNSUPPORTED(ndo_get_phys_port_name,
	       (struct net_device *dev, char *name, size_t len), dev)
#define FX_OWN_ndo_fill_forward_path	1
FX_UNSUPPORTED(ndo_fill_forward_path,
	       (struct net_device_path_ctx *ctx, struct net_device_path *path),
	       ctx->dev)
#define FX_OWN_ndo_setup_tc		1
FX_UNSUPPORTED(ndo_setup_tc,
	       (struct net_device *dev, enum tc_setup_type type,
		void *type_data), dev)
#define FX_OWN_ndo_bpf			1
FX_UNSUPPORTED(ndo_bpf, (struct net_device *dev, struct netdev_bpf *bpf), dev)
#define FX_OWN_get_link_ext_state	1
FX_UNSUPPORTED(get_link_ext_state,
	       (struct net_device *dev,
		struct ethtool_link_ext_state_info *info), dev)

#define FX_OWN_ndo_dfwd_add_station	1
static void *fx_own_ndo_dfwd_add_station(struct net_device *pdev,
					 struct net_device *dev)
{
	fx_count(pdev, FX_ndo_dfwd_add_station);
	return ERR_PTR(-EOPNOTSUPP);
}

#define FX_OWN_get_drvinfo		1
static void fx_own_get_drvinfo(struct net_device *dev,
			       struct ethtool_drvinfo *info)
{
	fx_count(dev, FX_get_drvinfo);
	strscpy(info->driver, KBUILD_MODNAME, sizeof(info->driver));
	snprintf(info->version, sizeof(info->version), "%d",
		 NHS_TEST_OPS_GENERATION);
}

#define FX_OWN_get_msglevel		1
static u32 fx_own_get_msglevel(struct net_device *dev)
{
	fx_count(dev, FX_get_msglevel);
	return fx_priv(dev)->msglevel;
}

#define FX_OWN_set_msglevel		1
static void fx_own_set_msglevel(struct net_device *dev, u32 level)
{
	fx_count(dev, FX_set_msglevel);
	fx_priv(dev)->msglevel = level;
}

#define FX_OWN_get_link			1
static u32 fx_own_get_link(struct net_device *dev)
{
	fx_count(dev, FX_get_link);
	return netif_carrier_ok(dev);
}

/* Blink at 1 Hz: ethtool calls set_phys_id(ON/OFF) twice a second. */
#define FX_OWN_set_phys_id		1
static int fx_own_set_phys_id(struct net_device *dev,
			      enum ethtool_phys_id_state state)
{
	fx_count(dev, FX_set_phys_id);
	return state == ETHTOOL_ID_ACTIVE ? 1 : 0;
}

/* "ethtool -S": the calls of each entry point */
#define FX_OWN_get_sset_count		1
static int fx_own_get_sset_count(struct net_device *dev, int sset)
{
	fx_count(dev, FX_get_sset_count);
	return sset == ETH_SS_STATS ? FX_NR_ENTRIES : -EOPNOTSUPP;
}

#define FX_OWN_get_strings		1
static void fx_own_get_strings(struct net_device *dev, u32 sset, u8 *data)
{
	enum fx_entry e;

	fx_count(dev, FX_get_strings);
	if (sset != ETH_SS_STATS)
		return;
	for (e = 0; e < FX_NR_ENTRIES; e++)
		ethtool_puts(&data, fx_entry_names[e]);
}

#define FX_OWN_get_ethtool_stats	1
static void fx_own_get_ethtool_stats(struct net_device *dev,
				     struct ethtool_stats *stats, u64 *data)
{
	struct fx_priv *p = fx_priv(dev);
	enum fx_entry e;

	atomic64_inc(&p->calls[FX_get_ethtool_stats]);
	for (e = 0; e < FX_NR_ENTRIES; e++)
		data[e] = atomic64_read(&p->calls[e]);
}

#define FX_OWN_get_rmon_stats		1
static void fx_own_get_rmon_stats(struct net_device *dev,
				  struct ethtool_rmon_stats *stats,
				  const struct ethtool_rmon_hist_range **ranges)
{
	static const struct ethtool_rmon_hist_range no_ranges[] = { {} };

	fx_count(dev, FX_get_rmon_stats);
	*ranges = no_ranges;
}

/* fx_own_<name> where FX_OWN_<name> is 1, else fx_stub_<name> */
#define FX_ARG_1			0,
#define FX_PICK(name)			FX_PICK_(FX_OWN_##name, name)
#define FX_PICK_(own, name)		FX_PICK__(own, name)
#define FX_PICK__(own, name)						\
	FX_PICK___(FX_ARG_##own fx_own_##name, fx_stub_##name)
#define FX_PICK___(arg_or_junk, stub)	__take_second_arg(arg_or_junk, stub)

/* The lists NHS_NETDEV_OPS() and NHS_ETHTOOL_OPS() take, of every entry */
#define FX_NHS_OP_DIRECT_R(name, ...)	NHS_OP_DIRECT(name, FX_PICK(name))
#define FX_NHS_OP_DIRECT_V(name, ...)	NHS_OP_DIRECT(name, FX_PICK(name))
#define FX_NHS_OP_GATED_R(name, ...)	NHS_OP_GATED(name, FX_PICK(name))
#define FX_NHS_OP_GATED_V(name, ...)	NHS_OP_GATED(name, FX_PICK(name))
#define FX_NETDEV_OPS(op)		NHS_NETDEV_ENTRIES(FX_##op##_R, FX_##op##_V)
#define FX_ETHTOOL_OPS(op, value)					\
	NHS_ETHTOOL_ENTRIES(FX_##op##_R, FX_##op##_V)			\
	value(supported_coalesce_params, ETHTOOL_COALESCE_USECS)

NHS_NETDEV_OPS(fx_netdev_ops, FX_NETDEV_OPS);
NHS_ETHTOOL_OPS(fx_ethtool_ops, FX_ETHTOOL_OPS);

static void *fx_alloc_priv(struct net_device *dev)
{
	struct fx_priv *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return ERR_PTR(-ENOMEM);
	p->generation = NHS_TEST_OPS_GENERATION;
	u64_stats_init(&p->syncp);
	return p;
}

static void fx_free_priv(struct net_device *dev, void *priv)
{
	kfree(priv);
}

/* Nothing of its own runs: no interrupts, NAPI, timers or work. */
static int fx_freeze(struct net_device *dev, struct netlink_ext_ack *extack)
{
	fx_priv(dev)->frozen = true;
	return 0;
}

static void fx_thaw(struct net_device *dev)
{
	fx_priv(dev)->frozen = false;
}

static void fx_save(struct net_device *dev, struct nhs_state *state)
{
	struct fx_state *s = (struct fx_state *)state->data;
	struct fx_priv *p = fx_priv(dev);
	enum fx_entry e;

	if (save_delay_ms)
		msleep(save_delay_ms);
	state->version = 1;
	state->compat_version = 1;
	state->size = sizeof(*s);
	s->tx_packets = u64_stats_read(&p->tx_packets);
	s->tx_bytes = u64_stats_read(&p->tx_bytes);
	s->msglevel = p->msglevel;
	for (e = 0; e < FX_NR_ENTRIES; e++)
		s->calls[e] = atomic64_read(&p->calls[e]);
}

static int fx_handover(struct net_device *dev, const struct nhs_state *state,
		       void *incoming, void **outgoing,
		       struct netlink_ext_ack *extack)
{
	const struct fx_state *s = (const struct fx_state *)state->data;
	struct fx_priv *p = incoming;
	enum fx_entry e;

	if (state->size < sizeof(*s)) {
		NL_SET_ERR_MSG_FMT(extack, "state of %u bytes, %zu expected",
				   state->size, sizeof(*s));
		return -EPROTO;
	}
	u64_stats_set(&p->tx_packets, s->tx_packets);
	u64_stats_set(&p->tx_bytes, s->tx_bytes);
	p->msglevel = s->msglevel;
	for (e = 0; e < FX_NR_ENTRIES; e++)
		atomic64_set(&p->calls[e], s->calls[e]);
	p->frozen = true;
	*outgoing = *fx_slot(dev);
	/* pairs with the acquire in fx_priv() */
	smp_store_release(fx_slot(dev), p);
	return 0;
}

static const struct nhs_driver_ops fx_hotswap_ops = {
	.alloc_priv	= fx_alloc_priv,
	.free_priv	= fx_free_priv,
	.freeze		= fx_freeze,
	.thaw		= fx_thaw,
	.save		= fx_save,
	.handover	= fx_handover,
};

static int fx_probe(struct platform_device *pdev);
static void fx_remove(struct platform_device *pdev);

static const struct platform_device_id fx_ids[] = {
	{ "nhs_test_ops" },
	{ }
};

static struct platform_driver fx_platform_driver = {
	.driver = {
		.name	= KBUILD_MODNAME,
	},
	.probe		= fx_probe,
	.remove		= fx_remove,
	.id_table	= fx_ids,
};

static struct nhs_driver fx_hotswap = {
	.family		= "nhs_test_ops",
	.version	= __stringify(NHS_TEST_OPS_GENERATION),
	.driver		= &fx_platform_driver.driver,
	.netdev_ops	= &fx_netdev_ops,
	.ethtool_ops	= &fx_ethtool_ops,
	.gated_netdev_ops = NHS_GATED(fx_netdev_ops),
	.gated_ethtool_ops = NHS_GATED(fx_ethtool_ops),
	.state_version	= 1,
	.state_compat	= 1,
	.state_min	= 1,
	.state_size	= sizeof(struct fx_state),
	.ops		= &fx_hotswap_ops,
};

static int fx_probe(struct platform_device *pdev)
{
	struct net_device *dev;
	struct fx_priv *p;
	int err;

	if (devres && !devm_kzalloc(&pdev->dev, 1, GFP_KERNEL))
		return -ENOMEM;
	/* Two queues: the stack asks ndo_select_queue only then */
	dev = alloc_netdev_mqs(sizeof(p), "nhso%d", NET_NAME_ENUM, ether_setup,
			       2, 2);
	if (!dev)
		return -ENOMEM;
	p = fx_alloc_priv(dev);
	if (IS_ERR(p)) {
		err = PTR_ERR(p);
		goto err_free_netdev;
	}
	*fx_slot(dev) = p;
	SET_NETDEV_DEV(dev, &pdev->dev);
	dev->netdev_ops = &fx_netdev_ops;
	dev->ethtool_ops = &fx_ethtool_ops;
	dev->max_mtu = ETH_MAX_MTU;
	/* The core wants them from any driver with ndo_get_peer_dev */
	dev->pcpu_stat_type = NETDEV_PCPU_STAT_TSTATS;
	eth_hw_addr_random(dev);

	err = nhs_attach(dev, &fx_hotswap);
	if (err)
		goto err_free_priv;
	err = register_netdev(dev);
	if (err)
		goto err_detach;
	platform_set_drvdata(pdev, dev);
	return 0;

err_detach:
	nhs_detach(dev);
err_free_priv:
	kfree(p);
err_free_netdev:
	free_netdev(dev);
	return err;
}

/* Whichever build probed the device, the one bound now removes it: a
 * remove on another build's state (the device bound to one build while
 * the other serves) is what the core must never let happen.
 */
static void fx_remove(struct platform_device *pdev)
{
	struct net_device *dev = platform_get_drvdata(pdev);
	struct fx_priv *p = *fx_slot(dev);

	WARN(p->generation != NHS_TEST_OPS_GENERATION,
	     "%s removes a device whose state is another build's\n",
	     KBUILD_MODNAME);
	unregister_netdev(dev);
	nhs_detach(dev);
	kfree(p);
	free_netdev(dev);
}

static int __init fx_init(void)
{
	int err;

	err = nhs_register_driver(&fx_hotswap);
	if (err)
		return err;
	err = platform_driver_register(&fx_platform_driver);
	if (err)
		nhs_unregister_driver(&fx_hotswap);
	return err;
}

static void __exit fx_exit(void)
{
	platform_driver_unregister(&fx_platform_driver);
	nhs_unregister_driver(&fx_hotswap);
}

module_init(fx_init);
module_exit(fx_exit);

MODULE_DESCRIPTION("nethotswap selftest fixture implementing every entry point");
MODULE_LICENSE("GPL");
NHS_MODULE_FAMILY("nhs_test_ops");
