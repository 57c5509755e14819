/* SPDX-License-Identifier: GPL-2.0 */
/* nethotswap upgrade: move a driver's devices to a new build of it */
#ifndef NETHOTSWAP_UPGRADE_H
#define NETHOTSWAP_UPGRADE_H

#include <stdbool.h>

/* "nethotswap swap ARGS...", as nethotswap.c implements it */
typedef int (*swap_fn)(int argc, char **argv);

/*
 * upgrade DRIVER { FILE.ko | DIR } [ persist ] [ timeout MS ]
 *	[ params "NAME=VALUE ..." ]
 * @json: the swap's outcome is printed as JSON, progress lines are not.
 */
int cmd_upgrade(int argc, char **argv, bool json, swap_fn swap);

#endif /* NETHOTSWAP_UPGRADE_H */
