// SPDX-License-Identifier: GPL-2.0
/*
 * The "nethotswap" generic netlink family: lists the hotswap-capable
 * builds and the attached devices, swaps devices on request and multicasts
 * the progress of every swap to the "monitor" group.  The policies and the
 * ops table are generated from Documentation/netlink/specs/nethotswap.yaml
 * into netlink-gen.c (scripts/ynl-regen.sh).
 *
 * Requests see the devices of the requesting socket's network namespace;
 * events go to the listeners in the device's namespace.
 */

#include <linux/device.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <net/genetlink.h>
#include <net/netlink.h>
#include <net/sock.h>

#include "hotswap.h"
#include "netlink-gen.h"

/* The uAPI reports the core's phases, events and limits as they are. */
static_assert((int)NETHOTSWAP_PHASE_PREPARE == NHS_PHASE_PREPARE);
static_assert((int)NETHOTSWAP_PHASE_QUIESCE == NHS_PHASE_QUIESCE);
static_assert((int)NETHOTSWAP_PHASE_HANDOVER == NHS_PHASE_HANDOVER);
static_assert((int)NETHOTSWAP_PHASE_COMMIT == NHS_PHASE_COMMIT);
static_assert((int)NETHOTSWAP_EVENT_STARTED == NHS_EVENT_STARTED);
static_assert((int)NETHOTSWAP_EVENT_PHASE_DONE == NHS_EVENT_PHASE_DONE);
static_assert((int)NETHOTSWAP_EVENT_COMPLETED == NHS_EVENT_COMPLETED);
static_assert((int)NETHOTSWAP_EVENT_ROLLED_BACK == NHS_EVENT_ROLLED_BACK);
static_assert((int)NETHOTSWAP_EVENT_FAILED == NHS_EVENT_FAILED);
static_assert(NETHOTSWAP_TIMEOUT_MAX_MS == NHS_TIMEOUT_MAX_MS);
/* A request may name a device by an alternative name. */
static_assert(ALTIFNAMSIZ - 1 == NETHOTSWAP_IFNAME_MAX_LEN);
/* Every build's module name fits; 64-bit kernels have the shortest. */
static_assert(MODULE_NAME_LEN - 1 >= NETHOTSWAP_DRIVER_NAME_MAX_LEN);

/* Dumps resume after the last object dumped, by a key that neither
 * changes nor is reused while the object exists, not by list position:
 * objects coming or going between two parts are neither skipped nor
 * repeated.
 */
struct nhs_nl_dump_ctx {
	u32 next;	/* driver id, or ifindex, to dump from */
};

static struct nhs_nl_dump_ctx *nhs_nl_dump_ctx(struct netlink_callback *cb)
{
	NL_ASSERT_DUMP_CTX_FITS(struct nhs_nl_dump_ctx);

	return (struct nhs_nl_dump_ctx *)cb->ctx;
}

static size_t nhs_nl_result_size(void)
{
	return nla_total_size(0) +				/* nest */
	       nla_total_size(sizeof(u32)) +			/* ERROR */
	       nla_total_size(sizeof(u32)) +			/* PHASE */
	       nla_total_size(sizeof_field(struct nhs_result, msg)) +
	       nla_total_size(sizeof(u32)) +			/* OUTCOME */
	       nla_total_size(MODULE_NAME_LEN) +		/* FROM */
	       nla_total_size(MODULE_NAME_LEN) +		/* TO */
	       nla_total_size(sizeof(u32)) +			/* ATTEMPTS */
	       6 * nla_total_size(sizeof(u64));			/* *_NS */
}

/* The attached device @dev, or NULL.  Only list membership under nhs_lock
 * keeps a netdev_hotswap alive: nhs_detach() frees it once unlisted.
 */
static struct netdev_hotswap *nhs_nl_find(const struct net_device *dev)
{
	struct netdev_hotswap *hs;

	lockdep_assert_held(&nhs_lock);
	list_for_each_entry(hs, &nhs_devices, list)
		if (hs->dev == dev)
			return hs;
	return NULL;
}

/* Readers do not hold RTNL, under which dev->name changes: copy it, so a
 * concurrent rename cannot leave the attribute without its terminating NUL.
 */
static int nhs_nl_put_ifname(struct sk_buff *skb, int attrtype,
			     const struct net_device *dev)
{
	char name[IFNAMSIZ];

	strscpy(name, dev->name);
	return nla_put_string(skb, attrtype, name);
}

/* @res, or of a swap in progress (@complete false) only from and to */
static int nhs_nl_put_result(struct sk_buff *skb, int attrtype,
			     const struct nhs_result *res, bool complete)
{
	struct nlattr *nest;

	nest = nla_nest_start(skb, attrtype);
	if (!nest)
		return -EMSGSIZE;

	if (nla_put_string(skb, NETHOTSWAP_A_RESULT_FROM, res->from) ||
	    nla_put_string(skb, NETHOTSWAP_A_RESULT_TO, res->to))
		goto err_cancel;
	if (!complete)
		goto out;

	if (nla_put_u32(skb, NETHOTSWAP_A_RESULT_ERROR, -res->err) ||
	    nla_put_u32(skb, NETHOTSWAP_A_RESULT_OUTCOME,
			nhs_result_outcome(res)) ||
	    nla_put_u32(skb, NETHOTSWAP_A_RESULT_ATTEMPTS, res->attempts) ||
	    nla_put_uint(skb, NETHOTSWAP_A_RESULT_PREPARE_NS, res->prepare_ns) ||
	    nla_put_uint(skb, NETHOTSWAP_A_RESULT_QUIESCE_NS, res->quiesce_ns) ||
	    nla_put_uint(skb, NETHOTSWAP_A_RESULT_HANDOVER_NS,
			 res->handover_ns) ||
	    nla_put_uint(skb, NETHOTSWAP_A_RESULT_BLACKOUT_NS,
			 res->blackout_ns) ||
	    nla_put_uint(skb, NETHOTSWAP_A_RESULT_REBIND_NS, res->rebind_ns) ||
	    nla_put_uint(skb, NETHOTSWAP_A_RESULT_TOTAL_NS, res->total_ns))
		goto err_cancel;

	if (res->err &&
	    (nla_put_u32(skb, NETHOTSWAP_A_RESULT_PHASE, res->phase) ||
	     (res->msg[0] &&
	      nla_put_string(skb, NETHOTSWAP_A_RESULT_MSG, res->msg))))
		goto err_cancel;
out:
	nla_nest_end(skb, nest);
	return 0;

err_cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

static int nhs_nl_dev_fill(struct sk_buff *skb, struct netdev_hotswap *hs,
			   const struct genl_info *info, int flags)
{
	struct net_device *dev = hs->dev;
	struct device *parent = dev->dev.parent;
	void *hdr;

	hdr = __genlmsg_iput(skb, info, flags);
	if (!hdr)
		return -EMSGSIZE;

	if (nla_put_u32(skb, NETHOTSWAP_A_DEV_IFINDEX, dev->ifindex) ||
	    nhs_nl_put_ifname(skb, NETHOTSWAP_A_DEV_IFNAME, dev) ||
	    nla_put_u32(skb, NETHOTSWAP_A_DEV_STATE,
			test_bit(0, &hs->swapping) ?
			NETHOTSWAP_DEV_STATE_SWAPPING :
			NETHOTSWAP_DEV_STATE_IDLE))
		goto err_cancel;

	if (parent && parent->bus &&
	    (nla_put_string(skb, NETHOTSWAP_A_DEV_BUS_NAME, parent->bus->name) ||
	     nla_put_string(skb, NETHOTSWAP_A_DEV_BUS_ADDR, dev_name(parent))))
		goto err_cancel;

	/* A swap changes hs->drv; result_lock keeps both builds loaded. */
	mutex_lock(&hs->result_lock);
	if (nla_put_string(skb, NETHOTSWAP_A_DEV_DRIVER,
			   nhs_driver_name(hs->drv)) ||
	    nla_put_string(skb, NETHOTSWAP_A_DEV_DRIVER_VERSION,
			   hs->drv->version) ||
	    (hs->result.started &&
	     nhs_nl_put_result(skb, NETHOTSWAP_A_DEV_LAST_RESULT, &hs->result,
			       true))) {
		mutex_unlock(&hs->result_lock);
		goto err_cancel;
	}
	mutex_unlock(&hs->result_lock);

	genlmsg_end(skb, hdr);
	return 0;

err_cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

static bool nhs_nl_serves(struct netdev_hotswap *hs,
			  const struct nhs_driver *drv)
{
	bool serves;

	mutex_lock(&hs->result_lock);
	serves = hs->drv == drv;
	mutex_unlock(&hs->result_lock);
	return serves;
}

/* @drv must be registered or pinned.  A fixed size whatever the number
 * of devices: a dev-get dump lists those.
 */
static int nhs_nl_driver_fill(struct sk_buff *skb,
			      const struct nhs_driver *drv,
			      const struct genl_info *info, int flags)
{
	void *hdr;

	hdr = __genlmsg_iput(skb, info, flags);
	if (!hdr)
		return -EMSGSIZE;

	if (nla_put_string(skb, NETHOTSWAP_A_DRIVER_NAME,
			   nhs_driver_name(drv)) ||
	    nla_put_string(skb, NETHOTSWAP_A_DRIVER_FAMILY, drv->family) ||
	    nla_put_string(skb, NETHOTSWAP_A_DRIVER_VERSION, drv->version) ||
	    nla_put_u32(skb, NETHOTSWAP_A_DRIVER_STATE_VERSION,
			drv->state_version) ||
	    nla_put_u32(skb, NETHOTSWAP_A_DRIVER_STATE_MIN, drv->state_min) ||
	    nla_put_u32(skb, NETHOTSWAP_A_DRIVER_STATE_COMPAT,
			drv->state_compat))
		goto err_cancel;

	genlmsg_end(skb, hdr);
	return 0;

err_cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

/* The policy checks a name's length and NUL, but lets "" through. */
static bool nhs_nl_empty(const struct nlattr *attr,
			 struct netlink_ext_ack *extack)
{
	if (*(const char *)nla_data(attr))
		return false;
	NL_SET_ERR_MSG_ATTR(extack, attr, "empty name");
	return true;
}

/* A build named by attribute @attr, pinned: put it with nhs_driver_put(). */
static struct nhs_driver *nhs_nl_driver_get(const struct nlattr *attr,
					    struct netlink_ext_ack *extack)
{
	struct nhs_driver *drv;

	if (nhs_nl_empty(attr, extack))
		return ERR_PTR(-EINVAL);
	drv = nhs_driver_get(nla_data(attr));
	if (!drv) {
		NL_SET_ERR_MSG_ATTR_FMT(extack, attr,
					"no hotswap-capable driver %s is loaded",
					(const char *)nla_data(attr));
		return ERR_PTR(-ENOENT);
	}
	return drv;
}

int nethotswap_nl_driver_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nhs_driver *drv;
	struct sk_buff *rsp;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, NETHOTSWAP_A_DRIVER_NAME)) {
		NL_SET_ERR_MSG(info->extack, "missing driver name");
		return -EINVAL;
	}
	drv = nhs_nl_driver_get(info->attrs[NETHOTSWAP_A_DRIVER_NAME],
				info->extack);
	if (IS_ERR(drv))
		return PTR_ERR(drv);

	rsp = genlmsg_new(GENLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!rsp) {
		err = -ENOMEM;
		goto out_put;
	}
	err = nhs_nl_driver_fill(rsp, drv, info, 0);
	if (err) {
		nlmsg_free(rsp);
		goto out_put;
	}
	err = genlmsg_reply(rsp, info);
out_put:
	nhs_driver_put(drv);
	return err;
}

int nethotswap_nl_driver_get_dumpit(struct sk_buff *skb,
				    struct netlink_callback *cb)
{
	struct nhs_nl_dump_ctx *ctx = nhs_nl_dump_ctx(cb);
	struct nhs_driver *drv;
	int err = 0;

	/* nhs_drivers is in id order */
	mutex_lock(&nhs_lock);
	list_for_each_entry(drv, &nhs_drivers, list) {
		if (drv->id < ctx->next)
			continue;
		err = nhs_nl_driver_fill(skb, drv, genl_info_dump(cb),
					 NLM_F_MULTI);
		if (err)
			break;
		ctx->next = drv->id + 1;
	}
	mutex_unlock(&nhs_lock);
	return err;
}

/* The attached device of @net with the lowest ifindex from @ifindex on */
static struct netdev_hotswap *nhs_nl_next_dev(struct net *net, u32 ifindex)
{
	struct netdev_hotswap *hs, *next = NULL;

	lockdep_assert_held(&nhs_lock);
	list_for_each_entry(hs, &nhs_devices, list)
		if (net_eq(dev_net(hs->dev), net) &&
		    hs->dev->ifindex >= ifindex &&
		    (!next || hs->dev->ifindex < next->dev->ifindex))
			next = hs;
	return next;
}

static int nhs_nl_cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* The device a request names by ifindex or by ifname, held. */
static struct net_device *nhs_nl_dev_get(struct genl_info *info,
					 int ifindex_attr, int ifname_attr,
					 netdevice_tracker *tracker)
{
	struct nlattr *ifindex = info->attrs[ifindex_attr];
	struct nlattr *ifname = info->attrs[ifname_attr];
	struct netlink_ext_ack *extack = info->extack;
	struct net *net = genl_info_net(info);
	struct net_device *dev;

	if (ifindex && ifname) {
		NL_SET_ERR_MSG_ATTR(extack, ifname,
				    "give the device by ifindex or by name, not both");
		return ERR_PTR(-EINVAL);
	}
	if (ifindex) {
		dev = netdev_get_by_index(net, nla_get_u32(ifindex), tracker,
					  GFP_KERNEL);
		if (!dev)
			NL_SET_ERR_MSG_ATTR_FMT(extack, ifindex,
						"no device with ifindex %u",
						nla_get_u32(ifindex));
	} else if (ifname) {
		if (nhs_nl_empty(ifname, extack))
			return ERR_PTR(-EINVAL);
		dev = netdev_get_by_name(net, nla_data(ifname), tracker,
					 GFP_KERNEL);
		if (!dev)
			NL_SET_ERR_MSG_ATTR_FMT(extack, ifname, "no device %s",
						(const char *)nla_data(ifname));
	} else {
		NL_SET_ERR_MSG(extack, "missing device: ifindex or ifname");
		return ERR_PTR(-EINVAL);
	}
	return dev ?: ERR_PTR(-ENODEV);
}

int nethotswap_nl_dev_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	netdevice_tracker tracker;
	struct netdev_hotswap *hs;
	struct net_device *dev;
	struct sk_buff *rsp;
	int err;

	dev = nhs_nl_dev_get(info, NETHOTSWAP_A_DEV_IFINDEX,
			     NETHOTSWAP_A_DEV_IFNAME, &tracker);
	if (IS_ERR(dev))
		return PTR_ERR(dev);

	rsp = genlmsg_new(GENLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!rsp) {
		err = -ENOMEM;
		goto out_put;
	}
	mutex_lock(&nhs_lock);
	hs = nhs_nl_find(dev);
	if (hs) {
		err = nhs_nl_dev_fill(rsp, hs, info, 0);
	} else {
		NL_SET_ERR_MSG_FMT(info->extack,
				   "%s is not driven by a hotswap-capable driver",
				   netdev_name(dev));
		err = -EOPNOTSUPP;
	}
	mutex_unlock(&nhs_lock);
	if (err) {
		nlmsg_free(rsp);
		goto out_put;
	}
	err = genlmsg_reply(rsp, info);
out_put:
	netdev_put(dev, &tracker);
	return err;
}

int nethotswap_nl_dev_get_dumpit(struct sk_buff *skb,
				 struct netlink_callback *cb)
{
	struct nhs_nl_dump_ctx *ctx = nhs_nl_dump_ctx(cb);
	struct net *net = sock_net(skb->sk);
	struct netdev_hotswap *hs;
	int err = 0;

	if (nhs_fault(NHS_FAULT_DUMP)) {
		NL_SET_ERR_MSG_FMT(cb->extack, "fault injected at %s",
				   nhs_fault_name(NHS_FAULT_DUMP));
		return -EIO;
	}

	/* In ifindex order, as for_each_netdev_dump(): the next device is
	 * the attached one of @net with the lowest ifindex not dumped yet.
	 */
	mutex_lock(&nhs_lock);
	while ((hs = nhs_nl_next_dev(net, ctx->next))) {
		err = nhs_nl_dev_fill(skb, hs, genl_info_dump(cb), NLM_F_MULTI);
		if (err)
			break;
		ctx->next = hs->dev->ifindex + 1;
	}
	mutex_unlock(&nhs_lock);
	return err;
}

static size_t nhs_nl_swapped_size(void)
{
	return nla_total_size(0) +				/* DEV nest */
	       nla_total_size(sizeof(u32)) +			/* IFINDEX */
	       nla_total_size(IFNAMSIZ) +			/* IFNAME */
	       nhs_nl_result_size();				/* LAST_RESULT */
}

/* Add @dev and the outcome @res of its swap to the reply. */
static int nhs_nl_put_swapped(struct sk_buff *rsp, struct net_device *dev,
			      const struct nhs_result *res)
{
	struct nlattr *nest;

	nest = nla_nest_start(rsp, NETHOTSWAP_A_SWAP_DEV);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(rsp, NETHOTSWAP_A_DEV_IFINDEX, dev->ifindex) ||
	    nhs_nl_put_ifname(rsp, NETHOTSWAP_A_DEV_IFNAME, dev) ||
	    nhs_nl_put_result(rsp, NETHOTSWAP_A_DEV_LAST_RESULT, res, true)) {
		nla_nest_cancel(rsp, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(rsp, nest);
	return 0;
}

/* Of several devices swapped in turn, say which one failed. */
static void nhs_nl_name_failed(struct netlink_ext_ack *extack,
			       const struct net_device *dev)
{
	const char *name = netdev_name(dev);
	char msg[NETLINK_MAX_FMTMSG_LEN];
	int room;

	if (!extack->_msg || strstr(extack->_msg, name))
		return;
	strscpy(msg, extack->_msg);
	room = NETLINK_MAX_FMTMSG_LEN - 1 - strlen(name) - strlen(": ");
	NL_SET_ERR_MSG_FMT(extack, "%s: %.*s", name, room, msg);
}

/* Swap @dev, or only check that it would start (@dry_run), and add it,
 * with the outcome, to the reply, whatever it is.
 */
static int nhs_nl_swap_one(struct sk_buff *rsp, struct net_device *dev,
			   const char *target, unsigned int timeout_ms,
			   bool dry_run, struct netlink_ext_ack *extack)
{
	struct nhs_result *res;
	int err;

	res = kzalloc(sizeof(*res), GFP_KERNEL);
	if (!res)
		return -ENOMEM;
	if (dry_run)
		err = nhs_swap_check(dev, target, extack, res);
	else
		err = nhs_swap(dev, target, timeout_ms, extack, res);
	/* Sized for every device: cannot fail, but never hide a swap. */
	WARN_ON_ONCE(nhs_nl_put_swapped(rsp, dev, res));
	kfree(res);
	return err;
}

/* The ifindexes of @drv's devices in @net, when the request came in, in
 * ifindex order.  Each swap sleeps, so they are looked up again one by one.
 */
static int *nhs_nl_devs_of(const struct nhs_driver *drv, struct net *net,
			   unsigned int *n)
{
	struct netdev_hotswap *hs;
	unsigned int i = 0;
	int *ifindexes;

	mutex_lock(&nhs_lock);
	*n = 0;
	list_for_each_entry(hs, &nhs_devices, list)
		if (net_eq(dev_net(hs->dev), net) && nhs_nl_serves(hs, drv))
			(*n)++;
	ifindexes = kmalloc_array(*n, sizeof(*ifindexes), GFP_KERNEL);
	if (ifindexes)
		list_for_each_entry(hs, &nhs_devices, list)
			if (net_eq(dev_net(hs->dev), net) &&
			    nhs_nl_serves(hs, drv) && i < *n)
				ifindexes[i++] = hs->dev->ifindex;
	*n = i;
	mutex_unlock(&nhs_lock);
	if (ifindexes)
		sort(ifindexes, *n, sizeof(*ifindexes), nhs_nl_cmp_int, NULL);
	return ifindexes;
}

/*
 * Swap, in turn, every device the build named by @attr serves.  The reply
 * lists each device tried with its result; the first failure stops the
 * run, and its errno goes in the ack, after the reply.
 */
static int nhs_nl_swap_driver(struct genl_info *info,
			      const struct nlattr *attr, const char *target,
			      unsigned int timeout_ms, bool dry_run)
{
	struct netlink_ext_ack *extack = info->extack;
	struct net *net = genl_info_net(info);
	netdevice_tracker tracker;
	struct nhs_driver *drv;
	struct net_device *dev;
	struct sk_buff *rsp;
	unsigned int i, n;
	int *ifindexes;
	int err, ret;
	void *hdr;

	if (info->attrs[NETHOTSWAP_A_SWAP_IFINDEX] ||
	    info->attrs[NETHOTSWAP_A_SWAP_IFNAME]) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "give a device or a driver, not both");
		return -EINVAL;
	}
	drv = nhs_nl_driver_get(attr, extack);
	if (IS_ERR(drv))
		return PTR_ERR(drv);
	ifindexes = nhs_nl_devs_of(drv, net, &n);
	nhs_driver_put(drv);
	if (!ifindexes)
		return -ENOMEM;
	if (!n) {
		NL_SET_ERR_MSG_ATTR_FMT(extack, attr,
					"%s drives no device in this network namespace",
					(const char *)nla_data(attr));
		err = -ENODEV;
		goto out_free;
	}

	/* Before any swap: once one was tried, the reply must go out. */
	err = -ENOMEM;
	rsp = genlmsg_new(n * nhs_nl_swapped_size(), GFP_KERNEL);
	if (!rsp)
		goto out_free;
	hdr = genlmsg_iput(rsp, info);
	if (!hdr) {
		nlmsg_free(rsp);
		goto out_free;
	}

	err = 0;
	for (i = 0; i < n && !err; i++) {
		dev = netdev_get_by_index(net, ifindexes[i], &tracker,
					  GFP_KERNEL);
		if (!dev)	/* unregistered since */
			continue;
		err = nhs_nl_swap_one(rsp, dev, target, timeout_ms, dry_run,
				      extack);
		if (err)
			nhs_nl_name_failed(extack, dev);
		netdev_put(dev, &tracker);
	}
	genlmsg_end(rsp, hdr);
	ret = genlmsg_reply(rsp, info);
	err = err ?: ret;
out_free:
	kfree(ifindexes);
	return err;
}

/* Swap one device; the reply carries its result, also when it failed. */
static int nhs_nl_swap_dev(struct genl_info *info, const char *target,
			   unsigned int timeout_ms, bool dry_run)
{
	netdevice_tracker tracker;
	struct net_device *dev;
	struct sk_buff *rsp;
	int err, ret;
	void *hdr;

	dev = nhs_nl_dev_get(info, NETHOTSWAP_A_SWAP_IFINDEX,
			     NETHOTSWAP_A_SWAP_IFNAME, &tracker);
	if (IS_ERR(dev))
		return PTR_ERR(dev);

	/* Before the swap: once it was tried, the reply must go out. */
	err = -ENOMEM;
	rsp = genlmsg_new(nhs_nl_swapped_size(), GFP_KERNEL);
	if (!rsp)
		goto out_put;
	hdr = genlmsg_iput(rsp, info);
	if (!hdr) {
		nlmsg_free(rsp);
		goto out_put;
	}

	err = nhs_nl_swap_one(rsp, dev, target, timeout_ms, dry_run,
			      info->extack);
	genlmsg_end(rsp, hdr);
	ret = genlmsg_reply(rsp, info);
	err = err ?: ret;
out_put:
	netdev_put(dev, &tracker);
	return err;
}

/* A swap request, or a check (@dry_run, no timeout attribute) */
static int nhs_nl_swap_request(struct genl_info *info, bool dry_run)
{
	struct nlattr *timeout = dry_run ? NULL :
				 info->attrs[NETHOTSWAP_A_SWAP_TIMEOUT_MS];
	struct nlattr *target = info->attrs[NETHOTSWAP_A_SWAP_TARGET];
	struct nlattr *driver = info->attrs[NETHOTSWAP_A_SWAP_DRIVER];
	unsigned int timeout_ms = timeout ? nla_get_u32(timeout) : 0;

	if (GENL_REQ_ATTR_CHECK(info, NETHOTSWAP_A_SWAP_TARGET)) {
		NL_SET_ERR_MSG(info->extack, "missing target driver");
		return -EINVAL;
	}
	if (nhs_nl_empty(target, info->extack))
		return -EINVAL;

	if (driver)
		return nhs_nl_swap_driver(info, driver, nla_data(target),
					  timeout_ms, dry_run);
	return nhs_nl_swap_dev(info, nla_data(target), timeout_ms, dry_run);
}

int nethotswap_nl_swap_doit(struct sk_buff *skb, struct genl_info *info)
{
	return nhs_nl_swap_request(info, false);
}

int nethotswap_nl_check_doit(struct sk_buff *skb, struct genl_info *info)
{
	return nhs_nl_swap_request(info, true);
}

static size_t nhs_nl_event_size(void)
{
	return nla_total_size(sizeof(u32)) +			/* TYPE */
	       nla_total_size(sizeof(u32)) +			/* IFINDEX */
	       nla_total_size(IFNAMSIZ) +			/* IFNAME */
	       nla_total_size(sizeof(u32)) +			/* PHASE */
	       nhs_nl_result_size();				/* RESULT */
}

/*
 * nhs_nl_notify - tell the "monitor" group how a swap of @hs is going
 * @hs: the device being swapped
 * @event: what happened
 * @phase: the phase done (NHS_EVENT_PHASE_DONE) or that failed
 *	(NHS_EVENT_ROLLED_BACK, NHS_EVENT_FAILED); ignored otherwise
 * @res: the swap's result so far: from and to are reported for every
 *	event, the rest for the terminal ones (completed, rolled back, failed)
 *
 * Process context; allocates, so never call it inside the blackout.
 */
static void nhs_nl_notify(struct netdev_hotswap *hs, enum nhs_event event,
			  enum nhs_phase phase, const struct nhs_result *res)
{
	struct net_device *dev = hs->dev;
	struct net *net = dev_net(dev);
	bool with_result = event != NHS_EVENT_STARTED &&
			   event != NHS_EVENT_PHASE_DONE;
	bool with_phase = event != NHS_EVENT_STARTED &&
			  event != NHS_EVENT_COMPLETED;
	struct genl_info info;
	struct sk_buff *skb;
	void *hdr;

	if (!genl_has_listeners(&nethotswap_nl_family, net,
				NETHOTSWAP_NLGRP_MONITOR))
		return;

	skb = genlmsg_new(nhs_nl_event_size(), GFP_KERNEL);
	if (!skb)
		return;
	genl_info_init_ntf(&info, &nethotswap_nl_family,
			   NETHOTSWAP_CMD_SWAP_NTF);
	hdr = genlmsg_iput(skb, &info);
	if (!hdr ||
	    nla_put_u32(skb, NETHOTSWAP_A_EVENT_TYPE, event) ||
	    nla_put_u32(skb, NETHOTSWAP_A_EVENT_IFINDEX, dev->ifindex) ||
	    nhs_nl_put_ifname(skb, NETHOTSWAP_A_EVENT_IFNAME, dev) ||
	    (with_phase &&
	     nla_put_u32(skb, NETHOTSWAP_A_EVENT_PHASE, phase)) ||
	    nhs_nl_put_result(skb, NETHOTSWAP_A_EVENT_RESULT, res,
			      with_result)) {
		nlmsg_free(skb);
		return;
	}
	genlmsg_end(skb, hdr);
	genlmsg_multicast_netns(&nethotswap_nl_family, net, skb, 0,
				NETHOTSWAP_NLGRP_MONITOR, GFP_KERNEL);
}

/* The engine's swap events, as "monitor" notifications */
static int nhs_nl_swap_event(struct notifier_block *nb, unsigned long event,
			     void *data)
{
	const struct nhs_swap_info *info = data;

	nhs_nl_notify(info->hs, event, info->phase, info->res);
	return NOTIFY_OK;
}

static struct notifier_block nhs_nl_swap_nb = {
	.notifier_call = nhs_nl_swap_event,
};

int nhs_nl_init(void)
{
	int err;

	err = genl_register_family(&nethotswap_nl_family);
	if (err)
		return err;
	err = nhs_swap_notifier_register(&nhs_nl_swap_nb);
	if (err)
		genl_unregister_family(&nethotswap_nl_family);
	return err;
}

void nhs_nl_exit(void)
{
	nhs_swap_notifier_unregister(&nhs_nl_swap_nb);
	genl_unregister_family(&nethotswap_nl_family);
}

/* Lets resolving the family load the module. */
MODULE_ALIAS_GENL_FAMILY(NETHOTSWAP_FAMILY_NAME);
