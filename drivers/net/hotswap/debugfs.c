// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/debug/nethotswap/:
 *   fail_*       fault injection attributes (fault.c)
 *   gate_bench   reading it times an entry point of the first attached
 *                device: called directly, called the way the stack calls
 *                it while no swap is pending (through dev->ethtool_ops),
 *                and through its gate, as while a swap is pending
 */

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/ktime.h>
#include <linux/rtnetlink.h>
#include <linux/seq_file.h>

#include "hotswap.h"

static struct dentry *nhs_debugfs;

#define NHS_BENCH_CALLS	1000000

/* ns per call of get_msglevel: a driver entry point that does no work */
static u64 nhs_bench_ns(ktime_t start)
{
	return div_u64(ktime_to_ns(ktime_sub(ktime_get(), start)),
		       NHS_BENCH_CALLS);
}

static u64 nhs_bench_fn(struct net_device *dev,
			u32 (*get_msglevel)(struct net_device *dev))
{
	ktime_t start = ktime_get();
	u32 sink = 0;
	int i;

	for (i = 0; i < NHS_BENCH_CALLS; i++)
		sink += get_msglevel(dev);
	barrier_data(&sink);
	return nhs_bench_ns(start);
}

/* As the stack calls it: the table is loaded from the device every time. */
static u64 nhs_bench_dev(struct net_device *dev)
{
	ktime_t start = ktime_get();
	u32 sink = 0;
	int i;

	for (i = 0; i < NHS_BENCH_CALLS; i++)
		sink += READ_ONCE(dev->ethtool_ops)->get_msglevel(dev);
	barrier_data(&sink);
	return nhs_bench_ns(start);
}

static int nhs_gate_bench_show(struct seq_file *m, void *v)
{
	struct netdev_hotswap *hs;
	u64 direct, idle, pending;

	/* RTNL: no handover while the serving build is called directly */
	rtnl_lock();
	mutex_lock(&nhs_lock);
	hs = list_first_entry_or_null(&nhs_devices, struct netdev_hotswap,
				      list);
	if (!hs || !hs->drv_ethtool->get_msglevel) {
		mutex_unlock(&nhs_lock);
		rtnl_unlock();
		return -ENODEV;
	}
	direct = nhs_bench_fn(hs->dev, hs->drv_ethtool->get_msglevel);
	idle = nhs_bench_dev(hs->dev);
	pending = nhs_bench_fn(hs->dev, hs->gate_ethtool.get_msglevel);
	seq_printf(m, "%s: get_msglevel, ns per call over %d calls\n",
		   netdev_name(hs->dev), NHS_BENCH_CALLS);
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
