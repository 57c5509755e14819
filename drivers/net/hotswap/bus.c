// SPDX-License-Identifier: GPL-2.0
/*
 * nethotswap: moving the bus device under a net_device to the new build.
 *
 * A swap ends by binding the bus device to the new build's bus driver
 * without remove() or probe(), an operation each bus provides (the bus
 * keeps its own pointer to the bound driver).  Every refusal that
 * operation can answer is asked for here, at check and prepare, before
 * anything stops: a swap must never learn at commit that the rebind
 * cannot be done.
 */

#include <linux/device.h>
#include <linux/pci.h>
#include <linux/platform_device.h>
#include <linux/spinlock.h>
#include <linux/virtio.h>
#include <net/netlink.h>

#include "hotswap.h"

/**
 * struct nhs_bus - how a bus rebinds a device to another driver
 * @on_bus: whether a device is on this bus
 * @check: what the bus refuses beyond the driver core's rules; optional
 * @replace: bind @dev to @drv, which has taken it over; neither driver's
 *	remove() or probe() runs
 * @force_replace: the same when the bound driver cannot take the device
 *	back; cannot fail once @check passed
 */
struct nhs_bus {
	bool (*on_bus)(struct device *dev);
	int (*check)(struct device *dev, const struct device_driver *from,
		     const struct device_driver *to,
		     struct netlink_ext_ack *extack);
	int (*replace)(struct device *dev, struct device_driver *drv);
	int (*force_replace)(struct device *dev, struct device_driver *drv);
};

#ifdef CONFIG_PCI
/* pci_driver_replace()'s refusals, each with its reason */
static int nhs_pci_check(struct device *dev, const struct device_driver *from,
			 const struct device_driver *to,
			 struct netlink_ext_ack *extack)
{
	struct pci_dev *pdev = to_pci_dev(dev);

	if (to_pci_driver(from)->driver_managed_dma !=
	    to_pci_driver(to)->driver_managed_dma) {
		NL_SET_ERR_MSG_FMT(extack,
				   "%s and %s differ in driver_managed_dma",
				   from->name, to->name);
		return -EINVAL;
	}
	if (pci_num_vf(pdev)) {
		NL_SET_ERR_MSG_FMT(extack,
				   "%s has %d VFs enabled, whose lifetime follows its driver",
				   dev_name(dev), pci_num_vf(pdev));
		return -EBUSY;
	}
	return 0;
}

static bool nhs_on_pci(struct device *dev)
{
	return dev_is_pci(dev);
}

static int nhs_pci_replace(struct device *dev, struct device_driver *drv)
{
	return pci_driver_replace(to_pci_dev(dev), to_pci_driver(drv));
}

static int nhs_pci_force_replace(struct device *dev,
				 struct device_driver *drv)
{
	return pci_driver_force_replace(to_pci_dev(dev), to_pci_driver(drv));
}
#endif

#if IS_REACHABLE(CONFIG_VIRTIO)
/* virtio_driver_replace()'s refusal, with the feature it is about: the
 * features stay those negotiated for the bound driver, and
 * virtio_has_feature() checks a driver's requests against the bound
 * driver's tables.
 */
static int nhs_virtio_check(struct device *dev,
			    const struct device_driver *from,
			    const struct device_driver *to,
			    struct netlink_ext_ack *extack)
{
	int fbit = virtio_driver_features_differ(drv_to_virtio(from),
						 drv_to_virtio(to));

	if (fbit < 0)
		return 0;
	NL_SET_ERR_MSG_FMT(extack,
			   "%s and %s differ in their virtio feature tables: bit %d",
			   from->name, to->name, fbit);
	return -EINVAL;
}

static int nhs_virtio_replace(struct device *dev, struct device_driver *drv)
{
	return virtio_driver_replace(dev_to_virtio(dev), drv_to_virtio(drv));
}

static int nhs_virtio_force_replace(struct device *dev,
				    struct device_driver *drv)
{
	return virtio_driver_force_replace(dev_to_virtio(dev),
					   drv_to_virtio(drv));
}
#endif

static bool nhs_on_platform(struct device *dev)
{
	return dev_is_platform(dev);
}

/* The platform bus keeps no pointer of its own to the bound driver. */
static int nhs_platform_check(struct device *dev,
			      const struct device_driver *from,
			      const struct device_driver *to,
			      struct netlink_ext_ack *extack)
{
	if (to_platform_driver(from)->driver_managed_dma !=
	    to_platform_driver(to)->driver_managed_dma) {
		NL_SET_ERR_MSG_FMT(extack,
				   "%s and %s differ in driver_managed_dma",
				   from->name, to->name);
		return -EINVAL;
	}
	return 0;
}

static const struct nhs_bus nhs_buses[] = {
#ifdef CONFIG_PCI
	{
		.on_bus		= nhs_on_pci,
		.check		= nhs_pci_check,
		.replace	= nhs_pci_replace,
		.force_replace	= nhs_pci_force_replace,
	},
#endif
#if IS_REACHABLE(CONFIG_VIRTIO)
	{
		.on_bus		= is_virtio_device,
		.check		= nhs_virtio_check,
		.replace	= nhs_virtio_replace,
		.force_replace	= nhs_virtio_force_replace,
	},
#endif
	{
		.on_bus		= nhs_on_platform,
		.check		= nhs_platform_check,
		.replace	= device_driver_replace,
		.force_replace	= device_driver_force_replace,
	},
};

static const struct nhs_bus *nhs_bus_of(struct device *dev)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(nhs_buses); i++)
		if (nhs_buses[i].on_bus(dev))
			return &nhs_buses[i];
	return NULL;
}

static bool nhs_has_devres(struct device *dev)
{
	unsigned long flags;
	bool managed;

	spin_lock_irqsave(&dev->devres_lock, flags);
	managed = !list_empty(&dev->devres_head);
	spin_unlock_irqrestore(&dev->devres_lock, flags);
	return managed;
}

/**
 * nhs_bus_check - could @parent be rebound from @from's to @to's driver?
 * @parent: the bus device under the net_device, its device lock held
 * @from: the build serving
 * @to: the build to take over
 * @extack: why not
 *
 * The driver core's rules (device_driver_replace()) and the bus's own.
 *
 * Return: 0 or a negative errno.
 */
int nhs_bus_check(struct device *parent, const struct nhs_driver *from,
		  const struct nhs_driver *to, struct netlink_ext_ack *extack)
{
	const struct nhs_bus *bus = nhs_bus_of(parent);

	if (!bus) {
		NL_SET_ERR_MSG_FMT(extack,
				   "%s is on bus %s, which cannot rebind a device live",
				   dev_name(parent),
				   parent->bus ? parent->bus->name : "none");
		return -EOPNOTSUPP;
	}
	if (parent->driver != from->driver) {
		NL_SET_ERR_MSG_FMT(extack, "%s is not bound to %s",
				   dev_name(parent), nhs_driver_name(from));
		return -ENODEV;
	}
	if (to->driver->bus != parent->bus ||
	    parent->bus->match(parent, to->driver) <= 0) {
		NL_SET_ERR_MSG_FMT(extack, "%s does not drive device %s",
				   nhs_driver_name(to), dev_name(parent));
		return -ENODEV;
	}
	if (nhs_has_devres(parent)) {
		NL_SET_ERR_MSG_FMT(extack,
				   "%s has devres, whose release could run %s",
				   dev_name(parent), nhs_driver_name(from));
		return -EBUSY;
	}
	if (from->driver->sync_state || to->driver->sync_state) {
		NL_SET_ERR_MSG_FMT(extack,
				   "%s has sync_state(), which follows probe and remove",
				   from->driver->sync_state ?
				   nhs_driver_name(from) : nhs_driver_name(to));
		return -EBUSY;
	}
	return bus->check ? bus->check(parent, from->driver, to->driver,
				       extack) : 0;
}

/**
 * nhs_bus_replace - bind @parent to @to's driver, which serves it already
 * @parent: the bus device, its device lock held, checked by nhs_bus_check()
 * @to: the build that took the device over
 *
 * Return: 0 or the bus's negative errno, with the old binding kept.
 */
int nhs_bus_replace(struct device *parent, const struct nhs_driver *to)
{
	const struct nhs_bus *bus = nhs_bus_of(parent);

	return bus ? bus->replace(parent, to->driver) : -EOPNOTSUPP;
}

/**
 * nhs_bus_force_replace - bind @parent to @to's driver, whatever else fails
 * @parent: the bus device, its device lock held, checked by nhs_bus_check()
 * @to: the build that serves it, whose predecessor cannot take it back
 *
 * A device bound to a driver whose state it does not have would have that
 * driver's remove() run on another build's state at the next unbind: the
 * binding moves, and what sysfs could not be given is reported.
 */
void nhs_bus_force_replace(struct device *parent, const struct nhs_driver *to)
{
	const struct nhs_bus *bus = nhs_bus_of(parent);

	/* Both are given: nhs_bus_check() found the bus, and the device is
	 * bound to the other build on it.
	 */
	WARN_ON(!bus || bus->force_replace(parent, to->driver));
}
