// SPDX-License-Identifier: GPL-2.0
/*
 * nethotswap upgrade DRIVER FILE.ko: move every device of the running
 * build DRIVER to the build in FILE, a module of the same name as a rule
 * (a package update's 8139too.ko, a developer's rebuild), then unload
 * DRIVER.
 *
 * The kernel loads no second module of a loaded module's name, so the new
 * build loads under one of two slot names, the file's module name N and
 * N_b: whichever is free.  If that is not N, a copy of the file is renamed
 * in memory (module.c) and loaded from a memfd.  Hotswap-capable drivers
 * register their bus driver and their hotswap build under the name they
 * were loaded as, so the copy is a build of its own.  Alternating between
 * the two names, upgrades can go on for ever and leave nothing behind.
 *
 * A rename voids a module signature: with module.sig_enforce=1 or kernel
 * lockdown, only a file that loads under its own name can be used.
 *
 * upgrade DRIVER DIR builds the module first, as a developer does by hand
 * (build_dir()), and uses the N.ko that build made.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/nethotswap.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include "module.h"
#include "upgrade.h"

#define MODULES_DIR	"/lib/modules"
#define SLOT_SUFFIX	"_b"
#define MAX_DEVS	256
#define PARAMS_MAX	4096

/* Exit codes, as nethotswap.c's */
#define EXIT_KERNEL	1
#define EXIT_USAGE	2

static bool quiet;

/* Progress, in text mode only: JSON output is the swap's document. */
static void note(const char *fmt, ...)
{
	va_list ap;

	if (quiet)
		return;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fflush(stdout);
}

static int error(const char *fmt, ...)
{
	va_list ap;

	fputs("Error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_KERNEL;
}

/* --- What the kernel says about a registered build --- */

struct build {
	bool found;
	char name[KO_NAME_LEN];
	char module[KO_NAME_LEN];
	char family[64];
	char version[64];
	int n_devs;
	char devs[MAX_DEVS][16];
};

static void copy_attr(char *dst, size_t size, struct nlattr *attr)
{
	snprintf(dst, size, "%s", attr ? nla_get_string(attr) : "");
}

static int build_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[NETHOTSWAP_A_DRIVER_MAX + 1];
	struct build *b = arg;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, NETHOTSWAP_A_DRIVER_MAX, NULL))
		return NL_SKIP;
	b->found = true;
	copy_attr(b->name, sizeof(b->name), tb[NETHOTSWAP_A_DRIVER_NAME]);
	copy_attr(b->family, sizeof(b->family), tb[NETHOTSWAP_A_DRIVER_FAMILY]);
	copy_attr(b->version, sizeof(b->version), tb[NETHOTSWAP_A_DRIVER_VERSION]);
	return NL_OK;
}

/* One device of the dev dump: kept if the build serves it. */
static int build_dev_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[NETHOTSWAP_A_DEV_MAX + 1];
	struct build *b = arg;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, NETHOTSWAP_A_DEV_MAX, NULL) ||
	    !tb[NETHOTSWAP_A_DEV_DRIVER] || !tb[NETHOTSWAP_A_DEV_IFNAME] ||
	    strcmp(nla_get_string(tb[NETHOTSWAP_A_DEV_DRIVER]), b->name) ||
	    b->n_devs == MAX_DEVS)
		return NL_OK;
	copy_attr(b->devs[b->n_devs++], sizeof(b->devs[0]),
		  tb[NETHOTSWAP_A_DEV_IFNAME]);
	return NL_OK;
}

static int query_done(struct nl_msg *msg, void *arg)
{
	(void)msg;
	*(bool *)arg = true;
	return NL_STOP;
}

/*
 * Send a request of @cmd (@flags: 0 or NLM_F_DUMP), for the build @name if
 * not NULL, and hand each reply to @valid, until the ACK or the end of the
 * dump.  Returns 0 or a negative libnl error, the kernel's included.  A
 * request reads only its own replies: a reply and its ACK arrive in
 * separate reads, and an ACK left unread would answer the next request.
 */
static int query(struct nl_sock *sock, int family, int cmd, int flags,
		 const char *name, nl_recvmsg_msg_cb_t valid, void *arg)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct nl_cb *cb = nl_cb_alloc(NL_CB_DEFAULT);
	bool done = false;
	int err = -NLE_NOMEM;

	if (!msg || !cb ||
	    !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, flags, cmd,
			 NETHOTSWAP_FAMILY_VERSION) ||
	    (name && nla_put_string(msg, NETHOTSWAP_A_DRIVER_NAME, name) < 0))
		goto out;
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, valid, arg);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, query_done, &done);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, query_done, &done);
	err = nl_send_auto(sock, msg);
	while (err >= 0 && !done)
		err = nl_recvmsgs(sock, cb);
out:
	nlmsg_free(msg);
	nl_cb_put(cb);
	return err < 0 ? err : 0;
}

/*
 * The build @name and the devices it serves: 1 if registered, 0 if not,
 * -1 after printing an error.  Its module is the module of that name, if
 * one is loaded (/sys/module/NAME/initstate); built in, there is none.
 */
static int query_build(const char *name, struct build *b)
{
	struct nl_sock *sock = nl_socket_alloc();
	char path[256];
	int family, err, ret = -1;

	memset(b, 0, sizeof(*b));
	if (!sock || genl_connect(sock)) {
		error("netlink: cannot open a generic netlink socket");
		goto out;
	}
	family = genl_ctrl_resolve(sock, NETHOTSWAP_FAMILY_NAME);
	if (family < 0) {
		error("no %s netlink family (is the nethotswap module loaded?)",
		      NETHOTSWAP_FAMILY_NAME);
		goto out;
	}
	err = query(sock, family, NETHOTSWAP_CMD_DRIVER_GET, 0, name,
		    build_cb, b);
	if (err == -NLE_OBJ_NOTFOUND && !b->found) {
		ret = 0;
		goto out;
	}
	if (err || !b->found) {
		error("netlink: asking for driver %s: %s", name,
		      err ? nl_geterror(err) : "no reply");
		goto out;
	}
	err = query(sock, family, NETHOTSWAP_CMD_DEV_GET, NLM_F_DUMP, NULL,
		    build_dev_cb, b);
	if (err) {
		error("netlink: listing the devices of %s: %s", name,
		      nl_geterror(err));
		goto out;
	}
	snprintf(path, sizeof(path), "/sys/module/%s/initstate", b->name);
	if (!access(path, F_OK))
		snprintf(b->module, sizeof(b->module), "%s", b->name);
	ret = 1;
out:
	nl_socket_free(sock);
	return ret;
}

/* --- Modules --- */

/* Whether a module, or a bus driver, of the name @name exists. */
static bool name_taken(const char *name)
{
	char path[256];
	glob_t g;
	bool taken;

	snprintf(path, sizeof(path), "/sys/module/%s", name);
	if (!access(path, F_OK))
		return true;
	snprintf(path, sizeof(path), "/sys/bus/*/drivers/%s", name);
	if (glob(path, GLOB_NOSORT, NULL, &g))
		return false;
	taken = g.gl_pathc > 0;
	globfree(&g);
	return taken;
}

static int delete_module(const char *name, int flags)
{
	return syscall(SYS_delete_module, name, flags);
}

/* Unload @name once it is unused; a swap's last references may take a
 * moment to go.  True if it is gone.
 */
static bool unload(const char *name)
{
	struct timespec ts = { 0, 100 * 1000 * 1000 };
	int i;

	for (i = 0; i < 50; i++) {
		if (!delete_module(name, O_NONBLOCK) || errno == ENOENT)
			return true;
		if (errno != EWOULDBLOCK && errno != EAGAIN && errno != EBUSY)
			break;
		nanosleep(&ts, NULL);
	}
	error("cannot unload %s: %s", name, errno == EWOULDBLOCK ?
	      "still in use" : strerror(errno));
	return false;
}

/* The first line of a small file, without its newline; false if none. */
static bool read_line(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "re");
	bool ok;

	if (!f)
		return false;
	ok = fgets(buf, size, f) != NULL;
	fclose(f);
	if (ok)
		buf[strcspn(buf, "\n")] = '\0';
	return ok;
}

/* Why the kernel loads only validly signed modules, NULL if it does not. */
static const char *signatures_enforced(void)
{
	char buf[128];

	if (read_line("/sys/module/module/parameters/sig_enforce", buf,
		      sizeof(buf)) && buf[0] == 'Y')
		return "module.sig_enforce=1";
	if (read_line("/sys/kernel/security/lockdown", buf, sizeof(buf)) &&
	    !strstr(buf, "[none]") && strchr(buf, '['))
		return strstr(buf, "[confidentiality]") ?
			"lockdown=confidentiality" : "lockdown=integrity";
	return NULL;
}

/* Append " NAME=VALUE" to @params. */
static void add_param(char *params, const char *name, const char *value)
{
	size_t len = strlen(params);
	bool quote = strpbrk(value, " \t") != NULL;

	snprintf(params + len, PARAMS_MAX - len, "%s%s=%s%s%s",
		 len ? " " : "", name, quote ? "\"" : "", value,
		 quote ? "\"" : "");
}

/* Whether "NAME=" is set in @params already. */
static bool has_param(const char *params, const char *name)
{
	size_t len = strlen(name);
	const char *p;

	for (p = params; (p = strstr(p, name)); p += len)
		if ((p == params || p[-1] == ' ') && p[len] == '=')
			return true;
	return false;
}

/*
 * The parameters the new build is loaded with: @given, then those of the
 * running module @old that sysfs shows and the new build @ko has (as
 * loaded with modprobe options or on the command line: 8139too's
 * bind_cplus), so the new build drives what the old one drove.
 */
static void carry_params(char *params, const char *given, const char *old,
			 const struct ko *ko)
{
	const char *type;
	char pattern[128], value[1024];
	glob_t g;
	size_t i;

	snprintf(params, PARAMS_MAX, "%s", given ? given : "");
	snprintf(pattern, sizeof(pattern), "/sys/module/%s/parameters/*", old);
	if (glob(pattern, 0, NULL, &g))
		return;
	for (i = 0; i < g.gl_pathc; i++) {
		const char *name = strrchr(g.gl_pathv[i], '/') + 1;
		size_t len = strlen(name);
		bool declared = false;

		for (type = ko_modinfo(ko, "parmtype", NULL); type;
		     type = ko_modinfo(ko, "parmtype", type))
			if (!strncmp(type, name, len) && type[len] == ':')
				declared = true;
		if (!declared || has_param(params, name) ||
		    !read_line(g.gl_pathv[i], value, sizeof(value)) ||
		    strchr(value, '"'))
			continue;
		add_param(params, name, value);
	}
	globfree(&g);
}

/* A file descriptor holding @ko's (renamed) bytes. */
static int memfd_of(const struct ko *ko)
{
	size_t done = 0;
	ssize_t n;
	int fd;

	fd = memfd_create(ko->name, MFD_CLOEXEC);
	if (fd < 0)
		return -1;
	while (done < ko->size) {
		n = write(fd, ko->buf + done, ko->size - done);
		if (n < 0) {
			close(fd);
			return -1;
		}
		done += n;
	}
	return fd;
}

static const char *load_error(int err)
{
	switch (err) {
	case EEXIST:
		return "a module of that name is loaded already";
	case ENOEXEC:
		return "the kernel refused the file (another kernel or architecture? see dmesg)";
	case EKEYREJECTED:
	case ENOKEY:
	case EBADMSG:
		return "the kernel rejected the module's signature";
	case EPERM:
		return "not permitted (CAP_SYS_MODULE, lockdown, or module loading disabled)";
	case ENOENT:
		return "unknown symbol in the module (built against another kernel? see dmesg)";
	case EINVAL:
		return "invalid module or parameters (see dmesg)";
	default:
		return strerror(err);
	}
}

/*
 * Run a command and wait for it: its wait status, or -1 if it could not
 * be started.  With JSON output, its standard output goes to standard
 * error: standard output is the swap's document (make prints "CC [M]").
 */
static int run_cmd(char *const argv[])
{
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		if (quiet)
			dup2(STDERR_FILENO, STDOUT_FILENO);
		execvp(argv[0], argv);
		fprintf(stderr, "Error: cannot run %s: %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}

/* True if @status, from run_cmd(), is a command's success. */
static bool cmd_ok(int status)
{
	return status >= 0 && WIFEXITED(status) && !WEXITSTATUS(status);
}

/* How the command of @status, from run_cmd(), failed. */
static void cmd_failure(char *buf, size_t size, const char *cmd, int status)
{
	if (status < 0)
		snprintf(buf, size, "%s could not be run", cmd);
	else if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		snprintf(buf, size, "%s could not be run (not installed?)", cmd);
	else if (WIFEXITED(status))
		snprintf(buf, size, "%s exited with status %d (its messages are above)",
			 cmd, WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, size, "%s was killed by signal %d", cmd,
			 WTERMSIG(status));
	else
		snprintf(buf, size, "%s failed", cmd);
}

/* The name a build's slot pair is keyed on: @name without SLOT_SUFFIX. */
static void base_name(char *base, const char *name)
{
	size_t len = strlen(name), slen = strlen(SLOT_SUFFIX);

	snprintf(base, KO_NAME_LEN, "%s", name);
	if (len > slen && !strcmp(name + len - slen, SLOT_SUFFIX))
		base[len - slen] = '\0';
}

/* Whether the module file @path (DIR/foo-bar.ko) is the module @name:
 * kbuild names a module after its file, with '-' as '_'.
 */
static bool ko_is_named(const char *path, const char *name)
{
	const char *file = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t len = strlen(name), i;

	if (strlen(file) != len + 3 || strcmp(file + len, ".ko"))
		return false;
	for (i = 0; i < len; i++)
		if (file[i] != name[i] && !(file[i] == '-' && name[i] == '_'))
			return false;
	return true;
}

/*
 * The module of the name @base that the build in @dir made: kbuild lists
 * what an M= build makes in DIR/modules.order, one object a line
 * ("/DIR/8139too.o", or relative to DIR), rewritten by each build; a
 * .ko in DIR that it does not list (an earlier build's) is not used.
 * NULL after printing why not.
 */
static char *built_module(const char *dir, const char *base)
{
	char *order, *line = NULL, *path = NULL, list[1024] = "";
	size_t cap = 0, len, n = 0;
	FILE *f;

	if (asprintf(&order, "%s/modules.order", dir) < 0) {
		error("%s", strerror(ENOMEM));
		return NULL;
	}
	f = fopen(order, "re");
	if (!f) {
		error("the build in %s made no module: no %s (%s)", dir, order,
		      strerror(errno));
		free(order);
		return NULL;
	}
	while (getline(&line, &cap, f) > 0) {
		char *ko;

		line[strcspn(line, "\n")] = '\0';
		len = strlen(line);
		if (len < 3 || strcmp(line + len - 2, ".o"))
			continue;
		line[len - 2] = '\0';
		if (asprintf(&ko, "%s%s%s.ko", line[0] == '/' ? "" : dir,
			     line[0] == '/' ? "" : "/", line) < 0)
			break;
		len = strlen(list);
		snprintf(list + len, sizeof(list) - len, "%s%s",
			 n++ ? ", " : "", strrchr(ko, '/') + 1);
		if (!path && ko_is_named(ko, base))
			path = ko;
		else
			free(ko);
	}
	free(line);
	fclose(f);

	if (!n) {
		error("the build in %s made no module (%s lists none: does its Kbuild or Makefile set obj-m?)",
		      dir, order);
	} else if (!path) {
		error("the build in %s made %s, no %s.ko: to upgrade %s to another module, give its file",
		      dir, list, base, base);
	} else if (access(path, F_OK)) {
		error("the build in %s lists %s.o in %s, but there is no %s: %s",
		      dir, base, order, path, strerror(errno));
		free(path);
		path = NULL;
	} else if (n > 1) {
		note("the build made %s: using %s\n", list, path);
	}
	free(order);
	return path;
}

/* Whether the directory @dir has a file @name. */
static bool has_file(const char *dir, const char *name)
{
	char *path;
	bool ok;

	if (asprintf(&path, "%s/%s", dir, name) < 0)
		return false;
	ok = !access(path, F_OK);
	free(path);
	return ok;
}

/*
 * A source directory: build its modules against the running kernel's
 * build directory, as a developer does by hand (make -C
 * /lib/modules/RELEASE/build M=DIR modules, DIR absolute, as kbuild wants
 * it), and use the module @base (the running build's name without the
 * slot suffix) it made.  The build is kbuild's own: its module is named
 * after its file, KBUILD_MODNAME @base, and is renamed to the slot in
 * memory as any file is.  The objects land in DIR, as by hand.
 */
static char *build_dir(const char *dir, const char *release, const char *base)
{
	char *kdir = NULL, *mdir = NULL, *abs, *path = NULL, why[160];
	const char *reason = NULL;
	char *argv[] = { "make", "-C", NULL, NULL, "modules", NULL };
	struct stat st;
	int status;

	abs = realpath(dir, NULL);
	if (!abs) {
		error("%s: %s", dir, strerror(errno));
		return NULL;
	}
	if (asprintf(&kdir, "%s/%s/build", MODULES_DIR, release) < 0 ||
	    asprintf(&mdir, "M=%s", abs) < 0) {
		error("%s", strerror(ENOMEM));
		goto out;
	}
	if (stat(kdir, &st))
		reason = strerror(errno);
	else if (!S_ISDIR(st.st_mode))
		reason = strerror(ENOTDIR);
	if (reason) {
		error("cannot build the module in %s: no kernel build directory %s (%s): install the build files of kernel %s (a package such as linux-headers-%s), or give the module file",
		      abs, kdir, reason, release, release);
		goto out;
	}
	/* kbuild refuses these (M= would be several words, or a pattern) */
	if (strpbrk(abs, " \t\n:%")) {
		error("cannot build the module in %s: kbuild does not build in a directory whose path has a space, ':' or '%%'",
		      abs);
		goto out;
	}
	/* kbuild reads DIR/Kbuild, else DIR/Makefile */
	if (!has_file(abs, "Kbuild") && !has_file(abs, "Makefile")) {
		error("%s has no Kbuild or Makefile: not a module's source directory (for %s.c alone: echo 'obj-m := %s.o' > Kbuild)",
		      abs, base, base);
		goto out;
	}
	argv[2] = kdir;
	argv[3] = mdir;
	note("building %s: make -C %s %s modules\n", abs, kdir, mdir);
	status = run_cmd(argv);
	if (!cmd_ok(status)) {
		cmd_failure(why, sizeof(why), "make", status);
		error("building the module in %s failed: %s", abs, why);
		goto out;
	}
	path = built_module(abs, base);
out:
	free(kdir);
	free(mdir);
	free(abs);
	return path;
}

/* Copy @src to @dst through a temporary file and a rename. */
static bool install_file(const char *src, const char *dst)
{
	char tmp[4096], buf[65536];
	bool ok = true;
	int in, out;
	ssize_t n;

	snprintf(tmp, sizeof(tmp), "%s.nethotswap-tmp", dst);
	in = open(src, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return false;
	out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (out < 0) {
		close(in);
		return false;
	}
	while (ok && (n = read(in, buf, sizeof(buf))) != 0)
		ok = n > 0 && write(out, buf, n) == n;
	ok = !fsync(out) && ok;
	close(in);
	if (close(out) || !ok || rename(tmp, dst)) {
		unlink(tmp);
		return false;
	}
	return true;
}

/*
 * Make @path what "modprobe @name" and udev load from now on: install it
 * as MODULES_DIR/RELEASE/updates/NAME.ko, which depmod ranks above the
 * kernel's own modules ("search updates built-in"), and run depmod.
 */
static bool persist(const char *path, const char *name, const char *release)
{
	char dir[512], dst[600];
	char *argv[] = { "depmod", (char *)release, NULL };

	snprintf(dir, sizeof(dir), "%s/%s/updates", MODULES_DIR, release);
	snprintf(dst, sizeof(dst), "%s/%s.ko", dir, name);
	if ((mkdir(dir, 0755) && errno != EEXIST) || !install_file(path, dst)) {
		error("cannot install %s: %s", dst, strerror(errno));
		return false;
	}
	if (!cmd_ok(run_cmd(argv))) {
		error("depmod %s failed: %s is installed, but modprobe may not find it",
		      release, dst);
		return false;
	}
	note("installed %s as %s and ran depmod: \"modprobe %s\" loads it from the next boot on\n",
	     path, dst, name);
	return true;
}

/* Swap every device of @from to @to with nethotswap.c's "swap driver". */
static int swap_all(swap_fn swap, const char *from, const char *to,
		    const char *timeout)
{
	char *argv[] = { "driver", (char *)from, "to", (char *)to,
			 "timeout", (char *)timeout, NULL };

	return swap(timeout ? 6 : 4, argv);
}

/*
 * Checks on the file that need no kernel change: it is a module for the
 * running kernel and a hotswap-capable build of @drv's family.
 */
static int check_file(const struct ko *ko, const struct build *drv,
		      const char *release, bool want_persist)
{
	const char *vermagic = ko_modinfo(ko, "vermagic", NULL);
	const char *family = ko_modinfo(ko, "nethotswap_family", NULL);
	const char *alias;
	size_t len = strlen(release);

	if (!vermagic)
		return error("%s: no vermagic in .modinfo: not a kernel module",
			     ko->path);
	if (strncmp(vermagic, release, len) || vermagic[len] != ' ')
		return error("%s: built for kernel %.*s, this is %s", ko->path,
			     (int)strcspn(vermagic, " "), vermagic, release);
	if (!family)
		return error("%s: %s is not a hotswap-capable build (no nethotswap_family in .modinfo)",
			     ko->path, ko->name);
	if (strcmp(family, drv->family))
		return error("%s: %s is of the hotswap family %s, %s of %s",
			     ko->path, ko->name, family, drv->name, drv->family);
	if (want_persist) {
		/* A device table's aliases name their bus: "pci:...",
		 * "virtio:..."
		 */
		for (alias = ko_modinfo(ko, "alias", NULL); alias;
		     alias = ko_modinfo(ko, "alias", alias))
			if (strchr(alias, ':'))
				break;
		if (!alias)
			return error("%s: %s carries no device table: udev would not load it at boot, not persisting it",
				     ko->path, ko->name);
	}
	return 0;
}

/* The name the file's build loads as: its own if free, else the other slot. */
static int choose_slot(const struct ko *ko, const struct build *drv,
		       char *slot)
{
	char other[KO_NAME_LEN + 8];

	if (strlen(ko->name) + strlen(SLOT_SUFFIX) >= KO_NAME_LEN)
		other[0] = '\0';
	else
		snprintf(other, sizeof(other), "%s%s", ko->name, SLOT_SUFFIX);

	if (strcmp(ko->name, drv->name) && !name_taken(ko->name)) {
		strcpy(slot, ko->name);
		return 0;
	}
	if (other[0] && strcmp(other, drv->name) && !name_taken(other)) {
		strcpy(slot, other);
		return 0;
	}
	if (!other[0])
		return error("%s is loaded and the name %s is too long for a second slot",
			     ko->name, ko->name);
	return error("both slot names are taken: %s and %s (unload the one that serves nothing: rmmod %s)",
		     ko->name, other, strcmp(ko->name, drv->name) ? ko->name : other);
}

static int usage_error(const char *fmt, const char *arg)
{
	fputs("Error: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs(", try \"nethotswap --help\".\n", stderr);
	return EXIT_USAGE;
}

int cmd_upgrade(int argc, char **argv, bool json, swap_fn swap)
{
	const char *driver, *file, *timeout = NULL, *given = NULL, *why;
	char slot[KO_NAME_LEN], name[KO_NAME_LEN], base[KO_NAME_LEN];
	char *built = NULL;
	static char params[PARAMS_MAX];
	bool want_persist = false, renamed;
	struct build drv, now;
	struct utsname uts;
	struct stat st;
	struct ko ko;
	int ret, fd, i;

	quiet = json;
	if (argc < 2)
		return usage_error("%s", "upgrade needs a driver and a module file or directory");
	driver = argv[0];
	file = argv[1];
	for (argc -= 2, argv += 2; argc; argc--, argv++) {
		if (!strcmp(argv[0], "persist")) {
			want_persist = true;
		} else if (strcmp(argv[0], "timeout") &&
			   strcmp(argv[0], "params")) {
			return usage_error("unexpected argument \"%s\"", argv[0]);
		} else if (argc < 2) {
			return usage_error("\"%s\" needs a value", argv[0]);
		} else if (!strcmp(argv[0], "timeout")) {
			timeout = argv[1];
			argc--, argv++;
		} else {
			given = argv[1];
			argc--, argv++;
		}
	}
	if (given && strlen(given) >= PARAMS_MAX / 2)
		return usage_error("%s", "params too long");
	uname(&uts);

	ret = query_build(driver, &drv);
	if (ret < 0)
		return EXIT_KERNEL;
	if (!ret)
		return error("no hotswap-capable driver %s is loaded", driver);

	if (!stat(file, &st) && S_ISDIR(st.st_mode)) {
		base_name(base, drv.name);
		built = build_dir(file, uts.release, base);
		if (!built)
			return EXIT_KERNEL;
		file = built;
	}
	if (ko_read(&ko, file)) {
		free(built);
		return EXIT_KERNEL;
	}
	ret = check_file(&ko, &drv, uts.release, want_persist) ||
	      choose_slot(&ko, &drv, slot);
	if (ret)
		goto out;

	/* A rename voids the signature; never load what the kernel would
	 * refuse, nor get round its policy.
	 */
	renamed = strcmp(slot, ko.name);
	why = signatures_enforced();
	if (why && renamed) {
		ret = error("%s must load as %s, since %s is loaded, and the kernel only loads validly signed modules (%s): a rename would void the signature. Use a build signed under the name %s",
			    file, slot, ko.name, why, slot);
		goto out;
	}
	if (why && !ko.is_signed) {
		ret = error("%s is not signed, and the kernel only loads signed modules (%s)",
			    file, why);
		goto out;
	}
	if (renamed && ko.is_signed)
		note("%s is signed: the rename to %s voids the signature, the kernel loads it as unsigned (taint E)\n",
		     file, slot);

	carry_params(params, given, drv.name, &ko);
	strcpy(name, ko.name);
	if (renamed) {
		if (ko_rename(&ko, slot)) {
			ret = EXIT_KERNEL;
			goto out;
		}
		fd = memfd_of(&ko);
	} else {
		fd = open(file, O_RDONLY | O_CLOEXEC);
	}
	if (fd < 0) {
		ret = error("%s: %s", file, strerror(errno));
		goto out;
	}
	note("%s: loading %s (version %s) as %s%s%s%s\n", drv.name, file,
	     ko_modinfo(&ko, "version", NULL) ?: "none", slot,
	     params[0] ? ", parameters \"" : "", params, params[0] ? "\"" : "");
	if (syscall(SYS_finit_module, fd, params, 0)) {
		ret = error("loading %s as %s: %s", file, slot, load_error(errno));
		close(fd);
		goto out;
	}
	close(fd);

	/* What loaded must be a build of the family, registered by its slot. */
	ret = query_build(slot, &now);
	if (ret <= 0 || strcmp(now.family, drv.family)) {
		if (ret >= 0)
			error("%s loaded, but registered no hotswap build of family %s: unloading it",
			      slot, drv.family);
		unload(slot);
		ret = EXIT_KERNEL;
		goto out;
	}

	if (drv.n_devs) {
		ret = swap_all(swap, drv.name, slot, timeout);
		if (ret) {
			/* The failed device rolled back; move back those that moved. */
			if (query_build(slot, &now) > 0 && now.n_devs &&
			    swap_all(swap, slot, drv.name, timeout)) {
				error("upgrade failed, and %s still serves devices: it stays loaded",
				      slot);
				goto out;
			}
			if (unload(slot))
				error("upgrade failed: %s serves again, %s is unloaded",
				      drv.name, slot);
			goto out;
		}
	} else {
		note("%s serves no device in this network namespace\n", drv.name);
	}

	if (!drv.module[0]) {
		note("%s is built in: it stays, unused\n", drv.name);
	} else if (unload(drv.module)) {
		note("%s: unloaded %s;", drv.name, drv.module);
		for (i = 0; i < drv.n_devs; i++)
			note(" %s", drv.devs[i]);
		note("%s served by %s\n", drv.n_devs ? "" : " nothing", slot);
	} else {
		ret = EXIT_KERNEL;
	}

	/* The file as it is, under its own name: the rename was in memory */
	if (want_persist && !persist(ko.path, name, uts.release))
		ret = EXIT_KERNEL;
out:
	ko_free(&ko);
	free(built);
	return ret;
}
