#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Live swaps under a paced UDP stream: the datagrams keep flowing.  Frames
# sent in the blackout wait in the qdisc, frames received in it wait in
# the RX ring, so the swap loses none; make bench measures the loss at a
# higher rate on a kernel without lockdep.
#
# On the test kernel (KASAN, lockdep, 2 vCPUs under TCG) the receiving
# iperf3 cannot always keep up, swaps or not: its socket overflows.  What
# the swap must not lose is a datagram on the way, so every datagram iperf3
# counts lost must be one the peer's UDP layer dropped for want of room in
# the socket (RcvbufErrors).

source "$(dirname "$0")/lib.sh"
require_harness

PPS=1000
LEN=1000
SWAPS=6
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$tmp"' EXIT

ktap_print_header
ktap_set_plan 3

rcvbuf_errors() {
	peer awk '/^Udp:/ && $2 ~ /^[0-9]/ { print $6 }' /proc/net/snmp
}

load_build "$NHS_DRV_NEXT"
rcvbuf_before=$(rcvbuf_errors)
bounded_stream_start "$tmp/udp.json" $((SWAPS + 3)) -u -b $((PPS * LEN * 8)) -l $LEN
sleep 1

swaps_ok=0
for i in $(seq $SWAPS); do
	build=$NHS_DRV_NEXT
	[ "$(dut_driver)" = "$NHS_DRV_NEXT" ] && build=$NHS_DRV
	hotswap_to "$build" && swaps_ok=$((swaps_ok + 1))
	sleep 1
done

check "udp_stream_completes" stream_finish "$tmp/udp.json"
check "all_${SWAPS}_swaps_succeed" [ "$swaps_ok" -eq "$SWAPS" ]

lost=$(jq -r '.end.sum.lost_packets' "$tmp/udp.json")
total=$(jq -r '.end.sum.packets' "$tmp/udp.json")
overflowed=$(( $(rcvbuf_errors) - rcvbuf_before ))
ktap_print_msg "$lost of $total datagrams lost across $SWAPS swaps at $PPS pps," \
	"$overflowed of them dropped by the receiving socket"
none_lost_on_the_way() {
	[ "$total" -gt 0 ] && [ "$lost" -le "$overflowed" ]
}
check "no_datagram_lost_between_dut_and_peer_socket" none_lost_on_the_way

ktap_finished
