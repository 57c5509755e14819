// SPDX-License-Identifier: GPL-2.0
/*
 * nethotswap gates: every entry point of struct net_device_ops and struct
 * ethtool_ops, gated for a live driver replacement.
 *
 * The gates live in the netdev core, next to the callers whose locking
 * their classes mirror, and are generated from one list
 * (<linux/nethotswap_entries.h>).  A driver's gate table (NHS_NETDEV_OPS)
 * points at them; the swap installs it in the device for the duration of
 * a swap only.
 *
 * The counters are per CPU and per entry point, one for calls that
 * entered and one for calls that left, both only ever incremented: a call
 * preempted in the driver may leave on another CPU than it entered on, so
 * no single per-CPU sum says "nobody inside".  nhs_gate_drain() sums the
 * leaves, then the enters; equal sums mean no call that passed the gate is
 * still inside (Documentation/networking/hotswap.rst has the argument).
 *
 * Calls that loaded the driver's own table before the gate table was
 * installed are not counted.  Each runs under RTNL or in an RCU read-side
 * critical section: the swap installs the gates, waits for a grace period,
 * and holds RTNL from then until the gates are closed and drained.
 */

#include <linux/cpumask.h>
#include <linux/export.h>
#include <linux/jiffies.h>
#include <linux/nethotswap_gate.h>
#include <linux/percpu.h>
#include <linux/rtnetlink.h>
#include <linux/sched.h>
#include <linux/timekeeping.h>
#include <net/netlink.h>

#define NHS_ENUM_R(name, class, ret, dev, closed, params, args)	NHS_ENTRY_##name,
#define NHS_ENUM_V(name, class, dev, closed, params, args)	NHS_ENTRY_##name,

enum nhs_entry {
	NHS_NETDEV_ENTRIES(NHS_ENUM_R, NHS_ENUM_V)
	NHS_ETHTOOL_ENTRIES(NHS_ENUM_R, NHS_ENUM_V)
	NHS_NR_ENTRIES,
};

enum nhs_class {
	NHS_CLASS_RTNL,
	NHS_CLASS_ANY,
	NHS_CLASS_STATS,
};

#define NHS_NAME_R(name, class, ret, dev, closed, params, args)	#name,
#define NHS_NAME_V(name, class, dev, closed, params, args)	#name,

static const char * const nhs_entry_names[NHS_NR_ENTRIES] = {
	NHS_NETDEV_ENTRIES(NHS_NAME_R, NHS_NAME_V)
	NHS_ETHTOOL_ENTRIES(NHS_NAME_R, NHS_NAME_V)
};

#define NHS_CLASS_R(name, class, ret, dev, closed, params, args) NHS_CLASS_##class,
#define NHS_CLASS_V(name, class, dev, closed, params, args)	NHS_CLASS_##class,

static const u8 nhs_entry_class[NHS_NR_ENTRIES] = {
	NHS_NETDEV_ENTRIES(NHS_CLASS_R, NHS_CLASS_V)
	NHS_ETHTOOL_ENTRIES(NHS_CLASS_R, NHS_CLASS_V)
};

/* Calls that entered and left each entry point on one CPU, monotonic */
struct nhs_gate_calls {
	unsigned long enter[NHS_NR_ENTRIES];
	unsigned long leave[NHS_NR_ENTRIES];
};

static struct nhs_gate *nhs_gate_of(const struct net_device *dev)
{
	return dev->hotswap;
}

/* Returns false when the gate is closed: the caller must not call the
 * driver, and must not call nhs_leave().
 */
static __always_inline bool nhs_enter(struct nhs_gate *g, enum nhs_entry e,
				      enum nhs_class class)
{
	const bool *closed = class == NHS_CLASS_STATS ? &g->stats_closed :
							&g->closed;

	this_cpu_inc(g->calls->enter[e]);
	/* Publish the count before testing the gate; pairs with the
	 * barrier in nhs_gate_drain() between closing and scanning.
	 */
	smp_mb();
	/* Acquire: the ops (or frozen statistics) read after the test are
	 * the ones published before the gate opened (or closed).
	 */
	if (likely(!smp_load_acquire(closed)))
		return true;
	this_cpu_inc(g->calls->leave[e]);
	return false;
}

static __always_inline void nhs_leave(struct nhs_gate *g, enum nhs_entry e)
{
	/* The driver's accesses complete before the call counts as left. */
	smp_mb();
	this_cpu_inc(g->calls->leave[e]);
}

/*
 * A refused frame stays with the caller: the qdisc requeues it.  Its queue
 * is stopped, or whoever woke it (the old build's interrupt handler before
 * its freeze) would have the qdisc retry on the closed gate for the whole
 * blackout.  The gate is then tested again: nhs_gate_open() opens it
 * before it wakes the queues, so either it wakes this queue or this test
 * sees the gate open and wakes it here.  No queue lock is needed, so
 * drivers without one (LLTX) are covered too.
 */
static netdev_tx_t nhs_gate_xmit_refused(struct sk_buff *skb,
					 struct net_device *dev)
{
	struct netdev_queue *txq = skb_get_tx_queue(dev, skb);

	netif_tx_stop_queue(txq);
	smp_mb();	/* pairs with the barrier in nhs_gate_open() */
	if (!READ_ONCE(nhs_gate_of(dev)->closed))
		netif_tx_wake_queue(txq);
	return NETDEV_TX_BUSY;
}

/* Whatever the stack builds now is sent by the next build without a
 * second look: ask for nothing the software could not do itself.
 */
static netdev_features_t nhs_gate_features_refused(netdev_features_t features)
{
	return features & ~(NETIF_F_CSUM_MASK | NETIF_F_GSO_MASK);
}

/* The address lists are already updated; the serving build programs them
 * once the gate opens.  Called under netif_addr_lock_bh(), as is the
 * opening in nhs_gate_open(): a refused change is seen there.
 */
static void nhs_gate_defer_rx_mode(struct net_device *dev)
{
	nhs_gate_of(dev)->rx_mode_deferred = true;
}

static void nhs_gate_frozen_stats64(struct net_device *dev,
				    struct rtnl_link_stats64 *storage)
{
	*storage = nhs_gate_of(dev)->frozen_stats64;
}

static struct net_device_stats *nhs_gate_frozen_stats(struct net_device *dev)
{
	return &nhs_gate_of(dev)->frozen_stats;
}

#define NHS_GATE_R(table, name, class, ret, devx, closed, params, args)	\
ret nhs_gate_##name params						\
{									\
	struct nhs_gate *g = nhs_gate_of(devx);				\
	ret r;								\
									\
	if (!nhs_enter(g, NHS_ENTRY_##name, NHS_CLASS_##class))		\
		return closed;						\
	r = READ_ONCE(g->table)->name args;				\
	nhs_leave(g, NHS_ENTRY_##name);					\
	return r;							\
}									\
EXPORT_SYMBOL_GPL(nhs_gate_##name);

#define NHS_GATE_V(table, name, class, devx, closed, params, args)	\
void nhs_gate_##name params						\
{									\
	struct nhs_gate *g = nhs_gate_of(devx);				\
									\
	if (!nhs_enter(g, NHS_ENTRY_##name, NHS_CLASS_##class)) {	\
		closed;							\
		return;							\
	}								\
	READ_ONCE(g->table)->name args;					\
	nhs_leave(g, NHS_ENTRY_##name);					\
}									\
EXPORT_SYMBOL_GPL(nhs_gate_##name);

#define NHS_NDO_GATE_R(...)	NHS_GATE_R(ndo, __VA_ARGS__)
#define NHS_NDO_GATE_V(...)	NHS_GATE_V(ndo, __VA_ARGS__)
#define NHS_ETHTOOL_GATE_R(...)	NHS_GATE_R(ethtool, __VA_ARGS__)
#define NHS_ETHTOOL_GATE_V(...)	NHS_GATE_V(ethtool, __VA_ARGS__)

NHS_NETDEV_ENTRIES(NHS_NDO_GATE_R, NHS_NDO_GATE_V)
NHS_ETHTOOL_ENTRIES(NHS_ETHTOOL_GATE_R, NHS_ETHTOOL_GATE_V)

/* The function pointers of both structs, as arrays: where the ethtool
 * ops' data members end, and how many pointers each has.
 */
#define NHS_ETHTOOL_FIRST	offsetof(struct ethtool_ops, get_drvinfo)
#define NHS_NR_NDO		(sizeof(struct net_device_ops) / sizeof(void *))
#define NHS_NR_ETHTOOL		((sizeof(struct ethtool_ops) - \
				  NHS_ETHTOOL_FIRST) / sizeof(void *))

typedef void (*nhs_fn)(void);

static const nhs_fn *nhs_ndo_fns(const struct net_device_ops *ops)
{
	return (const nhs_fn *)ops;
}

static const nhs_fn *nhs_ethtool_fns(const struct ethtool_ops *ops)
{
	return (const nhs_fn *)((const char *)ops + NHS_ETHTOOL_FIRST);
}

#define NHS_GATE_ADDR_R(name, class, ret, dev, closed, params, args)	\
	[offsetof(struct net_device_ops, name) / sizeof(void *)] =	\
		(nhs_fn)nhs_gate_##name,
#define NHS_GATE_ADDR_V(name, class, dev, closed, params, args)	\
	[offsetof(struct net_device_ops, name) / sizeof(void *)] =	\
		(nhs_fn)nhs_gate_##name,
#define NHS_ETH_ADDR_R(name, class, ret, dev, closed, params, args)	\
	[(offsetof(struct ethtool_ops, name) - NHS_ETHTOOL_FIRST) /	\
	 sizeof(void *)] = (nhs_fn)nhs_gate_##name,
#define NHS_ETH_ADDR_V(name, class, dev, closed, params, args)		\
	[(offsetof(struct ethtool_ops, name) - NHS_ETHTOOL_FIRST) /	\
	 sizeof(void *)] = (nhs_fn)nhs_gate_##name,

static const nhs_fn nhs_ndo_gates[NHS_NR_NDO] = {
	NHS_NETDEV_ENTRIES(NHS_GATE_ADDR_R, NHS_GATE_ADDR_V)
};

static const nhs_fn nhs_ethtool_gates[NHS_NR_ETHTOOL] = {
	NHS_ETHTOOL_ENTRIES(NHS_ETH_ADDR_R, NHS_ETH_ADDR_V)
};

#define NHS_SIZE_R(table, name, class, ret, dev, closed, params, args)	\
	+ sizeof_field(table, name)
#define NHS_SIZE_V(table, name, class, dev, closed, params, args)	\
	+ sizeof_field(table, name)
#define NHS_NDO_SIZE_R(...)	NHS_SIZE_R(struct net_device_ops, __VA_ARGS__)
#define NHS_NDO_SIZE_V(...)	NHS_SIZE_V(struct net_device_ops, __VA_ARGS__)
#define NHS_ETH_SIZE_R(...)	NHS_SIZE_R(struct ethtool_ops, __VA_ARGS__)
#define NHS_ETH_SIZE_V(...)	NHS_SIZE_V(struct ethtool_ops, __VA_ARGS__)

#define NHS_NDO_SLOT_R(name, class, ret, dev, closed, params, args)	\
	[offsetof(struct net_device_ops, name) / sizeof(void *)] =	\
		NHS_ENTRY_##name,
#define NHS_NDO_SLOT_V(name, class, dev, closed, params, args)		\
	[offsetof(struct net_device_ops, name) / sizeof(void *)] =	\
		NHS_ENTRY_##name,
#define NHS_ETH_SLOT_R(name, class, ret, dev, closed, params, args)	\
	[(offsetof(struct ethtool_ops, name) - NHS_ETHTOOL_FIRST) /	\
	 sizeof(void *)] = NHS_ENTRY_##name,
#define NHS_ETH_SLOT_V(name, class, dev, closed, params, args)		\
	[(offsetof(struct ethtool_ops, name) - NHS_ETHTOOL_FIRST) /	\
	 sizeof(void *)] = NHS_ENTRY_##name,

/* The entry point at each slot; the size checks below make every slot one */
static const u16 nhs_ndo_slot_entry[NHS_NR_NDO] = {
	NHS_NETDEV_ENTRIES(NHS_NDO_SLOT_R, NHS_NDO_SLOT_V)
};

static const u16 nhs_ethtool_slot_entry[NHS_NR_ETHTOOL] = {
	NHS_ETHTOOL_ENTRIES(NHS_ETH_SLOT_R, NHS_ETH_SLOT_V)
};

static const char *nhs_entry_at(bool ethtool, size_t i)
{
	return nhs_entry_names[ethtool ? nhs_ethtool_slot_entry[i] :
					 nhs_ndo_slot_entry[i]];
}

/**
 * nhs_gate_check_tables - are the gate tables the gates of the own tables?
 * @ndo: a driver's netdev ops
 * @ethtool: its ethtool ops
 * @gated_ndo: the gate table NHS_NETDEV_OPS() made for @ndo
 * @gated_ethtool: the gate table NHS_ETHTOOL_OPS() made for @ethtool
 *
 * Every entry @ndo and @ethtool implement must be gated, and nothing else;
 * the ethtool data members must match.
 *
 * Return: NULL, or the name of the first entry point that is wrong.
 */
const char *nhs_gate_check_tables(const struct net_device_ops *ndo,
				  const struct ethtool_ops *ethtool,
				  const struct net_device_ops *gated_ndo,
				  const struct ethtool_ops *gated_ethtool)
{
	const nhs_fn *own, *gated;
	size_t i;

	/* A member nobody classified fails here: list it in
	 * <linux/nethotswap_entries.h>.
	 */
	BUILD_BUG_ON(sizeof(struct net_device_ops) !=
		     0 NHS_NETDEV_ENTRIES(NHS_NDO_SIZE_R, NHS_NDO_SIZE_V));
	BUILD_BUG_ON(sizeof(struct ethtool_ops) - NHS_ETHTOOL_FIRST !=
		     0 NHS_ETHTOOL_ENTRIES(NHS_ETH_SIZE_R, NHS_ETH_SIZE_V));

	own = nhs_ndo_fns(ndo);
	gated = nhs_ndo_fns(gated_ndo);
	for (i = 0; i < NHS_NR_NDO; i++)
		if (gated[i] != (own[i] ? nhs_ndo_gates[i] : NULL))
			return nhs_entry_at(false, i);
	if (memcmp(ethtool, gated_ethtool, NHS_ETHTOOL_FIRST))
		return "ethtool_ops data members";
	own = nhs_ethtool_fns(ethtool);
	gated = nhs_ethtool_fns(gated_ethtool);
	for (i = 0; i < NHS_NR_ETHTOOL; i++)
		if (gated[i] != (own[i] ? nhs_ethtool_gates[i] : NULL))
			return nhs_entry_at(true, i);
	return NULL;
}
EXPORT_SYMBOL_GPL(nhs_gate_check_tables);

/**
 * nhs_gate_same_entries - do two builds implement the same entry points?
 * @a: one build's netdev ops
 * @ea: its ethtool ops
 * @b: the other build's netdev ops
 * @eb: its ethtool ops
 *
 * A swap keeps the gate table it installed until it ends, and lockless
 * callers may hold it longer: the build that takes over must implement
 * exactly the entry points the gates were built for, with the same ethtool
 * data members.
 *
 * Return: NULL, or the name of the first entry point one implements and
 * the other does not.
 */
const char *nhs_gate_same_entries(const struct net_device_ops *a,
				  const struct ethtool_ops *ea,
				  const struct net_device_ops *b,
				  const struct ethtool_ops *eb)
{
	const nhs_fn *x = nhs_ndo_fns(a), *y = nhs_ndo_fns(b);
	size_t i;

	for (i = 0; i < NHS_NR_NDO; i++)
		if (!x[i] != !y[i])
			return nhs_entry_at(false, i);
	if (memcmp(ea, eb, NHS_ETHTOOL_FIRST))
		return "ethtool_ops data members";
	x = nhs_ethtool_fns(ea);
	y = nhs_ethtool_fns(eb);
	for (i = 0; i < NHS_NR_ETHTOOL; i++)
		if (!x[i] != !y[i])
			return nhs_entry_at(true, i);
	return NULL;
}
EXPORT_SYMBOL_GPL(nhs_gate_same_entries);

/**
 * nhs_gate_init - set up the gates of a device for its first build
 * @g: the gates
 * @ndo: the build's own netdev ops
 * @ethtool: its own ethtool ops
 *
 * Return: 0 or -ENOMEM.
 */
int nhs_gate_init(struct nhs_gate *g, const struct net_device_ops *ndo,
		  const struct ethtool_ops *ethtool)
{
	g->calls = alloc_percpu(struct nhs_gate_calls);
	if (!g->calls)
		return -ENOMEM;
	g->ndo = ndo;
	g->ethtool = ethtool;
	return 0;
}
EXPORT_SYMBOL_GPL(nhs_gate_init);

void nhs_gate_destroy(struct nhs_gate *g)
{
	free_percpu(g->calls);
}
EXPORT_SYMBOL_GPL(nhs_gate_destroy);

/**
 * nhs_gate_install - route the device's entry points through the gates
 * @dev: the device, RTNL held
 * @gated_ndo: the serving build's netdev gate table
 * @gated_ethtool: its ethtool gate table
 *
 * Calls that loaded the driver's own tables before this are not counted:
 * the caller waits for them with synchronize_rcu() and RTNL.
 *
 * Return: 0, or -EBUSY if the device's tables are not the serving build's
 * own: a stacked user (a DSA conduit, ...) replaced them and keeps the
 * driver's to restore later, which would then outlive the build.
 */
int nhs_gate_install(struct net_device *dev,
		     const struct net_device_ops *gated_ndo,
		     const struct ethtool_ops *gated_ethtool)
{
	struct nhs_gate *g = nhs_gate_of(dev);

	ASSERT_RTNL();
	if (dev->netdev_ops != g->ndo || dev->ethtool_ops != g->ethtool)
		return -EBUSY;
	g->gated_ndo = gated_ndo;
	g->gated_ethtool = gated_ethtool;
	WRITE_ONCE(dev->netdev_ops, gated_ndo);
	WRITE_ONCE(dev->ethtool_ops, gated_ethtool);
	return 0;
}
EXPORT_SYMBOL_GPL(nhs_gate_install);

/**
 * nhs_gate_remove - give the device the serving build's own tables again
 * @dev: the device, RTNL held, gates open
 *
 * Calls already inside a gate go on to the serving build.  Lockless
 * callers may still hold the gate table: its module must stay for a grace
 * period, which unloading a module waits for anyway.
 *
 * Return: true, or false if a stacked user replaced a gate table while it
 * was installed and keeps it to restore: the gates stay in its path, and
 * the module the gate table is in must stay loaded.
 */
bool nhs_gate_remove(struct net_device *dev)
{
	struct nhs_gate *g = nhs_gate_of(dev);
	bool ours;

	ASSERT_RTNL();
	ours = dev->netdev_ops == g->gated_ndo &&
	       dev->ethtool_ops == g->gated_ethtool;
	if (ours) {
		WRITE_ONCE(dev->netdev_ops, g->ndo);
		WRITE_ONCE(dev->ethtool_ops, g->ethtool);
	}
	g->gated_ndo = NULL;
	g->gated_ethtool = NULL;
	return ours;
}
EXPORT_SYMBOL_GPL(nhs_gate_remove);

/**
 * nhs_gate_serve - make another build the one the gates call
 * @dev: the device, RTNL held, gates closed
 * @ndo: the build's own netdev ops
 * @ethtool: its own ethtool ops
 *
 * Published to callers by nhs_gate_open().
 */
void nhs_gate_serve(struct net_device *dev, const struct net_device_ops *ndo,
		    const struct ethtool_ops *ethtool)
{
	struct nhs_gate *g = nhs_gate_of(dev);

	ASSERT_RTNL();
	WRITE_ONCE(g->ndo, ndo);
	WRITE_ONCE(g->ethtool, ethtool);
}
EXPORT_SYMBOL_GPL(nhs_gate_serve);

static bool nhs_entry_selected(enum nhs_entry e, bool stats)
{
	return (nhs_entry_class[e] == NHS_CLASS_STATS) == stats;
}

/* Sum one counter of the selected entry points over all CPUs. */
static unsigned long nhs_gate_sum(struct nhs_gate *g, bool stats, bool leave)
{
	unsigned long sum = 0;
	enum nhs_entry e;
	int cpu;

	for_each_possible_cpu(cpu) {
		const struct nhs_gate_calls *c = per_cpu_ptr(g->calls, cpu);

		for (e = 0; e < NHS_NR_ENTRIES; e++)
			if (nhs_entry_selected(e, stats))
				sum += leave ? READ_ONCE(c->leave[e]) :
					       READ_ONCE(c->enter[e]);
	}
	return sum;
}

/*
 * Are calls that passed the closed gates still inside?  Leaves are summed
 * before enters: a call's leave follows its enter, so every leave seen has
 * its enter seen too, and equal sums mean every call seen entering has
 * left.  The caller made sure every call that passed the gate is seen
 * entering.
 */
static unsigned long nhs_gate_busy(struct nhs_gate *g, bool stats)
{
	unsigned long left = nhs_gate_sum(g, stats, true);

	/* Pairs with the barriers in nhs_enter() and nhs_leave(). */
	smp_mb();
	return nhs_gate_sum(g, stats, false) - left;
}

/* For the error message only: the entry point with the most calls inside. */
static enum nhs_entry nhs_gate_busiest(struct nhs_gate *g, bool stats)
{
	enum nhs_entry e, busiest = 0;
	long most = 0;
	int cpu;

	for (e = 0; e < NHS_NR_ENTRIES; e++) {
		long n = 0;

		if (!nhs_entry_selected(e, stats))
			continue;
		for_each_possible_cpu(cpu) {
			const struct nhs_gate_calls *c =
				per_cpu_ptr(g->calls, cpu);

			n += READ_ONCE(c->enter[e]) - READ_ONCE(c->leave[e]);
		}
		if (n > most) {
			most = n;
			busiest = e;
		}
	}
	return busiest;
}

/*
 * How long a drain waits for calls without giving up its CPU.  Calls
 * inside a gate run on other CPUs, in atomic context but for statistics
 * readers, and leave within microseconds: yielding to whichever task
 * waits for this CPU would add that task's run, up to a scheduler tick,
 * to the blackout.  A statistics reader preempted in its RCU read-side
 * section, though, may need this CPU to finish.
 */
#define NHS_DRAIN_SPIN_NS	(100 * NSEC_PER_USEC)

/* Wait until calls that passed the gate have left, until @deadline. */
static int nhs_gate_drain(struct nhs_gate *g, bool stats,
			  unsigned long deadline, struct netlink_ext_ack *extack)
{
	u64 spin_end = ktime_get_ns() + NHS_DRAIN_SPIN_NS;
	unsigned long busy;

	/* Pairs with the barrier in nhs_enter(): either a caller sees the
	 * gate closed, or its enter is visible to the scans below.
	 */
	smp_mb();
	while ((busy = nhs_gate_busy(g, stats))) {
		if (time_after(jiffies, deadline)) {
			NL_SET_ERR_MSG_FMT(extack,
					   "old driver still in use: %lu call(s) in progress, in %s",
					   busy,
					   nhs_entry_names[nhs_gate_busiest(g, stats)]);
			return -ETIMEDOUT;
		}
		if (ktime_get_ns() > spin_end)
			cond_resched();
		cpu_relax();
	}
	/* The drained calls' accesses happen before what the caller does. */
	smp_mb();
	return 0;
}

/**
 * nhs_gate_stop_tx - stop the device's TX queues for a blackout
 * @dev: the device, RTNL held
 *
 * The TX watchdog takes a queue stopped for longer than the device's
 * watchdog_timeo since its last transmit as hung: an idle queue stopped
 * here would look hung at once.  Its clock restarts now.
 */
void nhs_gate_stop_tx(struct net_device *dev)
{
	unsigned int i;

	if (!netif_running(dev))
		return;
	for (i = 0; i < dev->num_tx_queues; i++)
		txq_trans_cond_update(netdev_get_tx_queue(dev, i));
	netif_tx_disable(dev);
}
EXPORT_SYMBOL_GPL(nhs_gate_stop_tx);

/**
 * nhs_gate_close - refuse new calls except statistics, wait for the rest
 * @dev: the device, gates installed, RTNL held
 * @deadline: in jiffies
 * @extack: what was still busy at the deadline
 *
 * Return: 0, or -ETIMEDOUT with the gates open again.
 */
int nhs_gate_close(struct net_device *dev, unsigned long deadline,
		   struct netlink_ext_ack *extack)
{
	struct nhs_gate *g = nhs_gate_of(dev);
	int err;

	ASSERT_RTNL();
	WRITE_ONCE(g->closed, true);
	err = nhs_gate_drain(g, false, deadline, extack);
	if (err)	/* pairs with the acquire in nhs_enter() */
		smp_store_release(&g->closed, false);
	return err;
}
EXPORT_SYMBOL_GPL(nhs_gate_close);

/**
 * nhs_gate_close_stats - answer statistics from the old build's last values
 * @dev: the device, other gates closed, the old build frozen
 * @deadline: in jiffies
 * @extack: what was still busy at the deadline
 *
 * Statistics readers are served by the old build until it is frozen, so
 * the counters they see never go backwards.  A device whose build counts
 * in dev->stats alone has no statistics entry point to close.
 *
 * Return: 0, or -ETIMEDOUT with the statistics gate open again.
 */
int nhs_gate_close_stats(struct net_device *dev, unsigned long deadline,
			 struct netlink_ext_ack *extack)
{
	struct nhs_gate *g = nhs_gate_of(dev);
	int err;

	if (g->ndo->ndo_get_stats64) {
		memset(&g->frozen_stats64, 0, sizeof(g->frozen_stats64));
		g->ndo->ndo_get_stats64(dev, &g->frozen_stats64);
	} else if (g->ndo->ndo_get_stats) {
		g->frozen_stats = *g->ndo->ndo_get_stats(dev);
	} else {
		return 0;
	}
	/* Readers that find the gate closed copy the frozen statistics. */
	smp_store_release(&g->stats_closed, true);
	err = nhs_gate_drain(g, true, deadline, extack);
	if (err)	/* pairs with the acquire in nhs_enter() */
		smp_store_release(&g->stats_closed, false);
	return err;
}
EXPORT_SYMBOL_GPL(nhs_gate_close_stats);

/**
 * nhs_gate_open - end a blackout, whoever serves now
 * @dev: the device, RTNL held
 *
 * Calls go through again, to the build nhs_gate_serve() named; TX
 * restarts; an rx mode change the gate deferred reaches the serving build.
 * The gates open under the address lists' lock, which ndo_set_rx_mode()
 * callers hold: a change either finds the gate open or is seen deferred.
 * Release: a caller that finds a gate open reads the ops, and through them
 * the state, of the build that serves now.
 *
 * Return: when the blackout ended.
 */
ktime_t nhs_gate_open(struct net_device *dev)
{
	struct nhs_gate *g = nhs_gate_of(dev);
	ktime_t reopened;
	bool replay;

	ASSERT_RTNL();
	/* With BH off, waking the queues only marks the TX softirq pending,
	 * and local_bh_enable() sends what waited in the qdisc right away.
	 * With BH on, it would wake ksoftirqd: tens of microseconds inside
	 * the blackout, and the frames would wait until this task lets
	 * ksoftirqd run.
	 */
	local_bh_disable();
	netif_addr_lock(dev);
	/* pairs with the acquire in nhs_enter() */
	smp_store_release(&g->stats_closed, false);
	smp_store_release(&g->closed, false);
	replay = g->rx_mode_deferred;
	g->rx_mode_deferred = false;
	netif_addr_unlock(dev);
	/* Pairs with the barrier in nhs_gate_xmit_refused(): a transmit
	 * that stopped its queue on the closed gate is woken here, or sees
	 * the gate open and wakes the queue itself.
	 */
	smp_mb();
	if (netif_running(dev))
		netif_tx_wake_all_queues(dev);
	reopened = ktime_get();
	local_bh_enable();
	if (replay)
		dev_set_rx_mode(dev);
	return reopened;
}
EXPORT_SYMBOL_GPL(nhs_gate_open);
