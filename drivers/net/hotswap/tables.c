// SPDX-License-Identifier: GPL-2.0
/*
 * nethotswap: the tables other than its ops through which the netdev core
 * reaches a build's code.  A build declares them (struct nhs_driver), and
 * a swap moves the device to the tables of the build that serves:
 *
 *   stat_ops         the queue statistics, called under RTNL only: they
 *                    change hands with the gates, inside the blackout
 *   rx queue group   sysfs attributes of each RX queue, which a reader may
 *                    be inside at any time without a lock the swap could
 *                    take: removed before the swap starts (kernfs waits
 *                    for the readers inside), and added again from the
 *                    build that serves when it ends
 */

#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/sysfs.h>
#include <net/netdev_rx_queue.h>
#include <net/netlink.h>

#include "hotswap.h"

/**
 * nhs_tables_check - can @to take the declared tables of @from over?
 * @dev: the device, served by @from
 * @from: the build serving
 * @to: the build to take over
 * @extack: why not
 *
 * Return: 0 or -EOPNOTSUPP.
 */
int nhs_tables_check(const struct net_device *dev,
		     const struct nhs_driver *from,
		     const struct nhs_driver *to,
		     struct netlink_ext_ack *extack)
{
	const char *missing = NULL;

	if (dev->stat_ops && dev->stat_ops == from->stat_ops && !to->stat_ops)
		missing = "queue statistics (stat_ops)";
	if (dev->sysfs_rx_queue_group &&
	    dev->sysfs_rx_queue_group == from->rx_queue_group &&
	    !to->rx_queue_group)
		missing = "RX queue attributes";
	if (!missing)
		return 0;
	NL_SET_ERR_MSG_FMT(extack, "%s has %s of %s, which %s does not declare",
			   netdev_name(dev), missing, nhs_driver_name(from),
			   nhs_driver_name(to));
	return -EOPNOTSUPP;
}

/**
 * nhs_tables_serve - the device's declared tables to @to's
 * @dev: the device, which @to serves from now on
 * @from: the build that served it
 * @to: the build that serves it
 *
 * RTNL held, with the gates: the netdev core calls stat_ops under RTNL.
 */
void nhs_tables_serve(struct net_device *dev, const struct nhs_driver *from,
		      const struct nhs_driver *to)
{
	ASSERT_RTNL();
	if (dev->stat_ops && dev->stat_ops == from->stat_ops)
		dev->stat_ops = to->stat_ops;
}

/**
 * nhs_rx_group_hide - remove the RX queue attributes of the build serving
 * @dev: the device, registered
 *
 * RTNL held, which the RX queues change under.  Returns with no reader in
 * the build's attributes: kernfs drains them.
 *
 * Return: whether the device had them, for nhs_rx_group_show().
 */
bool nhs_rx_group_hide(struct net_device *dev)
{
	const struct attribute_group *group = dev->sysfs_rx_queue_group;
	unsigned int i;

	ASSERT_RTNL();
	if (!group)
		return false;
	for (i = 0; i < dev->real_num_rx_queues; i++)
		sysfs_remove_group(&__netif_get_rx_queue(dev, i)->kobj, group);
	dev->sysfs_rx_queue_group = NULL;
	return true;
}

/**
 * nhs_rx_group_show - add the RX queue attributes of the build serving
 * @dev: the device, registered
 * @drv: the build serving it
 * @hidden: what nhs_rx_group_hide() returned
 *
 * RTNL held.  A queue that cannot have them is reported, and goes on
 * without.
 */
void nhs_rx_group_show(struct net_device *dev, const struct nhs_driver *drv,
		       bool hidden)
{
	const struct attribute_group *group = drv->rx_queue_group;
	unsigned int i;
	int err;

	ASSERT_RTNL();
	if (!hidden || !group)
		return;
	dev->sysfs_rx_queue_group = group;
	for (i = 0; i < dev->real_num_rx_queues; i++) {
		err = sysfs_create_group(&__netif_get_rx_queue(dev, i)->kobj,
					 group);
		if (err)
			netdev_warn(dev, "rx-%u: no %s attributes (%d)\n", i,
				    nhs_driver_name(drv), err);
	}
}
