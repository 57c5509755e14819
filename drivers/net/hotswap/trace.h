/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nethotswap tracepoints: a swap's phases, so that perf and bpftrace see
 * a blackout without the nethotswap tools.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM nethotswap

#if !defined(_NETHOTSWAP_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _NETHOTSWAP_TRACE_H

#include <linux/netdevice.h>
#include <linux/tracepoint.h>

/* A swap passed its checks: allocation and the gates come next. */
TRACE_EVENT(nethotswap_prepare,
	TP_PROTO(const struct net_device *dev, const char *from,
		 const char *to),
	TP_ARGS(dev, from, to),
	TP_STRUCT__entry(
		__string(dev, netdev_name(dev))
		__string(from, from)
		__string(to, to)
	),
	TP_fast_assign(
		__assign_str(dev);
		__assign_str(from);
		__assign_str(to);
	),
	TP_printk("dev=%s from=%s to=%s", __get_str(dev), __get_str(from),
		  __get_str(to))
);

/* One quiesce attempt ended: 0 (frozen), or why it will be retried. */
TRACE_EVENT(nethotswap_quiesce,
	TP_PROTO(const struct net_device *dev, unsigned int attempt, int err,
		 u64 ns),
	TP_ARGS(dev, attempt, err, ns),
	TP_STRUCT__entry(
		__string(dev, netdev_name(dev))
		__field(unsigned int, attempt)
		__field(int, err)
		__field(u64, ns)
	),
	TP_fast_assign(
		__assign_str(dev);
		__entry->attempt = attempt;
		__entry->err = err;
		__entry->ns = ns;
	),
	TP_printk("dev=%s attempt=%u err=%d ns=%llu", __get_str(dev),
		  __entry->attempt, __entry->err, __entry->ns)
);

/* The new build serves: the blackout ended. */
TRACE_EVENT(nethotswap_handover,
	TP_PROTO(const struct net_device *dev, const char *to, u64 blackout_ns,
		 u64 handover_ns),
	TP_ARGS(dev, to, blackout_ns, handover_ns),
	TP_STRUCT__entry(
		__string(dev, netdev_name(dev))
		__string(to, to)
		__field(u64, blackout_ns)
		__field(u64, handover_ns)
	),
	TP_fast_assign(
		__assign_str(dev);
		__assign_str(to);
		__entry->blackout_ns = blackout_ns;
		__entry->handover_ns = handover_ns;
	),
	TP_printk("dev=%s to=%s blackout_ns=%llu handover_ns=%llu",
		  __get_str(dev), __get_str(to), __entry->blackout_ns,
		  __entry->handover_ns)
);

/* The swap ended: committed (err 0), or failed in @phase. */
TRACE_EVENT(nethotswap_commit,
	TP_PROTO(const struct net_device *dev, const char *phase, int err,
		 bool rolled_back),
	TP_ARGS(dev, phase, err, rolled_back),
	TP_STRUCT__entry(
		__string(dev, netdev_name(dev))
		__string(phase, phase)
		__field(int, err)
		__field(bool, rolled_back)
	),
	TP_fast_assign(
		__assign_str(dev);
		__assign_str(phase);
		__entry->err = err;
		__entry->rolled_back = rolled_back;
	),
	TP_printk("dev=%s phase=%s err=%d rolled_back=%d", __get_str(dev),
		  __get_str(phase), __entry->err, __entry->rolled_back)
);

/* A rollback after a failed commit ended: the old build serves (err 0). */
TRACE_EVENT(nethotswap_rollback,
	TP_PROTO(const struct net_device *dev, const char *to, int err),
	TP_ARGS(dev, to, err),
	TP_STRUCT__entry(
		__string(dev, netdev_name(dev))
		__string(to, to)
		__field(int, err)
	),
	TP_fast_assign(
		__assign_str(dev);
		__assign_str(to);
		__entry->err = err;
	),
	TP_printk("dev=%s to=%s err=%d", __get_str(dev), __get_str(to),
		  __entry->err)
);

#endif /* _NETHOTSWAP_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
