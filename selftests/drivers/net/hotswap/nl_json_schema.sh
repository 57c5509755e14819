#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What "nethotswap -j" prints validates against its documented JSON
# Schema (tools/nethotswap/nethotswap.schema.json): every command, after
# completed, refused and rolled-back swaps, pretty or not, and each line
# of monitor.

source "$(dirname "$0")/lib.sh"
require_harness

dir=$(dirname "$0")
schema=$dir/nethotswap.schema.json
[ -e "$schema" ] || schema=$dir/../../../../tools/nethotswap/nethotswap.schema.json
if ! command -v python3 >/dev/null || [ ! -e "$schema" ]; then
	ktap_skip_all "needs python3 with jsonschema and $schema"
	exit "$KSFT_SKIP"
fi

tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$tmp"' EXIT

ktap_print_header
ktap_set_plan 10

load_build 8139too_v2

nethotswap -j monitor > "$tmp/monitor.json" &
monitor=$!
sleep 1

# valid DEF FILE: FILE validates against $defs/DEF.
valid() {
	local out
	out=$(python3 "$dir/json_check.py" "$schema" "$1" "$2" 2>&1)
	local rc=$?
	ktap_print_msg "$1: $out"
	[ "$rc" -eq 0 ]
}

# Outputs: a completed swap, one refused, one rolled back, then a check
# that passes and one refused.
nethotswap -j swap "$NHS_DUT" to 8139too_v2 > "$tmp/swap_completed.json"
nethotswap -j swap "$NHS_DUT" to 8139too_v2 > "$tmp/swap_refused.json" 2>/dev/null
inject_fault commit
nethotswap -j swap driver 8139too_v2 to 8139too > "$tmp/swap_rolled_back.json" 2>/dev/null
nethotswap -j -p swap "$NHS_DUT" to 8139too > "$tmp/swap_pretty.json"
nethotswap -j check "$NHS_DUT" to 8139too_v2 > "$tmp/check_passes.json"
nethotswap -j check "$NHS_DUT" to no_such_driver > "$tmp/check_refused.json" 2>/dev/null
nethotswap -j dev show > "$tmp/dev_show.json"
nethotswap -j -p dev show "$NHS_DUT" > "$tmp/dev_show_pretty.json"
nethotswap -j driver show > "$tmp/driver_show.json"

check "swap_completed" valid swap "$tmp/swap_completed.json"
check "swap_refused" valid swap "$tmp/swap_refused.json"
check "swap_rolled_back" valid swap "$tmp/swap_rolled_back.json"
check "swap_pretty" valid swap "$tmp/swap_pretty.json"
check "check_passes" valid check "$tmp/check_passes.json"
check "check_refused" valid check "$tmp/check_refused.json"
check "dev_show" valid dev_show "$tmp/dev_show.json"
check "dev_show_pretty_with_last_result" valid dev_show "$tmp/dev_show_pretty.json"
check "driver_show" valid driver_show "$tmp/driver_show.json"

monitor_lines() {
	local out
	sleep 1
	kill "$monitor"
	wait "$monitor" 2>/dev/null
	out=$(python3 "$dir/json_check.py" --lines "$schema" monitor_line "$tmp/monitor.json" 2>&1) || {
		ktap_print_msg "monitor: $out"
		return 1
	}
	ktap_print_msg "monitor: $out lines valid"
	[ "$out" -ge 14 ]
}
check "monitor_lines" monitor_lines

ktap_finished
