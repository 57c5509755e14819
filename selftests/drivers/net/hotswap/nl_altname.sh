#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A request may name the device by an alternative name, up to
# ALTIFNAMSIZ - 1 characters (NETHOTSWAP_IFNAME_MAX_LEN); replies give
# the interface's name.

source "$(dirname "$0")/lib.sh"
require_harness
independent_of_dut_driver

altname=nhs-device-under-test-with-a-long-altname
trap 'ip link property del dev "$NHS_DUT" altname "$altname" 2>/dev/null' EXIT

ktap_print_header
ktap_set_plan 4

load_build "$NHS_DRV_NEXT"
check "add_altname" ip link property add dev "$NHS_DUT" altname "$altname"

show_by_altname() {
	nethotswap -j dev show "$altname" | jq -e --arg ifname "$NHS_DUT" '
		length == 1 and .[0].ifname == $ifname' >/dev/null
}
check "dev_show_by_altname" show_by_altname

swap_by_altname() {
	nethotswap -j swap "$altname" to "$NHS_DRV_NEXT" | jq -e --arg ifname "$NHS_DUT" '
		.[0].ifname == $ifname and .[0].last_result.outcome == "completed"' >/dev/null &&
		[ "$(dut_driver)" = "$NHS_DRV_NEXT" ] &&
		nethotswap swap "$altname" to "$NHS_DRV" >/dev/null &&
		[ "$(dut_driver)" = "$NHS_DRV" ]
}
check "swap_by_altname" swap_by_altname

check "ping_after_swaps" ping_ok

ktap_finished
