#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# "nethotswap swap" under an iperf3 TCP stream: by device name, with a
# timeout, and every device of a driver.  Each swap reports its result in
# the reply, the driver follows, the stream completes and the interface
# keeps its identity.

source "$(dirname "$0")/lib.sh"
require_harness

tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$tmp"' EXIT

ktap_print_header
ktap_set_plan 10

load_build "$NHS_DRV_NEXT"
dut_identity > "$tmp/identity.before"

bounded_stream_start "$tmp/tcp.json" 20
sleep 2

# swapped_json FILE FROM TO: the reply of "nethotswap -j swap" in FILE
# reports the DUT swapped from FROM to TO.
swapped_json() {
	jq -e --arg ifname "$NHS_DUT" --arg from "$2" --arg to "$3" '
		length == 1 and .[0].ifname == $ifname and
		.[0].last_result.error == 0 and
		.[0].last_result.outcome == "completed" and
		.[0].last_result.from == $from and
		.[0].last_result.to == $to and .[0].last_result.blackout_ns > 0 and
		.[0].last_result.attempts >= 1' "$1" >/dev/null
}

swaps=0 swaps_ok=0 replies_ok=0 follows=0
for round in 1 2; do
	for build in "$NHS_DRV_NEXT" "$NHS_DRV"; do
		old=$(dut_driver)
		swaps=$((swaps + 1))
		nethotswap -j swap "$NHS_DUT" to "$build" > "$tmp/reply.json" &&
			swaps_ok=$((swaps_ok + 1))
		swapped_json "$tmp/reply.json" "$old" "$build" &&
			replies_ok=$((replies_ok + 1))
		[ "$(dut_driver)" = "$build" ] &&
			[ "$(nethotswap -j dev show "$NHS_DUT" | jq -r '.[0].driver')" = "$build" ] &&
			follows=$((follows + 1))
		ktap_print_msg "round $round: $(jq -c '.[0].last_result' "$tmp/reply.json")"
		sleep 1
	done
done
check "swap_by_name_exit_0" [ "$swaps_ok" -eq "$swaps" ]
check "swap_reply_reports_result" [ "$replies_ok" -eq "$swaps" ]
check "driver_follows_swap" [ "$follows" -eq "$swaps" ]

# Text: the device, the builds, "completed", then the timings in us.
swap_text_with_timeout() {
	local out
	out=$(nethotswap swap "$NHS_DUT" to "$NHS_DRV_NEXT" timeout 2000) || return 1
	ktap_print_msg "$out"
	echo "$out" | head -n 1 | grep -qx "$NHS_DUT: $NHS_DRV -> $NHS_DRV_NEXT: completed" &&
		echo "$out" | tail -n 1 | grep -Eq '^    prepare [0-9.]+us quiesce [0-9.]+us handover [0-9.]+us blackout [0-9.]+us rebind [0-9.]+us total [0-9.]+us attempts [0-9]+$' &&
		nethotswap swap "$NHS_DUT" to "$NHS_DRV" timeout 2000 >/dev/null
}
check "swap_text_output_with_timeout" swap_text_with_timeout

# Every device $NHS_DRV serves in this namespace: the DUT.
swap_driver() {
	nethotswap -j swap driver "$NHS_DRV" to "$NHS_DRV_NEXT" > "$tmp/reply.json" &&
		swapped_json "$tmp/reply.json" "$NHS_DRV" "$NHS_DRV_NEXT" &&
		nethotswap -j swap driver "$NHS_DRV_NEXT" to "$NHS_DRV" > "$tmp/reply.json" &&
		swapped_json "$tmp/reply.json" "$NHS_DRV_NEXT" "$NHS_DRV"
}
check "swap_every_device_of_a_driver" swap_driver

# A failure stops the run, names the device, and its old build serves on;
# the reply still lists the device tried, with its result.
swap_driver_fails() {
	local err rc
	inject_fault quiesce
	err=$(nethotswap -j swap driver "$NHS_DRV" to "$NHS_DRV_NEXT" 2>&1 >"$tmp/reply.json")
	rc=$?
	ktap_print_msg "$rc: $err; reply $(cat "$tmp/reply.json")"
	[ "$rc" -eq 1 ] && [[ "$err" == "Error: $NHS_DUT: fault injected at quiesce"* ]] &&
		[ "$(dut_driver)" = "$NHS_DRV" ] &&
		jq -e --arg ifname "$NHS_DUT" '
			length == 1 and .[0].ifname == $ifname and
			.[0].last_result.outcome == "rolled-back" and
			.[0].last_result.error == 5 and
			.[0].last_result.phase == "quiesce"' "$tmp/reply.json" >/dev/null
}
check "swap_driver_failure_names_device" swap_driver_fails

# A refused request for one device: its result (refused, the errno) in
# the reply, the error on stderr, exit status 1.
swap_refused_reply() {
	local rc
	nethotswap -j swap "$NHS_DUT" to "$NHS_DRV" > "$tmp/reply.json" 2>/dev/null
	rc=$?
	ktap_print_msg "$rc: $(cat "$tmp/reply.json")"
	[ "$rc" -eq 1 ] && jq -e --arg ifname "$NHS_DUT" --arg drv "$NHS_DRV" '
		length == 1 and .[0].ifname == $ifname and
		.[0].last_result.outcome == "refused" and
		.[0].last_result.error == 114 and
		.[0].last_result.to == $drv' "$tmp/reply.json" >/dev/null
}
check "swap_refused_reply_has_result" swap_refused_reply

check "tcp_stream_completes_across_swaps" stream_finish "$tmp/tcp.json"

dut_identity > "$tmp/identity.after"
check "ifindex_addresses_routes_unchanged" \
	cmp -s "$tmp/identity.before" "$tmp/identity.after"
check "ping_after_swaps" ping_ok

ktap_finished
