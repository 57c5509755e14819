// SPDX-License-Identifier: GPL-2.0
/*
 * The swap: hand a device from the build serving it to another build of
 * the same driver family, without unregistering the net_device.
 *
 *   prepare   checks, allocations and arming the gates, while the old
 *             build still serves; nothing is stopped yet
 *   quiesce   RTNL, TX stopped (frames wait in the qdisc), gates closed
 *             and drained, the old build frozen; "not ready" retries
 *   handover  the old build saves its state, the new one takes it over;
 *             gates open, TX restarts: the blackout ends here; then the
 *             new build is thawed and receives what piled up meanwhile
 *   commit    the new build proves healthy (carrier as before, queued
 *             frames go out), the bus device is rebound to it, it adopts
 *             what still names the old build, whose state is freed
 *
 * A failure before the handover thaws the old build; a failure at commit
 * hands the device back to the old build the same way it left (a spare
 * private state is allocated for that during prepare).  Either way the
 * caller gets an errno and the reason.  Should even that hand-back fail,
 * the new build keeps the device and the bus device is bound to it, so
 * that one build serves, is bound and is referenced: by force, should the
 * bus refuse (a link sysfs could not create is reported and left out).
 *
 * Allocation, grace periods and driver-core bookkeeping happen outside
 * the blackout.  RTNL is held for one quiesce attempt at a time: draining
 * the gates gives up after NHS_DRAIN_SLICE_MS, drops RTNL and tries again
 * until the deadline.
 */

#include <linux/delay.h>
#include <linux/device.h>
#include <linux/device/bus.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/notifier.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/netlink.h>
#include <net/sch_generic.h>

#include "hotswap.h"

#define CREATE_TRACE_POINTS
#include "trace.h"

static const char * const nhs_phase_names[NHS_NR_PHASES] = {
	[NHS_PHASE_PREPARE]	= "prepare",
	[NHS_PHASE_QUIESCE]	= "quiesce",
	[NHS_PHASE_HANDOVER]	= "handover",
	[NHS_PHASE_COMMIT]	= "commit",
};

const char *nhs_phase_name(enum nhs_phase phase)
{
	return nhs_phase_names[phase];
}

struct nhs_swap {
	struct netdev_hotswap *hs;
	struct net_device *dev;
	struct nhs_state *state;
	unsigned long deadline;
	struct nhs_result res;
	struct netlink_ext_ack *extack;
	struct nhs_driver *gated;
	bool dry_run;
	bool carrier;
	bool rx_group_hidden;
};

/* How long a new build has to show it works before it is swapped back */
#define NHS_HEALTH_MS		500
/* How long a rollback may take to quiesce the new build */
#define NHS_ROLLBACK_MS		1000
/* The longest RTNL is held waiting for calls to leave the gates */
#define NHS_DRAIN_SLICE_MS	10

/* The control plane observes swaps here; the engine never calls it. */
static BLOCKING_NOTIFIER_HEAD(nhs_swap_chain);

int nhs_swap_notifier_register(struct notifier_block *nb)
{
	return blocking_notifier_chain_register(&nhs_swap_chain, nb);
}

void nhs_swap_notifier_unregister(struct notifier_block *nb)
{
	blocking_notifier_chain_unregister(&nhs_swap_chain, nb);
}

/* Process context, outside the blackout: observers may allocate. */
static void nhs_notify(struct nhs_swap *sw, enum nhs_event event,
		       enum nhs_phase phase)
{
	struct nhs_swap_info info = {
		.hs = sw->hs,
		.phase = phase,
		.res = &sw->res,
	};

	blocking_notifier_call_chain(&nhs_swap_chain, event, &info);
}

static void nhs_phase_done(struct nhs_swap *sw, enum nhs_phase phase)
{
	nhs_notify(sw, NHS_EVENT_PHASE_DONE, phase);
}

/* Until a rollback itself fails, a failed swap leaves the old build serving. */
static void nhs_fail(struct nhs_swap *sw, enum nhs_phase phase, int err)
{
	sw->res.err = err;
	sw->res.phase = phase;
	sw->res.rolled_back = true;
}

static int nhs_injected(struct nhs_swap *sw, enum nhs_fault point)
{
	if (!nhs_fault(point))
		return 0;
	NL_SET_ERR_MSG_FMT(sw->extack, "fault injected at %s",
			   nhs_fault_name(point));
	return -EIO;
}

/* Can a build that reads layouts @to->state_min..@to->state_version take
 * over the state @from writes?  A newer layout is readable when its writer
 * declares it compatible with the reader's version (fields appended only).
 */
static bool nhs_state_readable(const struct nhs_driver *from,
			       const struct nhs_driver *to)
{
	if (from->state_version <= to->state_version)
		return from->state_version >= to->state_min;
	return from->state_compat <= to->state_version;
}

/* How many bytes @drv's save() writes for @dev, RTNL held */
static size_t nhs_state_size(const struct nhs_driver *drv,
			     struct net_device *dev)
{
	ASSERT_RTNL();
	return drv->ops->state_size ? drv->ops->state_size(dev) :
				      drv->state_size;
}

static int nhs_check(struct nhs_swap *sw, struct nhs_driver *from,
		     struct nhs_driver *to, struct device *parent)
{
	struct netlink_ext_ack *extack = sw->extack;
	const char *other;
	int err;

	if (to == from) {
		NL_SET_ERR_MSG_FMT(extack, "%s is already driven by %s",
				   netdev_name(sw->dev), nhs_driver_name(to));
		return -EALREADY;
	}
	if (strcmp(to->family, from->family)) {
		NL_SET_ERR_MSG_FMT(extack,
				   "%s (family %s) cannot replace %s (family %s)",
				   nhs_driver_name(to), to->family,
				   nhs_driver_name(from), from->family);
		return -EXDEV;
	}
	if (!nhs_state_readable(from, to)) {
		NL_SET_ERR_MSG_FMT(extack,
				   "%s reads state %u..%u, %s writes %u (readable from %u)",
				   nhs_driver_name(to), to->state_min,
				   to->state_version, nhs_driver_name(from),
				   from->state_version, from->state_compat);
		return -EPROTO;
	}
	/* A failed commit hands the device back: that must work too. */
	if (!nhs_state_readable(to, from)) {
		NL_SET_ERR_MSG_FMT(extack,
				   "no way back: %s cannot read the state version %u of %s",
				   nhs_driver_name(from), to->state_version,
				   nhs_driver_name(to));
		return -EPROTO;
	}
	err = nhs_bus_check(parent, from, to, extack);
	if (err)
		return err;
	/* The gate table installed stays until the swap ends. */
	other = nhs_gate_same_entries(from->netdev_ops, from->ethtool_ops,
				      to->netdev_ops, to->ethtool_ops);
	if (other) {
		NL_SET_ERR_MSG_FMT(extack,
				   "%s implements other entry points than %s: %s",
				   nhs_driver_name(to), nhs_driver_name(from),
				   other);
		return -EOPNOTSUPP;
	}
	err = nhs_check_foreign(sw->dev, from, extack) ?:
	      nhs_tables_check(sw->dev, from, to, extack);
	if (err || !from->ops->check)
		return err;
	rtnl_lock();
	err = from->ops->check(sw->dev, extack);
	rtnl_unlock();
	return err;
}

/* Record a failure of the swap itself; a rollback's own failure is
 * reported by its caller.
 */
static void nhs_transfer_failed(struct nhs_swap *sw, bool forward,
				enum nhs_phase phase, int err)
{
	if (forward)
		nhs_fail(sw, phase, err);
}

static void nhs_unpark(struct nhs_driver *drv, struct net_device *dev)
{
	if (drv->ops->unpark)
		drv->ops->unpark(dev);
}

/*
 * Quiesce @from and hand the device to @to, which fills @incoming.  On
 * success *@outgoing is @from's private state, now unused.  RTNL is taken
 * and dropped for each attempt; the gates are installed.  The @forward
 * transfer of a swap takes the phases' injected faults and records the
 * timings; a rollback takes the rollback fault.
 */
static int nhs_transfer(struct nhs_swap *sw, struct nhs_driver *from,
			struct nhs_driver *to, void *incoming, void **outgoing,
			bool forward)
{
	struct netdev_hotswap *hs = sw->hs;
	struct net_device *dev = sw->dev;
	enum nhs_phase failed = NHS_PHASE_QUIESCE;
	ktime_t t0, t1, t2, t3;
	unsigned long slice;
	int err;

	if (from->ops->park)
		from->ops->park(dev);
	for (;;) {
		sw->res.attempts++;
		rtnl_lock();
		t0 = ktime_get();
		slice = jiffies + msecs_to_jiffies(NHS_DRAIN_SLICE_MS);
		if (time_before(sw->deadline, slice))
			slice = sw->deadline;
		sw->carrier = netif_carrier_ok(dev);
		nhs_gate_stop_tx(dev);
		err = nhs_gate_close(dev, slice, sw->extack);
		if (!err) {
			err = from->ops->freeze(dev, sw->extack);
			if (!err) {
				/* The old build's interrupt handler may
				 * have woken the queues between the first
				 * stop and the freeze: stop them again, or
				 * the qdisc spins on the closed gate for
				 * the whole blackout.
				 */
				nhs_gate_stop_tx(dev);
				/* A statistics reader preempted inside
				 * its gate holds the blackout no longer
				 * than a slice either.
				 */
				err = nhs_gate_close_stats(dev, slice,
							   sw->extack);
				if (!err)
					break;
				from->ops->thaw(dev);
			}
		}
		nhs_gate_open(dev);
		rtnl_unlock();
		trace_nethotswap_quiesce(dev, sw->res.attempts, err,
					 ktime_to_ns(ktime_sub(ktime_get(), t0)));
		/* Busy ("not ready", calls still inside): try again. */
		if (err != -EAGAIN && err != -ETIMEDOUT)
			break;
		if (time_after_eq(jiffies, sw->deadline)) {
			err = -ETIMEDOUT;
			break;
		}
		usleep_range(500, 1000);
	}
	if (err) {
		nhs_transfer_failed(sw, forward, NHS_PHASE_QUIESCE, err);
		nhs_unpark(from, dev);
		return err;
	}
	t1 = ktime_get();
	trace_nethotswap_quiesce(dev, sw->res.attempts, 0,
				 ktime_to_ns(ktime_sub(t1, t0)));
	err = nhs_injected(sw, forward ? NHS_FAULT_QUIESCE :
					 NHS_FAULT_ROLLBACK);
	if (err)
		goto err_thaw;

	failed = NHS_PHASE_HANDOVER;
	from->ops->save(dev, sw->state);
	if (forward) {
		err = nhs_injected(sw, NHS_FAULT_HANDOVER);
		if (err)
			goto err_thaw;
	}
	err = to->ops->handover(dev, sw->state, incoming, outgoing,
				sw->extack);
	if (err)
		goto err_thaw;
	t2 = ktime_get();

	nhs_gate_serve(dev, to->netdev_ops, to->ethtool_ops);
	nhs_tables_serve(dev, from, to);
	t3 = nhs_gate_open(dev);
	/* The interrupts and receive work the new build resumes run after
	 * the blackout, not inside it
	 */
	to->ops->thaw(dev);
	rtnl_unlock();
	trace_nethotswap_handover(dev, nhs_driver_name(to),
				  ktime_to_ns(ktime_sub(t3, t0)),
				  ktime_to_ns(ktime_sub(t2, t1)));
	/* Readers of the serving build take result_lock, which the
	 * blackout does not wait for.
	 */
	mutex_lock(&hs->result_lock);
	hs->drv = to;
	mutex_unlock(&hs->result_lock);

	if (!forward)
		return 0;
	sw->res.quiesce_ns = ktime_to_ns(ktime_sub(t1, t0));
	sw->res.handover_ns = ktime_to_ns(ktime_sub(t2, t1));
	sw->res.blackout_ns = ktime_to_ns(ktime_sub(t3, t0));
	return 0;

err_thaw:
	nhs_transfer_failed(sw, forward, failed, err);
	from->ops->thaw(dev);
	nhs_gate_open(dev);
	rtnl_unlock();
	nhs_unpark(from, dev);
	return err;
}

static bool nhs_tx_backlog(struct net_device *dev)
{
	struct Qdisc *qdisc;
	bool backlog;

	rcu_read_lock();
	qdisc = rcu_dereference(dev->qdisc);
	backlog = qdisc && qdisc_qlen_sum(qdisc);
	rcu_read_unlock();
	return backlog;
}

static u64 nhs_tx_packets(struct net_device *dev)
{
	struct rtnl_link_stats64 stats;

	return dev_get_stats(dev, &stats)->tx_packets;
}

/*
 * Commit only to a build that works: the carrier is as it was before the
 * swap and, if frames wait in the qdisc, they go out.
 */
static int nhs_check_health(struct nhs_swap *sw)
{
	unsigned long deadline = jiffies + msecs_to_jiffies(NHS_HEALTH_MS);
	struct net_device *dev = sw->dev;
	u64 tx_packets;

	if (!netif_running(dev))
		return 0;
	tx_packets = nhs_tx_packets(dev);
	for (;;) {
		bool carrier = netif_carrier_ok(dev) == sw->carrier;
		bool moving = !nhs_tx_backlog(dev) ||
			      nhs_tx_packets(dev) != tx_packets;

		if (carrier && moving)
			return 0;
		if (time_after(jiffies, deadline)) {
			NL_SET_ERR_MSG_FMT(sw->extack,
					   "new driver unhealthy after %u ms: %s",
					   NHS_HEALTH_MS, carrier ?
					   "frames queued but none sent" :
					   "carrier changed");
			return -EIO;
		}
		usleep_range(10000, 20000);
	}
}

static void nhs_free_priv(struct nhs_driver *drv, struct net_device *dev,
			  void *priv)
{
	rtnl_lock();
	drv->ops->free_priv(dev, priv);
	rtnl_unlock();
}

/* End the swap's use of the gates and free the states no build serves
 * with: @a (of @drv_a) and @b (of @drv_b), either may be NULL.
 */
static void nhs_release(struct nhs_swap *sw, struct nhs_driver *drv_a,
			void *a, struct nhs_driver *drv_b, void *b)
{
	rtnl_lock();
	if (!nhs_gate_remove(sw->dev)) {
		/* Whoever stacked on the gate table restores it later. */
		__module_get(sw->gated->owner);
		netdev_warn(sw->dev,
			    "a stacked user took over the hotswap gates: %s stays loaded\n",
			    nhs_driver_name(sw->gated));
	}
	if (a)
		drv_a->ops->free_priv(sw->dev, a);
	if (b)
		drv_b->ops->free_priv(sw->dev, b);
	rtnl_unlock();
}

/* "<why the commit failed>; <what the rollback did>", within extack's room */
static void nhs_append_msg(struct netlink_ext_ack *extack, const char *what)
{
	char why[NETLINK_MAX_FMTMSG_LEN];

	strscpy(why, extack->_msg ?: "commit failed");
	NL_SET_ERR_MSG_FMT(extack, "%s; %s", why, what);
}

/*
 * The commit to @to failed: hand the device back to @from, into @spare.
 * If even that fails, @to keeps the device and the bus device is bound to
 * it, by force if need be.
 */
static void nhs_roll_back(struct nhs_swap *sw, struct nhs_driver *from,
			  struct nhs_driver *to, struct device *parent,
			  void *outgoing, void *spare)
{
	struct netlink_ext_ack rollback_extack = {};
	struct netlink_ext_ack *extack = sw->extack;
	void *returned;
	int err;

	sw->extack = &rollback_extack;
	sw->deadline = jiffies + msecs_to_jiffies(NHS_ROLLBACK_MS);
	err = nhs_transfer(sw, to, from, spare, &returned, false);
	sw->extack = extack;
	trace_nethotswap_rollback(sw->dev, nhs_driver_name(from), err);
	if (!err) {
		nhs_release(sw, to, returned, from, outgoing);
		return;
	}

	netdev_err(sw->dev, "rollback to %s failed: %s\n", nhs_driver_name(from),
		   rollback_extack._msg ?: "no reason given");
	sw->res.rolled_back = false;
	/* The device must be bound to the build whose state it has, or an
	 * unbind would run @from's remove() on @to's state.
	 */
	err = nhs_injected(sw, NHS_FAULT_REBIND) ?: nhs_bus_replace(parent, to);
	if (err) {
		netdev_err(sw->dev, "rebinding %s to %s failed (%d): forced\n",
			   dev_name(parent), nhs_driver_name(to), err);
		nhs_bus_force_replace(parent, to);
	}
	if (to->ops->adopt)
		to->ops->adopt(sw->dev);
	nhs_append_msg(extack, "rollback failed, kept the new driver");
	nhs_release(sw, from, outgoing, from, spare);
}

/* Returns with the device served by @to (0), or by @from again. */
static int nhs_swap_locked(struct nhs_swap *sw, struct nhs_driver *from,
			   struct nhs_driver *to, struct device *parent)
{
	struct net_device *dev = sw->dev;
	void *incoming, *spare, *outgoing;
	ktime_t start = ktime_get(), t;
	size_t size;
	int err;

	err = nhs_check(sw, from, to, parent);
	if (err)
		goto err_prepare;
	sw->res.started = true;
	trace_nethotswap_prepare(dev, nhs_driver_name(from),
				 nhs_driver_name(to));
	/* Shown again from the build serving when the swap ends */
	rtnl_lock();
	sw->rx_group_hidden = nhs_rx_group_hide(dev);
	rtnl_unlock();
	nhs_notify(sw, NHS_EVENT_STARTED, NHS_PHASE_PREPARE);

	/* Either build writes the state: a rollback makes @to the writer. */
	err = -ENOMEM;
	rtnl_lock();
	size = max(nhs_state_size(from, dev), nhs_state_size(to, dev));
	rtnl_unlock();
	sw->state = kvzalloc(struct_size(sw->state, data, size), GFP_KERNEL);
	if (!sw->state)
		goto err_prepare;
	rtnl_lock();
	incoming = to->ops->alloc_priv(dev);
	spare = IS_ERR(incoming) ? NULL : from->ops->alloc_priv(dev);
	rtnl_unlock();
	if (IS_ERR(incoming)) {
		err = PTR_ERR(incoming);
		goto err_free_state;
	}
	if (IS_ERR(spare)) {
		err = PTR_ERR(spare);
		goto err_free_incoming;
	}
	err = nhs_injected(sw, NHS_FAULT_PREPARE);
	if (err)
		goto err_free_spare;

	rtnl_lock();
	err = nhs_gate_install(dev, from->gated_netdev_ops,
			       from->gated_ethtool_ops);
	rtnl_unlock();
	if (err) {
		NL_SET_ERR_MSG_FMT(sw->extack,
				   "%s: a stacked user replaced %s's ops",
				   netdev_name(dev), nhs_driver_name(from));
		goto err_free_spare;
	}
	sw->gated = from;
	/* Calls that loaded the driver's own tables are RCU readers or hold
	 * RTNL, which every quiesce attempt takes.
	 */
	synchronize_rcu();
	sw->res.prepare_ns = ktime_to_ns(ktime_sub(ktime_get(), start));
	nhs_phase_done(sw, NHS_PHASE_PREPARE);

	err = nhs_transfer(sw, from, to, incoming, &outgoing, true);
	if (err)
		goto err_release;
	nhs_phase_done(sw, NHS_PHASE_QUIESCE);
	nhs_phase_done(sw, NHS_PHASE_HANDOVER);

	t = ktime_get();
	err = nhs_check_health(sw);
	if (!err)
		err = nhs_injected(sw, NHS_FAULT_COMMIT);
	if (!err)
		err = nhs_bus_replace(parent, to);
	if (err) {
		nhs_fail(sw, NHS_PHASE_COMMIT, err);
		nhs_roll_back(sw, from, to, parent, outgoing, spare);
		goto err_free_state;
	}
	if (to->ops->adopt)
		to->ops->adopt(dev);
	nhs_release(sw, from, outgoing, from, spare);
	kvfree(sw->state);
	sw->res.rebind_ns = ktime_to_ns(ktime_sub(ktime_get(), t));
	sw->res.total_ns = ktime_to_ns(ktime_sub(ktime_get(), start));
	nhs_phase_done(sw, NHS_PHASE_COMMIT);
	return 0;

err_release:
	nhs_release(sw, from, spare, to, incoming);
	goto err_free_state;
err_free_spare:
	nhs_free_priv(from, dev, spare);
err_free_incoming:
	nhs_free_priv(to, dev, incoming);
err_free_state:
	kvfree(sw->state);
err_prepare:
	if (!sw->res.err)
		nhs_fail(sw, NHS_PHASE_PREPARE, err);
	sw->res.total_ns = ktime_to_ns(ktime_sub(ktime_get(), start));
	return err;
}

/* Why a target name does not resolve to a registered build. */
static int nhs_unknown_target(struct device *parent, const char *target,
			      struct netlink_ext_ack *extack)
{
	struct device_driver *drv = driver_find(target, parent->bus);

	if (drv) {
		NL_SET_ERR_MSG_FMT(extack, "%s is not hotswap-capable",
				   target);
		return -EOPNOTSUPP;
	}
	/* A parent outside any bus has no drivers to name */
	NL_SET_ERR_MSG_FMT(extack, "no driver %s on bus %s (module not loaded?)",
			   target, parent->bus ? parent->bus->name : "none");
	return -ENOENT;
}

/* Keep the outcome of a swap that started for readers, and tell
 * listeners how it ended.  A request refused by its checks (a mistyped
 * target, the wrong family, ...) only answers its caller: it does not
 * overwrite the last real swap's result and timings.
 */
static void nhs_record(struct netdev_hotswap *hs, struct nhs_swap *sw)
{
	const char *msg = sw->extack->_msg;
	enum nhs_event event = NHS_EVENT_COMPLETED;

	if (!sw->res.started)
		return;
	trace_nethotswap_commit(sw->dev,
				nhs_phase_name(sw->res.err ? sw->res.phase :
							     NHS_PHASE_COMMIT),
				sw->res.err, sw->res.rolled_back);
	if (sw->res.err && msg)
		strscpy(sw->res.msg, msg, sizeof(sw->res.msg));
	mutex_lock(&hs->result_lock);
	hs->result = sw->res;
	mutex_unlock(&hs->result_lock);

	if (sw->res.err)
		event = sw->res.rolled_back ? NHS_EVENT_ROLLED_BACK :
					      NHS_EVENT_FAILED;
	nhs_notify(sw, event, sw->res.phase);
}

static int __nhs_swap(struct nhs_swap *sw, const char *target,
		      unsigned int timeout_ms)
{
	struct netlink_ext_ack *extack = sw->extack;
	struct net_device *dev = sw->dev;
	struct device *parent = dev->dev.parent;
	struct nhs_driver *from, *to;
	struct netdev_hotswap *hs;
	int err;

	if (timeout_ms > NHS_TIMEOUT_MAX_MS) {
		NL_SET_ERR_MSG_FMT(extack, "timeout must be 1..%u ms",
				   NHS_TIMEOUT_MAX_MS);
		return -ERANGE;
	}
	if (!parent) {
		NL_SET_ERR_MSG_FMT(extack, "%s has no bus device",
				   netdev_name(dev));
		return -EOPNOTSUPP;
	}
	/* A probe, remove or another swap holds the device: don't queue. */
	if (!device_trylock(parent)) {
		NL_SET_ERR_MSG_FMT(extack,
				   "%s is busy: a swap or driver (un)binding is in progress",
				   netdev_name(dev));
		return -EBUSY;
	}
	hs = nhs_of(dev);
	if (!hs || dev->reg_state != NETREG_REGISTERED) {
		NL_SET_ERR_MSG_FMT(extack, "%s is not driven by a hotswap-capable driver",
				   netdev_name(dev));
		err = -EOPNOTSUPP;
		goto out_unlock;
	}
	sw->hs = hs;
	sw->deadline = jiffies +
		msecs_to_jiffies(timeout_ms ?: NHS_TIMEOUT_DEFAULT_MS);
	from = hs->drv;
	strscpy(sw->res.from, nhs_driver_name(from), sizeof(sw->res.from));

	to = nhs_driver_get(target);
	if (!to) {
		err = nhs_unknown_target(parent, target, extack);
		goto out_unlock;
	}
	if (!try_module_get(from->owner)) {
		NL_SET_ERR_MSG_FMT(extack, "%s is being unloaded",
				   nhs_driver_name(from));
		err = -ENOENT;
		goto out_put_to;
	}
	if (sw->dry_run) {
		err = nhs_check(sw, from, to, parent);
		goto out_put_from;
	}
	set_bit(0, &hs->swapping);
	err = nhs_swap_locked(sw, from, to, parent);
	rtnl_lock();
	nhs_rx_group_show(dev, hs->drv, sw->rx_group_hidden);
	rtnl_unlock();
	clear_bit(0, &hs->swapping);
	/* Before the modules go: readers of hs->drv hold result_lock. */
	nhs_record(hs, sw);
out_put_from:
	module_put(from->owner);
out_put_to:
	nhs_driver_put(to);
out_unlock:
	device_unlock(parent);
	return err;
}

static int nhs_request(struct net_device *dev, const char *target,
		       unsigned int timeout_ms, struct netlink_ext_ack *extack,
		       struct nhs_result *res, bool dry_run)
{
	struct nhs_swap sw = {
		.dev = dev,
		.extack = extack,
		.dry_run = dry_run,
	};
	int err;

	strscpy(sw.res.to, target, sizeof(sw.res.to));
	err = __nhs_swap(&sw, target, timeout_ms);
	if (!res)
		return err;
	if (err && !sw.res.started)
		nhs_fail(&sw, NHS_PHASE_PREPARE, err);
	if (err && extack->_msg)
		strscpy(sw.res.msg, extack->_msg, sizeof(sw.res.msg));
	*res = sw.res;
	return err;
}

/**
 * nhs_swap - hand a device to another build of its driver family
 * @dev: the device, registered and attached to a hotswap-capable build
 * @target: the module name of the build to take over
 * @timeout_ms: how long the old build may take to become unused, 1 to
 *	NHS_TIMEOUT_MAX_MS, 0 for the default
 * @extack: why it failed
 * @res: if not NULL, gets the outcome of this request, a refused one too
 *	(from is empty if the request did not get as far as the device's
 *	build)
 *
 * Return: 0 once @target serves @dev and the bus device is bound to it;
 * otherwise a negative errno, with the old build serving @dev as before
 * unless @res says the swap failed without rolling back.
 */
int nhs_swap(struct net_device *dev, const char *target,
	     unsigned int timeout_ms, struct netlink_ext_ack *extack,
	     struct nhs_result *res)
{
	return nhs_request(dev, target, timeout_ms, extack, res, false);
}

/**
 * nhs_swap_check - would a swap of @dev to @target pass its checks
 * @dev: the device
 * @target: the module name of the build to take over
 * @extack: why not
 * @res: if not NULL, gets the outcome: completed if the checks pass,
 *	refused if not
 *
 * Runs what nhs_swap() checks before it starts, under the same locks,
 * without stopping, allocating, recording or notifying anything.
 *
 * Return: 0 if a swap would start, else the negative errno it would fail
 * with.
 */
int nhs_swap_check(struct net_device *dev, const char *target,
		   struct netlink_ext_ack *extack, struct nhs_result *res)
{
	return nhs_request(dev, target, 0, extack, res, true);
}
