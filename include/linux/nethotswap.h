/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nethotswap: replace the driver of a registered net_device while it runs.
 *
 * A hotswap-capable driver registers a struct nhs_driver and attaches each
 * net_device it creates.  The core then gates the driver's netdev and
 * ethtool entry points, and on request hands a device from one build of a
 * driver family to another: the old build freezes and saves its state, the
 * new build takes the device over from that state, and the bus device is
 * rebound without unregistering the net_device.
 *
 * See Documentation/networking/hotswap.rst.
 */
#ifndef _LINUX_NETHOTSWAP_H
#define _LINUX_NETHOTSWAP_H

#include <linux/ethtool.h>
#include <linux/list.h>
#include <linux/netdevice.h>
#include <linux/nethotswap_gate.h>
#include <linux/types.h>

struct attribute_group;
struct device_driver;
struct module;
struct netdev_stat_ops;
struct netlink_ext_ack;

/**
 * struct nhs_state - driver state handed from one build to the next
 * @version: layout version of @data, as written by the old build
 * @compat_version: oldest reader version that understands @data; a build
 *	that only appended fields to the previous layout keeps the old value,
 *	so older builds can still take its state over (downgrade)
 * @size: bytes of @data in use
 * @data: the state, in the layout of @version
 *
 * The layout is the driver family's business; the core only checks that
 * the reader understands @version before anything is stopped.
 */
struct nhs_state {
	u32 version;
	u32 compat_version;
	u32 size;
	u8 data[] __aligned(8);
};

/**
 * struct nhs_driver_ops - what a hotswap-capable driver implements
 * @alloc_priv: before the blackout, RTNL held, may sleep: allocate the
 *	private state handover() will fill, and everything that needs
 *	allocating for it (NAPI instance, an idle interrupt handler), so
 *	that the blackout allocates nothing.  Called for the new build, and
 *	for the old one to have a state to roll back into.  Returns an
 *	ERR_PTR on failure.
 * @free_priv: free private state that serves no device: never used, or
 *	frozen and handed over to another build.  RTNL held, may sleep;
 *	must not touch the hardware (it belongs to another build now).
 * @park: optional, the build serving, before the first attempt to freeze
 *	it, the bus device's lock held but not RTNL, may sleep: stop the
 *	driver's deferred work for @dev (work items, timers), waiting for
 *	what runs, so that freeze() does not pay for it inside the blackout.
 *	What was queued is the state's business: the next build queues it
 *	at thaw().  The device goes on serving.
 * @unpark: optional, the bus device's lock held but not RTNL: undo
 *	park(); called when the swap stops before the handover and the
 *	parked build serves on.
 * @freeze: old build, RTNL held, TX stopped, no gated call running: stop
 *	everything of the driver that still runs for @dev (interrupts, NAPI,
 *	timers, work), keeping the hardware's DMA and the private state.
 *	Return -EAGAIN with an extack message when a driver-internal
 *	operation is in progress, having undone its own partial freeze; the
 *	core reopens the gates, drops RTNL and tries again until its
 *	deadline.
 * @thaw: RTNL held: undo freeze(), or end the frozen state handover()
 *	left; the build serves again.  Called for the old build when a swap
 *	stops before its handover, and for the new build once the gates
 *	are open after it, so that the interrupts it unmasks and the
 *	receive work they bring run outside the blackout.
 * @save: old build, frozen: write the device's state to @state, whose
 *	@data holds &nhs_driver.state_size bytes.
 * @handover: new build, RTNL held: fill @incoming from @state and make it
 *	the device's private state, frozen as the old build left it, taking
 *	over the resources the old build left (DMA rings, mappings,
 *	interrupt line); thaw() starts it serving.  Set
 *	*@outgoing to the private state it replaced.  On failure, undo
 *	everything, leave *@outgoing alone and say why in @extack; the old
 *	build is thawed.  The core wakes the TX queues afterwards, so
 *	ndo_start_xmit must cope with a full ring (stop the queue, return
 *	NETDEV_TX_BUSY).
 * @adopt: new build, optional, after the bus device is rebound and
 *	outside the blackout: take over bookkeeping that names the driver,
 *	such as the names of requested resources, which point into the old
 *	build's module.
 * @state_size: optional, RTNL held: the most bytes save() writes for
 *	@dev, when that depends on the device (queues, rings); without it,
 *	&nhs_driver.state_size.  Asked of both builds before the blackout.
 * @check: optional, the build serving, RTNL held: refuse, with a reason
 *	in @extack, a device whose configuration has state the build cannot
 *	hand over (a feature in use).  Asked when a swap is checked or
 *	starts; freeze() must refuse the same, since the configuration may
 *	change in between.
 */
struct nhs_driver_ops {
	void *(*alloc_priv)(struct net_device *dev);
	void (*free_priv)(struct net_device *dev, void *priv);
	void (*park)(struct net_device *dev);
	void (*unpark)(struct net_device *dev);
	int (*freeze)(struct net_device *dev, struct netlink_ext_ack *extack);
	void (*thaw)(struct net_device *dev);
	void (*save)(struct net_device *dev, struct nhs_state *state);
	int (*handover)(struct net_device *dev, const struct nhs_state *state,
			void *incoming, void **outgoing,
			struct netlink_ext_ack *extack);
	void (*adopt)(struct net_device *dev);
	size_t (*state_size)(struct net_device *dev);
	int (*check)(struct net_device *dev, struct netlink_ext_ack *extack);
};

/**
 * struct nhs_driver - a hotswap-capable build of a driver
 * @family: name shared by the builds that can replace each other
 * @version: this build's version, for humans
 * @driver: the bus driver the build registers (the device is rebound to it)
 * @name: the build's module name, set by nhs_register_driver()
 * @owner: the build's module (NULL when built in), likewise
 * @netdev_ops: the build's netdev ops, defined with NHS_NETDEV_OPS()
 * @ethtool_ops: the build's ethtool ops, defined with NHS_ETHTOOL_OPS()
 * @gated_netdev_ops: NHS_GATED(netdev ops): what a swap installs
 * @gated_ethtool_ops: NHS_GATED(ethtool ops), likewise
 * @stat_ops: optional, the build's queue statistics ops, if it sets
 *	&net_device.stat_ops: the netdev core calls them under RTNL only,
 *	and a swap switches the device to the new build's with the gates
 * @rx_queue_group: optional, the build's sysfs group of RX queue
 *	attributes, if it sets &net_device.sysfs_rx_queue_group: a swap
 *	removes it from the queues before it starts and adds the group of
 *	the build serving when it ends
 * @state_version: layout version save() writes
 * @state_compat: oldest reader version that understands that layout
 * @state_min: oldest layout version handover() reads
 * @state_size: the most bytes save() writes, unless
 *	&nhs_driver_ops.state_size says per device
 * @ops: the callbacks
 * @id: private to the core: registration number, in the order of @list
 * @list: private to the core
 */
struct nhs_driver {
	const char *family;
	const char *version;
	struct device_driver *driver;
	const char *name;
	struct module *owner;
	const struct net_device_ops *netdev_ops;
	const struct ethtool_ops *ethtool_ops;
	const struct net_device_ops *gated_netdev_ops;
	const struct ethtool_ops *gated_ethtool_ops;
	const struct netdev_stat_ops *stat_ops;
	const struct attribute_group *rx_queue_group;
	u32 state_version;
	u32 state_compat;
	u32 state_min;
	size_t state_size;
	const struct nhs_driver_ops *ops;
	u32 id;
	struct list_head list;
};

/*
 * Tags a module as a hotswap-capable build of @family (a string literal,
 * &nhs_driver.family), so that userspace can tell before loading a file
 * that it can take over devices from a running build ("nethotswap upgrade").
 */
#define NHS_MODULE_FAMILY(family) MODULE_INFO(nethotswap_family, family)

#if IS_ENABLED(CONFIG_NET_HOTSWAP)
int __nhs_register_driver(struct nhs_driver *drv, struct module *owner,
			  const char *name);
/* Names the build after its module as loaded, or KBUILD_MODNAME built in */
#define nhs_register_driver(drv) \
	__nhs_register_driver(drv, THIS_MODULE, KBUILD_MODNAME)
void nhs_unregister_driver(struct nhs_driver *drv);
int nhs_attach(struct net_device *dev, struct nhs_driver *drv);
void nhs_detach(struct net_device *dev);
void nhs_napi_disable(struct napi_struct *napi);
#else
static inline int nhs_register_driver(struct nhs_driver *drv)
{
	return 0;
}

static inline void nhs_unregister_driver(struct nhs_driver *drv)
{
}

static inline int nhs_attach(struct net_device *dev, struct nhs_driver *drv)
{
	return 0;
}

static inline void nhs_detach(struct net_device *dev)
{
}

static inline void nhs_napi_disable(struct napi_struct *napi)
{
	napi_disable(napi);
}
#endif

#endif /* _LINUX_NETHOTSWAP_H */
