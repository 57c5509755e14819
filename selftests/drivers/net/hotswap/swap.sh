#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Live swap under an iperf3 TCP stream: $NHS_DRV -> $NHS_DRV_NEXT ->
# $NHS_DRV, three round trips.  The stream must complete, the interface keep its
# identity, addresses and routes, the counters only grow, the sysfs driver
# link follow the swap and the replaced module unload.

source "$(dirname "$0")/lib.sh"
require_harness

ROUNDS=3
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$tmp"' EXIT

ktap_print_header
ktap_set_plan 10

load_build "$NHS_DRV_NEXT"
ip route add 198.51.100.0/24 via "$NHS_PEER_IP" dev "$NHS_DUT"
dut_identity > "$tmp/identity.before"

bounded_stream_start "$tmp/tcp.json" 30
sleep 2

swaps_ok=0 links_ok=0 unloads_ok=0 monotonic=1
last_tx=$(dut_stat tx_packets) last_rx=$(dut_stat rx_packets)
for round in $(seq $ROUNDS); do
	for build in "$NHS_DRV_NEXT" "$NHS_DRV"; do
		old=$(dut_driver)
		load_build "$build"
		if hotswap_to "$build"; then
			swaps_ok=$((swaps_ok + 1))
		else
			ktap_print_msg "swap to $build failed: $(hotswap_last_summary)"
		fi
		[ "$(dut_driver)" = "$build" ] && links_ok=$((links_ok + 1))
		rmmod "$old" && unloads_ok=$((unloads_ok + 1))
		ktap_print_msg "round $round: $old -> $build: $(for f in blackout_ns total_ns attempts; do echo -n "$f $(hotswap_attr "last_$f") "; done)"
		tx=$(dut_stat tx_packets) rx=$(dut_stat rx_packets)
		if [ "$tx" -lt "$last_tx" ] || [ "$rx" -lt "$last_rx" ]; then
			monotonic=0
		fi
		last_tx=$tx last_rx=$rx
		sleep 1
	done
done


swaps=$((2 * ROUNDS))
check "all_${swaps}_swaps_succeed" [ "$swaps_ok" -eq "$swaps" ]
check "sysfs_driver_link_follows_swap" [ "$links_ok" -eq "$swaps" ]
check "replaced_module_unloads" [ "$unloads_ok" -eq "$swaps" ]
check "counters_monotonic" [ "$monotonic" -eq 1 ]

check "tcp_stream_completes_without_error" stream_finish "$tmp/tcp.json"

dut_identity > "$tmp/identity.after"
check "ifindex_addresses_routes_unchanged" \
	cmp -s "$tmp/identity.before" "$tmp/identity.after"
check "name_unchanged" [ -e "/sys/class/net/$NHS_DUT/hotswap" ]
check "ping_after_swaps" ping_ok
check "last_result_ok" [ "$(hotswap_last_summary)" = "completed error 0 $NHS_DRV_NEXT -> $NHS_DRV at none: " ]

# A device that is down has no IRQ or NAPI running; it comes up under the
# new build as if that build had probed it.
swap_while_down() {
	local swapped=0

	load_build "$NHS_DRV_NEXT"
	ip link set "$NHS_DUT" down
	hotswap_to "$NHS_DRV_NEXT" && swapped=1
	ip link set "$NHS_DUT" up
	[ "$swapped" = 1 ] && [ "$(dut_driver)" = "$NHS_DRV_NEXT" ] &&
		busywait_carrier &&
		ping_ok &&
		hotswap_to "$NHS_DRV"
}
busywait_carrier() {
	local i
	for i in $(seq 50); do
		[ "$(cat "/sys/class/net/$NHS_DUT/carrier" 2>/dev/null)" = 1 ] && return 0
		sleep 0.1
	done
	return 1
}
check "swap_while_down" swap_while_down

ktap_finished
