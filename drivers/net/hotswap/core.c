// SPDX-License-Identifier: GPL-2.0
/*
 * nethotswap core: the registry of hotswap-capable driver builds and the
 * devices attached to them.
 */

#include <linux/module.h>

#include "hotswap.h"

LIST_HEAD(nhs_drivers);
LIST_HEAD(nhs_devices);
DEFINE_MUTEX(nhs_lock);	/* nhs_drivers, nhs_devices, nhs_next_id */
static u32 nhs_next_id;

/* Builds are named by their module: that is what an operator loads, and
 * the bus driver's name is only set once the bus driver is registered.
 */
const char *nhs_driver_name(const struct nhs_driver *drv)
{
	return drv->name;
}

static struct nhs_driver *nhs_driver_find(const char *name)
{
	struct nhs_driver *drv;

	lockdep_assert_held(&nhs_lock);
	list_for_each_entry(drv, &nhs_drivers, list)
		if (!strcmp(nhs_driver_name(drv), name))
			return drv;
	return NULL;
}

/**
 * nhs_driver_get - find a registered build by its module name, pin the module
 * @name: the module's name
 *
 * Return: the build, or NULL if none is registered (or it is unloading).
 */
struct nhs_driver *nhs_driver_get(const char *name)
{
	struct nhs_driver *drv;

	mutex_lock(&nhs_lock);
	drv = nhs_driver_find(name);
	if (drv && !try_module_get(drv->owner))
		drv = NULL;
	mutex_unlock(&nhs_lock);
	return drv;
}

void nhs_driver_put(struct nhs_driver *drv)
{
	module_put(drv->owner);
}

/**
 * __nhs_register_driver - make a driver build available for live swaps
 * @drv: the build, with every field but @name, @owner, @id and @list
 *	filled in (@state_size may be 0 with &nhs_driver_ops.state_size)
 * @owner: the build's module, NULL when built in
 * @name: the build's module name (KBUILD_MODNAME), for a build built in
 *
 * Use nhs_register_driver().  Register before the bus driver, so that
 * probe() can attach devices.  A module's build is named as the module was
 * loaded, @owner->name: a copy of a module renamed to load next to the
 * running one ("nethotswap upgrade") is a build of its own.
 *
 * Return: 0, -EINVAL for an incomplete description or gate tables that
 * are not its ops' (see NHS_NETDEV_OPS()), -EEXIST if a build of that
 * name is registered already.
 */
int __nhs_register_driver(struct nhs_driver *drv, struct module *owner,
			  const char *name)
{
	const struct nhs_driver_ops *ops = drv->ops;
	const char *wrong;
	int err = 0;

	drv->owner = owner;
	drv->name = owner ? owner->name : name;
	if (!drv->family || !drv->version || !drv->driver || !name ||
	    !drv->netdev_ops || !drv->ethtool_ops ||
	    !drv->gated_netdev_ops || !drv->gated_ethtool_ops ||
	    (!drv->state_size && !(ops && ops->state_size)) ||
	    !ops || !ops->alloc_priv || !ops->free_priv || !ops->freeze ||
	    !ops->thaw || !ops->save || !ops->handover ||
	    drv->state_min > drv->state_version ||
	    drv->state_compat > drv->state_version)
		return -EINVAL;
	wrong = nhs_gate_check_tables(drv->netdev_ops, drv->ethtool_ops,
				      drv->gated_netdev_ops,
				      drv->gated_ethtool_ops);
	if (wrong) {
		pr_err("%s: %s: the gate tables do not match its ops at %s: define them with NHS_NETDEV_OPS() and NHS_ETHTOOL_OPS()\n",
		       DRV_NAME, name, wrong);
		return -EINVAL;
	}

	mutex_lock(&nhs_lock);
	if (nhs_driver_find(nhs_driver_name(drv))) {
		err = -EEXIST;
	} else {
		/* Dumps resume by id: the list stays in id order. */
		drv->id = nhs_next_id++;
		list_add_tail(&drv->list, &nhs_drivers);
	}
	mutex_unlock(&nhs_lock);
	return err;
}
EXPORT_SYMBOL_GPL(__nhs_register_driver);

/**
 * nhs_unregister_driver - withdraw a build
 * @drv: the build; its bus driver is already unregistered, so no device
 *	is attached to it any more
 */
void nhs_unregister_driver(struct nhs_driver *drv)
{
	mutex_lock(&nhs_lock);
	list_del(&drv->list);
	mutex_unlock(&nhs_lock);
}
EXPORT_SYMBOL_GPL(nhs_unregister_driver);
