#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What "nethotswap -j" prints validates against its documented JSON
# Schema (tools/nethotswap/nethotswap.schema.json): every command, after
# completed, refused and rolled-back swaps, pretty or not, and each line
# of monitor.

source "$(dirname "$0")/lib.sh"
require_harness
independent_of_dut_driver

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

load_build "$NHS_DRV_NEXT"

nethotswap -j monitor > "$tmp/monitor.json" &
monitor=$!
sleep 1

# Outputs: a completed swap, one refused, one rolled back, then a check
# that passes and one refused.
nethotswap -j swap "$NHS_DUT" to "$NHS_DRV_NEXT" > "$tmp/swap_completed.json"
nethotswap -j swap "$NHS_DUT" to "$NHS_DRV_NEXT" > "$tmp/swap_refused.json" 2>/dev/null
inject_fault commit
nethotswap -j swap driver "$NHS_DRV_NEXT" to "$NHS_DRV" > "$tmp/swap_rolled_back.json" 2>/dev/null
nethotswap -j -p swap "$NHS_DUT" to "$NHS_DRV" > "$tmp/swap_pretty.json"
nethotswap -j check "$NHS_DUT" to "$NHS_DRV_NEXT" > "$tmp/check_passes.json"
nethotswap -j check "$NHS_DUT" to no_such_driver > "$tmp/check_refused.json" 2>/dev/null
nethotswap -j dev show > "$tmp/dev_show.json"
nethotswap -j -p dev show "$NHS_DUT" > "$tmp/dev_show_pretty.json"
nethotswap -j driver show > "$tmp/driver_show.json"
sleep 1
kill "$monitor"
wait "$monitor" 2>/dev/null

# One interpreter validates every output (loading jsonschema is slow);
# each case reads its verdict.
python3 "$dir/json_check.py" "$schema" \
	swap "$tmp/swap_completed.json" swap "$tmp/swap_refused.json" \
	swap "$tmp/swap_rolled_back.json" swap "$tmp/swap_pretty.json" \
	check "$tmp/check_passes.json" check "$tmp/check_refused.json" \
	dev_show "$tmp/dev_show.json" dev_show "$tmp/dev_show_pretty.json" \
	driver_show "$tmp/driver_show.json" \
	--lines monitor_line "$tmp/monitor.json" > "$tmp/verdicts" 2>&1

# valid NAME [MIN]: $tmp/NAME.json holds at least MIN (1) valid documents.
valid() {
	local verdict
	verdict=$(grep -F "$tmp/$1.json: " "$tmp/verdicts")
	ktap_print_msg "$1: ${verdict#*.json: }"
	[[ $verdict =~ :\ ([0-9]+)\ valid$ ]] &&
		[ "${BASH_REMATCH[1]}" -ge "${2:-1}" ] && return 0
	if [ -n "$verdict" ]; then
		grep -F -A1 "$tmp/$1.json: " "$tmp/verdicts" | tail -n +2 | diag "  "
	else
		diag "  " < "$tmp/verdicts"
	fi
	return 1
}

check "swap_completed" valid swap_completed
check "swap_refused" valid swap_refused
check "swap_rolled_back" valid swap_rolled_back
check "swap_pretty" valid swap_pretty
check "check_passes" valid check_passes
check "check_refused" valid check_refused
check "dev_show" valid dev_show
check "dev_show_pretty_with_last_result" valid dev_show_pretty
check "driver_show" valid driver_show
check "monitor_lines" valid monitor 14

ktap_finished
