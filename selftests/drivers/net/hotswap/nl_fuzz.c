// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the nethotswap generic netlink family: COUNT requests (default
 * 100000) of every command of the family and a few it does not have, do
 * and dump, with random sets of attributes of random types, sizes and
 * contents (u32s, names with and without their NUL, empty, too long,
 * random bytes, nests, lengths that lie).  Each request asks for an ack
 * and must get one (or a dump's end) with an errno the kernel may give.
 *
 * No request can start a swap: the names drawn are never those of a
 * build that could take a device over (run it with only $NHS_DRV of the
 * DUT's builds loaded; $NHS_DRV_NEXT is never drawn).  The driver names
 * come from the harness: $NHS_DRV, $NHS_FAMILY and $NHS_PEER_DRV (a
 * driver that is not hotswap-capable).  nl_fuzz.sh checks the device and
 * the kernel log afterwards.
 *
 * usage: nl_fuzz [COUNT [SEED]]; prints "sent N, acked N, errnos: ...".
 */
#include <errno.h>
#include <net/if.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/nethotswap.h>

#include "nl_genl.h"

#define MSG_MAX	1024

static int sock;
static unsigned int seq;
static unsigned long errnos[256];

/* From NAME_HARNESS on, the names of three of the harness's variables,
 * which main() replaces by their values */
enum { NAME_HARNESS = 5 };
static const char *names[] = {
	"", "lo", "eth0", "eth1", "eth2", "NHS_DRV", "NHS_FAMILY", "NHS_PEER_DRV",
	"nhs_test_future", "nethotswap", "no_such_driver", "x", "..", "/",
	"a-name-of-exactly-fifteen", "0123456789abcde",
	"0123456789abcdef0123456789abcdef0123456789abcdef0123456",
	"0123456789abcdef0123456789abcdef0123456789abcdef01234567",
};

static unsigned int rnd(unsigned int n)
{
	return n ? (unsigned int)random() % n : 0;
}

/* Random payload of about @want bytes at @p; returns its length. */
static int payload(unsigned char *p, int room, unsigned int ifindex)
{
	static const int sizes[] = { 0, 1, 2, 3, 4, 5, 7, 8, 12, 15, 16, 17,
				     55, 56, 57, 127, 128, 200 };
	const char *s;
	unsigned int v;
	int len, i;

	switch (rnd(6)) {
	case 0:		/* a u32: an ifindex, 0, small, huge */
		v = (unsigned int[]){ ifindex, 0, 1, 2, 3, 9999,
				      NETHOTSWAP_TIMEOUT_MAX_MS + 1,
				      0xffffffff }[rnd(8)];
		len = room < 4 ? room : 4;
		memcpy(p, &v, len);
		return len;
	case 1:		/* a name with its NUL */
	case 2:		/* a name without */
		s = names[rnd(sizeof(names) / sizeof(names[0]))];
		len = strlen(s) + (rnd(2) ? 1 : 0);
		if (len > room)
			len = room;
		memcpy(p, s, len);
		return len;
	case 3:		/* a nest of random attributes */
		len = 0;
		for (i = rnd(4); i > 0 && len + 8 <= room; i--) {
			struct nlattr *nla = (void *)(p + len);
			int n = payload(p + len + NLA_HDRLEN,
					room - len - NLA_HDRLEN, ifindex);

			nla->nla_type = rnd(16);
			nla->nla_len = NLA_HDRLEN + n;
			len += NLA_ALIGN(nla->nla_len);
			if (len > room)
				len = room;
		}
		return len;
	default:	/* random bytes of a random size */
		len = sizes[rnd(sizeof(sizes) / sizeof(sizes[0]))];
		if (len > room)
			len = room;
		for (i = 0; i < len; i++)
			p[i] = random();
		return len;
	}
}

static int build(unsigned char *buf, unsigned int family,
		 unsigned int ifindex)
{
	struct nlmsghdr *nlh = (void *)buf;
	struct genlmsghdr *genl = NLMSG_DATA(nlh);
	int len = NLMSG_LENGTH(GENL_HDRLEN), n;

	memset(buf, 0, MSG_MAX);
	nlh->nlmsg_type = family;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK |
			   (rnd(3) ? 0 : NLM_F_DUMP);
	nlh->nlmsg_seq = ++seq;
	/* Every command of the family, mostly; sometimes one it lacks. */
	genl->cmd = rnd(10) ? 1 + rnd(NETHOTSWAP_CMD_MAX) : rnd(256);
	genl->version = rnd(4) ? NETHOTSWAP_FAMILY_VERSION : rnd(256);

	for (n = rnd(9); n > 0 && len + NLA_HDRLEN < MSG_MAX - 256; n--) {
		struct nlattr *nla = (void *)(buf + NLMSG_ALIGN(len));
		int plen;

		len = NLMSG_ALIGN(len);
		plen = payload((unsigned char *)nla + NLA_HDRLEN, 240, ifindex);
		nla->nla_type = rnd(8) ? rnd(NETHOTSWAP_A_SWAP_MAX + 3) :
					 rnd(0x10000);
		nla->nla_len = NLA_HDRLEN + plen;
		if (!rnd(50))	/* a length that lies */
			nla->nla_len += 1 + rnd(64);
		len += NLA_HDRLEN + plen;
	}
	nlh->nlmsg_len = len;
	return len;
}

/*
 * Wait for the ack (or a dump's end) of request @s: its errno, or -1.
 * The kernel sizes a dump's messages by the largest buffer a socket has
 * received into (up to 32 KiB); a small one keeps each of the many dumps
 * to small allocations.
 */
static int wait_ack(unsigned int s)
{
	static unsigned char buf[8192];
	struct nlmsghdr *nlh;
	int len;

	for (;;) {
		len = recv(sock, buf, sizeof(buf), 0);
		if (len < 0)
			return errno == EAGAIN ? -1 : -2;
		for (nlh = (void *)buf; NLMSG_OK(nlh, len);
		     nlh = NLMSG_NEXT(nlh, len)) {
			if (nlh->nlmsg_seq != s)
				continue;
			if (nlh->nlmsg_type == NLMSG_ERROR)
				return -((struct nlmsgerr *)NLMSG_DATA(nlh))->error;
			if (nlh->nlmsg_type == NLMSG_DONE)
				return -*(int *)NLMSG_DATA(nlh);
		}
	}
}

int main(int argc, char **argv)
{
	struct timeval tv = { .tv_sec = 5 };
	unsigned long count = argc > 1 ? strtoul(argv[1], NULL, 0) : 100000;
	unsigned int seed = argc > 2 ? strtoul(argv[2], NULL, 0) : 1;
	const char *dut = getenv("NHS_DUT");
	unsigned long sent = 0, acked = 0, lost = 0, i;
	unsigned char buf[MSG_MAX];
	unsigned int ifindex;
	int family, err, len;

	for (i = NAME_HARNESS; i < NAME_HARNESS + 3; i++)
		names[i] = harness_env("nl_fuzz", names[i], NULL);
	ifindex = dut ? if_nametoindex(dut) : 1;
	srandom(seed);
	sock = genl_socket();
	if (sock < 0 ||
	    setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv))) {
		perror("netlink socket");
		return 1;
	}
	family = genl_nethotswap_family(sock);
	if (family < 0) {
		fprintf(stderr, "no nethotswap netlink family\n");
		return 4;
	}

	for (i = 0; i < count; i++) {
		len = build(buf, family, ifindex);
		if (send(sock, buf, len, 0) < 0) {
			perror("send");
			return 1;
		}
		sent++;
		err = wait_ack(seq);
		if (err == -2) {
			perror("recv");
			return 1;
		}
		if (err < 0) {
			lost++;
			continue;
		}
		acked++;
		errnos[err < 256 ? err : 255]++;
	}

	printf("sent %lu, acked %lu, unanswered %lu, errnos:", sent, acked,
	       lost);
	for (i = 0; i < 256; i++)
		if (errnos[i])
			printf(" %lu: %lu,", i, errnos[i]);
	printf("\n");
	return lost || sent < count ? 1 : 0;
}
