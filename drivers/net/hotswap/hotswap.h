/* SPDX-License-Identifier: GPL-2.0 */
/* nethotswap core: private declarations */
#ifndef _NET_HOTSWAP_H
#define _NET_HOTSWAP_H

#include <linux/ethtool.h>
#include <linux/ktime.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/nethotswap.h>
#include <linux/notifier.h>
#include <uapi/linux/nethotswap.h>

#define DRV_NAME	"nethotswap"

/* Upper bound of a caller-given quiesce timeout, and the default. */
#define NHS_TIMEOUT_MAX_MS	10000
#define NHS_TIMEOUT_DEFAULT_MS	1000

/* Phases of a swap, in order */
enum nhs_phase {
	NHS_PHASE_PREPARE,
	NHS_PHASE_QUIESCE,
	NHS_PHASE_HANDOVER,
	NHS_PHASE_COMMIT,
	NHS_NR_PHASES,
};

/**
 * struct nhs_result - outcome of the last swap of a device
 * @err: 0 or the negative errno the swap returned
 * @phase: the phase that failed (meaningless when @err is 0)
 * @started: the request passed its checks; a refused one did not
 * @rolled_back: after a failure, the old build serves (again)
 * @from: module of the build that served before
 * @to: module asked to take over
 * @msg: why it failed, for humans
 * @attempts: freeze attempts the quiesce needed
 * @prepare_ns: before the blackout: checks, allocation, arming the gates
 * @quiesce_ns: closing the gates, draining calls, freezing the old build
 * @handover_ns: saving the state and the new build taking over
 * @blackout_ns: TX stopped until the new build serves
 * @rebind_ns: rebinding the bus device and freeing the old state
 * @total_ns: the whole request
 */
struct nhs_result {
	int err;
	enum nhs_phase phase;
	bool started;
	bool rolled_back;
	char from[MODULE_NAME_LEN];
	char to[MODULE_NAME_LEN];
	char msg[128];
	unsigned int attempts;
	u64 prepare_ns;
	u64 quiesce_ns;
	u64 handover_ns;
	u64 blackout_ns;
	u64 rebind_ns;
	u64 total_ns;
};

/**
 * struct netdev_hotswap - a net_device attached to the core
 * @gate: the device's gates in the netdev core, &net_device.hotswap
 * @dev: the device
 * @drv: the build serving it, under @result_lock
 * @swapping: a swap of this device is in progress
 * @result: the last swap's outcome, under @result_lock
 * @result_lock: protects @result and @drv for readers; the swap, which
 *	holds the bus device's lock, reads @drv without it
 * @list: in nhs_devices
 */
struct netdev_hotswap {
	struct nhs_gate gate;
	struct net_device *dev;
	struct nhs_driver *drv;
	unsigned long swapping;
	struct nhs_result result;
	struct mutex result_lock;	/* @result, @drv */
	struct list_head list;
};

static inline struct netdev_hotswap *nhs_of(const struct net_device *dev)
{
	return dev->hotswap ? container_of(dev->hotswap, struct netdev_hotswap,
					   gate) : NULL;
}

/* The registered builds and the attached devices, under nhs_lock. */
extern struct list_head nhs_drivers;
extern struct list_head nhs_devices;
extern struct mutex nhs_lock;

/* foreign.c */
int nhs_check_foreign(const struct net_device *dev,
		      const struct nhs_driver *drv,
		      struct netlink_ext_ack *extack);

/* tables.c: the tables besides the ops that a build declares */
int nhs_tables_check(const struct net_device *dev,
		     const struct nhs_driver *from,
		     const struct nhs_driver *to,
		     struct netlink_ext_ack *extack);
void nhs_tables_serve(struct net_device *dev, const struct nhs_driver *from,
		      const struct nhs_driver *to);
bool nhs_rx_group_hide(struct net_device *dev);
void nhs_rx_group_show(struct net_device *dev, const struct nhs_driver *drv,
		       bool hidden);

/* bus.c: moving the bus device to the new build, per bus */
int nhs_bus_check(struct device *parent, const struct nhs_driver *from,
		  const struct nhs_driver *to, struct netlink_ext_ack *extack);
int nhs_bus_replace(struct device *parent, const struct nhs_driver *to);
void nhs_bus_force_replace(struct device *parent, const struct nhs_driver *to);

/* core.c */
struct nhs_driver *nhs_driver_get(const char *name);
void nhs_driver_put(struct nhs_driver *drv);
const char *nhs_driver_name(const struct nhs_driver *drv);

/* How the swap @r reports ended. */
static inline enum nethotswap_outcome
nhs_result_outcome(const struct nhs_result *r)
{
	if (!r->err)
		return NETHOTSWAP_OUTCOME_COMPLETED;
	if (!r->started)
		return NETHOTSWAP_OUTCOME_REFUSED;
	return r->rolled_back ? NETHOTSWAP_OUTCOME_ROLLED_BACK :
				NETHOTSWAP_OUTCOME_FAILED;
}

/* swap.c: the engine.  It reports each swap's progress to the observers
 * on its notifier chain (the control plane): event is the notifier's
 * action, a struct nhs_swap_info its data.
 */
enum nhs_event {
	NHS_EVENT_STARTED,	/* a swap request passed its checks */
	NHS_EVENT_PHASE_DONE,	/* @phase completed */
	NHS_EVENT_COMPLETED,	/* the new build serves, bus device rebound */
	NHS_EVENT_ROLLED_BACK,	/* failed in @phase, the old build serves */
	NHS_EVENT_FAILED,	/* failed in @phase and could not roll back */
};

/**
 * struct nhs_swap_info - what a swap event reports
 * @hs: the device being swapped
 * @phase: the phase done (NHS_EVENT_PHASE_DONE) or that failed
 *	(NHS_EVENT_ROLLED_BACK, NHS_EVENT_FAILED); meaningless otherwise
 * @res: the swap's result so far: from and to for every event, complete
 *	for the terminal ones (completed, rolled back, failed)
 */
struct nhs_swap_info {
	struct netdev_hotswap *hs;
	enum nhs_phase phase;
	const struct nhs_result *res;
};

int nhs_swap_notifier_register(struct notifier_block *nb);
void nhs_swap_notifier_unregister(struct notifier_block *nb);
int nhs_swap(struct net_device *dev, const char *target,
	     unsigned int timeout_ms, struct netlink_ext_ack *extack,
	     struct nhs_result *res);
int nhs_swap_check(struct net_device *dev, const char *target,
		   struct netlink_ext_ack *extack, struct nhs_result *res);
const char *nhs_phase_name(enum nhs_phase phase);

/* netlink.c: the "nethotswap" generic netlink family */
int nhs_nl_init(void);
void nhs_nl_exit(void);

/* sysfs.c: the per-device control files, attach.c adds them */
extern const struct attribute_group nhs_sysfs_group;

/* debugfs.c */
void nhs_debugfs_init(void);
void nhs_debugfs_exit(void);

/* fault.c: where a swap can be made to fail, a phase or the rollback */
enum nhs_fault {
	NHS_FAULT_PREPARE = NHS_PHASE_PREPARE,
	NHS_FAULT_QUIESCE = NHS_PHASE_QUIESCE,
	NHS_FAULT_HANDOVER = NHS_PHASE_HANDOVER,
	NHS_FAULT_COMMIT = NHS_PHASE_COMMIT,
	NHS_FAULT_ROLLBACK,
	NHS_FAULT_REBIND,	/* the rebind after a failed rollback */
	NHS_FAULT_DUMP,		/* a part of a dev-get dump */
	NHS_NR_FAULTS,
};

bool nhs_fault(enum nhs_fault point);
const char *nhs_fault_name(enum nhs_fault point);
void nhs_fault_init(struct dentry *dir);

#endif /* _NET_HOTSWAP_H */
