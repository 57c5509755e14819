#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The link goes down and up while swaps run back and forth, so that some
# downs and ups land in a swap's prepare and commit windows.  Every swap
# completes or fails with the kernel's reason, and leaves the DUT served
# by one build; afterwards the link is up with carrier and the peer
# answers.

# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
require_harness

SWAPS=14
FLAPS=20
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$tmp"' EXIT

ktap_print_header
ktap_set_plan 7

load_build "$NHS_DRV_NEXT"

# flap_loop COUNT: down and up, with pauses of 0 to 0.2 s.
flap_loop() {
	local i
	for i in $(seq "$1"); do
		ip link set "$NHS_DUT" down || echo "down $i failed" >> "$tmp/flaps"
		sleep "0.$((RANDOM % 3))"
		ip link set "$NHS_DUT" up || echo "up $i failed" >> "$tmp/flaps"
		sleep "0.$((RANDOM % 3))"
	done
}

flap_loop $FLAPS &
flapper=$!
swap_loop "$tmp/swaps" $SWAPS 0.05 &
swapper=$!

check "no_hang_in_${SWAPS}_swaps_and_${FLAPS}_flaps" wait_bounded 240 "$flapper" "$swapper"
swap_summary "$tmp/swaps"
[ -s "$tmp/flaps" ] && diag < "$tmp/flaps"

check "every_swap_completes_or_fails_with_a_reason" swaps_clean "$tmp/swaps"

# bus, hotswap core and driver code name the same build after each swap.
served_after_each_swap() {
	local bad
	bad=$(sed 's/.*; served //' "$tmp/swaps" | awk '$1 == "-" || $1 != $2 || $2 != $3')
	[ -z "$bad" ] && [ -s "$tmp/swaps" ] && return 0
	diag "device/driver hotswap/driver ethtool: " <<< "$bad"
	return 1
}
check "one_build_serves_after_each_swap" served_after_each_swap

# The IPv6 address goes with a down: configure the DUT again.
link_up() {
	dut_configure && dut_carrier &&
		ip link show dev "$NHS_DUT" | grep -q '[<,]UP[,>]' &&
		ip link show dev "$NHS_DUT" | grep -q 'LOWER_UP'
}
check "link_up_with_carrier_after_race" link_up
check "dut_consistent_after_race" dut_consistent
check "ping_after_race" ping_ok
check "back_on_${NHS_DRV}_and_${NHS_DRV_NEXT}_unloads" back_to_base

ktap_finished
