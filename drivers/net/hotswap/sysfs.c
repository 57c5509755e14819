// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/class/net/<dev>/hotswap/: the serving build, the last swap's
 * outcome and timings, and a write-only trigger for automation.
 * See Documentation/ABI/testing/sysfs-class-net-hotswap.
 */

#include <linux/capability.h>
#include <linux/device.h>
#include <linux/netdevice.h>
#include <linux/sysfs.h>
#include <net/netlink.h>

#include "hotswap.h"

static struct netdev_hotswap *nhs_of(struct device *d)
{
	return to_net_dev(d)->hotswap;
}

/* hs->drv may change under a swap; result_lock keeps its module loaded. */
#define NHS_DRIVER_ATTR(_name, _fmt, _field)				\
static ssize_t _name##_show(struct device *d,				\
			    struct device_attribute *attr, char *buf)	\
{									\
	struct netdev_hotswap *hs = nhs_of(d);				\
	ssize_t len;							\
									\
	mutex_lock(&hs->result_lock);					\
	len = sysfs_emit(buf, _fmt "\n", _field);			\
	mutex_unlock(&hs->result_lock);					\
	return len;							\
}									\
static DEVICE_ATTR_RO(_name)

NHS_DRIVER_ATTR(driver, "%s", nhs_driver_name(hs->drv));
NHS_DRIVER_ATTR(family, "%s", hs->drv->family);
NHS_DRIVER_ATTR(version, "%s", hs->drv->version);
NHS_DRIVER_ATTR(state_version, "%u", hs->drv->state_version);

static ssize_t state_show(struct device *d, struct device_attribute *attr,
			  char *buf)
{
	return sysfs_emit(buf, "%s\n", test_bit(0, &nhs_of(d)->swapping) ?
			  "swapping" : "idle");
}
static DEVICE_ATTR_RO(state);

static ssize_t last_result_show(struct device *d,
				struct device_attribute *attr, char *buf)
{
	struct netdev_hotswap *hs = nhs_of(d);
	const struct nhs_result *r = &hs->result;
	ssize_t len;

	mutex_lock(&hs->result_lock);
	if (!r->from[0])
		len = sysfs_emit(buf, "none\n");
	else if (!r->err)
		len = sysfs_emit(buf, "ok %s -> %s\n", r->from, r->to);
	else
		len = sysfs_emit(buf, "error %d %s -> %s at %s: %s; %s serves\n",
				 r->err, r->from, r->to,
				 nhs_phase_name(r->phase), r->msg,
				 r->rolled_back ? r->from : r->to);
	mutex_unlock(&hs->result_lock);
	return len;
}
static DEVICE_ATTR_RO(last_result);

static ssize_t last_timings_show(struct device *d,
				 struct device_attribute *attr, char *buf)
{
	struct netdev_hotswap *hs = nhs_of(d);
	const struct nhs_result *r = &hs->result;
	ssize_t len;

	mutex_lock(&hs->result_lock);
	len = sysfs_emit(buf,
			 "prepare_ns %llu\nquiesce_ns %llu\nhandover_ns %llu\nblackout_ns %llu\nrebind_ns %llu\ntotal_ns %llu\nattempts %u\n",
			 r->prepare_ns, r->quiesce_ns, r->handover_ns,
			 r->blackout_ns, r->rebind_ns, r->total_ns,
			 r->attempts);
	mutex_unlock(&hs->result_lock);
	return len;
}
static DEVICE_ATTR_RO(last_timings);

static ssize_t swap_store(struct device *d, struct device_attribute *attr,
			  const char *buf, size_t count)
{
	struct net_device *dev = to_net_dev(d);
	struct netlink_ext_ack extack = {};
	char target[MODULE_NAME_LEN + 1];
	unsigned int timeout_ms = 0;
	struct kernfs_node *kn;
	char extra;
	int n, err;

	if (!capable(CAP_NET_ADMIN))
		return -EPERM;

	n = sscanf(buf, "%56s %u %c", target, &timeout_ms, &extra);
	if (n < 1 || n > 2 || strlen(target) >= MODULE_NAME_LEN) {
		netdev_err(dev, "hotswap: format is \"MODULE [TIMEOUT_MS]\"\n");
		return -EINVAL;
	}
	if (n == 2 && (!timeout_ms || timeout_ms > NHS_TIMEOUT_MAX_MS)) {
		netdev_err(dev, "hotswap: timeout must be 1..%u ms\n",
			   NHS_TIMEOUT_MAX_MS);
		return -ERANGE;
	}

	/* The swap may wait for a driver that is being unbound, which
	 * removes this file: don't hold the file's active reference.
	 */
	dev_hold(dev);
	kn = sysfs_break_active_protection(&d->kobj, &attr->attr);
	err = nhs_swap(dev, target, timeout_ms, &extack);
	if (kn)
		sysfs_unbreak_active_protection(kn);
	dev_put(dev);
	if (err)
		netdev_warn(dev, "hotswap to %s failed: %s\n", target,
			    extack._msg ?: "unknown reason");
	return err ?: count;
}
static DEVICE_ATTR_WO(swap);

static struct attribute *nhs_sysfs_attrs[] = {
	&dev_attr_driver.attr,
	&dev_attr_family.attr,
	&dev_attr_version.attr,
	&dev_attr_state_version.attr,
	&dev_attr_state.attr,
	&dev_attr_last_result.attr,
	&dev_attr_last_timings.attr,
	&dev_attr_swap.attr,
	NULL,
};

const struct attribute_group nhs_sysfs_group = {
	.name	= "hotswap",
	.attrs	= nhs_sysfs_attrs,
};
