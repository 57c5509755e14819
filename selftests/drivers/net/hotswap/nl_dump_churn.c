// SPDX-License-Identifier: GPL-2.0
/*
 * A dev-get dump read while devices come and go neither skips nor repeats
 * one.
 *
 * usage: nl_dump_churn COMMAND
 *
 * Dumps the hotswap-capable devices of the namespace three times, each on
 * a socket of its own, one 8 KiB read at a time (the kernel then fills
 * parts of 4 to 8 KiB, about 35 to 70 devices):
 *
 *   before  a whole dump;
 *   churn   the dump under test: after its first read, COMMAND runs
 *           (system(), with NHS_DUMP_CUT set to the last ifindex that read
 *           returned), then the rest is read;
 *   after   a whole dump, once COMMAND has finished.
 *
 * COMMAND adds and removes devices; it must not remove a device it added
 * (a device that came and went within it would be in neither list).
 * Ifindexes are never reused, so "before" and "after" name the devices
 * that existed throughout the churn dump (in both), the ones COMMAND
 * removed (only before) and the ones it added (only after).  The kernel
 * makes a dump's next part when the previous one is read: the parts that
 * the third and later reads return were made after COMMAND finished.  The
 * churn dump must:
 *
 *   1. list ifindexes in strictly increasing order, so none twice;
 *   2. list every device that existed throughout, once;
 *   3. list nothing that existed neither before nor after;
 *   4. not list a removed device in a part made after COMMAND;
 *   5. list every added device, if it ended in a part made after COMMAND
 *      (an added device has a higher ifindex than any dumped before it).
 *
 * For the test to mean something, COMMAND must remove a device the first
 * read returned and one it did not, and add one, and the dump must go on
 * after COMMAND: that is checked too.  Prints what each read returned and
 * one "FAIL: " line for each ifindex that breaks a rule; exits 1 if any
 * does (or anything else goes wrong), 0 otherwise.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/nethotswap.h>

#include "nl_genl.h"

#define READ_SIZE	8192
#define MAX_DEVS	4096

struct dev {
	unsigned int ifindex;
	char ifname[NETHOTSWAP_IFNAME_MAX_LEN + 1];
	int part;	/* the read that returned it, from 1 */
};

struct dump {
	const char *name;
	struct dev devs[MAX_DEVS];
	int n;
	int parts;	/* reads so far */
	bool done;
};

static struct dump before = { .name = "before" };
static struct dump churn = { .name = "churn" };
static struct dump after = { .name = "after" };
static int family;
static int failures;

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fail(const char *fmt, ...)
{
	va_list ap;

	printf("FAIL: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	failures++;
}

/* A socket with a dev-get dump started on it; -1 on error. */
static int dump_start(void)
{
	struct {
		struct nlmsghdr nlh;
		struct genlmsghdr genl;
	} req = {
		.nlh = {
			.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN),
			.nlmsg_type = family,
			.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP,
			.nlmsg_seq = 1,
		},
		.genl = {
			.cmd = NETHOTSWAP_CMD_DEV_GET,
			.version = NETHOTSWAP_FAMILY_VERSION,
		},
	};
	struct timeval tv = { .tv_sec = 30 };
	int sock;

	sock = genl_socket();
	if (sock < 0)
		return -1;
	/* A kernel that stops answering fails the test, not hangs it. */
	if (setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) ||
	    send(sock, &req, req.nlh.nlmsg_len, 0) < 0) {
		close(sock);
		return -1;
	}
	return sock;
}

static int add_dev(struct dump *d, struct nlmsghdr *nlh)
{
	struct nlattr *nla = (void *)((char *)NLMSG_DATA(nlh) + GENL_HDRLEN);
	int rem = nlh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);
	struct dev *dev = &d->devs[d->n];
	bool has_ifindex = false;

	if (d->n == MAX_DEVS) {
		fprintf(stderr, "%s: more than %d devices\n", d->name, MAX_DEVS);
		return -1;
	}
	memset(dev, 0, sizeof(*dev));
	for (; rem >= NLA_HDRLEN && nla->nla_len >= NLA_HDRLEN &&
	       nla->nla_len <= rem;
	     rem -= NLA_ALIGN(nla->nla_len),
	     nla = (void *)((char *)nla + NLA_ALIGN(nla->nla_len))) {
		void *data = (char *)nla + NLA_HDRLEN;
		int len = nla->nla_len - NLA_HDRLEN;

		switch (nla->nla_type & NLA_TYPE_MASK) {
		case NETHOTSWAP_A_DEV_IFINDEX:
			if (len != sizeof(dev->ifindex))
				break;
			memcpy(&dev->ifindex, data, sizeof(dev->ifindex));
			has_ifindex = true;
			break;
		case NETHOTSWAP_A_DEV_IFNAME:
			snprintf(dev->ifname, sizeof(dev->ifname), "%.*s",
				 len, (char *)data);
			break;
		}
	}
	if (!has_ifindex) {
		fprintf(stderr, "%s: a device without an ifindex\n", d->name);
		return -1;
	}
	dev->part = d->parts;
	d->n++;
	return 0;
}

/* One read of the dump on @sock into @d; -1 on error. */
static int read_part(int sock, struct dump *d)
{
	static unsigned int buf[READ_SIZE / sizeof(unsigned int)];
	struct iovec iov = { .iov_base = buf, .iov_len = sizeof(buf) };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct nlmsghdr *nlh;
	int len, first = d->n;

	len = recvmsg(sock, &msg, 0);
	if (len < 0) {
		fprintf(stderr, "%s: read %d: %s\n", d->name, d->parts + 1,
			strerror(errno));
		return -1;
	}
	d->parts++;
	if (msg.msg_flags & MSG_TRUNC) {
		fprintf(stderr, "%s: part %d does not fit in %d bytes\n",
			d->name, d->parts, READ_SIZE);
		return -1;
	}
	for (nlh = (void *)buf; NLMSG_OK(nlh, len); nlh = NLMSG_NEXT(nlh, len)) {
		if (nlh->nlmsg_type == NLMSG_DONE) {
			int err = *(int *)NLMSG_DATA(nlh);

			d->done = true;
			if (err) {
				fprintf(stderr, "%s: dump ended with %s\n",
					d->name, strerror(-err));
				return -1;
			}
			break;
		}
		if (nlh->nlmsg_type == NLMSG_ERROR) {
			fprintf(stderr, "%s: dump failed: %s\n", d->name,
				strerror(-((struct nlmsgerr *)NLMSG_DATA(nlh))->error));
			return -1;
		}
		if (nlh->nlmsg_type != family || add_dev(d, nlh))
			return -1;
	}
	if (d->n > first)
		printf("%s: part %d: %d devices, ifindex %u..%u%s\n", d->name,
		       d->parts, d->n - first, d->devs[first].ifindex,
		       d->devs[d->n - 1].ifindex, d->done ? ", end" : "");
	else
		printf("%s: part %d: no device%s\n", d->name, d->parts,
		       d->done ? ", end" : "");
	return 0;
}

static int read_rest(int sock, struct dump *d)
{
	while (!d->done)
		if (read_part(sock, d))
			return -1;
	return 0;
}

static int whole_dump(struct dump *d)
{
	int sock = dump_start(), err;

	if (sock < 0) {
		perror(d->name);
		return -1;
	}
	err = read_rest(sock, d);
	close(sock);
	return err;
}

/* How many times @ifindex is in @d; *@dev gets the last one. */
static int count(const struct dump *d, unsigned int ifindex,
		 const struct dev **dev)
{
	int i, n = 0;

	for (i = 0; i < d->n; i++) {
		if (d->devs[i].ifindex != ifindex)
			continue;
		if (dev)
			*dev = &d->devs[i];
		n++;
	}
	return n;
}

/* The first part made after COMMAND: a part is made when the one before it
 * is read, and COMMAND ran between the first and the second read.
 */
#define FIRST_PART_AFTER_CHURN	3

static void check(unsigned int cut)
{
	int removed_dumped = 0, removed_later = 0, added = 0, i, n;
	const struct dev *dev;

	/* 1. strictly increasing */
	for (i = 1; i < churn.n; i++) {
		const struct dev *prev = &churn.devs[i - 1];

		dev = &churn.devs[i];
		if (dev->ifindex == prev->ifindex)
			fail("ifindex %u (%s) repeated: parts %d and %d",
			     dev->ifindex, dev->ifname, prev->part, dev->part);
		else if (dev->ifindex < prev->ifindex)
			fail("ifindex %u (%s) in part %d after ifindex %u in part %d: %s",
			     dev->ifindex, dev->ifname, dev->part,
			     prev->ifindex, prev->part,
			     count(&churn, dev->ifindex, NULL) > 1 ?
			     "repeated" : "out of order");
	}

	for (i = 0; i < before.n; i++) {
		const struct dev *b = &before.devs[i];

		/* 2. every device that existed throughout, once */
		if (count(&after, b->ifindex, NULL)) {
			n = count(&churn, b->ifindex, NULL);
			if (!n)
				fail("ifindex %u (%s) existed throughout, was skipped",
				     b->ifindex, b->ifname);
			else if (n > 1)
				fail("ifindex %u (%s) existed throughout, was listed %d times",
				     b->ifindex, b->ifname, n);
			continue;
		}
		/* 4. a removed device, not after its removal */
		if (b->ifindex <= cut)
			removed_dumped++;
		else
			removed_later++;
		if (count(&churn, b->ifindex, &dev) &&
		    dev->part >= FIRST_PART_AFTER_CHURN)
			fail("ifindex %u (%s) was removed, listed in part %d, made after that",
			     b->ifindex, b->ifname, dev->part);
	}

	/* 5. every added device, if the dump went on after COMMAND */
	for (i = 0; i < after.n; i++) {
		const struct dev *a = &after.devs[i];

		if (count(&before, a->ifindex, NULL))
			continue;
		added++;
		if (churn.parts >= FIRST_PART_AFTER_CHURN &&
		    !count(&churn, a->ifindex, NULL))
			fail("ifindex %u (%s) was added, is missing from parts made after that",
			     a->ifindex, a->ifname);
	}

	/* 3. nothing that existed neither before nor after */
	for (i = 0; i < churn.n; i++) {
		dev = &churn.devs[i];
		if (!count(&before, dev->ifindex, NULL) &&
		    !count(&after, dev->ifindex, NULL))
			fail("ifindex %u (%s) in part %d existed neither before nor after",
			     dev->ifindex, dev->ifname, dev->part);
	}

	printf("churn after part 1 (cut at ifindex %u): removed %d listed before it and %d not, added %d\n",
	       cut, removed_dumped, removed_later, added);
	printf("before %d devices, churn dump %d in %d parts, after %d\n",
	       before.n, churn.n, churn.parts, after.n);
	if (!removed_dumped || !removed_later || !added)
		fail("the command must remove a device listed before it and one not, and add one");
	if (churn.parts < FIRST_PART_AFTER_CHURN)
		fail("the dump ended in part %d, made before the command: too few devices",
		     churn.parts);
}

int main(int argc, char **argv)
{
	char cut_env[16];
	unsigned int cut;
	int sock, status;

	if (argc != 2) {
		fprintf(stderr, "usage: %s COMMAND\n", argv[0]);
		return 1;
	}
	sock = genl_socket();
	if (sock < 0) {
		perror("netlink socket");
		return 1;
	}
	family = genl_nethotswap_family(sock);
	close(sock);
	if (family < 0) {
		fprintf(stderr, "no nethotswap netlink family\n");
		return 1;
	}

	if (whole_dump(&before))
		return 1;

	sock = dump_start();
	if (sock < 0) {
		perror("churn");
		return 1;
	}
	if (read_part(sock, &churn))
		return 1;
	if (churn.done || !churn.n) {
		fprintf(stderr, "the dump fits in one part: too few devices\n");
		return 1;
	}
	cut = churn.devs[churn.n - 1].ifindex;
	snprintf(cut_env, sizeof(cut_env), "%u", cut);
	setenv("NHS_DUMP_CUT", cut_env, 1);
	printf("running: %s\n", argv[1]);
	fflush(stdout);
	status = system(argv[1]);
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "the command failed (status %#x)\n", status);
		return 1;
	}
	if (read_rest(sock, &churn))
		return 1;
	close(sock);

	if (whole_dump(&after))
		return 1;

	check(cut);
	if (failures) {
		printf("%d failures\n", failures);
		return 1;
	}
	printf("ok: no device skipped or repeated\n");
	return 0;
}
