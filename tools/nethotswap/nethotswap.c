// SPDX-License-Identifier: GPL-2.0
/*
 * nethotswap - show hotswap-capable driver builds and the devices they
 * serve, swap the driver of a running network device, watch swaps.
 *
 * A client of the "nethotswap" generic netlink family, specified in
 * Documentation/netlink/specs/nethotswap.yaml.  Output follows iproute2:
 * readable text by default, JSON with -j (pretty with -p), kernel errors
 * as "Error: <message>" on stderr.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/nethotswap.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include "upgrade.h"

#define VERSION		"1.0"

/* Exit codes: the kernel refused or failed a request; a bad command line. */
#define EXIT_KERNEL	1
#define EXIT_USAGE	2

static bool json, pretty;
/* "check": a dry run of "swap" */
static bool checking;

/*
 * Output, after iproute2's print_*(PRINT_ANY, ...): each value has a JSON
 * key and a text format, either may be NULL to print it in one mode only.
 */
static int json_depth;
static bool json_first = true;	/* no member yet in the open container */

/* The length of the valid UTF-8 sequence @s starts with, 0 if invalid
 * (overlong, a surrogate, above U+10FFFF, truncated).
 */
static int utf8_len(const unsigned char *s)
{
	uint32_t cp;
	int i, n;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xe0) == 0xc0) {
		n = 2;
		cp = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3;
		cp = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)	/* the NUL too */
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) ||
	    (n == 4 && cp < 0x10000) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

/* A JSON string: valid UTF-8 whatever @s holds (interface names are
 * bytes): each byte that is not part of a valid sequence becomes U+FFFD.
 */
static void json_string(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int n;

	putchar('"');
	while (*p) {
		if (*p == '"' || *p == '\\') {
			printf("\\%c", *p);
			n = 1;
		} else if (*p < 0x20) {
			printf("\\u%04x", *p);
			n = 1;
		} else {
			n = utf8_len(p);
			if (n)
				fwrite(p, 1, n, stdout);
			else
				fputs("\\ufffd", stdout);
		}
		p += n ?: 1;
	}
	putchar('"');
}

static void json_member(const char *key)
{
	if (!json_first)
		putchar(',');
	json_first = false;
	if (pretty && json_depth)
		printf("\n%*s", 4 * json_depth, "");
	if (key) {
		json_string(key);
		fputs(pretty ? ": " : ":", stdout);
	}
}

static void open_json(const char *key, char bracket)
{
	if (!json)
		return;
	json_member(key);
	putchar(bracket);
	json_depth++;
	json_first = true;
}

static void close_json(char bracket)
{
	if (!json)
		return;
	json_depth--;
	if (pretty && !json_first)
		printf("\n%*s", 4 * json_depth, "");
	putchar(bracket);
	json_first = false;
}

static void open_obj(const char *key)
{
	open_json(key, '{');
}

static void close_obj(void)
{
	close_json('}');
}

static void open_arr(const char *key)
{
	open_json(key, '[');
}

static void close_arr(void)
{
	close_json(']');
}

/* The end of a JSON document (one a line for monitor), or a text line. */
static void print_eol(void)
{
	if (!json || !json_depth) {
		putchar('\n');
		json_first = true;
	}
}

static void print_text(const char *text)
{
	if (!json)
		fputs(text, stdout);
}

static void print_str(const char *key, const char *fmt, const char *val)
{
	if (json && key) {
		json_member(key);
		json_string(val);
	} else if (!json && fmt) {
		printf(fmt, val);
	}
}

static void print_u64(const char *key, const char *fmt, uint64_t val)
{
	if (json && key) {
		json_member(key);
		printf("%" PRIu64, val);
	} else if (!json && fmt) {
		printf(fmt, val);
	}
}

/* Durations: nanoseconds in JSON, microseconds to 0.1 in text. */
static void print_ns(const char *key, const char *label, uint64_t ns)
{
	if (json) {
		json_member(key);
		printf("%" PRIu64, ns);
	} else {
		printf(" %s %.1fus", label, ns / 1000.0);
	}
}

/* Integer attributes; "uint" ones are 4 or 8 bytes long. */
static uint64_t attr_uint(const struct nlattr *attr)
{
	if (!attr)
		return 0;
	return nla_len(attr) == sizeof(uint64_t) ? nla_get_u64(attr) :
						   nla_get_u32(attr);
}

static const char *attr_str(const struct nlattr *attr)
{
	return attr ? nla_get_string(attr) : "";
}

/*
 * An enum attribute by name; a value this build does not know (a newer
 * kernel's) keeps its number: an integer in JSON, "unknown(N)" in text.
 */
static void print_enum(const char *key, const char *fmt,
		       const char * const *names, size_t n,
		       const struct nlattr *attr)
{
	uint64_t val = attr_uint(attr);
	char buf[32];

	if (val < n && names[val]) {
		print_str(key, fmt, names[val]);
		return;
	}
	if (json) {
		print_u64(key, NULL, val);
		return;
	}
	snprintf(buf, sizeof(buf), "unknown(%" PRIu64 ")", val);
	print_str(key, fmt, buf);
}

#define PRINT_ENUM(key, fmt, names, attr) \
	print_enum(key, fmt, names, sizeof(names) / sizeof(names[0]), attr)

static const char * const phase_names[] = {
	[NETHOTSWAP_PHASE_PREPARE]	= "prepare",
	[NETHOTSWAP_PHASE_QUIESCE]	= "quiesce",
	[NETHOTSWAP_PHASE_HANDOVER]	= "handover",
	[NETHOTSWAP_PHASE_COMMIT]	= "commit",
};

static const char * const state_names[] = {
	[NETHOTSWAP_DEV_STATE_IDLE]	= "idle",
	[NETHOTSWAP_DEV_STATE_SWAPPING]	= "swapping",
};

static const char * const outcome_names[] = {
	[NETHOTSWAP_OUTCOME_COMPLETED]		= "completed",
	[NETHOTSWAP_OUTCOME_REFUSED]		= "refused",
	[NETHOTSWAP_OUTCOME_ROLLED_BACK]	= "rolled-back",
	[NETHOTSWAP_OUTCOME_FAILED]		= "failed",
};

static const char * const event_names[] = {
	[NETHOTSWAP_EVENT_STARTED]	= "started",
	[NETHOTSWAP_EVENT_PHASE_DONE]	= "phase-done",
	[NETHOTSWAP_EVENT_COMPLETED]	= "completed",
	[NETHOTSWAP_EVENT_ROLLED_BACK]	= "rolled-back",
	[NETHOTSWAP_EVENT_FAILED]	= "failed",
};

/*
 * "8139too -> 8139too_v2: completed", or what failed where and why, then
 * on the next line, indented by @indent, the time each phase took.  Of a
 * swap in progress (an event before the end) only from and to: the
 * caller prints what follows them.
 */
static void print_result(const char *key, struct nlattr *nest,
			 const char *indent)
{
	struct nlattr *tb[NETHOTSWAP_A_RESULT_MAX + 1];
	uint64_t err, outcome;

	if (nla_parse_nested(tb, NETHOTSWAP_A_RESULT_MAX, nest, NULL))
		return;
	err = attr_uint(tb[NETHOTSWAP_A_RESULT_ERROR]);
	outcome = attr_uint(tb[NETHOTSWAP_A_RESULT_OUTCOME]);

	open_obj(key);
	print_str("from", "%s", attr_str(tb[NETHOTSWAP_A_RESULT_FROM]));
	print_str("to", " -> %s: ", attr_str(tb[NETHOTSWAP_A_RESULT_TO]));
	if (!tb[NETHOTSWAP_A_RESULT_OUTCOME]) {
		close_obj();
		return;
	}
	print_u64("error", NULL, err);
	PRINT_ENUM("outcome", NULL, outcome_names,
		   tb[NETHOTSWAP_A_RESULT_OUTCOME]);
	if (outcome == NETHOTSWAP_OUTCOME_REFUSED) {
		print_text("refused");
	} else if (outcome >= sizeof(outcome_names) / sizeof(outcome_names[0])) {
		PRINT_ENUM(NULL, "%s", outcome_names,
			   tb[NETHOTSWAP_A_RESULT_OUTCOME]);
	} else if (err) {
		bool rolled_back = outcome == NETHOTSWAP_OUTCOME_ROLLED_BACK;

		print_text(rolled_back ? "failed" : "FAILED");
		PRINT_ENUM("phase", " at %s", phase_names,
			   tb[NETHOTSWAP_A_RESULT_PHASE]);
		print_text(rolled_back ? ", rolled back" : ", NOT rolled back");
	} else {
		print_text(checking ? "checks pass" : "completed");
	}
	if (err) {
		if (tb[NETHOTSWAP_A_RESULT_MSG])
			print_str("msg", ": %s",
				  attr_str(tb[NETHOTSWAP_A_RESULT_MSG]));
		print_str(NULL, " (%s)", strerror(err));
	}
	/* Text: no timings of what did not run. */
	if (!json && (outcome == NETHOTSWAP_OUTCOME_REFUSED || checking)) {
		close_obj();
		return;
	}
	print_str(NULL, "\n%s   ", indent);
	print_ns("prepare_ns", "prepare",
		 attr_uint(tb[NETHOTSWAP_A_RESULT_PREPARE_NS]));
	print_ns("quiesce_ns", "quiesce",
		 attr_uint(tb[NETHOTSWAP_A_RESULT_QUIESCE_NS]));
	print_ns("handover_ns", "handover",
		 attr_uint(tb[NETHOTSWAP_A_RESULT_HANDOVER_NS]));
	print_ns("blackout_ns", "blackout",
		 attr_uint(tb[NETHOTSWAP_A_RESULT_BLACKOUT_NS]));
	print_ns("rebind_ns", "rebind",
		 attr_uint(tb[NETHOTSWAP_A_RESULT_REBIND_NS]));
	print_ns("total_ns", "total",
		 attr_uint(tb[NETHOTSWAP_A_RESULT_TOTAL_NS]));
	print_u64("attempts", " attempts %" PRIu64,
		  attr_uint(tb[NETHOTSWAP_A_RESULT_ATTEMPTS]));
	close_obj();
}

/* Replies to a show or swap: one JSON array of them, or text blocks. */
static bool doc_open;

static void doc_item(void)
{
	if (!doc_open)
		open_arr(NULL);
	doc_open = true;
}

static void doc_end(void)
{
	if (!doc_open)
		open_arr(NULL);
	close_arr();
	if (json)
		print_eol();
}

static int parse(struct nl_msg *msg, struct nlattr **tb, int max)
{
	return genlmsg_parse(nlmsg_hdr(msg), 0, tb, max, NULL) ? NL_SKIP : 0;
}

/* Each attribute of a reply, repeated ones too: parse() keeps the last. */
#define for_each_reply_attr(attr, msg, rem)				\
	nla_for_each_attr(attr,						\
		genlmsg_attrdata(genlmsg_hdr(nlmsg_hdr(msg)), 0),	\
		genlmsg_attrlen(genlmsg_hdr(nlmsg_hdr(msg)), 0), rem)

static int dev_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[NETHOTSWAP_A_DEV_MAX + 1];

	(void)arg;
	if (parse(msg, tb, NETHOTSWAP_A_DEV_MAX))
		return NL_SKIP;

	doc_item();
	open_obj(NULL);
	print_u64("ifindex", "%" PRIu64 ": ",
		  attr_uint(tb[NETHOTSWAP_A_DEV_IFINDEX]));
	print_str("ifname", "%s:", attr_str(tb[NETHOTSWAP_A_DEV_IFNAME]));
	if (tb[NETHOTSWAP_A_DEV_BUS_NAME]) {
		print_str("bus_name", " %s",
			  attr_str(tb[NETHOTSWAP_A_DEV_BUS_NAME]));
		print_str("bus_addr", "/%s",
			  attr_str(tb[NETHOTSWAP_A_DEV_BUS_ADDR]));
	}
	print_str("driver", " driver %s", attr_str(tb[NETHOTSWAP_A_DEV_DRIVER]));
	print_str("driver_version", " version %s",
		  attr_str(tb[NETHOTSWAP_A_DEV_DRIVER_VERSION]));
	PRINT_ENUM("state", " state %s", state_names, tb[NETHOTSWAP_A_DEV_STATE]);
	if (tb[NETHOTSWAP_A_DEV_LAST_RESULT]) {
		print_text("\n    last swap ");
		print_result("last_result", tb[NETHOTSWAP_A_DEV_LAST_RESULT],
			     "    ");
	}
	close_obj();
	print_eol();
	return NL_OK;
}

/* The devices of the namespace and their drivers, for "driver show". */
struct dev_entry {
	uint32_t ifindex;
	char ifname[NETHOTSWAP_IFNAME_MAX_LEN + 1];
	char driver[NETHOTSWAP_DRIVER_NAME_MAX_LEN + 1];
};

static struct dev_entry *devs;
static size_t n_devs;

static int dev_collect_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[NETHOTSWAP_A_DEV_MAX + 1];
	struct dev_entry *more;

	(void)arg;
	if (parse(msg, tb, NETHOTSWAP_A_DEV_MAX))
		return NL_SKIP;
	more = realloc(devs, (n_devs + 1) * sizeof(*devs));
	if (!more)
		return NL_STOP;
	devs = more;
	devs[n_devs].ifindex = attr_uint(tb[NETHOTSWAP_A_DEV_IFINDEX]);
	snprintf(devs[n_devs].ifname, sizeof(devs->ifname), "%s",
		 attr_str(tb[NETHOTSWAP_A_DEV_IFNAME]));
	snprintf(devs[n_devs].driver, sizeof(devs->driver), "%s",
		 attr_str(tb[NETHOTSWAP_A_DEV_DRIVER]));
	n_devs++;
	return NL_OK;
}

static int driver_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[NETHOTSWAP_A_DRIVER_MAX + 1];
	const char *name;
	size_t i;
	int n = 0;

	(void)arg;
	if (parse(msg, tb, NETHOTSWAP_A_DRIVER_MAX))
		return NL_SKIP;

	doc_item();
	open_obj(NULL);
	name = attr_str(tb[NETHOTSWAP_A_DRIVER_NAME]);
	print_str("name", "%s:", name);
	print_str("family", " family %s",
		  attr_str(tb[NETHOTSWAP_A_DRIVER_FAMILY]));
	print_str("version", " version %s",
		  attr_str(tb[NETHOTSWAP_A_DRIVER_VERSION]));
	print_u64("state_version", "\n    state writes %" PRIu64,
		  attr_uint(tb[NETHOTSWAP_A_DRIVER_STATE_VERSION]));
	print_u64("state_compat", " (readable from %" PRIu64 ")",
		  attr_uint(tb[NETHOTSWAP_A_DRIVER_STATE_COMPAT]));
	print_u64("state_min", " reads %" PRIu64,
		  attr_uint(tb[NETHOTSWAP_A_DRIVER_STATE_MIN]));
	print_u64(NULL, "..%" PRIu64,
		  attr_uint(tb[NETHOTSWAP_A_DRIVER_STATE_VERSION]));
	print_text("\n    devices");
	open_arr("devices");
	for (i = 0; i < n_devs; i++) {
		if (strcmp(devs[i].driver, name))
			continue;
		open_obj(NULL);
		print_u64("ifindex", NULL, devs[i].ifindex);
		print_str("ifname", " %s", devs[i].ifname);
		close_obj();
		n++;
	}
	close_arr();
	if (!n)
		print_text(" none");
	close_obj();
	print_eol();
	return NL_OK;
}

static int swap_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[NETHOTSWAP_A_SWAP_MAX + 1];
	struct nlattr *dev[NETHOTSWAP_A_DEV_MAX + 1];
	struct nlattr *attr;
	int rem;

	(void)arg;
	if (parse(msg, tb, NETHOTSWAP_A_SWAP_MAX))
		return NL_SKIP;

	doc_item();
	for_each_reply_attr(attr, msg, rem) {
		if (nla_type(attr) != NETHOTSWAP_A_SWAP_DEV ||
		    nla_parse_nested(dev, NETHOTSWAP_A_DEV_MAX, attr, NULL))
			continue;
		open_obj(NULL);
		print_u64("ifindex", NULL,
			  attr_uint(dev[NETHOTSWAP_A_DEV_IFINDEX]));
		print_str("ifname", "%s: ",
			  attr_str(dev[NETHOTSWAP_A_DEV_IFNAME]));
		if (dev[NETHOTSWAP_A_DEV_LAST_RESULT])
			print_result("last_result",
				     dev[NETHOTSWAP_A_DEV_LAST_RESULT], "");
		close_obj();
		print_eol();
	}
	return NL_OK;
}

static int event_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[NETHOTSWAP_A_EVENT_MAX + 1];
	bool terminal;
	uint64_t type;

	(void)arg;
	if (parse(msg, tb, NETHOTSWAP_A_EVENT_MAX) ||
	    genlmsg_hdr(nlmsg_hdr(msg))->cmd != NETHOTSWAP_CMD_SWAP_NTF)
		return NL_SKIP;
	type = attr_uint(tb[NETHOTSWAP_A_EVENT_TYPE]);

	/* Text: "DEV: FROM -> TO: " from the result, then what happened. */
	terminal = type != NETHOTSWAP_EVENT_STARTED &&
		   type != NETHOTSWAP_EVENT_PHASE_DONE;
	open_obj(NULL);
	PRINT_ENUM("type", NULL, event_names, tb[NETHOTSWAP_A_EVENT_TYPE]);
	print_u64("ifindex", NULL, attr_uint(tb[NETHOTSWAP_A_EVENT_IFINDEX]));
	print_str("ifname", "%s: ", attr_str(tb[NETHOTSWAP_A_EVENT_IFNAME]));
	if (tb[NETHOTSWAP_A_EVENT_RESULT])
		print_result("result", tb[NETHOTSWAP_A_EVENT_RESULT], "");
	if (tb[NETHOTSWAP_A_EVENT_PHASE])
		PRINT_ENUM("phase", terminal ? NULL : "%s ", phase_names,
			   tb[NETHOTSWAP_A_EVENT_PHASE]);
	if (type == NETHOTSWAP_EVENT_STARTED)
		print_text("started");
	else if (type == NETHOTSWAP_EVENT_PHASE_DONE)
		print_text("done");
	else if (type >= sizeof(event_names) / sizeof(event_names[0]))
		PRINT_ENUM(NULL, "event %s", event_names,
			   tb[NETHOTSWAP_A_EVENT_TYPE]);
	close_obj();
	print_eol();
	return NL_OK;
}

/* A request in flight, and what its error names when it fails. */
struct request {
	struct nl_msg *msg;
	const char * const *attr_names;	/* by attribute type, for errors */
	size_t n_attr_names;
	bool done;
	int err;			/* positive errno */
};

/*
 * What the request's attribute at byte @off of the request was about, and
 * for a policy violation the bounds the kernel reports, appended to the
 * kernel's message so that "integer out of range" says which and why.
 */
static void print_bad_attr(const struct request *req, uint32_t off,
			   struct nlattr *policy)
{
	struct nlmsghdr *nlh = nlmsg_hdr(req->msg);
	struct nlattr *pol[NL_POLICY_TYPE_ATTR_MAX + 1];
	const struct nlattr *attr;
	int type;

	if (off + sizeof(*attr) > nlh->nlmsg_len)
		return;
	attr = (const struct nlattr *)((const char *)nlh + off);
	type = nla_type(attr);
	if (type >= (int)req->n_attr_names || !req->attr_names[type])
		return;
	fprintf(stderr, ": %s", req->attr_names[type]);

	if (!policy || nla_parse_nested(pol, NL_POLICY_TYPE_ATTR_MAX, policy,
					NULL))
		return;
	if (pol[NL_POLICY_TYPE_ATTR_MIN_VALUE_U] &&
	    pol[NL_POLICY_TYPE_ATTR_MAX_VALUE_U])
		fprintf(stderr, " must be %" PRIu64 "..%" PRIu64,
			nla_get_u64(pol[NL_POLICY_TYPE_ATTR_MIN_VALUE_U]),
			nla_get_u64(pol[NL_POLICY_TYPE_ATTR_MAX_VALUE_U]));
	else if (pol[NL_POLICY_TYPE_ATTR_MAX_LENGTH])
		fprintf(stderr, " is at most %u characters",
			nla_get_u32(pol[NL_POLICY_TYPE_ATTR_MAX_LENGTH]));
}

/*
 * A request failed with @err (positive): "Error: <the kernel's reason>
 * (<errno>)", or "Error: <errno>" without a reason.  The extended ACK
 * attributes, if any, are the @len bytes at @attrs.
 */
static void print_error(const struct request *req, int err,
			const void *attrs, int len)
{
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1] = { NULL };

	if (len > 0)
		nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)attrs, len,
			  NULL);
	if (!tb[NLMSGERR_ATTR_MSG]) {
		fprintf(stderr, "Error: %s\n", strerror(err));
		return;
	}
	fprintf(stderr, "Error: %s", nla_get_string(tb[NLMSGERR_ATTR_MSG]));
	if (tb[NLMSGERR_ATTR_OFFS] && tb[NLMSGERR_ATTR_POLICY])
		print_bad_attr(req, nla_get_u32(tb[NLMSGERR_ATTR_OFFS]),
			       tb[NLMSGERR_ATTR_POLICY]);
	fprintf(stderr, " (%s)\n", strerror(err));
}

/* The kernel's extended ACK follows the error and the (capped) request. */
static int error_cb(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)e - 1;
	struct request *req = arg;
	size_t off = sizeof(*e);
	int len = 0;

	(void)nla;
	req->err = -e->error;
	req->done = true;

	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS) {
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
			off += NLMSG_ALIGN(e->msg.nlmsg_len) - sizeof(e->msg);
		len = nlh->nlmsg_len - NLMSG_HDRLEN - off;
	}
	print_error(req, req->err, (char *)e + off, len);
	return NL_STOP;
}

/*
 * The end of a dump.  A dump that failed part-way carries the error in
 * NLMSG_DONE, an int, followed by the extended ACK attributes: the
 * entries printed so far are not the whole list.
 */
static int done_cb(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct request *req = arg;
	int err = 0, off;

	req->done = true;
	if (nlh->nlmsg_type != NLMSG_DONE ||
	    nlh->nlmsg_len < NLMSG_LENGTH(sizeof(err)))
		return NL_STOP;
	memcpy(&err, nlmsg_data(nlh), sizeof(err));
	if (err >= 0)
		return NL_STOP;
	req->err = -err;
	off = NLMSG_ALIGN(sizeof(err));
	print_error(req, req->err, (char *)nlmsg_data(nlh) + off,
		    (nlh->nlmsg_flags & NLM_F_ACK_TLVS) ?
		    (int)(nlh->nlmsg_len - NLMSG_HDRLEN - off) : 0);
	return NL_STOP;
}

static struct nl_sock *sock;
static int family;

static int nl_open(void)
{
	int one = 1, err;

	sock = nl_socket_alloc();
	if (!sock) {
		fprintf(stderr, "Error: %s\n", strerror(ENOMEM));
		return -1;
	}
	err = genl_connect(sock);
	if (err) {
		fprintf(stderr, "Error: netlink: %s\n", nl_geterror(err));
		return -1;
	}
	/* Ask for the kernel's reasons, without a copy of our request. */
	setsockopt(nl_socket_get_fd(sock), SOL_NETLINK, NETLINK_EXT_ACK,
		   &one, sizeof(one));
	setsockopt(nl_socket_get_fd(sock), SOL_NETLINK, NETLINK_CAP_ACK,
		   &one, sizeof(one));

	family = genl_ctrl_resolve(sock, NETHOTSWAP_FAMILY_NAME);
	if (family < 0) {
		fprintf(stderr,
			"Error: no %s netlink family (is the nethotswap module loaded?)\n",
			NETHOTSWAP_FAMILY_NAME);
		return -1;
	}
	return 0;
}

/* A request of the family, once the command line made sense. */
static struct nl_msg *new_request(uint8_t cmd, int flags)
{
	struct nl_msg *msg;

	if (!sock && nl_open())
		return NULL;
	msg = nlmsg_alloc();
	if (msg && !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0,
				flags, cmd, NETHOTSWAP_FAMILY_VERSION)) {
		nlmsg_free(msg);
		msg = NULL;
	}
	if (!msg)
		fprintf(stderr, "Error: %s\n", strerror(ENOMEM));
	return msg;
}

/* Send @req's message, pass each reply to @reply_cb, wait for the end. */
static int transact(struct request *req, nl_recvmsg_msg_cb_t reply_cb)
{
	struct nl_cb *cb = nl_cb_alloc(NL_CB_DEFAULT);
	int err;

	if (!cb) {
		fprintf(stderr, "Error: %s\n", strerror(ENOMEM));
		return EXIT_KERNEL;
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, reply_cb, NULL);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, done_cb, req);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, done_cb, req);
	nl_cb_err(cb, NL_CB_CUSTOM, error_cb, req);

	err = nl_send_auto(sock, req->msg);
	while (err >= 0 && !req->done)
		err = nl_recvmsgs(sock, cb);
	nl_cb_put(cb);
	nlmsg_free(req->msg);

	if (req->err)
		return EXIT_KERNEL;
	if (err < 0) {
		fprintf(stderr, "Error: netlink: %s\n", nl_geterror(err));
		return EXIT_KERNEL;
	}
	return EXIT_SUCCESS;
}

/* transact(), and end the document the replies printed, also when the
 * request failed after some (a swap of several devices, a dump).
 */
static int run(struct request *req, nl_recvmsg_msg_cb_t reply_cb)
{
	int ret = transact(req, reply_cb);

	if (!ret || doc_open)
		doc_end();
	return ret;
}

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: nethotswap [ OPTIONS ] OBJECT COMMAND\n"
		"       nethotswap [ -j [ -p ] ] dev show [ DEV ]\n"
		"       nethotswap [ -j [ -p ] ] driver show [ DRIVER ]\n"
		"       nethotswap [ -j [ -p ] ] swap { [ dev ] DEV | driver DRIVER } to DRIVER\n"
		"                                [ timeout MS ]\n"
		"       nethotswap [ -j [ -p ] ] check { [ dev ] DEV | driver DRIVER } to DRIVER\n"
		"       nethotswap [ -j ] [ --rcvbuf BYTES ] monitor\n"
		"       nethotswap [ -j ] upgrade DRIVER { FILE.ko | DIR } [ persist ] [ timeout MS ]\n"
		"                         [ params \"NAME=VALUE ...\" ]\n"
		"OPTIONS := { -j | --json  -p | --pretty  -n | --netns NETNS\n"
		"             -V | --version  -h | --help }\n"
		"Keywords may be abbreviated, e.g. \"nethotswap d s\" for \"dev show\".\n");
}

static int usage_error(const char *fmt, const char *arg)
{
	fputs("Error: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs(", try \"nethotswap --help\".\n", stderr);
	return EXIT_USAGE;
}

/* iproute2's matches(): @arg is a non-empty prefix of @word. */
static bool is(const char *arg, const char *word)
{
	return *arg && !strncmp(word, arg, strlen(arg));
}

static const char * const dev_attr_names[NETHOTSWAP_A_DEV_MAX + 1] = {
	[NETHOTSWAP_A_DEV_IFNAME]	= "device name",
};

static int cmd_dev(int argc, char **argv)
{
	struct request req = {
		.attr_names = dev_attr_names,
		.n_attr_names = NETHOTSWAP_A_DEV_MAX + 1,
	};

	if (argc && !is(argv[0], "show") && !is(argv[0], "list"))
		return usage_error("unknown command \"dev %s\"", argv[0]);
	if (argc > 2)
		return usage_error("unexpected argument \"%s\"", argv[2]);

	req.msg = new_request(NETHOTSWAP_CMD_DEV_GET, argc == 2 ? 0 : NLM_F_DUMP);
	if (!req.msg)
		return EXIT_KERNEL;
	if (argc == 2 &&
	    nla_put_string(req.msg, NETHOTSWAP_A_DEV_IFNAME, argv[1]) < 0) {
		nlmsg_free(req.msg);
		return usage_error("device name \"%s\" is too long", argv[1]);
	}
	return run(&req, dev_cb);
}

static const char * const driver_attr_names[NETHOTSWAP_A_DRIVER_MAX + 1] = {
	[NETHOTSWAP_A_DRIVER_NAME]	= "driver name",
};

static int cmd_driver(int argc, char **argv)
{
	struct request req = {
		.attr_names = driver_attr_names,
		.n_attr_names = NETHOTSWAP_A_DRIVER_MAX + 1,
	};
	struct request devs_req = {};
	int ret;

	if (argc && !is(argv[0], "show") && !is(argv[0], "list"))
		return usage_error("unknown command \"driver %s\"", argv[0]);
	if (argc > 2)
		return usage_error("unexpected argument \"%s\"", argv[2]);

	/* The devices each build serves: those naming it in a dev dump. */
	devs_req.msg = new_request(NETHOTSWAP_CMD_DEV_GET, NLM_F_DUMP);
	if (!devs_req.msg)
		return EXIT_KERNEL;
	ret = transact(&devs_req, dev_collect_cb);
	if (ret)
		return ret;

	req.msg = new_request(NETHOTSWAP_CMD_DRIVER_GET,
			      argc == 2 ? 0 : NLM_F_DUMP);
	if (!req.msg)
		return EXIT_KERNEL;
	if (argc == 2 &&
	    nla_put_string(req.msg, NETHOTSWAP_A_DRIVER_NAME, argv[1]) < 0) {
		nlmsg_free(req.msg);
		return usage_error("driver name \"%s\" is too long", argv[1]);
	}
	return run(&req, driver_cb);
}

static const char * const swap_attr_names[NETHOTSWAP_A_SWAP_MAX + 1] = {
	[NETHOTSWAP_A_SWAP_IFNAME]	= "device name",
	[NETHOTSWAP_A_SWAP_DRIVER]	= "driver name",
	[NETHOTSWAP_A_SWAP_TARGET]	= "target driver name",
	[NETHOTSWAP_A_SWAP_TIMEOUT_MS]	= "timeout",
};

/* swap { [ dev ] DEV | driver DRIVER } to DRIVER [ timeout MS ] */
static int cmd_swap(int argc, char **argv)
{
	const char *cmd = checking ? "check" : "swap";
	struct request req = {
		.attr_names = swap_attr_names,
		.n_attr_names = NETHOTSWAP_A_SWAP_MAX + 1,
	};
	int which = NETHOTSWAP_A_SWAP_IFNAME;
	const char *what, *target = NULL;
	unsigned long long timeout = 0;
	bool has_timeout = false;
	char *end;

	/* "dev" or "driver" (abbreviated) is a keyword when "to" follows
	 * the name after it: "swap d to X" swaps the device called d.
	 */
	if (argc >= 3 && is(argv[2], "to") &&
	    (is(argv[0], "dev") || is(argv[0], "driver"))) {
		if (!is(argv[0], "dev"))
			which = NETHOTSWAP_A_SWAP_DRIVER;
		argc--;
		argv++;
	}
	if (!argc)
		return usage_error("%s needs a device or a driver", cmd);
	what = argv[0];
	for (argc--, argv++; argc; argc -= 2, argv += 2) {
		if (argc < 2)
			return usage_error("\"%s\" needs a value", argv[0]);
		if (is(argv[0], "to")) {
			target = argv[1];
		} else if (!checking && is(argv[0], "timeout")) {
			errno = 0;
			timeout = strtoull(argv[1], &end, 10);
			if (errno || *end || end == argv[1] || argv[1][0] == '-' ||
			    timeout > UINT32_MAX)
				return usage_error("timeout \"%s\" is not a number of milliseconds",
						   argv[1]);
			has_timeout = true;
		} else {
			return usage_error("unexpected argument \"%s\"", argv[0]);
		}
	}
	if (!target)
		return usage_error("%s needs \"to DRIVER\"", cmd);

	req.msg = new_request(checking ? NETHOTSWAP_CMD_CHECK :
					 NETHOTSWAP_CMD_SWAP, 0);
	if (!req.msg)
		return EXIT_KERNEL;
	if (nla_put_string(req.msg, which, what) < 0 ||
	    nla_put_string(req.msg, NETHOTSWAP_A_SWAP_TARGET, target) < 0 ||
	    (has_timeout &&
	     nla_put_u32(req.msg, NETHOTSWAP_A_SWAP_TIMEOUT_MS, timeout) < 0)) {
		nlmsg_free(req.msg);
		return usage_error("%s", "arguments too long");
	}
	return run(&req, swap_cb);
}

/* Socket receive buffer size for monitor (--rcvbuf), 0: the default */
static int rcvbuf;

/*
 * After an overrun (ENOBUFS: events were dropped), print the devices as
 * they are now, as "dev show" does ("resync" then the devices in text, a
 * JSON array of them on one line), from a socket of its own.
 */
static void monitor_resync(void)
{
	struct nl_sock *monitor = sock;
	struct request req = {};

	sock = NULL;
	print_text("resync:\n");
	req.msg = new_request(NETHOTSWAP_CMD_DEV_GET, NLM_F_DUMP);
	if (req.msg)
		run(&req, dev_cb);
	doc_open = false;
	if (sock)
		nl_socket_free(sock);
	sock = monitor;
}

static int cmd_monitor(int argc, char **argv)
{
	int group, err;

	if (argc)
		return usage_error("unexpected argument \"%s\"", argv[0]);
	if (nl_open())
		return EXIT_KERNEL;

	group = genl_ctrl_resolve_grp(sock, NETHOTSWAP_FAMILY_NAME,
				      NETHOTSWAP_MCGRP_MONITOR);
	if (group < 0) {
		fprintf(stderr, "Error: netlink: %s\n", nl_geterror(group));
		return EXIT_KERNEL;
	}
	nl_socket_disable_seq_check(sock);
	nl_socket_modify_cb(sock, NL_CB_VALID, NL_CB_CUSTOM, event_cb, NULL);
	if (rcvbuf && nl_socket_set_buffer_size(sock, rcvbuf, 0) < 0)
		fprintf(stderr, "Warning: cannot set the receive buffer size\n");
	err = nl_socket_add_membership(sock, group);
	/* One event a line, as it happens, and one JSON object for each. */
	pretty = false;
	setvbuf(stdout, NULL, _IOLBF, 0);
	while (err >= 0) {
		err = nl_recvmsgs_default(sock);
		/* Overrun (ENOBUFS): say so, resync, carry on, as ip does. */
		if (err == -NLE_NOMEM) {
			fprintf(stderr,
				"Warning: monitor: receive buffer overrun, events were lost; resyncing\n");
			fflush(stderr);
			monitor_resync();
			err = 0;
		}
	}
	fprintf(stderr, "Error: netlink: %s\n", nl_geterror(err));
	return EXIT_KERNEL;
}

/* -n NETNS: run in the network namespace NETNS, as "ip -n" does (a name
 * under /run/netns, or a path).
 */
static int enter_netns(const char *name)
{
	char path[PATH_MAX];
	int fd;

	snprintf(path, sizeof(path), strchr(name, '/') ? "%s" : "/run/netns/%s",
		 name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || setns(fd, CLONE_NEWNET)) {
		fprintf(stderr,
			"Error: cannot enter network namespace \"%s\": %s\n",
			name, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json",	no_argument,	NULL, 'j' },
		{ "pretty",	no_argument,	NULL, 'p' },
		{ "netns",	required_argument, NULL, 'n' },
		{ "rcvbuf",	required_argument, NULL, 'r' },
		{ "version",	no_argument,	NULL, 'V' },
		{ "help",	no_argument,	NULL, 'h' },
		{ NULL,		0,		NULL, 0 },
	};
	const char *object;
	int opt, ret;

	while ((opt = getopt_long(argc, argv, "+jpn:Vh", opts, NULL)) != -1) {
		switch (opt) {
		case 'n':
			if (enter_netns(optarg))
				return EXIT_KERNEL;
			break;
		case 'r':
			rcvbuf = atoi(optarg);
			if (rcvbuf <= 0)
				return usage_error("receive buffer size \"%s\" is not a number of bytes",
						   optarg);
			break;
		case 'j':
			json = true;
			break;
		case 'p':
			pretty = true;
			break;
		case 'V':
			printf("nethotswap %s, netlink family %s version %d\n",
			       VERSION, NETHOTSWAP_FAMILY_NAME,
			       NETHOTSWAP_FAMILY_VERSION);
			return EXIT_SUCCESS;
		case 'h':
			usage(stdout);
			return EXIT_SUCCESS;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (!argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	object = argv[0];
	argc--;
	argv++;
	if (is(object, "check"))
		checking = true;
	if (is(object, "help")) {
		usage(stdout);
		return EXIT_SUCCESS;
	}
	if (!is(object, "dev") && !is(object, "driver") &&
	    !is(object, "swap") && !is(object, "monitor") &&
	    !is(object, "check") && !is(object, "upgrade"))
		return usage_error("unknown object \"%s\"", object);

	if (is(object, "dev"))
		ret = cmd_dev(argc, argv);
	else if (is(object, "driver"))
		ret = cmd_driver(argc, argv);
	else if (is(object, "swap") || checking)
		ret = cmd_swap(argc, argv);
	else if (is(object, "upgrade"))
		ret = cmd_upgrade(argc, argv, json, cmd_swap);
	else
		ret = cmd_monitor(argc, argv);
	if (sock)
		nl_socket_free(sock);
	return ret;
}
