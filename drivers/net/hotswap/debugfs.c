// SPDX-License-Identifier: GPL-2.0
/*
 * Fault injection for the selftests: writing a phase name to
 * /sys/kernel/debug/nethotswap/fail_phase makes the next swap fail in
 * that phase (once), so every rollback path can be exercised.
 */

#include <linux/debugfs.h>
#include <linux/fs.h>
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

void nhs_debugfs_init(void)
{
	nhs_debugfs = debugfs_create_dir(DRV_NAME, NULL);
	debugfs_create_file("fail_phase", 0600, nhs_debugfs, NULL,
			    &nhs_fail_phase_fops);
}

void nhs_debugfs_exit(void)
{
	debugfs_remove_recursive(nhs_debugfs);
}
