#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A swap that fails at commit and whose rollback cannot quiesce the new
# build either.  The write fails; then one build owns the DUT, as the bus
# (device/driver), the hotswap core (hotswap/driver) and the running code
# (ethtool -i) see it; the failed swap took or
# dropped no module reference; each build's rmmod either succeeds or
# fails as in use; the kernel reports nothing.  Loading $NHS_DRV again
# brings the DUT back.

# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
require_harness

trap disarm_faults EXIT

ktap_print_header
ktap_set_plan 9

bus_dev=$(dut_bus_dev)
load_build "$NHS_DRV_NEXT"
kmsg_mark

refcnts() {
	echo "$NHS_DRV $(module_refcnt "$NHS_DRV"), $NHS_DRV_NEXT $(module_refcnt "$NHS_DRV_NEXT")"
}
refcnt_sum() {
	local a b
	a=$(module_refcnt "$NHS_DRV") b=$(module_refcnt "$NHS_DRV_NEXT")
	echo $((${a/-/0} + ${b/-/0}))
}
refs_before=$(refcnts) sum_before=$(refcnt_sum)

# The rollback fault: its quiesce of the new build fails.
arm() {
	inject_fault commit && inject_fault rollback
}
check "arm_commit_fault_and_failing_rollback" arm

err=$(hotswap_error "$NHS_DRV_NEXT")
ktap_print_msg "swap to $NHS_DRV_NEXT: \"$err\"; last result: $(hotswap_last_summary 2>&1)"
check "swap_write_fails" [ -n "$err" ]

# One owner, as the bus, the core and the running code see it.
one_owner() {
	local drivers
	drivers=$(dut_drivers)
	ktap_print_msg "device/driver hotswap/driver ethtool: $drivers; carrier" \
		"$(cat "/sys/class/net/$NHS_DUT/carrier" 2>&1)"
	dut_consistent
}
check "one_owner_after_failed_rollback" one_owner

refs_unchanged() {
	ktap_print_msg "module refcnt before: $refs_before; after: $(refcnts)"
	[ "$(refcnt_sum)" = "$sum_before" ]
}
check "module_references_unchanged" refs_unchanged

# rmmod_clean MODULE: unloads, or is refused as in use (busybox says
# EWOULDBLOCK's "Resource temporarily unavailable", kmod "in use").
rmmod_clean() {
	local err
	err=$(rmmod "$1" 2>&1) && return 0
	ktap_print_msg "rmmod $1: $err"
	[[ "$err" == *"in use"* || "$err" == *"Resource temporarily unavailable"* ]]
}
check "rmmod_${NHS_DRV_NEXT}_unloads_or_in_use" rmmod_clean "$NHS_DRV_NEXT"
check "rmmod_${NHS_DRV}_unloads_or_in_use" rmmod_clean "$NHS_DRV"
check "no_kernel_splat" no_splat_since_mark

check "load_${NHS_DRV}_brings_the_dut_back" dut_restore "$bus_dev"

check "${NHS_DRV}_serves_and_${NHS_DRV_NEXT}_unloads" back_to_base

ktap_finished
