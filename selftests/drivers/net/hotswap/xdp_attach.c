// SPDX-License-Identifier: GPL-2.0
/*
 * xdp_attach DEV pass|drop [dev-bound]: attach to DEV, in driver mode, an
 * XDP program that returns XDP_PASS or XDP_DROP for every frame, as
 * "ip link set DEV xdpdrv obj ..." would with a compiled object (the
 * image has no BPF compiler).  "dev-bound" loads it bound to DEV
 * (BPF_F_XDP_DEV_BOUND_ONLY), as a program calling the device's metadata
 * kfuncs is.  The program stays attached when this exits; "ip link set
 * DEV xdp off" detaches it.  Exits 1 with the kernel's reason on failure.
 */
#include <errno.h>
#include <linux/bpf.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef BPF_F_XDP_DEV_BOUND_ONLY
#define BPF_F_XDP_DEV_BOUND_ONLY	(1U << 6)
#endif

static int load_prog(unsigned int action, unsigned int ifindex, int bound)
{
	struct bpf_insn insns[] = {
		/* r0 = action; exit */
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0,
		  .imm = action },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	static char log[4096];
	union bpf_attr attr;
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_XDP;
	attr.insns = (unsigned long)insns;
	attr.insn_cnt = sizeof(insns) / sizeof(insns[0]);
	attr.license = (unsigned long)"GPL";
	attr.log_buf = (unsigned long)log;
	attr.log_size = sizeof(log);
	attr.log_level = 1;
	if (bound) {
		attr.prog_flags = BPF_F_XDP_DEV_BOUND_ONLY;
		attr.prog_ifindex = ifindex;
	}
	fd = syscall(__NR_bpf, BPF_PROG_LOAD, &attr, sizeof(attr));
	if (fd < 0)
		fprintf(stderr, "BPF_PROG_LOAD: %s\n%s", strerror(errno), log);
	return fd;
}

/* The extack message of an rtnetlink error, if any */
static const char *ack_msg(struct nlmsghdr *nh, int len)
{
	struct nlmsgerr *err = NLMSG_DATA(nh);
	struct nlattr *a;
	int off;

	if (!(nh->nlmsg_flags & NLM_F_ACK_TLVS))
		return "";
	off = NLMSG_HDRLEN + sizeof(*err) + err->msg.nlmsg_len - NLMSG_HDRLEN;
	while (off + (int)sizeof(*a) <= len) {
		a = (struct nlattr *)((char *)nh + off);
		if (a->nla_len < sizeof(*a))
			break;
		if ((a->nla_type & NLA_TYPE_MASK) == NLMSGERR_ATTR_MSG)
			return (const char *)(a + 1);
		off += NLA_ALIGN(a->nla_len);
	}
	return "";
}

static int attach(unsigned int ifindex, int prog_fd)
{
	struct {
		struct nlmsghdr nh;
		struct ifinfomsg ifi;
		char attrs[64];
	} req;
	struct nlattr *xdp, *a;
	char buf[4096];
	int one = 1, fd, len;
	struct nlmsghdr *nh;

	memset(&req, 0, sizeof(req));
	req.nh.nlmsg_type = RTM_SETLINK;
	req.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	req.ifi.ifi_family = AF_UNSPEC;
	req.ifi.ifi_index = ifindex;
	xdp = (struct nlattr *)req.attrs;
	xdp->nla_type = IFLA_XDP | NLA_F_NESTED;
	a = xdp + 1;
	a->nla_type = IFLA_XDP_FD;
	a->nla_len = NLA_HDRLEN + sizeof(int);
	memcpy(a + 1, &prog_fd, sizeof(int));
	a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len));
	a->nla_type = IFLA_XDP_FLAGS;
	a->nla_len = NLA_HDRLEN + sizeof(__u32);
	*(__u32 *)(a + 1) = XDP_FLAGS_DRV_MODE;
	xdp->nla_len = NLA_HDRLEN + 2 * NLA_ALIGN(NLA_HDRLEN + 4);
	req.nh.nlmsg_len = NLMSG_LENGTH(sizeof(req.ifi)) + xdp->nla_len;

	fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	if (fd < 0) {
		perror("socket");
		return -1;
	}
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	if (send(fd, &req, req.nh.nlmsg_len, 0) < 0) {
		perror("send");
		close(fd);
		return -1;
	}
	len = recv(fd, buf, sizeof(buf), 0);
	close(fd);
	nh = (struct nlmsghdr *)buf;
	if (len < (int)NLMSG_LENGTH(sizeof(struct nlmsgerr)) ||
	    nh->nlmsg_type != NLMSG_ERROR) {
		fprintf(stderr, "no answer to RTM_SETLINK\n");
		return -1;
	}
	if (((struct nlmsgerr *)NLMSG_DATA(nh))->error) {
		fprintf(stderr, "attach: %s: %s\n",
			strerror(-((struct nlmsgerr *)NLMSG_DATA(nh))->error),
			ack_msg(nh, len));
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	unsigned int ifindex, action;
	int bound, prog_fd;

	bound = argc == 4 && !strcmp(argv[3], "dev-bound");
	if ((argc != 3 && !bound) ||
	    (strcmp(argv[2], "pass") && strcmp(argv[2], "drop"))) {
		fprintf(stderr, "usage: xdp_attach DEV pass|drop [dev-bound]\n");
		return 2;
	}
	ifindex = if_nametoindex(argv[1]);
	if (!ifindex) {
		perror(argv[1]);
		return 1;
	}
	action = strcmp(argv[2], "pass") ? XDP_DROP : XDP_PASS;
	prog_fd = load_prog(action, ifindex, bound);
	if (prog_fd < 0 || attach(ifindex, prog_fd))
		return 1;
	return 0;
}
