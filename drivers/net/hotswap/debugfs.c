// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/debug/nethotswap/:
 *   fail_phase   writing a phase name makes the next swap fail in that
 *                phase (once), so every rollback path can be exercised
 *   gate_bench   reading it times an entry point of the first attached
 *                device called directly, through its gate, and through
 *                its gate while a swap is pending: what the gates cost
 */

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/ktime.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "hotswap.h"

static struct dentry *nhs_debugfs;
static int nhs_fail_phase = -1;
static DEFINE_SPINLOCK(nhs_fail_lock);

/* One-shot: true once for the armed phase. */
bool nhs_fault(enum nhs_phase phase)
{
	bool hit;

	spin_lock(&nhs_fail_lock);
	hit = nhs_fail_phase == phase;
	if (hit)
		nhs_fail_phase = -1;
	spin_unlock(&nhs_fail_lock);
	return hit;
}

static ssize_t nhs_fail_phase_read(struct file *file, char __user *ubuf,
				   size_t count, loff_t *ppos)
{
	const char *name = "none";
	char buf[16];
	int len;

	spin_lock(&nhs_fail_lock);
	if (nhs_fail_phase >= 0)
		name = nhs_phase_name(nhs_fail_phase);
	len = scnprintf(buf, sizeof(buf), "%s\n", name);
	spin_unlock(&nhs_fail_lock);
	return simple_read_from_buffer(ubuf, count, ppos, buf, len);
}

static ssize_t nhs_fail_phase_write(struct file *file,
				    const char __user *ubuf, size_t count,
				    loff_t *ppos)
{
	enum nhs_phase phase;
	int armed = -1;
	char buf[16];

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	strim(buf);

	if (strcmp(buf, "none")) {
		for (phase = 0; phase < NHS_NR_PHASES; phase++)
			if (!strcmp(buf, nhs_phase_name(phase)))
				armed = phase;
		if (armed < 0)
			return -EINVAL;
	}
	spin_lock(&nhs_fail_lock);
	nhs_fail_phase = armed;
	spin_unlock(&nhs_fail_lock);
	return count;
}

static const struct file_operations nhs_fail_phase_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.read	= nhs_fail_phase_read,
	.write	= nhs_fail_phase_write,
	.llseek	= default_llseek,
};

#define NHS_BENCH_CALLS	1000000

/* ns per call of get_msglevel: a driver entry point that does no work */
static u64 nhs_bench_calls(struct net_device *dev,
			   u32 (*get_msglevel)(struct net_device *dev))
{
	ktime_t start = ktime_get();
	u32 sink = 0;
	int i;

	for (i = 0; i < NHS_BENCH_CALLS; i++)
		sink += get_msglevel(dev);
	barrier_data(&sink);
	return div_u64(ktime_to_ns(ktime_sub(ktime_get(), start)),
		       NHS_BENCH_CALLS);
}

static int nhs_gate_bench_show(struct seq_file *m, void *v)
{
	struct netdev_hotswap *hs;
	u64 direct, gated, armed;

	mutex_lock(&nhs_lock);
	hs = list_first_entry_or_null(&nhs_devices, struct netdev_hotswap,
				      list);
	if (!hs || !hs->drv_ethtool->get_msglevel) {
		mutex_unlock(&nhs_lock);
		return -ENODEV;
	}
	direct = nhs_bench_calls(hs->dev, hs->drv_ethtool->get_msglevel);
	gated = nhs_bench_calls(hs->dev, hs->gate_ethtool.get_msglevel);
	nhs_gate_arm();
	armed = nhs_bench_calls(hs->dev, hs->gate_ethtool.get_msglevel);
	nhs_gate_disarm();
	seq_printf(m, "%s: get_msglevel, ns per call over %d calls\n",
		   netdev_name(hs->dev), NHS_BENCH_CALLS);
	seq_printf(m, "direct %llu\ngated %llu\ngated_swap_pending %llu\n",
		   direct, gated, armed);
	mutex_unlock(&nhs_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(nhs_gate_bench);

void nhs_debugfs_init(void)
{
	nhs_debugfs = debugfs_create_dir(DRV_NAME, NULL);
	debugfs_create_file("fail_phase", 0600, nhs_debugfs, NULL,
			    &nhs_fail_phase_fops);
	debugfs_create_file("gate_bench", 0400, nhs_debugfs, NULL,
			    &nhs_gate_bench_fops);
}

void nhs_debugfs_exit(void)
{
	debugfs_remove_recursive(nhs_debugfs);
}
