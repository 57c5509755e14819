#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# "nethotswap dev show" and "nethotswap driver show": readable text, JSON
# that says what sysfs says, for anyone, and only about the devices of the
# caller's network namespace.

source "$(dirname "$0")/lib.sh"
require_harness

ktap_print_header
ktap_set_plan 10

load_build "$NHS_DRV_NEXT"
ifindex=$(cat "/sys/class/net/$NHS_DUT/ifindex")
bus_addr=$(dut_bus_dev)

text_names_dut() {
	local out
	out=$(nethotswap dev show)
	ktap_print_msg "$out"
	echo "$out" | grep -qx "$ifindex: $NHS_DUT: $NHS_BUS/$bus_addr driver $NHS_DRV version $(hotswap_attr version) state idle"
}
check "dev_show_text_names_dut" text_names_dut

dev_json_matches_sysfs() {
	nethotswap -j dev show "$NHS_DUT" | jq -e --argjson ifindex "$ifindex" \
		--arg ifname "$NHS_DUT" --arg bus_addr "$bus_addr" \
		--arg bus "$NHS_BUS" --arg driver "$(hotswap_attr driver)" \
		--arg version "$(hotswap_attr version)" '
		length == 1 and .[0].ifindex == $ifindex and
		.[0].ifname == $ifname and .[0].bus_name == $bus and
		.[0].bus_addr == $bus_addr and .[0].driver == $driver and
		.[0].driver_version == $version and .[0].state == "idle"' >/dev/null
}
check "dev_show_json_matches_sysfs" dev_json_matches_sysfs

dump_is_one_document() {
	nethotswap -j dev show | jq -se --arg ifname "$NHS_DUT" '
		length == 1 and (.[0] | type == "array") and
		any(.[0][]; .ifname == $ifname)' >/dev/null &&
	nethotswap -j -p dev show | jq -se 'length == 1' >/dev/null
}
check "dev_dump_json_one_document_plain_and_pretty" dump_is_one_document

driver_json_matches_sysfs() {
	nethotswap -j driver show | jq -e --argjson ifindex "$ifindex" \
		--arg ifname "$NHS_DUT" --arg family "$(hotswap_attr family)" \
		--argjson state "$(hotswap_attr state_version)" --arg drv "$NHS_DRV" '
		map(select(.name == $drv)) | length == 1 and
		(.[0] | has("module") | not) and .[0].family == $family and
		.[0].state_version == $state and
		.[0].state_min <= .[0].state_version and
		.[0].devices == [{ "ifindex": $ifindex, "ifname": $ifname }]' >/dev/null
}
check "driver_show_json_matches_sysfs" driver_json_matches_sysfs

idle_build_has_no_devices() {
	nethotswap -j driver show "$NHS_DRV_NEXT" | jq -e --arg next "$NHS_DRV_NEXT" '
		length == 1 and .[0].name == $next and
		.[0].devices == []' >/dev/null &&
	nethotswap driver show "$NHS_DRV_NEXT" | grep -qx '    devices none'
}
check "driver_show_idle_build" idle_build_has_no_devices

# After a round trip, the last result is the swap back, as sysfs has it.
last_result_matches_sysfs() {
	hotswap_to "$NHS_DRV_NEXT" && hotswap_to "$NHS_DRV" || return 1
	nethotswap -j dev show "$NHS_DUT" | jq -e \
		--argjson blackout "$(hotswap_attr last_blackout_ns)" \
		--argjson total "$(hotswap_attr last_total_ns)" \
		--argjson attempts "$(hotswap_attr last_attempts)" \
		--arg drv "$NHS_DRV" --arg next "$NHS_DRV_NEXT" '
		.[0].last_result | .error == 0 and .outcome == "completed" and
		.from == $next and
		.to == $drv and .blackout_ns == $blackout and
		.total_ns == $total and .attempts == $attempts and
		(has("phase") | not) and (has("msg") | not)' >/dev/null
}
check "last_result_json_matches_sysfs" last_result_matches_sysfs

# Text: microseconds with one decimal, as the sysfs nanoseconds say.
last_result_text() {
	local out blackout
	out=$(nethotswap dev show "$NHS_DUT")
	ktap_print_msg "$(echo "$out" | tail -n 2)"
	blackout=$(awk '{ printf "%.1f", $1 / 1000 }' \
		"/sys/class/net/$NHS_DUT/hotswap/last_blackout_ns")
	echo "$out" | grep -qx "    last swap $NHS_DRV_NEXT -> $NHS_DRV: completed" &&
		echo "$out" | grep -Eq "^        prepare [0-9]+\.[0-9]us quiesce [0-9]+\.[0-9]us handover [0-9]+\.[0-9]us blackout $blackout""us rebind [0-9]+\.[0-9]us total [0-9]+\.[0-9]us attempts [0-9]+$"
}
check "last_result_text_in_microseconds" last_result_text

check "unprivileged_user_can_show" \
	su nobody -s /bin/sh -c "nethotswap -j dev show $NHS_DUT | jq -e 'length == 1' >/dev/null"

# The DUT is in the initial namespace: the peer's sees neither it nor,
# in a driver's device list, its name.
other_netns_sees_nothing() {
	[ "$(peer nethotswap -j dev show)" = "[]" ] &&
		peer nethotswap -j driver show "$NHS_DRV" |
		jq -e '.[0].devices == []' >/dev/null
}
check "other_netns_sees_no_device" other_netns_sees_nothing

unknown_dev_fails() {
	local err
	err=$(nethotswap dev show no_such_dev 2>&1)
	[ $? -eq 1 ] && [ "$err" = "Error: no device no_such_dev (No such device)" ]
}
check "show_unknown_device_fails" unknown_dev_fails

ktap_finished
