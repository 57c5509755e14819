#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Swaps that cannot work are refused up front with a clear error, and
# leave the device exactly as it was.

source "$(dirname "$0")/lib.sh"
require_harness

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ktap_print_header
ktap_set_plan 8

# nhs_test_future: a build of the DUT's family that reads no state
# layout the real builds write.
modprobe nhs_test_future family="$NHS_FAMILY"
dut_identity > "$tmp/identity.before"
stats_before=$(dut_stat tx_packets)

# refused ERROR_MESSAGE SWAP_ARGS...: the write fails with that message,
# $NHS_DRV still serves and the interface is unchanged.
refused() {
	local want=$1 err
	shift
	err=$(hotswap_error "$@")
	ktap_print_msg "swap '$*': \"$err\"; last result: $(hotswap_last_summary)"
	[ "$err" = "$want" ] && [ "$(dut_driver)" = "$NHS_DRV" ] &&
		dut_identity | cmp -s "$tmp/identity.before" - &&
		ping -q -c 1 -W 2 "$NHS_PEER_IP" >/dev/null
}

# The peer's driver: a PCI driver (built in: always registered) that is
# not hotswap-capable.  The virtio bus has no such driver in the image.
on_dut_bus "$NHS_PEER_DRV" refuse_not_hotswap_capable_driver &&
	check "refuse_not_hotswap_capable_driver" refused "Operation not supported" "$NHS_PEER_DRV"
check "refuse_build_that_cannot_read_the_state" refused "Protocol error" nhs_test_future
check "refuse_unknown_module" refused "No such file or directory" no_such_driver
check "refuse_same_driver" refused "Operation already in progress" "$NHS_DRV"
check "refuse_malformed_input" refused "Invalid argument" "$NHS_DRV_NEXT" 100 extra
check "refuse_zero_timeout" refused "Numerical result out of range" "$NHS_DRV_NEXT" 0
check "refuse_too_long_timeout" refused "Numerical result out of range" "$NHS_DRV_NEXT" 10001
check "counters_still_move" [ "$(dut_stat tx_packets)" -gt "$stats_before" ]

ktap_finished
