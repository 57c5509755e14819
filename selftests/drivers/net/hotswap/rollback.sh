#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A swap that fails in any phase rolls back: the writer gets the error,
# last_result names the phase and the reason, $NHS_DRV keeps serving and an
# iperf3 stream running across all the failures completes.

source "$(dirname "$0")/lib.sh"
require_harness

PHASES="prepare quiesce handover commit"
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$tmp"' EXIT

ktap_print_header
ktap_set_plan 7

load_build "$NHS_DRV_NEXT"
dut_identity > "$tmp/identity.before"

bounded_stream_start "$tmp/tcp.json" 15
sleep 1

rolled_back() {
	local phase=$1 err result

	inject_fault "$phase" || return 1
	err=$(hotswap_error "$NHS_DRV_NEXT")
	result=$(hotswap_last_summary)
	ktap_print_msg "$phase: write failed with \"$err\"; last result: $result"
	[ "$err" = "Input/output error" ] &&
		[ "$(dut_driver)" = "$NHS_DRV" ] &&
		[ "$result" = "rolled-back error 5 $NHS_DRV -> $NHS_DRV_NEXT at $phase: fault injected at $phase" ] &&
		ping -q -c 1 -W 2 "$NHS_PEER_IP" >/dev/null
}

for phase in $PHASES; do
	check "rollback_at_$phase" rolled_back "$phase"
	sleep 1
done

check "tcp_stream_survives_rollbacks" stream_finish "$tmp/tcp.json"

dut_identity > "$tmp/identity.after"
check "identity_unchanged_after_rollbacks" \
	cmp -s "$tmp/identity.before" "$tmp/identity.after"

# The fault is one-shot: the next swap goes through, and back.
swap_round_trip() {
	hotswap_to "$NHS_DRV_NEXT" && [ "$(dut_driver)" = "$NHS_DRV_NEXT" ] &&
		hotswap_to "$NHS_DRV" && [ "$(dut_driver)" = "$NHS_DRV" ]
}
check "swap_after_rollbacks" swap_round_trip

ktap_finished
