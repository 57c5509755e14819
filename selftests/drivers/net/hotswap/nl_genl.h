/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the netlink selftests in C share: a generic netlink socket that
 * asks for extended ACKs, the id of the nethotswap family, and the
 * harness's names for the DUT's driver.
 */
#ifndef NHS_SELFTEST_NL_GENL_H
#define NHS_SELFTEST_NL_GENL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/nethotswap.h>

/* A bound generic netlink socket with extended, capped ACKs; -1 on error. */
static int genl_socket(void)
{
	struct sockaddr_nl addr = { .nl_family = AF_NETLINK };
	int one = 1, sock;

	sock = socket(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC);
	if (sock < 0)
		return -1;
	if (bind(sock, (void *)&addr, sizeof(addr)) ||
	    setsockopt(sock, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one)) ||
	    setsockopt(sock, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one))) {
		close(sock);
		return -1;
	}
	return sock;
}

/* The nethotswap family's id, as nlctrl tells it on @sock; -1 if none. */
static int genl_nethotswap_family(int sock)
{
	unsigned int buf[1024];
	struct nlmsghdr *nlh = (void *)buf;
	struct genlmsghdr *genl = NLMSG_DATA(nlh);
	struct nlattr *nla = (void *)((char *)genl + GENL_HDRLEN);
	int len, rem;

	memset(buf, 0, sizeof(buf));
	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST;
	genl->cmd = CTRL_CMD_GETFAMILY;
	genl->version = 1;
	nla->nla_type = CTRL_ATTR_FAMILY_NAME;
	nla->nla_len = NLA_HDRLEN + sizeof(NETHOTSWAP_FAMILY_NAME);
	memcpy((char *)nla + NLA_HDRLEN, NETHOTSWAP_FAMILY_NAME,
	       sizeof(NETHOTSWAP_FAMILY_NAME));
	nlh->nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN) + NLA_ALIGN(nla->nla_len);
	if (send(sock, buf, nlh->nlmsg_len, 0) < 0)
		return -1;
	len = recv(sock, buf, sizeof(buf), 0);
	if (len < 0 || !NLMSG_OK(nlh, len) || nlh->nlmsg_type == NLMSG_ERROR)
		return -1;
	nla = (void *)((char *)NLMSG_DATA(nlh) + GENL_HDRLEN);
	for (rem = nlh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);
	     rem >= NLA_HDRLEN && nla->nla_len >= NLA_HDRLEN &&
	     nla->nla_len <= rem;
	     rem -= NLA_ALIGN(nla->nla_len),
	     nla = (void *)((char *)nla + NLA_ALIGN(nla->nla_len)))
		if (nla->nla_type == CTRL_ATTR_FAMILY_ID)
			return *(unsigned short *)((char *)nla + NLA_HDRLEN);
	return -1;
}

/*
 * The value of @name, a variable the VM harness (scripts/guest-init.sh)
 * exports: NHS_DRV, NHS_DRV_NEXT, NHS_FAMILY, ...  No test guesses the
 * DUT's driver: without it, @prog says so on standard error (and on
 * standard output after @bail, "Bail out! " for a TAP reader) and exits
 * with status 1.
 */
static inline const char *harness_env(const char *prog, const char *name,
				      const char *bail)
{
	const char *value = getenv(name);

	if (value && *value)
		return value;
	fprintf(stderr, "%s: %s is not set: the nethotswap VM harness (scripts/guest-init.sh) exports it\n",
		prog, name);
	if (bail)
		printf("%s%s is not set\n", bail, name);
	exit(1);
}

#endif
