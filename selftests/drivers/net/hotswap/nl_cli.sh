#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The nethotswap command at iproute2 grade: an error that ends a dump (in
# NLMSG_DONE) is shown and fails the command; the kernel's reason comes
# with the errno; keywords abbreviate; -n NETNS; JSON is valid UTF-8
# whatever an interface is called; monitor survives a receive buffer
# overrun, says so, resyncs and carries on.

source "$(dirname "$0")/lib.sh"
require_harness
independent_of_dut_driver

tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$tmp"' EXIT

ktap_print_header
ktap_set_plan 8

DRV=$NHS_DRV NEXT=$NHS_DRV_NEXT
load_build "$NEXT"

# outcome COMMAND...: "RC|STDERR" of COMMAND, stdout to $tmp/out; what
# it got is also reported, on stderr, which the runner keeps.
outcome() {
	local err rc
	err=$("$@" 2>&1 >"$tmp/out")
	rc=$?
	ktap_print_msg "$* -> $rc: $err" >&2
	echo "$rc|$err"
}

dump_error_shown() {
	inject_fault dump || return 1
	[ "$(outcome nethotswap dev show)" = "1|Error: fault injected at dump (Input/output error)" ]
}
check "dump_error_in_done_fails_the_command" dump_error_shown

check "extack_and_errno_both_shown" \
	[ "$(outcome nethotswap swap no_such_dev to "$NEXT")" = "1|Error: no device no_such_dev (No such device)" ]

abbreviations() {
	nethotswap d s "$NHS_DUT" | grep -q "^[0-9]*: $NHS_DUT: " &&
		nethotswap -j dr sh "$DRV" | jq -e --arg drv "$DRV" '.[0].name == $drv' >/dev/null &&
		nethotswap s "$NHS_DUT" t "$NEXT" ti 2000 >/dev/null &&
		[ "$(dut_driver)" = "$NEXT" ] &&
		nethotswap sw dr "$NEXT" t "$DRV" >/dev/null &&
		[ "$(dut_driver)" = "$DRV" ] &&
		nethotswap -j c d "$NHS_DUT" t "$NEXT" >/dev/null &&
		[ "$(dut_driver)" = "$DRV" ]
}
check "keywords_abbreviate" abbreviations

netns_option() {
	[ "$(nethotswap -n "$NHS_PEER_NS" -j dev show)" = "[]" ] &&
		[ "$(outcome nethotswap -n "$NHS_PEER_NS" swap "$NHS_PEER" to "$NEXT")" = \
		  "1|Error: $NHS_PEER is not driven by a hotswap-capable driver (Operation not supported)" ] &&
		[ "$(outcome nethotswap -n no_such_netns dev show)" = \
		  "1|Error: cannot enter network namespace \"no_such_netns\": No such file or directory" ]
}
check "netns_option" netns_option

# An interface name that is not UTF-8: JSON replaces each bad byte by
# U+FFFD, written as an escape, and holds no raw byte above 0x7f.
utf8_json() {
	local bad=$'nhs\xff\xfe' rc
	ip link set "$NHS_DUT" down || return 1
	if ! ip link set "$NHS_DUT" name "$bad"; then
		dut_configure
		return 1
	fi
	nethotswap -j dev show "$bad" > "$tmp/utf8.json"
	rc=$?
	ip link set "$bad" name "$NHS_DUT" || return 1
	dut_configure || return 1
	ktap_print_msg "$(od -An -c "$tmp/utf8.json" | head -n 2 | tr -s ' ')"
	[ "$rc" -eq 0 ] && ! od -An -tx1 "$tmp/utf8.json" | grep -qwE '[89a-f][0-9a-f]' &&
		jq -e '.[0].ifname == "nhs\ufffd\ufffd"' "$tmp/utf8.json" >/dev/null
}
check "json_is_valid_utf8" utf8_json

# A monitor with a small receive buffer, stopped while swaps go on,
# overruns; once running again it says so, prints the devices as they
# are (a JSON array line) and reports the swaps after.
monitor_overrun() {
	local mon alive=0
	nethotswap -j --rcvbuf 16384 monitor > "$tmp/mon.json" 2> "$tmp/mon.err" &
	mon=$!
	sleep 1
	kill -STOP "$mon"
	for _ in 1 2 3 4; do
		nethotswap swap "$NHS_DUT" to "$NEXT" >/dev/null &&
			nethotswap swap "$NHS_DUT" to "$DRV" >/dev/null
	done
	kill -CONT "$mon"
	sleep 2
	nethotswap swap "$NHS_DUT" to "$NEXT" >/dev/null &&
		nethotswap swap "$NHS_DUT" to "$DRV" >/dev/null
	sleep 2
	kill -0 "$mon" 2>/dev/null && alive=1
	kill "$mon" 2>/dev/null
	wait "$mon" 2>/dev/null
	ktap_print_msg "monitor alive $alive; stderr: $(head -c 300 "$tmp/mon.err")"
	ktap_print_msg "$(grep -c . "$tmp/mon.json") lines, last: $(tail -n 1 "$tmp/mon.json")"
	[ "$alive" -eq 1 ] && grep -q "overrun" "$tmp/mon.err" &&
		grep -q '^\[' "$tmp/mon.json" &&
		tail -n 1 "$tmp/mon.json" | jq -e --arg ifname "$NHS_DUT" \
			--arg drv "$DRV" --arg next "$NEXT" '
			.type == "completed" and .ifname == $ifname and
			.result.from == $next and .result.to == $drv' >/dev/null
}
check "monitor_survives_overrun" monitor_overrun

check "dut_back_on_$DRV" [ "$(dut_driver)" = "$DRV" ]
check "ping_after" ping_ok

ktap_finished
