// SPDX-License-Identifier: GPL-2.0
/*
 * nethotswap module: brings up the control plane (debugfs, the netlink
 * family, which observes the engine's swaps) on top of the registry
 * (core.c) and the engine (swap.c, gate.c), which call nothing above
 * them.
 */

#include <linux/module.h>

#include "hotswap.h"

static int __init nhs_init(void)
{
	int err;

	nhs_debugfs_init();
	err = nhs_nl_init();
	if (err)
		nhs_debugfs_exit();
	return err;
}

static void __exit nhs_exit(void)
{
	nhs_nl_exit();
	nhs_debugfs_exit();
}

module_init(nhs_init);
module_exit(nhs_exit);

MODULE_DESCRIPTION("nethotswap: live replacement of network drivers");
MODULE_LICENSE("GPL");
