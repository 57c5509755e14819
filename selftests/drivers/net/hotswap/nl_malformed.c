// SPDX-License-Identifier: GPL-2.0
/*
 * Hand-made nethotswap requests that no well-behaved client sends: missing,
 * conflicting, unknown, mistyped and empty attributes.  Each must fail
 * with its errno (and, where a handler or policy rejects it, an extack
 * message), and the DUT ($NHS_DUT) must stay with its driver ($NHS_DRV;
 * the requests name $NHS_DRV_NEXT as the target).  Raw netlink, since
 * libnl would not build these messages.
 */
#include <errno.h>
#include <limits.h>
#include <net/if.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/nethotswap.h>

#include "nl_genl.h"

struct request {
	struct nlmsghdr nlh;
	struct genlmsghdr genl;
	char attrs[512];
};

static int sock;
static int family;
static int failed;
static int test_no;

static void request_init(struct request *req, int type, int cmd)
{
	static unsigned int seq;

	memset(req, 0, sizeof(*req));
	req->nlh.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	req->nlh.nlmsg_type = type;
	req->nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	req->nlh.nlmsg_seq = ++seq;
	req->genl.cmd = cmd;
	req->genl.version = 1;
}

static void put(struct request *req, int type, const void *data, int len)
{
	struct nlattr *nla = (void *)((char *)req +
				      NLMSG_ALIGN(req->nlh.nlmsg_len));

	nla->nla_type = type;
	nla->nla_len = NLA_HDRLEN + len;
	memcpy((char *)nla + NLA_HDRLEN, data, len);
	req->nlh.nlmsg_len = NLMSG_ALIGN(req->nlh.nlmsg_len) +
			     NLA_ALIGN(nla->nla_len);
}

static void put_u32(struct request *req, int type, unsigned int value)
{
	put(req, type, &value, sizeof(value));
}

static void put_str(struct request *req, int type, const char *s)
{
	put(req, type, s, strlen(s) + 1);
}

static bool nla_fits(const struct nlattr *nla, int rem)
{
	return rem >= NLA_HDRLEN && nla->nla_len >= NLA_HDRLEN &&
	       nla->nla_len <= rem;
}

static struct nlattr *nla_next(const struct nlattr *nla, int *rem)
{
	*rem -= NLA_ALIGN(nla->nla_len);
	return (void *)((char *)nla + NLA_ALIGN(nla->nla_len));
}

/* Send, and return the errno of the ack; *msg gets the extack message. */
static int transact(struct request *req, char *msg, size_t msg_len)
{
	static char buf[16384];
	struct nlmsghdr *nlh;
	int len;

	*msg = '\0';
	if (send(sock, req, req->nlh.nlmsg_len, 0) < 0)
		return errno;
	for (;;) {
		len = recv(sock, buf, sizeof(buf), 0);
		if (len < 0)
			return errno;
		for (nlh = (void *)buf; NLMSG_OK(nlh, len);
		     nlh = NLMSG_NEXT(nlh, len)) {
			struct nlmsgerr *err = NLMSG_DATA(nlh);
			struct nlattr *nla;
			int rem;

			if (nlh->nlmsg_type != NLMSG_ERROR)
				continue;
			/* NETLINK_CAP_ACK: no copy of the request */
			nla = (void *)((char *)err + sizeof(*err));
			rem = nlh->nlmsg_len - NLMSG_HDRLEN - sizeof(*err);
			for (; nla_fits(nla, rem); nla = nla_next(nla, &rem))
				if (nla->nla_type == NLMSGERR_ATTR_MSG)
					snprintf(msg, msg_len, "%s",
						 (char *)nla + NLA_HDRLEN);
			return -err->error;
		}
	}
}

static void expect(struct request *req, int want, bool reason,
		   const char *name)
{
	char msg[256];
	int got = transact(req, msg, sizeof(msg));
	bool ok = got == want && (!reason || *msg);

	printf("# %s: %s (\"%s\")\n", name, strerror(got), msg);
	printf("%sok %d %s\n", ok ? "" : "not ", ++test_no, name);
	failed += !ok;
}

static bool driver_is(const char *ifname, const char *driver)
{
	char link[PATH_MAX], target[PATH_MAX];
	ssize_t len;

	snprintf(link, sizeof(link), "/sys/class/net/%s/device/driver", ifname);
	len = readlink(link, target, sizeof(target) - 1);
	if (len < 0)
		return false;
	target[len] = '\0';
	return !strcmp(strrchr(target, '/') + 1, driver);
}

int main(void)
{
	const char *dut = getenv("NHS_DUT"), *drv, *next;
	unsigned int ifindex;
	struct request req;
	bool unchanged;

	ifindex = dut ? if_nametoindex(dut) : 0;
	if (!ifindex) {
		printf("1..0 # SKIP needs the nethotswap VM harness (NHS_DUT)\n");
		return 4;
	}
	drv = harness_env("nl_malformed", "NHS_DRV", "Bail out! ");
	next = harness_env("nl_malformed", "NHS_DRV_NEXT", "Bail out! ");

	sock = genl_socket();
	if (sock < 0) {
		perror("netlink socket");
		return 1;
	}
	family = genl_nethotswap_family(sock);
	if (family < 0) {
		printf("1..0 # SKIP no nethotswap netlink family\n");
		return 4;
	}

	printf("TAP version 13\n1..15\n");

	request_init(&req, family, NETHOTSWAP_CMD_SWAP);
	put_u32(&req, NETHOTSWAP_A_SWAP_IFINDEX, ifindex);
	expect(&req, EINVAL, true, "swap_without_target");

	request_init(&req, family, NETHOTSWAP_CMD_SWAP);
	put_str(&req, NETHOTSWAP_A_SWAP_TARGET, next);
	expect(&req, EINVAL, true, "swap_without_device");

	request_init(&req, family, NETHOTSWAP_CMD_SWAP);
	put_u32(&req, NETHOTSWAP_A_SWAP_IFINDEX, ifindex);
	put_str(&req, NETHOTSWAP_A_SWAP_IFNAME, dut);
	put_str(&req, NETHOTSWAP_A_SWAP_TARGET, next);
	expect(&req, EINVAL, true, "swap_by_ifindex_and_ifname");

	request_init(&req, family, NETHOTSWAP_CMD_SWAP);
	put_u32(&req, NETHOTSWAP_A_SWAP_IFINDEX, ifindex);
	put_str(&req, NETHOTSWAP_A_SWAP_DRIVER, drv);
	put_str(&req, NETHOTSWAP_A_SWAP_TARGET, next);
	expect(&req, EINVAL, true, "swap_by_device_and_driver");

	request_init(&req, family, NETHOTSWAP_CMD_SWAP);
	put_u32(&req, NETHOTSWAP_A_SWAP_IFINDEX, ifindex);
	put_u32(&req, 42, 0);
	put_str(&req, NETHOTSWAP_A_SWAP_TARGET, next);
	expect(&req, EINVAL, true, "swap_with_unknown_attribute");

	request_init(&req, family, NETHOTSWAP_CMD_SWAP);
	put_u32(&req, NETHOTSWAP_A_SWAP_IFINDEX, 0);
	put_str(&req, NETHOTSWAP_A_SWAP_TARGET, next);
	expect(&req, ERANGE, true, "swap_ifindex_0");

	request_init(&req, family, NETHOTSWAP_CMD_SWAP);
	put_u32(&req, NETHOTSWAP_A_SWAP_IFINDEX, 99999);
	put_str(&req, NETHOTSWAP_A_SWAP_TARGET, next);
	expect(&req, ENODEV, true, "swap_unknown_ifindex");

	request_init(&req, family, NETHOTSWAP_CMD_SWAP);
	put_u32(&req, NETHOTSWAP_A_SWAP_IFINDEX, ifindex);
	put_str(&req, NETHOTSWAP_A_SWAP_TARGET, next);
	put(&req, NETHOTSWAP_A_SWAP_TIMEOUT_MS, "\x05", 1);
	expect(&req, EINVAL, true, "swap_timeout_of_the_wrong_size");

	request_init(&req, family, NETHOTSWAP_CMD_SWAP);
	put_u32(&req, NETHOTSWAP_A_SWAP_IFINDEX, ifindex);
	put(&req, NETHOTSWAP_A_SWAP_TARGET, next, (int)strlen(next));
	expect(&req, EINVAL, true, "swap_target_without_nul");

	request_init(&req, family, NETHOTSWAP_CMD_SWAP);
	put_u32(&req, NETHOTSWAP_A_SWAP_IFINDEX, ifindex);
	put_str(&req, NETHOTSWAP_A_SWAP_TARGET, "");
	expect(&req, EINVAL, true, "swap_empty_target");

	request_init(&req, family, NETHOTSWAP_CMD_SWAP);
	put_str(&req, NETHOTSWAP_A_SWAP_IFNAME, "");
	put_str(&req, NETHOTSWAP_A_SWAP_TARGET, next);
	expect(&req, EINVAL, true, "swap_empty_ifname");

	request_init(&req, family, NETHOTSWAP_CMD_DEV_GET);
	expect(&req, EINVAL, true, "dev_get_without_device");

	request_init(&req, family, NETHOTSWAP_CMD_DRIVER_GET);
	expect(&req, EINVAL, true, "driver_get_without_name");

	request_init(&req, family, NETHOTSWAP_CMD_SWAP_NTF);
	expect(&req, EOPNOTSUPP, false, "event_command_as_request");

	unchanged = driver_is(dut, drv);
	printf("%sok %d dut_still_on_%s\n", unchanged ? "" : "not ",
	       ++test_no, drv);
	failed += !unchanged;

	printf("# Totals: pass:%d fail:%d xfail:0 xpass:0 skip:0 error:0\n",
	       test_no - failed, failed);
	return failed ? 1 : 0;
}
