#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# "nethotswap monitor" sees each swap start, pass its phases and end:
# completed with its timings, or rolled back with the phase, errno and
# reason.  Anyone may listen, but only in the device's network namespace.

source "$(dirname "$0")/lib.sh"
require_harness
independent_of_dut_driver

tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$tmp"' EXIT

ktap_print_header
ktap_set_plan 7

DRV=$NHS_DRV NEXT=$NHS_DRV_NEXT
load_build "$NEXT"

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
nethotswap swap "$NHS_DUT" to "$NEXT" >/dev/null
inject_fault prepare
nethotswap swap "$NHS_DUT" to "$DRV" 2>/dev/null
inject_fault commit
nethotswap swap "$NHS_DUT" to "$DRV" 2>/dev/null
nethotswap swap "$NHS_DUT" to "$DRV" >/dev/null
sleep 1
kill "${monitors[@]}"
wait "${monitors[@]}" 2>/dev/null

# EVENT:PHASE FROM->TO, one line per event.
sequence() {
	jq -r '"\(.type):\(.phase // "") \(.result.from)->\(.result.to)"' "$1"
}

cat > "$tmp/expected" <<EOF
started: $DRV->$NEXT
phase-done:prepare $DRV->$NEXT
phase-done:quiesce $DRV->$NEXT
phase-done:handover $DRV->$NEXT
phase-done:commit $DRV->$NEXT
completed: $DRV->$NEXT
started: $NEXT->$DRV
rolled-back:prepare $NEXT->$DRV
started: $NEXT->$DRV
phase-done:prepare $NEXT->$DRV
phase-done:quiesce $NEXT->$DRV
phase-done:handover $NEXT->$DRV
rolled-back:commit $NEXT->$DRV
started: $NEXT->$DRV
phase-done:prepare $NEXT->$DRV
phase-done:quiesce $NEXT->$DRV
phase-done:handover $NEXT->$DRV
phase-done:commit $NEXT->$DRV
completed: $NEXT->$DRV
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
	grep -qx "$NHS_DUT: $DRV -> $NEXT: started" "$tmp/events.txt" &&
		grep -qx "$NHS_DUT: $DRV -> $NEXT: prepare done" "$tmp/events.txt" &&
		grep -qx "$NHS_DUT: $DRV -> $NEXT: completed" "$tmp/events.txt" &&
		grep -qx "$NHS_DUT: $NEXT -> $DRV: failed at prepare, rolled back: fault injected at prepare (Input/output error)" "$tmp/events.txt"
}
check "monitor_text_output" text_events

unprivileged_listener() {
	[ -s "$tmp/nobody.json" ] && cmp -s "$tmp/events.json" "$tmp/nobody.json"
}
check "unprivileged_listener_gets_events" unprivileged_listener
check "other_netns_gets_no_events" [ ! -s "$tmp/peer.json" ]
check "dut_back_on_$DRV" [ "$(dut_driver)" = "$DRV" ]

ktap_finished
