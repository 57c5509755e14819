#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# "ethtool -p" blinks for seconds, calling set_phys_id() between naps
# without RTNL.  A swap and the unloading of the old build in the middle
# of a blink must leave it calling the build that serves, not the code of
# a module that is gone.  The fixture nhs_test_ops has set_phys_id().

source "$(dirname "$0")/lib.sh"
require_harness
independent_of_dut_driver

trap 'kill $(jobs -p) 2>/dev/null; fx_unload' EXIT

ktap_print_header
ktap_set_plan 3

fx_load
ip link set "$FXDEV" up
kmsg_mark

timeout 30 ethtool -p "$FXDEV" 4 & blink_pid=$!
sleep 1
blink_swap() {
	echo "$FX2" > "/sys/class/net/$FXDEV/hotswap/swap" && rmmod "$FX"
}
check "swap_and_unload_during_blink" blink_swap
calls_after_swap=$(fx_stat set_phys_id)
wait "$blink_pid"
blink_rc=$?
calls_end=$(fx_stat set_phys_id)
ktap_print_msg "set_phys_id calls: $calls_after_swap after the swap, $calls_end at the end"

check "blink_completes" [ "$blink_rc" = 0 ]
check "new_build_blinks_and_no_splat" \
	[ "$calls_end" -gt "$calls_after_swap" ] && no_splat_since_mark

ktap_finished
