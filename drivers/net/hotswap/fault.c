// SPDX-License-Identifier: GPL-2.0
/*
 * Fault injection into swaps, through the kernel's fault-injection
 * framework (Documentation/fault-injection/fault-injection.rst): one
 * attribute directory per point under /sys/kernel/debug/nethotswap/,
 * fail_prepare, fail_quiesce, fail_handover and fail_commit make a swap
 * fail in that phase, fail_rollback makes the rollback after a failed
 * commit fail as well, fail_rebind then the rebind of the bus device to
 * the new build that follows (the forced one cannot fail), fail_dump makes a part of a dev-get dump fail (an
 * error in NLMSG_DONE, which clients must report).
 */

#include <linux/debugfs.h>
#include <linux/fault-inject.h>

#include "hotswap.h"

static DECLARE_FAULT_ATTR(nhs_fail_prepare);
static DECLARE_FAULT_ATTR(nhs_fail_quiesce);
static DECLARE_FAULT_ATTR(nhs_fail_handover);
static DECLARE_FAULT_ATTR(nhs_fail_commit);
static DECLARE_FAULT_ATTR(nhs_fail_rollback);
static DECLARE_FAULT_ATTR(nhs_fail_rebind);
static DECLARE_FAULT_ATTR(nhs_fail_dump);

static const struct {
	const char *name;
	struct fault_attr *attr;
} nhs_faults[NHS_NR_FAULTS] = {
	[NHS_FAULT_PREPARE]	= { "fail_prepare", &nhs_fail_prepare },
	[NHS_FAULT_QUIESCE]	= { "fail_quiesce", &nhs_fail_quiesce },
	[NHS_FAULT_HANDOVER]	= { "fail_handover", &nhs_fail_handover },
	[NHS_FAULT_COMMIT]	= { "fail_commit", &nhs_fail_commit },
	[NHS_FAULT_ROLLBACK]	= { "fail_rollback", &nhs_fail_rollback },
	[NHS_FAULT_REBIND]	= { "fail_rebind", &nhs_fail_rebind },
	[NHS_FAULT_DUMP]	= { "fail_dump", &nhs_fail_dump },
};

const char *nhs_fault_name(enum nhs_fault point)
{
	/* "fail_commit" -> "commit" */
	return nhs_faults[point].name + strlen("fail_");
}

bool nhs_fault(enum nhs_fault point)
{
	return should_fail(nhs_faults[point].attr, 1);
}

void nhs_fault_init(struct dentry *dir)
{
	enum nhs_fault point;

	for (point = 0; point < NHS_NR_FAULTS; point++)
		fault_create_debugfs_attr(nhs_faults[point].name, dir,
					  nhs_faults[point].attr);
}
