#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Live swaps under a paced UDP stream: the datagrams keep flowing.  Frames
# sent in the blackout wait in the qdisc, frames received in it wait in
# the RX ring, so nothing should be lost; make bench measures the loss at
# a higher rate on a kernel without lockdep.

source "$(dirname "$0")/lib.sh"
require_harness

PPS=1000
LEN=1000
SWAPS=6
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$tmp"' EXIT

ktap_print_header
ktap_set_plan 3

load_build 8139too_v2
stream_start "$tmp/udp.json" -u -b $((PPS * LEN * 8)) -l $LEN -t $((SWAPS + 3))
sleep 1

swaps_ok=0
for i in $(seq $SWAPS); do
	build=8139too_v2
	[ "$(dut_driver)" = 8139too_v2 ] && build=8139too
	hotswap_to "$build" && swaps_ok=$((swaps_ok + 1))
	sleep 1
done

check "udp_stream_completes" stream_finish "$tmp/udp.json"
check "all_${SWAPS}_swaps_succeed" [ "$swaps_ok" -eq "$SWAPS" ]

lost=$(jq -r '.end.sum.lost_packets' "$tmp/udp.json")
total=$(jq -r '.end.sum.packets' "$tmp/udp.json")
ktap_print_msg "$lost of $total datagrams lost across $SWAPS swaps at $PPS pps"
# One in a thousand allows for the host stalling QEMU; the swap itself
# drops nothing.
few_lost() {
	[ "$total" -gt 0 ] && [ $((lost * 1000)) -le "$total" ]
}
check "at_most_one_in_1000_datagrams_lost" few_lost

ktap_finished
