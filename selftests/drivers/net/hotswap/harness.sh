#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The VM harness itself: the DUT is driven by $NHS_DRV, has link, and
# carries real traffic both ways across the emulated NIC.

source "$(dirname "$0")/lib.sh"
require_harness

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ktap_print_header
ktap_set_plan 8

check "dut_bound_to_$NHS_DRV" [ "$(dut_driver)" = "$NHS_DRV" ]

# A driver may report carrier through MII polling (8139too does), so
# operstate may still read "unknown"; the flags say whether the link is
# administratively and physically up.
link_up() {
	[ "$(cat "/sys/class/net/$NHS_DUT/carrier")" = 1 ] &&
		ip link show dev "$NHS_DUT" | grep -q '[<,]UP[,>].*LOWER_UP\|LOWER_UP.*[<,]UP[,>]'
}
check "dut_link_up" link_up

check "ping_dut_to_peer" ping -q -c 3 -W 2 "$NHS_PEER_IP"
check "ping_peer_to_dut" peer ping -q -c 3 -W 2 "$NHS_DUT_IP"

# The driver's byte counter includes headers, so it must at least cover
# the payload the receiving iperf3 got.
counter_covers() {
	[ "$1" -gt 0 ] && [ "$2" -ge "$1" ]
}

tx_before=$(dut_stat tx_bytes)
check "iperf3_tcp_dut_to_peer" iperf3_run "$tmp/tx.json" 5
tx_after=$(dut_stat tx_bytes)
moved=$(iperf3_received_bytes "$tmp/tx.json" 2>/dev/null || echo -1)
ktap_print_msg "$NHS_DRV tx_bytes grew by $((tx_after - tx_before)), the peer received $moved"
check "${NHS_FAMILY}_tx_counter_covers_traffic" counter_covers "$moved" $((tx_after - tx_before))

rx_before=$(dut_stat rx_bytes)
check "iperf3_tcp_peer_to_dut" iperf3_run "$tmp/rx.json" 5 -R
rx_after=$(dut_stat rx_bytes)
moved=$(iperf3_received_bytes "$tmp/rx.json" 2>/dev/null || echo -1)
ktap_print_msg "$NHS_DRV rx_bytes grew by $((rx_after - rx_before)), the DUT received $moved"
check "${NHS_FAMILY}_rx_counter_covers_traffic" counter_covers "$moved" $((rx_after - rx_before))

ktap_finished
