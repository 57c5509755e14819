// SPDX-License-Identifier: GPL-2.0
/*
 * nethotswap: how a driver puts its devices in the registry, behind the
 * gates and with the control files.  The registry (core.c) knows none of
 * them.
 */

#include <linux/netdevice.h>
#include <linux/slab.h>

#include "hotswap.h"

/**
 * nhs_attach - put a device's entry points behind the gates
 * @dev: a net_device the build created, not registered yet
 * @drv: the build, registered
 *
 * Sets up the device's gates in the netdev core, over dev->netdev_ops and
 * dev->ethtool_ops, which must be @drv's, and adds the "hotswap" sysfs
 * group.  Call from probe() before register_netdev().
 *
 * Return: 0, -EBUSY if @dev is attached or uses the device-specific sysfs
 * group slot, -EINVAL if @dev's ops are not @drv's, -ENOMEM.
 */
int nhs_attach(struct net_device *dev, struct nhs_driver *drv)
{
	struct netdev_hotswap *hs;
	int err;

	if (dev->hotswap || dev->sysfs_groups[0])
		return -EBUSY;
	if (dev->netdev_ops != drv->netdev_ops ||
	    dev->ethtool_ops != drv->ethtool_ops)
		return -EINVAL;

	hs = kzalloc(sizeof(*hs), GFP_KERNEL);
	if (!hs)
		return -ENOMEM;
	hs->dev = dev;
	hs->drv = drv;
	mutex_init(&hs->result_lock);
	err = nhs_gate_init(&hs->gate, drv->netdev_ops, drv->ethtool_ops);
	if (err) {
		kfree(hs);
		return err;
	}

	dev->hotswap = &hs->gate;
	dev->sysfs_groups[0] = &nhs_sysfs_group;
	mutex_lock(&nhs_lock);
	list_add_tail(&hs->list, &nhs_devices);
	mutex_unlock(&nhs_lock);
	return 0;
}
EXPORT_SYMBOL_GPL(nhs_attach);

/**
 * nhs_detach - undo nhs_attach()
 * @dev: the device, unregistered (or never registered)
 *
 * Call from remove() after unregister_netdev(), whichever build did the
 * attach: after a swap the new build detaches what the old one attached.
 */
void nhs_detach(struct net_device *dev)
{
	struct netdev_hotswap *hs = nhs_of(dev);

	if (!hs)
		return;
	mutex_lock(&nhs_lock);
	list_del(&hs->list);
	mutex_unlock(&nhs_lock);
	dev->sysfs_groups[0] = NULL;
	dev->hotswap = NULL;
	nhs_gate_destroy(&hs->gate);
	mutex_destroy(&hs->result_lock);
	kfree(hs);
}
EXPORT_SYMBOL_GPL(nhs_detach);
