#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A swap's phases are trace events (events/nethotswap/): what perf and
# bpftrace users see of a swap, and of a rollback, without our tools.

source "$(dirname "$0")/lib.sh"
require_harness
independent_of_dut_driver

trap trace_off EXIT

ktap_print_header
ktap_set_plan 4

load_build "$NHS_DRV_NEXT"
trace_start

target=$NHS_DRV_NEXT
[ "$(dut_driver)" = "$NHS_DRV_NEXT" ] && target=$NHS_DRV
hotswap_to "$target"
inject_fault commit
back=$NHS_DRV_NEXT
[ "$target" = "$NHS_DRV_NEXT" ] && back=$NHS_DRV
hotswap_to "$back"
trace_stop
trace=$(grep nethotswap_ "$TRACE")
ktap_print_msg "$(wc -l <<< "$trace") events"

swap_traced() {
	grep -q "nethotswap_prepare: dev=$NHS_DUT from=$back to=$target" <<< "$trace" &&
		grep -q "nethotswap_quiesce: dev=$NHS_DUT attempt=1 err=0" <<< "$trace" &&
		grep -q "nethotswap_handover: dev=$NHS_DUT to=$target blackout_ns=[1-9]" <<< "$trace" &&
		grep -q "nethotswap_commit: dev=$NHS_DUT phase=commit err=0 rolled_back=0" <<< "$trace"
}
check "swap_phases_traced" swap_traced
check "failed_commit_traced" \
	grep -q "nethotswap_commit: dev=$NHS_DUT phase=commit err=-5 rolled_back=1" <<< "$trace"
check "rollback_traced" \
	grep -q "nethotswap_rollback: dev=$NHS_DUT to=$target err=0" <<< "$trace"

check "dut_back_on_$NHS_DRV" back_to_base

ktap_finished
