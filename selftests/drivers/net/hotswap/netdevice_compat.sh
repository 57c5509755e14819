#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The kernel's own net/netdevice.sh gives the same results on the DUT
# under either build: run under $NHS_DRV, swapped to $NHS_DRV_NEXT, run
# again.  It tests every ethN and enpXsY of the namespace: an interface
# that is up it leaves up and toggles each of its features off, on and
# back; one that is down it brings up, gives the MAC address
# 02:03:04:05:06:07, toggles its features and takes down.  Each build
# runs it both ways, the DUT up as the harness set it up and the DUT down
# (afterwards its MAC address and configuration are restored).  The
# DUT's PASS, FAIL, SKIP and XFAIL lines, the features that differ after
# a run from before it and the script's exit status must be the same
# under both builds.
#
# netdevice.sh comes from the kernel tree: scripts/mkinitramfs.sh copies
# it into the image as /kselftest/net/netdevice.sh; without it the test
# is skipped.

# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
require_harness
long_test

NETDEVICE_SH=
for f in "$(dirname "$0")/../../../net/netdevice.sh" /kselftest/net/netdevice.sh; do
	if [ -f "$f" ]; then
		NETDEVICE_SH=$f
		break
	fi
done
if [ -z "$NETDEVICE_SH" ]; then
	ktap_skip_all "no net/netdevice.sh from the kernel's selftests in /kselftest/net (scripts/mkinitramfs.sh)"
	exit "$KSFT_SKIP"
fi

# The interfaces netdevice.sh tests, found as it finds them.
tested_ifaces() {
	ip link show | grep '^[0-9]' |
		grep -oE '[[:space:]].*eth[0-9]*:|[[:space:]].*enp[0-9]s[0-9]:' |
		cut -d' ' -f2 | cut -d: -f1
}
if ! tested_ifaces | grep -qx "$NHS_DUT"; then
	ktap_skip_all "netdevice.sh tests ethN and enpXsY interfaces only, not $NHS_DUT"
	exit "$KSFT_SKIP"
fi

tmp=$(mktemp -d)
cleanup() {
	ip link set dev "$NHS_DUT" address "$DUT_MAC" 2>/dev/null
	dut_configure >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT

ktap_print_header
ktap_set_plan 8

DUT_MAC=$(attr "/sys/class/net/$NHS_DUT/address")
others=$(tested_ifaces | grep -vx "$NHS_DUT" | tr '\n' ' ')
[ -n "$others" ] && ktap_print_msg "netdevice.sh also tests: $others"

# run LABEL: netdevice.sh, its lines about the DUT, the features a run
# changed and its exit status in $tmp/LABEL.results.
run() {
	local out=$tmp/$1 rc

	ethtool -k "$NHS_DUT" > "$out.features_before" 2>&1
	timeout 120 sh "$NETDEVICE_SH" > "$out.log" 2>&1
	rc=$?
	ethtool -k "$NHS_DUT" > "$out.features_after" 2>&1
	{
		grep -E "^(PASS|FAIL|SKIP|XFAIL): $NHS_DUT: " "$out.log"
		diff "$out.features_before" "$out.features_after" | grep '^[<>]' |
			sed 's/^/features changed: /'
		echo "exit status $rc"
	} > "$out.results"
	ktap_print_msg "$1, under $(dut_driver): $(grep -c '^PASS' "$out.results") PASS," \
		"$(grep -c '^FAIL' "$out.results") FAIL, $(grep -c '^SKIP' "$out.results") SKIP," \
		"$(grep -c '^XFAIL' "$out.results") XFAIL, exit status $rc"
	grep -E '^(FAIL|features changed)' "$out.results" | diag "  "
}

# run_down LABEL: run with the DUT down, then give it back its address,
# configuration and link; true once the peer answers.
run_down() {
	ip link set "$NHS_DUT" down
	run "$1"
	ip link set "$NHS_DUT" down
	ip link set dev "$NHS_DUT" address "$DUT_MAC" &&
		dut_configure && dut_consistent && ping_ok 2
}

# covers LABEL: the run tested the DUT, and passed something.
covers() {
	grep -q "^PASS: $NHS_DUT: " "$tmp/$1.results"
}

# same LABEL_A LABEL_B: both runs gave the same results.
same() {
	covers "$1" && cmp -s "$tmp/$1.results" "$tmp/$2.results" && return 0
	diff "$tmp/$1.results" "$tmp/$2.results" | diag "  "
	return 1
}

load_build "$NHS_DRV_NEXT"
kmsg_mark

run base_up
check "dut_up_tested_under_base" covers base_up
base_down() {
	run_down base_down && covers base_down
}
check "dut_down_tested_under_base_and_restored" base_down

swap_next() {
	hotswap_to "$NHS_DRV_NEXT" && dut_consistent && [ "$(dut_driver)" = "$NHS_DRV_NEXT" ]
}
check "swap_to_next" swap_next

run next_up
check "same_results_dut_up_under_next" same base_up next_up
next_down() {
	run_down next_down && same base_down next_down
}
check "same_results_dut_down_under_next_and_restored" next_down

check "mac_address_unchanged" [ "$(attr "/sys/class/net/$NHS_DUT/address")" = "$DUT_MAC" ]
check "no_splat" no_splat_since_mark
check "back_on_base_and_next_unloads" back_to_base

ktap_finished
