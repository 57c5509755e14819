/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nethotswap gates: the netdev core's side of a live driver replacement.
 *
 * A hotswap-capable driver defines its netdev and ethtool ops with
 * NHS_NETDEV_OPS() and NHS_ETHTOOL_OPS(), which emit, next to each const
 * table, a const twin ("_gated") whose every entry the driver implements
 * is the gate of that entry point, built in the netdev core from the list
 * in <linux/nethotswap_entries.h>.  While no swap is pending a device
 * serves through the driver's own table: the gates cost nothing.  A swap
 * installs the twin; a gate counts the call in per-CPU counters and
 * forwards it to the build that serves, or answers for it while the swap
 * has the gates closed.
 *
 * See Documentation/networking/hotswap.rst.
 */
#ifndef _LINUX_NETHOTSWAP_GATE_H
#define _LINUX_NETHOTSWAP_GATE_H

#include <linux/ethtool.h>
#include <linux/ktime.h>
#include <linux/netdevice.h>
#include <linux/nethotswap_entries.h>

struct netlink_ext_ack;
struct nhs_gate_calls;

/**
 * struct nhs_gate - a device's gates, reached through &net_device.hotswap
 * @ndo: the serving build's own netdev ops, which the gates call
 * @ethtool: the serving build's own ethtool ops, likewise
 * @gated_ndo: the gate table installed in &net_device.netdev_ops, or NULL
 * @gated_ethtool: the gate table installed in &net_device.ethtool_ops
 * @calls: per-CPU counts of calls entering and leaving each gate
 * @closed: entry points other than statistics refuse new calls
 * @stats_closed: statistics are answered from the frozen copies
 * @rx_mode_deferred: ndo_set_rx_mode was refused; replayed at opening
 * @frozen_stats64: the old build's last ndo_get_stats64() answer
 * @frozen_stats: the old build's last ndo_get_stats() answer
 */
struct nhs_gate {
	const struct net_device_ops *ndo;
	const struct ethtool_ops *ethtool;
	const struct net_device_ops *gated_ndo;
	const struct ethtool_ops *gated_ethtool;
	struct nhs_gate_calls __percpu *calls;
	bool closed;
	bool stats_closed;
	bool rx_mode_deferred;
	struct rtnl_link_stats64 frozen_stats64;
	struct net_device_stats frozen_stats;
};

#if IS_ENABLED(CONFIG_NET_HOTSWAP)

#define NHS_GATE_DECLARE_R(name, class, ret, dev, closed, params, args) \
	ret nhs_gate_##name params;
#define NHS_GATE_DECLARE_V(name, class, dev, closed, params, args)	\
	void nhs_gate_##name params;
NHS_NETDEV_ENTRIES(NHS_GATE_DECLARE_R, NHS_GATE_DECLARE_V)
NHS_ETHTOOL_ENTRIES(NHS_GATE_DECLARE_R, NHS_GATE_DECLARE_V)
#undef NHS_GATE_DECLARE_R
#undef NHS_GATE_DECLARE_V

#define NHS_OP_DIRECT(name, fn)		.name = fn,
#define NHS_OP_GATED(name, fn)		.name = nhs_gate_##name,
#define NHS_OP_VALUE(name, value)	.name = value,

/**
 * NHS_NETDEV_OPS - define a driver's netdev ops and their gate table
 * @ops: the name of the table, struct net_device_ops; the gate table is
 *	named @ops with "_gated" appended
 * @list: a macro taking op(member, function), listing the entries
 *
 * Both tables are const: the gate table holds, for each entry @list
 * names, the netdev core's gate of that member.  Wrap entries under a
 * config option in NHS_IF_NETPOLL() and the like.
 */
#define NHS_NETDEV_OPS(ops, list)					\
	static const struct net_device_ops ops = { list(NHS_OP_DIRECT) }; \
	static const struct net_device_ops ops##_gated = { list(NHS_OP_GATED) }

/**
 * NHS_ETHTOOL_OPS - define a driver's ethtool ops and their gate table
 * @ops: the name of the table, struct ethtool_ops
 * @list: a macro taking op(member, function) and value(member, value),
 *	listing the entries and the data members (supported_*_params, ...)
 */
#define NHS_ETHTOOL_OPS(ops, list)					\
	static const struct ethtool_ops ops = {				\
		list(NHS_OP_DIRECT, NHS_OP_VALUE)			\
	};								\
	static const struct ethtool_ops ops##_gated = {			\
		list(NHS_OP_GATED, NHS_OP_VALUE)			\
	}

/* The gate tables, for struct nhs_driver's initializer */
#define NHS_GATED(ops)		(&ops##_gated)

int nhs_gate_init(struct nhs_gate *g, const struct net_device_ops *ndo,
		  const struct ethtool_ops *ethtool);
void nhs_gate_destroy(struct nhs_gate *g);
const char *nhs_gate_check_tables(const struct net_device_ops *ndo,
				  const struct ethtool_ops *ethtool,
				  const struct net_device_ops *gated_ndo,
				  const struct ethtool_ops *gated_ethtool);
const char *nhs_gate_same_entries(const struct net_device_ops *a,
				  const struct ethtool_ops *ea,
				  const struct net_device_ops *b,
				  const struct ethtool_ops *eb);
int nhs_gate_install(struct net_device *dev,
		     const struct net_device_ops *gated_ndo,
		     const struct ethtool_ops *gated_ethtool);
bool nhs_gate_remove(struct net_device *dev);
void nhs_gate_stop_tx(struct net_device *dev);
int nhs_gate_close(struct net_device *dev, unsigned long deadline,
		   struct netlink_ext_ack *extack);
int nhs_gate_close_stats(struct net_device *dev, unsigned long deadline,
			 struct netlink_ext_ack *extack);
void nhs_gate_serve(struct net_device *dev, const struct net_device_ops *ndo,
		    const struct ethtool_ops *ethtool);
ktime_t nhs_gate_open(struct net_device *dev);

#else /* !CONFIG_NET_HOTSWAP */

#define NHS_OP_DIRECT(name, fn)		.name = fn,
#define NHS_OP_VALUE(name, value)	.name = value,
#define NHS_NETDEV_OPS(ops, list)					\
	static const struct net_device_ops ops = { list(NHS_OP_DIRECT) }
#define NHS_ETHTOOL_OPS(ops, list)					\
	static const struct ethtool_ops ops = {				\
		list(NHS_OP_DIRECT, NHS_OP_VALUE)			\
	}
#define NHS_GATED(ops)		NULL

#endif /* CONFIG_NET_HOTSWAP */

#ifdef CONFIG_NET_POLL_CONTROLLER
#define NHS_IF_NETPOLL(entry)	entry
#else
#define NHS_IF_NETPOLL(entry)
#endif

#endif /* _LINUX_NETHOTSWAP_GATE_H */
