// SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/nethotswap.yaml */
/* YNL-GEN kernel source */

#include <net/netlink.h>
#include <net/genetlink.h>

#include "netlink-gen.h"

#include <uapi/linux/nethotswap.h>

/* NETHOTSWAP_CMD_DRIVER_GET - do */
static const struct nla_policy nethotswap_driver_get_nl_policy[NETHOTSWAP_A_DRIVER_NAME + 1] = {
	[NETHOTSWAP_A_DRIVER_NAME] = { .type = NLA_NUL_STRING, .len = NETHOTSWAP_DRIVER_NAME_MAX_LEN, },
};

/* NETHOTSWAP_CMD_DEV_GET - do */
static const struct nla_policy nethotswap_dev_get_nl_policy[NETHOTSWAP_A_DEV_IFNAME + 1] = {
	[NETHOTSWAP_A_DEV_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[NETHOTSWAP_A_DEV_IFNAME] = { .type = NLA_NUL_STRING, .len = NETHOTSWAP_IFNAME_MAX_LEN, },
};

/* NETHOTSWAP_CMD_SWAP - do */
static const struct nla_policy nethotswap_swap_nl_policy[NETHOTSWAP_A_SWAP_TIMEOUT_MS + 1] = {
	[NETHOTSWAP_A_SWAP_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[NETHOTSWAP_A_SWAP_IFNAME] = { .type = NLA_NUL_STRING, .len = NETHOTSWAP_IFNAME_MAX_LEN, },
	[NETHOTSWAP_A_SWAP_DRIVER] = { .type = NLA_NUL_STRING, .len = NETHOTSWAP_DRIVER_NAME_MAX_LEN, },
	[NETHOTSWAP_A_SWAP_TARGET] = { .type = NLA_NUL_STRING, .len = NETHOTSWAP_DRIVER_NAME_MAX_LEN, },
	[NETHOTSWAP_A_SWAP_TIMEOUT_MS] = NLA_POLICY_RANGE(NLA_U32, 1, NETHOTSWAP_TIMEOUT_MAX_MS),
};

/* NETHOTSWAP_CMD_CHECK - do */
static const struct nla_policy nethotswap_check_nl_policy[NETHOTSWAP_A_SWAP_TARGET + 1] = {
	[NETHOTSWAP_A_SWAP_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[NETHOTSWAP_A_SWAP_IFNAME] = { .type = NLA_NUL_STRING, .len = NETHOTSWAP_IFNAME_MAX_LEN, },
	[NETHOTSWAP_A_SWAP_DRIVER] = { .type = NLA_NUL_STRING, .len = NETHOTSWAP_DRIVER_NAME_MAX_LEN, },
	[NETHOTSWAP_A_SWAP_TARGET] = { .type = NLA_NUL_STRING, .len = NETHOTSWAP_DRIVER_NAME_MAX_LEN, },
};

/* Ops table for nethotswap */
static const struct genl_split_ops nethotswap_nl_ops[] = {
	{
		.cmd		= NETHOTSWAP_CMD_DRIVER_GET,
		.doit		= nethotswap_nl_driver_get_doit,
		.policy		= nethotswap_driver_get_nl_policy,
		.maxattr	= NETHOTSWAP_A_DRIVER_NAME,
		.flags		= GENL_CMD_CAP_DO,
	},
	{
		.cmd	= NETHOTSWAP_CMD_DRIVER_GET,
		.dumpit	= nethotswap_nl_driver_get_dumpit,
		.flags	= GENL_CMD_CAP_DUMP,
	},
	{
		.cmd		= NETHOTSWAP_CMD_DEV_GET,
		.doit		= nethotswap_nl_dev_get_doit,
		.policy		= nethotswap_dev_get_nl_policy,
		.maxattr	= NETHOTSWAP_A_DEV_IFNAME,
		.flags		= GENL_CMD_CAP_DO,
	},
	{
		.cmd	= NETHOTSWAP_CMD_DEV_GET,
		.dumpit	= nethotswap_nl_dev_get_dumpit,
		.flags	= GENL_CMD_CAP_DUMP,
	},
	{
		.cmd		= NETHOTSWAP_CMD_SWAP,
		.doit		= nethotswap_nl_swap_doit,
		.policy		= nethotswap_swap_nl_policy,
		.maxattr	= NETHOTSWAP_A_SWAP_TIMEOUT_MS,
		.flags		= GENL_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= NETHOTSWAP_CMD_CHECK,
		.doit		= nethotswap_nl_check_doit,
		.policy		= nethotswap_check_nl_policy,
		.maxattr	= NETHOTSWAP_A_SWAP_TARGET,
		.flags		= GENL_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
};

static const struct genl_multicast_group nethotswap_nl_mcgrps[] = {
	[NETHOTSWAP_NLGRP_MONITOR] = { "monitor", },
};

struct genl_family nethotswap_nl_family __ro_after_init = {
	.name		= NETHOTSWAP_FAMILY_NAME,
	.version	= NETHOTSWAP_FAMILY_VERSION,
	.netnsok	= true,
	.parallel_ops	= true,
	.module		= THIS_MODULE,
	.split_ops	= nethotswap_nl_ops,
	.n_split_ops	= ARRAY_SIZE(nethotswap_nl_ops),
	.mcgrps		= nethotswap_nl_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(nethotswap_nl_mcgrps),
};
