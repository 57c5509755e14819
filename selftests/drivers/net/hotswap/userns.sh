#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A swap needs CAP_NET_ADMIN in the initial user namespace: root of a
# user namespace ("unshare -Ur", all capabilities there) gets EPERM from
# the sysfs trigger and from netlink, and changes nothing.  Looking is
# open to it.

source "$(dirname "$0")/lib.sh"
require_harness
independent_of_dut_driver

ktap_print_header
ktap_set_plan 4

load_build "$NHS_DRV_NEXT"
swap_attr=/sys/class/net/$NHS_DUT/hotswap/swap
last_before=$(hotswap_last)

unchanged() {
	[ "$(dut_driver)" = "$NHS_DRV" ] && [ "$(hotswap_last)" = "$last_before" ]
}

userns_sysfs() {
	local err
	# Root inside maps to root outside: the file's mode lets it write,
	# the capability check must not.
	err=$(unshare -U -r /bin/sh -c "echo $NHS_DRV_NEXT > $swap_attr" 2>&1)
	ktap_print_msg "sysfs from a user namespace: \"$err\""
	[[ "$err" == *"Operation not permitted" ]] && unchanged
}
check "userns_sysfs_swap_eperm" userns_sysfs

# userns_netlink CMD: "nethotswap CMD DUT to $NHS_DRV_NEXT" from a user
# namespace is refused with EPERM and changes nothing.
userns_netlink() {
	local err rc
	err=$(unshare -U -r nethotswap "$1" "$NHS_DUT" to "$NHS_DRV_NEXT" 2>&1 >/dev/null)
	rc=$?
	ktap_print_msg "$1 from a user namespace: $rc \"$err\""
	[ "$rc" -eq 1 ] && [[ "$err" == "Error: Operation not permitted"* ]] &&
		unchanged
}
check "userns_netlink_swap_eperm" userns_netlink swap
check "userns_netlink_check_eperm" userns_netlink check

check "userns_can_show" \
	unshare -U -r sh -c "nethotswap -j dev show $NHS_DUT | jq -e 'length == 1' >/dev/null"

ktap_finished
