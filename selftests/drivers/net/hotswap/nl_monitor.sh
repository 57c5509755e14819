#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# "nethotswap monitor" sees each swap start, pass its phases and end:
# completed with its timings, or rolled back with the phase, errno and
# reason.  Anyone may listen, but only in the device's network namespace.

source "$(dirname "$0")/lib.sh"
require_harness

tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$tmp"' EXIT

ktap_print_header
ktap_set_plan 7

load_build 8139too_v2

nethotswap -j monitor > "$tmp/events.json" &
monitors=($!)
nethotswap monitor > "$tmp/events.txt" &
monitors+=($!)
su nobody -s /bin/sh -c "exec nethotswap -j monitor" > "$tmp/nobody.json" &
monitors+=($!)
ip netns exec "$NHS_PEER_NS" nethotswap -j monitor > "$tmp/peer.json" &
monitors+=($!)
sleep 1

# A swap that completes, one that fails at prepare and one that fails at
# commit (both rolled back), and one that completes.
nethotswap swap "$NHS_DUT" to 8139too_v2 >/dev/null
inject_fault prepare
nethotswap swap "$NHS_DUT" to 8139too 2>/dev/null
inject_fault commit
nethotswap swap "$NHS_DUT" to 8139too 2>/dev/null
nethotswap swap "$NHS_DUT" to 8139too >/dev/null
sleep 1
kill "${monitors[@]}"
wait "${monitors[@]}" 2>/dev/null

# EVENT:PHASE FROM->TO, one line per event.
sequence() {
	jq -r '"\(.type):\(.phase // "") \(.result.from)->\(.result.to)"' "$1"
}

cat > "$tmp/expected" <<EOF
started: 8139too->8139too_v2
phase-done:prepare 8139too->8139too_v2
phase-done:quiesce 8139too->8139too_v2
phase-done:handover 8139too->8139too_v2
phase-done:commit 8139too->8139too_v2
completed: 8139too->8139too_v2
started: 8139too_v2->8139too
rolled-back:prepare 8139too_v2->8139too
started: 8139too_v2->8139too
phase-done:prepare 8139too_v2->8139too
phase-done:quiesce 8139too_v2->8139too
phase-done:handover 8139too_v2->8139too
rolled-back:commit 8139too_v2->8139too
started: 8139too_v2->8139too
phase-done:prepare 8139too_v2->8139too
phase-done:quiesce 8139too_v2->8139too
phase-done:handover 8139too_v2->8139too
phase-done:commit 8139too_v2->8139too
completed: 8139too_v2->8139too
EOF
events_in_order() {
	sequence "$tmp/events.json" > "$tmp/got"
	ktap_print_msg "events: $(tr '\n' ';' < "$tmp/got")"
	cmp -s "$tmp/expected" "$tmp/got"
}
check "events_of_four_swaps_in_order" events_in_order

completed_has_result() {
	jq -se --arg ifname "$NHS_DUT" \
		--argjson ifindex "$(cat "/sys/class/net/$NHS_DUT/ifindex")" '
		map(select(.type == "completed")) | length == 2 and
		all(.[]; .ifname == $ifname and .ifindex == $ifindex and
			.result.error == 0 and .result.outcome == "completed" and
			.result.blackout_ns > 0 and
			.result.total_ns >= .result.blackout_ns)' \
		"$tmp/events.json" >/dev/null
}
check "completed_event_carries_timings" completed_has_result

rolled_back_has_reason() {
	jq -se '
		map(select(.type == "rolled-back")) | length == 2 and
		all(.[]; .result.error == 5 and .result.outcome == "rolled-back" and
			.result.phase == .phase and
			.result.msg == "fault injected at \(.phase)")' \
		"$tmp/events.json" >/dev/null
}
check "rolled_back_event_carries_phase_errno_reason" rolled_back_has_reason

text_events() {
	ktap_print_msg "$(grep -c . "$tmp/events.txt") text lines"
	grep -qx "$NHS_DUT: 8139too -> 8139too_v2: started" "$tmp/events.txt" &&
		grep -qx "$NHS_DUT: 8139too -> 8139too_v2: prepare done" "$tmp/events.txt" &&
		grep -qx "$NHS_DUT: 8139too -> 8139too_v2: completed" "$tmp/events.txt" &&
		grep -qx "$NHS_DUT: 8139too_v2 -> 8139too: failed at prepare, rolled back: fault injected at prepare (Input/output error)" "$tmp/events.txt"
}
check "monitor_text_output" text_events

unprivileged_listener() {
	[ -s "$tmp/nobody.json" ] && cmp -s "$tmp/events.json" "$tmp/nobody.json"
}
check "unprivileged_listener_gets_events" unprivileged_listener
check "other_netns_gets_no_events" [ ! -s "$tmp/peer.json" ]
check "dut_back_on_8139too" [ "$(dut_driver)" = 8139too ]

ktap_finished
