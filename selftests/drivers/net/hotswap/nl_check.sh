#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# "nethotswap check": a dry run of a swap runs the kernel's prepare checks
# and reports what a swap would get, without stopping, recording or
# announcing anything.

source "$(dirname "$0")/lib.sh"
require_harness

tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$tmp"' EXIT

ktap_print_header
ktap_set_plan 7

load_build 8139too_v2
modprobe 8139cp
modprobe nhs_test_future
hotswap_to 8139too_v2 && hotswap_to 8139too
last_before=$(hotswap_last)
tx_before=$(dut_stat tx_packets)

nethotswap -j monitor > "$tmp/events.json" &
monitor=$!
sleep 1

unchanged() {
	[ "$(dut_driver)" = 8139too ] && [ "$(hotswap_last)" = "$last_before" ]
}

passes() {
	nethotswap -j check "$NHS_DUT" to 8139too_v2 > "$tmp/out" || return 1
	ktap_print_msg "$(cat "$tmp/out")"
	jq -e --arg ifname "$NHS_DUT" '
		length == 1 and .[0].ifname == $ifname and
		.[0].last_result.outcome == "completed" and
		.[0].last_result.error == 0 and
		.[0].last_result.from == "8139too" and
		.[0].last_result.to == "8139too_v2"' "$tmp/out" >/dev/null &&
		[ "$(nethotswap check "$NHS_DUT" to 8139too_v2)" = \
		  "$NHS_DUT: 8139too -> 8139too_v2: checks pass" ] && unchanged
}
check "check_passes_and_changes_nothing" passes

# refused_like ERRNO MESSAGE TARGET: check fails as the swap would, with
# "Error: MESSAGE" (a glob pattern).
refused_like() {
	local errno=$1 msg=$2 target=$3 err rc
	err=$(nethotswap -j check "$NHS_DUT" to "$target" 2>&1 >"$tmp/out")
	rc=$?
	ktap_print_msg "check to $target -> $rc: $err; $(cat "$tmp/out")"
	# shellcheck disable=SC2053 # $msg is a pattern
	[ "$rc" -eq 1 ] && [[ "$err" == "Error: "$msg ]] &&
		jq -e --argjson errno "$errno" '
			.[0].last_result.outcome == "refused" and
			.[0].last_result.error == $errno' "$tmp/out" >/dev/null &&
		unchanged
}
check "check_refuses_same_driver" refused_like 114 \
	"$NHS_DUT is already driven by 8139too \(Operation already in progress\)" 8139too
check "check_refuses_unreadable_state" refused_like 71 \
	"nhs_test_future reads state *, 8139too writes * \(Protocol error\)" \
	nhs_test_future
check "check_refuses_not_hotswap_capable" refused_like 95 \
	"8139cp is not hotswap-capable \(Operation not supported\)" 8139cp

by_driver() {
	nethotswap -j check driver 8139too to 8139too_v2 > "$tmp/out" &&
		jq -e --arg ifname "$NHS_DUT" 'any(.[]; .ifname == $ifname and
			.last_result.outcome == "completed")' "$tmp/out" >/dev/null &&
		unchanged
}
check "check_every_device_of_a_driver" by_driver

no_events() {
	sleep 1
	kill "$monitor"
	wait "$monitor" 2>/dev/null
	[ ! -s "$tmp/events.json" ]
}
check "check_sends_no_event" no_events
# The device still serves: it sends.
counters_move() {
	ping_ok 2 && [ "$(dut_stat tx_packets)" -gt "$tx_before" ]
}
check "counters_still_move" counters_move

ktap_finished
