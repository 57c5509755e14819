/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/nethotswap.yaml */
/* YNL-GEN kernel header */

#ifndef _LINUX_NETHOTSWAP_GEN_H
#define _LINUX_NETHOTSWAP_GEN_H

#include <net/netlink.h>
#include <net/genetlink.h>

#include <uapi/linux/nethotswap.h>

int nethotswap_nl_driver_get_doit(struct sk_buff *skb, struct genl_info *info);
int nethotswap_nl_driver_get_dumpit(struct sk_buff *skb,
				    struct netlink_callback *cb);
int nethotswap_nl_dev_get_doit(struct sk_buff *skb, struct genl_info *info);
int nethotswap_nl_dev_get_dumpit(struct sk_buff *skb,
				 struct netlink_callback *cb);
int nethotswap_nl_swap_doit(struct sk_buff *skb, struct genl_info *info);
int nethotswap_nl_check_doit(struct sk_buff *skb, struct genl_info *info);

enum {
	NETHOTSWAP_NLGRP_MONITOR,
};

extern struct genl_family nethotswap_nl_family;

#endif /* _LINUX_NETHOTSWAP_GEN_H */
