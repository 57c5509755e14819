// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/class/net/<dev>/hotswap/: the serving build, the last swap's
 * outcome and timings (one value a file), and a write-only trigger for
 * automation.  The nethotswap netlink family is the detailed channel.
 * See Documentation/ABI/testing/sysfs-class-net-hotswap.
 */

#include <linux/capability.h>
#include <linux/ctype.h>
#include <linux/device.h>
#include <linux/kstrtox.h>
#include <linux/netdevice.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <net/netlink.h>

#include "hotswap.h"

static struct netdev_hotswap *nhs_of_dev(struct device *d)
{
	return nhs_of(to_net_dev(d));
}

/* hs->drv may change under a swap; result_lock keeps its module loaded. */
#define NHS_DRIVER_ATTR(_name, _fmt, _field)				\
static ssize_t _name##_show(struct device *d,				\
			    struct device_attribute *attr, char *buf)	\
{									\
	struct netdev_hotswap *hs = nhs_of_dev(d);				\
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
	return sysfs_emit(buf, "%s\n", test_bit(0, &nhs_of_dev(d)->swapping) ?
			  "swapping" : "idle");
}
static DEVICE_ATTR_RO(state);

/* What the last swap that started came to; "none" before the first. */
static const char *nhs_outcome(const struct nhs_result *r)
{
	if (!r->started)
		return "none";
	switch (nhs_result_outcome(r)) {
	case NETHOTSWAP_OUTCOME_COMPLETED:
		return "completed";
	case NETHOTSWAP_OUTCOME_ROLLED_BACK:
		return "rolled-back";
	default:
		return "failed";
	}
}

/* One value of the last swap's result a file, under result_lock. */
#define NHS_RESULT_ATTR(_name, _fmt, _val)				\
static ssize_t last_##_name##_show(struct device *d,			\
				   struct device_attribute *attr,	\
				   char *buf)				\
{									\
	struct netdev_hotswap *hs = nhs_of_dev(d);				\
	const struct nhs_result *r = &hs->result;			\
	ssize_t len;							\
									\
	mutex_lock(&hs->result_lock);					\
	len = sysfs_emit(buf, _fmt "\n", _val);				\
	mutex_unlock(&hs->result_lock);					\
	return len;							\
}									\
static DEVICE_ATTR_RO(last_##_name)

NHS_RESULT_ATTR(result, "%s", nhs_outcome(r));
NHS_RESULT_ATTR(error, "%d", -r->err);
NHS_RESULT_ATTR(phase, "%s", r->err ? nhs_phase_name(r->phase) : "none");
NHS_RESULT_ATTR(msg, "%s", r->err ? r->msg : "");
NHS_RESULT_ATTR(from, "%s", r->from);
NHS_RESULT_ATTR(to, "%s", r->to);
NHS_RESULT_ATTR(attempts, "%u", r->attempts);
NHS_RESULT_ATTR(prepare_ns, "%llu", r->prepare_ns);
NHS_RESULT_ATTR(quiesce_ns, "%llu", r->quiesce_ns);
NHS_RESULT_ATTR(handover_ns, "%llu", r->handover_ns);
NHS_RESULT_ATTR(blackout_ns, "%llu", r->blackout_ns);
NHS_RESULT_ATTR(rebind_ns, "%llu", r->rebind_ns);
NHS_RESULT_ATTR(total_ns, "%llu", r->total_ns);

/* The next whitespace-separated token of *@s, NUL-terminated in place. */
static char *nhs_token(char **s)
{
	char *tok = skip_spaces(*s);
	char *end = tok;

	while (*end && !isspace(*end))
		end++;
	if (*end)
		*end++ = '\0';
	*s = end;
	return *tok ? tok : NULL;
}

static void nhs_format_err(struct net_device *dev)
{
	netdev_err(dev, "hotswap: format is \"MODULE [TIMEOUT_MS]\", MODULE at most %u characters, TIMEOUT_MS 1..%u\n",
		   NETHOTSWAP_DRIVER_NAME_MAX_LEN, NHS_TIMEOUT_MAX_MS);
}

/*
 * "MODULE [TIMEOUT_MS]": exactly one or two tokens; TIMEOUT_MS a decimal
 * number of 1..NHS_TIMEOUT_MAX_MS.  Anything else is refused before any
 * swap starts: -EINVAL for the form, -ERANGE for the timeout's value.
 */
static int nhs_parse_swap(struct net_device *dev, char *s, const char **target,
			  unsigned int *timeout_ms)
{
	const char *timeout;
	int err;

	*target = nhs_token(&s);
	timeout = nhs_token(&s);
	if (!*target || nhs_token(&s) ||
	    strlen(*target) > NETHOTSWAP_DRIVER_NAME_MAX_LEN) {
		nhs_format_err(dev);
		return -EINVAL;
	}
	*timeout_ms = 0;
	if (!timeout)
		return 0;
	/* kstrtouint: no sign, no trailing garbage, no wrap-around */
	err = kstrtouint(timeout, 10, timeout_ms);
	if (err == -EINVAL || *timeout == '+') {
		nhs_format_err(dev);
		return -EINVAL;
	}
	if (err || !*timeout_ms || *timeout_ms > NHS_TIMEOUT_MAX_MS) {
		netdev_err(dev, "hotswap: timeout must be 1..%u ms\n",
			   NHS_TIMEOUT_MAX_MS);
		return -ERANGE;
	}
	return 0;
}

static ssize_t swap_store(struct device *d, struct device_attribute *attr,
			  const char *buf, size_t count)
{
	struct net_device *dev = to_net_dev(d);
	struct netlink_ext_ack extack = {};
	unsigned int timeout_ms;
	struct kernfs_node *kn;
	const char *target;
	char *copy;
	int err;

	if (!capable(CAP_NET_ADMIN))
		return -EPERM;

	copy = kmemdup_nul(buf, count, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	err = nhs_parse_swap(dev, copy, &target, &timeout_ms);
	if (err)
		goto out_free;

	/* The swap may wait for a driver that is being unbound, which
	 * removes this file: don't hold the file's active reference.
	 */
	dev_hold(dev);
	kn = sysfs_break_active_protection(&d->kobj, &attr->attr);
	err = nhs_swap(dev, target, timeout_ms, &extack, NULL);
	if (kn)
		sysfs_unbreak_active_protection(kn);
	dev_put(dev);
	if (err)
		netdev_warn(dev, "hotswap to %s failed: %s\n", target,
			    extack._msg ?: "unknown reason");
out_free:
	kfree(copy);
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
	&dev_attr_last_error.attr,
	&dev_attr_last_phase.attr,
	&dev_attr_last_msg.attr,
	&dev_attr_last_from.attr,
	&dev_attr_last_to.attr,
	&dev_attr_last_attempts.attr,
	&dev_attr_last_prepare_ns.attr,
	&dev_attr_last_quiesce_ns.attr,
	&dev_attr_last_handover_ns.attr,
	&dev_attr_last_blackout_ns.attr,
	&dev_attr_last_rebind_ns.attr,
	&dev_attr_last_total_ns.attr,
	&dev_attr_swap.attr,
	NULL,
};

const struct attribute_group nhs_sysfs_group = {
	.name	= "hotswap",
	.attrs	= nhs_sysfs_attrs,
};
