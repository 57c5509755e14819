#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Bad swap requests through "nethotswap" fail with exit status 1 and the
# kernel's reason as "Error: ...", and change nothing: $NHS_DRV keeps
# serving the DUT, which keeps its identity.  Requests that never reach a
# swap (malformed, unknown device or target, refused by a check, no
# permission) leave even the last result alone.  A bad command line is exit status 2.

source "$(dirname "$0")/lib.sh"
require_harness
independent_of_dut_driver

tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; chmod 0200 "$swap_attr"; rm -rf "$tmp"' EXIT
swap_attr=/sys/class/net/$NHS_DUT/hotswap/swap

ktap_print_header
ktap_set_plan 21

DRV=$NHS_DRV NEXT=$NHS_DRV_NEXT
load_build "$NEXT"
dut_identity > "$tmp/identity.before"
tx_before=$(dut_stat tx_packets)

unchanged() {
	[ "$(dut_driver)" = "$DRV" ] &&
		dut_identity | cmp -s "$tmp/identity.before" -
}

# refused ERROR COMMAND...: COMMAND exits with 1 after printing ERROR, and
# the DUT is unchanged.
refused() {
	local want=$1 err rc
	shift
	err=$("$@" 2>&1 >/dev/null)
	rc=$?
	ktap_print_msg "$* -> $rc: $err"
	[ "$rc" -eq 1 ] && [ "$err" = "$want" ] && unchanged
}

# rejected ERROR COMMAND...: refused before any swap began, so the DUT's
# last result (every last_* file) is the one from before.
rejected() {
	local last
	last=$(hotswap_last)
	refused "$@" && [ "$(hotswap_last)" = "$last" ]
}

dut=$NHS_DUT
long_name=$(printf 'x%.0s' $(seq 128))

check "reject_unknown_device" \
	rejected "Error: no device no_such_dev (No such device)" \
	nethotswap swap no_such_dev to "$NEXT"
check "reject_device_of_other_netns" \
	rejected "Error: no device $dut (No such device)" \
	peer nethotswap swap "$dut" to "$NEXT"
check "reject_device_without_hotswap" \
	rejected "Error: $NHS_PEER is not driven by a hotswap-capable driver (Operation not supported)" \
	peer nethotswap swap "$NHS_PEER" to "$NEXT"
check "reject_too_long_device_name" \
	rejected "Error: Attribute failed policy validation: device name is at most 127 characters (Invalid argument)" \
	nethotswap swap "$long_name" to "$NEXT"
check "reject_too_long_target_name" \
	rejected "Error: Attribute failed policy validation: target driver name is at most 55 characters (Invalid argument)" \
	nethotswap swap "$dut" to "${long_name:0:56}"
check "reject_zero_timeout" \
	rejected "Error: integer out of range: timeout must be 1..10000 (Numerical result out of range)" \
	nethotswap swap "$dut" to "$NEXT" timeout 0
check "reject_too_long_timeout" \
	rejected "Error: integer out of range: timeout must be 1..10000 (Numerical result out of range)" \
	nethotswap swap "$dut" to "$NEXT" timeout 10001
check "reject_unknown_source_driver" \
	rejected "Error: no hotswap-capable driver no_such_driver is loaded (No such file or directory)" \
	nethotswap swap driver no_such_driver to "$NEXT"
check "reject_source_driver_without_devices" \
	rejected "Error: $NEXT drives no device in this network namespace (No such device)" \
	nethotswap swap driver "$NEXT" to "$DRV"

check "refuse_unknown_module" \
	rejected "Error: no driver no_such_driver on bus pci (module not loaded?) (No such file or directory)" \
	nethotswap swap "$dut" to no_such_driver
# The peer's driver: a PCI driver (built in: always registered) that is
# not hotswap-capable.
check "refuse_not_hotswap_capable_driver" \
	rejected "Error: $NHS_PEER_DRV is not hotswap-capable (Operation not supported)" \
	nethotswap swap "$dut" to "$NHS_PEER_DRV"
check "refuse_same_driver" \
	rejected "Error: $dut is already driven by $DRV (Operation already in progress)" \
	nethotswap swap "$dut" to "$DRV"
check "refuse_same_driver_by_driver" \
	rejected "Error: $dut is already driven by $DRV (Operation already in progress)" \
	nethotswap swap driver "$DRV" to "$DRV"

# Swapping needs CAP_NET_ADMIN; looking does not (see nl_show.sh).
check "reject_unprivileged_netlink_swap" \
	rejected "Error: Operation not permitted" \
	su nobody -s /bin/sh -c "exec nethotswap swap $dut to $NEXT"

# sysfs: the file is root's; and with write access, the capability check.
sysfs_error() {
	su nobody -s /bin/sh -c "echo $NEXT > $swap_attr" 2>&1 |
		sed 's/.*: //'
}
unprivileged_sysfs() {
	local last err1 err2
	last=$(hotswap_last)
	err1=$(sysfs_error)
	chmod a+w "$swap_attr"
	err2=$(sysfs_error)
	chmod 0200 "$swap_attr"
	ktap_print_msg "sysfs as nobody: \"$err1\", with write access: \"$err2\""
	[ "$err1" = "Permission denied" ] &&
		[ "$err2" = "Operation not permitted" ] && unchanged &&
		[ "$(hotswap_last)" = "$last" ]
}
check "reject_unprivileged_sysfs_swap" unprivileged_sysfs

# Swaps back and forth in the background, until told to stop; a request
# meanwhile finds the device busy, or (in between) refused as not
# hotswap-capable.
busy_while_swapping() {
	local i err busy=0
	(
		for i in $(seq 20); do
			[ -e "$tmp/stop_swapping" ] && break
			nethotswap swap "$dut" to "$NEXT" &&
				nethotswap swap "$dut" to "$DRV"
		done
	) > "$tmp/swapper.log" 2>&1 &
	local swapper=$!
	for i in $(seq 200); do
		err=$(nethotswap swap "$dut" to "$NHS_PEER_DRV" 2>&1 >/dev/null)
		case $err in
		"Error: $dut is busy: a swap or driver (un)binding is in progress (Device or resource busy)")
			busy=1
			break
			;;
		"Error: $NHS_PEER_DRV is not hotswap-capable (Operation not supported)")
			;;
		*)
			ktap_print_msg "unexpected: $err"
			break
			;;
		esac
	done
	: > "$tmp/stop_swapping"
	wait "$swapper"
	[ "$(dut_driver)" = "$DRV" ] || hotswap_to "$DRV"
	ktap_print_msg "busy after $i request(s)"
	[ "$busy" -eq 1 ] || diag "the swapper said: " < "$tmp/swapper.log"
	[ "$busy" -eq 1 ] && unchanged
}
check "refuse_swap_while_one_runs" busy_while_swapping

usage_error() {
	local err rc
	err=$("$@" 2>&1 >/dev/null)
	rc=$?
	ktap_print_msg "$* -> $rc: $err"
	[ "$rc" -eq 2 ] && [[ "$err" == "Error: "* ]] && unchanged
}
check "usage_error_missing_target" usage_error nethotswap swap "$dut"
check "usage_error_timeout_not_a_number" \
	usage_error nethotswap swap "$dut" to "$NEXT" timeout 1s
check "usage_error_unknown_object" usage_error nethotswap frobnicate

check "ping_after_refusals" ping_ok
check "counters_still_move" [ "$(dut_stat tx_packets)" -gt "$tx_before" ]

ktap_finished
