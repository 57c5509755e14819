#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A swap fails at commit, its rollback fails, and the bus refuses to
# rebind the device to the new build as well.  The device must still be
# bound to the build whose state serves it: an unbind then runs that
# build's remove(), never the other build's on a state it does not know.
# On the fixture, whose remove() checks whose state it frees.

source "$(dirname "$0")/lib.sh"
require_harness
independent_of_dut_driver

trap 'disarm_faults; fx_unload' EXIT

ktap_print_header
ktap_set_plan 4

fx_load
ip link set "$FXDEV" up
kmsg_mark

inject_fault commit && inject_fault rollback && inject_fault rebind
err=$( { echo "$FX2" > "/sys/class/net/$FXDEV/hotswap/swap"; } 2>&1)
last=$(attr "/sys/class/net/$FXDEV/hotswap/last_msg")
ktap_print_msg "swap: \"${err##*: }\"; last_msg: $last"

check "swap_fails_keeping_the_new_build" \
	eval '[ -n "$err" ] && [[ "$last" == *"kept the new driver" ]]'
bound_to_server() {
	[ "$(fx_driver)" = "$FX2" ] &&
		ethtool -i "$FXDEV" | grep -q "driver: $FX2"
}
check "bound_to_the_build_that_serves" bound_to_server
unbind() {
	echo nhs_test_ops.0 > "/sys/bus/platform/drivers/$(fx_driver)/unbind" &&
		[ ! -e "/sys/class/net/$FXDEV" ]
}
check "unbind_runs_the_serving_build_remove" unbind
check "no_splat" no_splat_since_mark

ktap_finished
