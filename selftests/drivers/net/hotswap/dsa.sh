#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A DSA conduit replaces its NIC's ethtool_ops with its own and keeps the
# driver's, to restore when the switch goes.  Swapped underneath, the
# restored table would be the old build's, in a module that may be gone.
# The swap refuses while a stacked user holds the driver's tables, says
# why, and works once it has gone; the old build then unloads cleanly.
# dsa_loop attaches to the device named eth0: the fixture takes the name.

source "$(dirname "$0")/lib.sh"
require_harness
independent_of_dut_driver

trap fx_unload EXIT

ktap_print_header

if [ -e /sys/class/net/eth0 ]; then
	ktap_skip_all "eth0 is taken: dsa_loop only attaches to eth0"
	exit "$KSFT_SKIP"
fi
ktap_set_plan 5

fx_load
ip link set "$FXDEV" name eth0 && FXDEV=eth0
ip link set "$FXDEV" up
kmsg_mark

# The tagger first: DSA's request for it finds no module alias here.
conduit() {
	modprobe tag_none && modprobe dsa_loop &&
		wait_until 5 [ -e "/sys/class/net/$FXDEV/dsa" ]
}
check "dsa_conduit_attached" conduit

refused() {
	local out
	out=$(nethotswap swap "$FXDEV" to "$FX2" 2>&1) && return 1
	ktap_print_msg "swap: $out"
	grep -q "stacked user" <<< "$out" &&
		[ "$(fx_driver)" = "$FX" ]
}
check "swap_refused_while_dsa_holds_the_ops" refused

swap_after_dsa() {
	rmmod dsa_loop && nethotswap swap "$FXDEV" to "$FX2" >/dev/null
}
check "swap_after_dsa_goes" swap_after_dsa
check "old_build_unloads" rmmod "$FX"
check "ethtool_after_unload_no_splat" \
	eval 'ethtool -i "$FXDEV" | grep -q "driver: $FX2" && no_splat_since_mark'

ktap_finished
