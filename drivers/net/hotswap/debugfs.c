// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/debug/nethotswap/:
 *   fail_*       fault injection attributes (fault.c)
 *   gate_bench   reading it times an entry point of the first attached
 *                device as the stack calls it (through an ops table):
 *                through the build's own table (the call without
 *                nethotswap), through dev->ethtool_ops while no swap is
 *                pending, and through the gate table a swap installs
 */

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/ktime.h>
#include <linux/rtnetlink.h>
#include <linux/seq_file.h>

#include "hotswap.h"

static struct dentry *nhs_debugfs;

#define NHS_BENCH_CALLS	1000000

/*
 * ns per call of get_msglevel, a driver entry point that does no work,
 * called as the stack calls it: the ops table loaded from *@ops each time.
 */
static u64 nhs_bench_calls(struct net_device *dev,
			   const struct ethtool_ops *const *ops)
{
	ktime_t start = ktime_get();
	u32 sink = 0;
	int i;

	for (i = 0; i < NHS_BENCH_CALLS; i++)
		sink += READ_ONCE(*ops)->get_msglevel(dev);
	barrier_data(&sink);
	return div_u64(ktime_to_ns(ktime_sub(ktime_get(), start)),
		       NHS_BENCH_CALLS);
}

/* The fastest of a few rounds, taken in turn: TCG guests are noisy. */
#define NHS_BENCH_ROUNDS	5

static int nhs_gate_bench_show(struct seq_file *m, void *v)
{
	u64 direct = U64_MAX, idle = U64_MAX, pending = U64_MAX;
	const struct ethtool_ops *own, *gates;
	struct netdev_hotswap *hs;
	int round;

	/* RTNL: no handover while the serving build is called directly */
	rtnl_lock();
	mutex_lock(&nhs_lock);
	hs = list_first_entry_or_null(&nhs_devices, struct netdev_hotswap,
				      list);
	if (!hs || !hs->drv->ethtool_ops->get_msglevel) {
		mutex_unlock(&nhs_lock);
		rtnl_unlock();
		return -ENODEV;
	}
	own = hs->drv->ethtool_ops;
	gates = hs->drv->gated_ethtool_ops;
	for (round = 0; round < NHS_BENCH_ROUNDS; round++) {
		/* the build's own table: the stack's call without nethotswap */
		direct = min(direct, nhs_bench_calls(hs->dev, &own));
		/* the device's table while no swap is pending */
		idle = min(idle, nhs_bench_calls(hs->dev, &hs->dev->ethtool_ops));
		/* the gate table a swap installs */
		pending = min(pending, nhs_bench_calls(hs->dev, &gates));
	}
	seq_printf(m, "%s: get_msglevel, ns per call, fastest of %d x %d calls\n",
		   netdev_name(hs->dev), NHS_BENCH_ROUNDS, NHS_BENCH_CALLS);
	seq_printf(m, "direct %llu\nidle %llu\nswap_pending %llu\n",
		   direct, idle, pending);
	mutex_unlock(&nhs_lock);
	rtnl_unlock();
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(nhs_gate_bench);

void nhs_debugfs_init(void)
{
	nhs_debugfs = debugfs_create_dir(DRV_NAME, NULL);
	nhs_fault_init(nhs_debugfs);
	debugfs_create_file("gate_bench", 0400, nhs_debugfs, NULL,
			    &nhs_gate_bench_fops);
}

void nhs_debugfs_exit(void)
{
	debugfs_remove_recursive(nhs_debugfs);
}
