#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A swap that fails leaves the old build transmitting at once.  A
# transmit refused by the closed gate stops its queue while the rollback
# wakes the queues: if the wake is lost, the queue stays stopped until
# the TX watchdog resets the chip seconds later.  Faults at every phase,
# RUNS times in all, under a UDP stream out of the DUT: after each
# rollback tx_packets moves within 100 ms, and the watchdog never fires.

source "$(dirname "$0")/lib.sh"
require_harness
long_test

RUNS=${RUNS:-52}
PHASES=(prepare quiesce handover commit)
tmp=$(mktemp -d)
NAP_FIFO=$tmp/nap
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$tmp"' EXIT

ktap_print_header
ktap_set_plan 4

load_build "$NHS_DRV_NEXT"
kmsg_mark
bounded_stream_start "$tmp/udp.json" 60 -u -b 20M -l 1000
sleep 1

# tx_moves_within MS: tx_packets changes within MS milliseconds
tx_moves_within() {
	local before tries=$(($1 / 5))

	before=$(dut_stat tx_packets)
	while [ "$tries" -gt 0 ]; do
		nap 0.005
		[ "$(dut_stat tx_packets)" != "$before" ] && return 0
		tries=$((tries - 1))
	done
	return 1
}

rolled_back=0
flowing=0
for ((i = 0; i < RUNS; i++)); do
	phase=${PHASES[i % ${#PHASES[@]}]}
	inject_fault "$phase" || break
	target=$NHS_DRV_NEXT
	[ "$(dut_driver)" = "$NHS_DRV_NEXT" ] && target=$NHS_DRV
	hotswap_to "$target" && continue
	[ "$(hotswap_attr last_result)" = rolled-back ] &&
		rolled_back=$((rolled_back + 1))
	tx_moves_within 100 && flowing=$((flowing + 1))
done
ktap_print_msg "$rolled_back of $RUNS swaps rolled back; TX moved within 100 ms after $flowing"
kill "$STREAM_PID" 2>/dev/null

check "every_swap_rolled_back" [ "$rolled_back" = "$RUNS" ]
check "tx_flows_within_100ms_of_each_rollback" [ "$flowing" = "$RUNS" ]
no_watchdog() {
	! dmesg | sed -n "\\|$KMSG_MARK|,\$p" | grep -q "NETDEV WATCHDOG" &&
		no_splat_since_mark
}
check "no_tx_watchdog" no_watchdog

check "dut_back_on_$NHS_DRV" back_to_base

ktap_finished
