#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A device whose driver holds device-managed resources cannot be rebound
# live: their release actions may be the old build's code.  "check" and
# "swap" must say so before anything stops, and change nothing.

source "$(dirname "$0")/lib.sh"
require_harness
independent_of_dut_driver

trap fx_unload EXIT

ktap_print_header
ktap_set_plan 4

fx_load devres=1
ip link set "$FXDEV" up

# refused VERB: "nethotswap VERB" fails and names the devres
refused() {
	local out
	out=$(nethotswap "$1" "$FXDEV" to "$FX2" 2>&1) && return 1
	ktap_print_msg "$1: $out"
	grep -q "has devres" <<< "$out"
}
check "check_refuses_devres" refused check
check "swap_refuses_devres" refused swap

# A refused request is not a swap: no result recorded, no blackout.
check "no_swap_recorded" \
	[ "$(attr "/sys/class/net/$FXDEV/hotswap/last_result")" = none ]
check "old_build_serves" \
	[ "$(fx_driver)" = "$FX" ]

ktap_finished
