#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The rx mode changes under receive load, without and with swaps: promisc
# and allmulticast toggles and multicast joins while TCP flows from the
# peer into the DUT.  Receive must go on, and a promisc toggle at idle
# must cost no receive error, whatever the DUT.  Why it is a test: on
# QEMU's RTL8139 every RxConfig write resets the model's ring pointers,
# and the model takes no frame after a refused one until CAPR is written:
# a driver that does not follow used to stop receiving for good (see
# "8139too and QEMU's RTL8139 model" in Documentation/networking/hotswap.rst).

source "$(dirname "$0")/lib.sh"
require_harness

SECS=14
MCGROUP=01:00:5e:01:02:03
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; ip link set "$NHS_DUT" promisc off;
      ip link set "$NHS_DUT" allmulticast off; rm -rf "$tmp"' EXIT

ktap_print_header
ktap_set_plan 5

# toggle_rx_mode SECONDS: change the rx mode as fast as ip can, for SECONDS
toggle_rx_mode() {
	local end=$((SECONDS + $1)) n=0

	while [ "$SECONDS" -lt "$end" ]; do
		ip link set "$NHS_DUT" promisc on
		ip link set "$NHS_DUT" allmulticast on
		ip maddr add "$MCGROUP" dev "$NHS_DUT"
		ip link set "$NHS_DUT" promisc off
		ip link set "$NHS_DUT" allmulticast off
		ip maddr del "$MCGROUP" dev "$NHS_DUT"
		n=$((n + 1))
	done
	echo "$n"
}

# Receive errors other than the frames the chip refused for want of ring
# space (rx_missed_errors), which are not the driver losing its place in
# the ring.  Drivers differ in whether rx_errors counts the missed frames
# too (8139too does, e1000 does not), and e1000 reads the chip's counters
# only every 2 s: the errors beyond the missed frames, from two samples
# of both counters.
rx_errors_sample() {
	echo "$(dut_stat rx_errors) $(dut_stat rx_missed_errors)"
}

idle_promisc_costs_no_rx_error() {
	local err0 missed0 err1 missed1 extra

	ping_ok 5 || return 1
	read -r err0 missed0 <<< "$(rx_errors_sample)"
	ip link set "$NHS_DUT" promisc on
	ping_ok 3 || return 1
	ip link set "$NHS_DUT" promisc off
	ping_ok 3 || return 1
	read -r err1 missed1 <<< "$(rx_errors_sample)"
	extra=$(( (err1 - err0) - (missed1 - missed0) ))
	ktap_print_msg "2 promisc toggles at idle: rx_errors +$((err1 - err0))," \
		"rx_missed_errors +$((missed1 - missed0)), registers: $(dut_rx_regs)"
	[ "$err1" -ge "$err0" ] && [ "$missed1" -ge "$missed0" ] && [ "$extra" -le 0 ]
}

# receive_goes_on NAME SWAPS: TCP into the DUT for SECS while the rx mode
# changes, and SWAPS swaps if not 0.
receive_goes_on() {
	local name=$1 swaps=$2 rounds swapper=

	bounded_stream_start "$tmp/$name.json" "$SECS" -R || return 1
	sleep 1
	if [ "$swaps" -gt 0 ]; then
		swap_loop "$tmp/$name.swaps" "$swaps" 1 &
		swapper=$!
	fi
	rounds=$(toggle_rx_mode $((SECS - 2)))
	[ -z "$swapper" ] || wait_bounded 60 "$swapper" || return 1
	ktap_print_msg "$name: $rounds rounds of rx mode changes, rx_errors" \
		"$(dut_stat rx_errors) (rx_missed_errors $(dut_stat rx_missed_errors))"
	[ "$swaps" -gt 0 ] && diag "  " < "$tmp/$name.swaps"
	stream_ok "$tmp/$name.json" && ping_ok 3 &&
		{ [ "$swaps" -eq 0 ] || swaps_clean "$tmp/$name.swaps"; }
}

load_build "$NHS_DRV_NEXT"
check "idle_promisc_toggle_costs_no_rx_error" idle_promisc_costs_no_rx_error
check "receive_goes_on_across_rx_mode_changes" receive_goes_on plain 0
check "receive_goes_on_across_rx_mode_changes_and_swaps" receive_goes_on swapped 6
check "idle_promisc_toggle_costs_no_rx_error_after_swaps" idle_promisc_costs_no_rx_error
check "back_on_${NHS_DRV}_${NHS_DRV_NEXT}_unloaded" back_to_base

ktap_finished
