#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The DUT moves to another network namespace and back while a swap is
# under way, round after round.  A swap finds the device, or fails with
# the kernel's reason (it is not in the swapper's namespace); none hangs.  Back home, with its
# addresses restored, the DUT is served by the build its device/driver
# link names and carries traffic.

# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
require_harness

NS=hs_move
tmp=$(mktemp -d)
NAP_FIFO=$tmp/nap
trap 'kill $(jobs -p) 2>/dev/null; ip -n $NS link set "$NHS_DUT" netns 1 2>/dev/null;
	ip netns del $NS 2>/dev/null; rm -rf "$tmp"' EXIT

ktap_print_header
ktap_set_plan 7

load_build "$NHS_DRV_NEXT"
ip netns add $NS

# Each round, a swap and, once it is under way, a move there and back,
# DELAY seconds into it: in its prepare, quiesce or commit window, or
# after it.
DELAYS=(0 0 0.01 0.02 0.05 0.1 0.2 0.3)
moved=0 hung=0 during=0
for delay in "${DELAYS[@]}"; do
	swap_loop "$tmp/swaps" 1 &
	swapper=$!
	wait_swapping 2 && during=$((during + 1))
	nap "$delay"
	ip link set "$NHS_DUT" netns $NS &&
		ip -n $NS link set "$NHS_DUT" netns 1 &&
		moved=$((moved + 1))
	wait_bounded 60 "$swapper" || hung=1
done
check "dut_moves_there_and_back_${#DELAYS[@]}_times" [ "$moved" -eq ${#DELAYS[@]} ]
check "swaps_end_without_hang" [ "$hung" -eq 0 ]
ktap_print_msg "$during moves started while a swap was under way"
swap_summary "$tmp/swaps"
check "every_swap_completes_or_fails_with_a_reason" swaps_clean "$tmp/swaps"

# Home, configured again (the move dropped the addresses).
home() {
	[ -e "/sys/class/net/$NHS_DUT" ] && dut_configure
}
check "dut_home_and_configured" home
check "served_by_the_build_device_driver_names" dut_consistent

traffic() {
	ping_ok 2 && bounded_stream_start "$tmp/tcp.json" 3 && stream_ok "$tmp/tcp.json"
}
check "traffic_after_moves" traffic
check "back_on_${NHS_DRV}_and_${NHS_DRV_NEXT}_unloads" back_to_base

ktap_finished
