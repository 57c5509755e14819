#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# "nethotswap swap driver" over two devices of one driver: the DUT, under
# an iperf3 stream, and the spare NIC of the DUT's model (NHS_SPARE_PCI),
# bound to $NHS_DRV for this test.  The reply lists every device with its
# result.  When the second device fails, the first stays moved and is
# reported completed, and the second is rolled back to the build it had.

source "$(dirname "$0")/lib.sh"
require_harness

if [ -z "${NHS_SPARE_PCI:-}" ]; then
	ktap_skip_all "needs a second NIC of the DUT's model: VM_SPARE_NIC=1, as make check runs"
	exit "$KSFT_SKIP"
fi

DRV=$NHS_DRV NEXT=$NHS_DRV_NEXT
tmp=$(mktemp -d)
quiesce=/sys/kernel/debug/nethotswap/fail_quiesce
spare=/sys/bus/pci/devices/$NHS_SPARE_PCI
cleanup() {
	local drv

	jobs -p | xargs -r kill 2>/dev/null
	echo 0 > "$quiesce/times"
	echo 0 > "$quiesce/space"
	[ "$(dut_driver)" = "$DRV" ] || hotswap_to "$DRV"
	drv=$(bus_driver "$NHS_SPARE_PCI") &&
		echo "$NHS_SPARE_PCI" > "/sys/bus/pci/drivers/$drv/unbind"
	echo none > "$spare/driver_override"
	rm -rf "$tmp"
}
trap cleanup EXIT

ktap_print_header
ktap_set_plan 10

load_build "$NEXT"
kmsg_mark
dut_identity > "$tmp/identity.before"

bind_spare() {
	echo > "$spare/driver_override" &&
		echo "$NHS_SPARE_PCI" > "/sys/bus/pci/drivers/$DRV/bind" &&
		wait_until 10 bus_netdev "$NHS_SPARE_PCI" >/dev/null &&
		SPARE=$(bus_netdev "$NHS_SPARE_PCI") &&
		ip link set "$SPARE" up &&
		ktap_print_msg "spare: $SPARE at $NHS_SPARE_PCI"
}
check "spare_bound_to_$DRV" bind_spare

bounded_stream_start "$tmp/tcp.json" 15
sleep 2

# outcomes FILE: the reply in FILE, a device a line.
outcomes() {
	jq -c '.[] | [.ifname, .last_result.outcome, .last_result.phase,
		      .last_result.from, .last_result.to]' "$1" | diag "  "
}

# serves DEV BUILD: BUILD serves DEV and is bound to its PCI device.
serves() {
	[ "$(cat "/sys/class/net/$1/hotswap/driver")" = "$2" ] &&
		[ "$(bus_driver "$(link_name "/sys/class/net/$1/device")")" = "$2" ]
}

# swap_both FROM TO: both devices move, each reported completed.
swap_both() {
	nethotswap -j swap driver "$1" to "$2" > "$tmp/reply.json" || return 1
	outcomes "$tmp/reply.json"
	jq -e --arg dut "$NHS_DUT" --arg spare "$SPARE" \
		--arg from "$1" --arg to "$2" '
		length == 2 and
		(map(.ifname) | sort) == ([$dut, $spare] | sort) and
		all(.[]; .last_result.outcome == "completed" and
			 .last_result.error == 0 and
			 .last_result.from == $from and .last_result.to == $to)' \
		"$tmp/reply.json" >/dev/null &&
		serves "$NHS_DUT" "$2" && serves "$SPARE" "$2"
}
check "swap_driver_moves_both_devices" swap_both "$DRV" "$NEXT"
check "swap_driver_moves_both_back" swap_both "$NEXT" "$DRV"

# The second device's quiesce fails (fault injection: "space" 2 lets the
# first call of size 1 through).  The run stops there: the command fails
# naming the second device, whose old build serves on; the first device
# has moved and the reply says so.
second_fails() {
	local err rc first second

	inject_fault quiesce && echo 2 > "$quiesce/space" || return 1
	err=$(nethotswap -j swap driver "$DRV" to "$NEXT" 2>&1 >"$tmp/reply.json")
	rc=$?
	ktap_print_msg "exit $rc: $err"
	outcomes "$tmp/reply.json"
	first=$(jq -r '.[0].ifname' "$tmp/reply.json")
	second=$(jq -r '.[1].ifname' "$tmp/reply.json")
	[ "$rc" -eq 1 ] &&
		[[ "$err" == "Error: $second: fault injected at quiesce"* ]] &&
		jq -e --arg next "$NEXT" 'length == 2 and
			.[0].last_result.outcome == "completed" and
			.[0].last_result.to == $next and
			.[1].last_result.outcome == "rolled-back" and
			.[1].last_result.phase == "quiesce" and
			.[1].last_result.error == 5' "$tmp/reply.json" >/dev/null &&
		serves "$first" "$NEXT" && serves "$second" "$DRV" &&
		echo "$first $second" > "$tmp/split"
}
check "second_device_fails_first_reported_moved" second_fails

# Each build lists the device it serves after the partial failure.
builds_list_their_device() {
	local first second

	read -r first second < "$tmp/split" || return 1
	[ "$(nethotswap -j driver show "$NEXT" | jq -r '[.[0].devices[].ifname] | join(" ")')" = "$first" ] &&
		[ "$(nethotswap -j driver show "$DRV" | jq -r '[.[0].devices[].ifname] | join(" ")')" = "$second" ]
}
check "each_build_lists_the_device_it_serves" builds_list_their_device

# A second run moves what is left on the old build: the first device.
rest_moves_back() {
	local first

	read -r first _ < "$tmp/split" || return 1
	nethotswap -j swap driver "$NEXT" to "$DRV" > "$tmp/reply.json" &&
		outcomes "$tmp/reply.json" &&
		jq -e --arg first "$first" 'length == 1 and
			.[0].ifname == $first and
			.[0].last_result.outcome == "completed"' \
			"$tmp/reply.json" >/dev/null &&
		serves "$NHS_DUT" "$DRV" && serves "$SPARE" "$DRV"
}
check "swap_driver_moves_the_rest_back" rest_moves_back

check "tcp_stream_completes" stream_finish "$tmp/tcp.json"
check "dut_identity_unchanged" cmp -s "$tmp/identity.before" <(dut_identity)

park_spare() {
	echo "$NHS_SPARE_PCI" > "/sys/bus/pci/drivers/$DRV/unbind" &&
		echo none > "$spare/driver_override" &&
		! bus_driver "$NHS_SPARE_PCI" >/dev/null &&
		[ ! -e "/sys/class/net/$SPARE" ]
}
check "spare_unbound_again" park_spare
check "no_kernel_splat" no_splat_since_mark

ktap_finished
