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

DRV=$NHS_DRV NEXT=$NHS_DRV_NEXT
load_build "$NEXT"
# nhs_test_future: a build of the DUT's family that reads no state
# layout the real builds write.
modprobe nhs_test_future family="$NHS_FAMILY"
hotswap_to "$NEXT" && hotswap_to "$DRV"
last_before=$(hotswap_last)
tx_before=$(dut_stat tx_packets)

nethotswap -j monitor > "$tmp/events.json" &
monitor=$!
sleep 1

unchanged() {
	[ "$(dut_driver)" = "$DRV" ] && [ "$(hotswap_last)" = "$last_before" ]
}

passes() {
	nethotswap -j check "$NHS_DUT" to "$NEXT" > "$tmp/out" || return 1
	ktap_print_msg "$(cat "$tmp/out")"
	jq -e --arg ifname "$NHS_DUT" --arg drv "$DRV" --arg next "$NEXT" '
		length == 1 and .[0].ifname == $ifname and
		.[0].last_result.outcome == "completed" and
		.[0].last_result.error == 0 and
		.[0].last_result.from == $drv and
		.[0].last_result.to == $next' "$tmp/out" >/dev/null &&
		[ "$(nethotswap check "$NHS_DUT" to "$NEXT")" = \
		  "$NHS_DUT: $DRV -> $NEXT: checks pass" ] && unchanged
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
	"$NHS_DUT is already driven by $DRV \(Operation already in progress\)" "$DRV"
check "check_refuses_unreadable_state" refused_like 71 \
	"nhs_test_future reads state *, $DRV writes * \(Protocol error\)" \
	nhs_test_future
# The peer's driver: a PCI driver (built in: always registered) that is
# not hotswap-capable.  The virtio bus has no such driver in the image.
on_dut_bus "$NHS_PEER_DRV" check_refuses_not_hotswap_capable &&
	check "check_refuses_not_hotswap_capable" refused_like 95 \
		"$NHS_PEER_DRV is not hotswap-capable \(Operation not supported\)" "$NHS_PEER_DRV"

by_driver() {
	nethotswap -j check driver "$DRV" to "$NEXT" > "$tmp/out" &&
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
