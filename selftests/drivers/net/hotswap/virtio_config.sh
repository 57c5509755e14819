#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Each configuration of the virtio DUT survives a swap between virtio_net
# and virtio_net_v2, as ethtool, ip and the traffic see it: queue pairs
# (ethtool -L), offloads (-K), TX NAPI off (-C), MTU 9000, a VLAN,
# promiscuous and all-multicast mode, an XDP program that passes or drops
# every frame (its counters keep going).  A device-bound XDP program,
# whose metadata calls were resolved to one build's functions, is refused
# by check and swap with the reason, and nothing changes.

# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
require_harness
requires_family virtio_net

VID=10 VLAN_DUT_IP=198.51.100.1 VLAN_PEER_IP=198.51.100.2

tmp=$(mktemp -d)
cleanup() {
	ip link set "$NHS_DUT" xdp off 2>/dev/null
	ip link del "$NHS_DUT.$VID" 2>/dev/null
	peer ip link del "$NHS_PEER.$VID" 2>/dev/null
	ip link set dev "$NHS_DUT" mtu 1500 promisc off allmulticast off 2>/dev/null
	peer ip link set "$NHS_PEER" mtu 1500 2>/dev/null
	ethtool -L "$NHS_DUT" combined 2 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

ktap_print_header
ktap_set_plan 16

load_build "$NHS_DRV_NEXT"
kmsg_mark

# settings: what ethtool and ip say of the DUT's configuration
settings() {
	{
		ethtool -l "$NHS_DUT" | sed -n '/^Current/,$p'
		ethtool -k "$NHS_DUT" | grep -v fixed
		ethtool -c "$NHS_DUT"
		ip -d link show "$NHS_DUT" | sed -n '1p' | sed 's/^[0-9]*: //; s/ state [A-Z]*//'
	} 2>&1
}

# kept_over_swap CMD...: CMD configured the DUT; a swap keeps what
# settings show, and the DUT answers after it.
kept_over_swap() {
	local before after
	"$@" || { ktap_print_msg "$* failed"; return 1; }
	wait_until 10 dut_carrier || return 1
	before=$(settings)
	swap_other || return 1
	after=$(settings)
	if [ "$before" != "$after" ]; then
		diff <(echo "$before") <(echo "$after") | diag "  "
		return 1
	fi
	answers_within 10
}

check "one_queue_pair_kept" kept_over_swap ethtool -L "$NHS_DUT" combined 1
check "two_queue_pairs_kept" kept_over_swap ethtool -L "$NHS_DUT" combined 2
check "offloads_kept" kept_over_swap ethtool -K "$NHS_DUT" tx off gro off
ethtool -K "$NHS_DUT" tx on gro on

tx_napi_off() {
	ip link set "$NHS_DUT" down &&
		ethtool -C "$NHS_DUT" tx-frames 0 &&
		ip link set "$NHS_DUT" up
}
if ethtool -c "$NHS_DUT" 2>/dev/null | grep -q '^tx-frames:'; then
	check "tx_napi_off_kept" kept_over_swap tx_napi_off
	ip link set "$NHS_DUT" down
	ethtool -C "$NHS_DUT" tx-frames 1
	ip link set "$NHS_DUT" up
	dut_configure
else
	ktap_test_skip "tx_napi_off_kept"
fi

jumbo() {
	peer ip link set "$NHS_PEER" mtu 9000 && ip link set "$NHS_DUT" mtu 9000
}
check "mtu_9000_kept" kept_over_swap jumbo
check "jumbo_ping_after_swap" jumbo_ping
ip link set "$NHS_DUT" mtu 1500
peer ip link set "$NHS_PEER" mtu 1500

vlan() {
	ip link add link "$NHS_DUT" name "$NHS_DUT.$VID" type vlan id "$VID" &&
		ip addr add "$VLAN_DUT_IP/24" dev "$NHS_DUT.$VID" &&
		ip link set "$NHS_DUT.$VID" up &&
		peer ip link add link "$NHS_PEER" name "$NHS_PEER.$VID" type vlan id "$VID" &&
		peer ip addr add "$VLAN_PEER_IP/24" dev "$NHS_PEER.$VID" &&
		peer ip link set "$NHS_PEER.$VID" up
}
check "vlan_kept" kept_over_swap vlan
check "ping_over_vlan_after_swap" timeout 20 ping -q -c 2 -i 0.2 -w 10 "$VLAN_PEER_IP"

check "promisc_allmulti_kept" kept_over_swap ip link set dev "$NHS_DUT" promisc on allmulticast on
ip link set dev "$NHS_DUT" promisc off allmulticast off

# xdp_count NAME: the sum over the receive queues of rxN_NAME
xdp_count() {
	ethtool -S "$NHS_DUT" | awk -v n="$1" '$1 ~ "^rx[0-9]+_" n ":$" { s += $2 } END { print s + 0 }'
}

# xdp_counts_on ACTION COUNTER: a program doing ACTION attached, a swap;
# the program is still attached, and its counter goes up after the swap.
xdp_counts_on() {
	local err before

	if ! err=$(./xdp_attach "$NHS_DUT" "$1" 2>&1); then
		ktap_print_msg "xdp_attach $1: $err"
		return 1
	fi
	swap_other || return 1
	ip -d link show "$NHS_DUT" | grep -q 'prog/xdp' ||
		{ ktap_print_msg "no XDP program after the swap"; return 1; }
	before=$(xdp_count "$2")
	peer ping -q -c 10 -i 0.05 -W 1 "$NHS_DUT_IP" >/dev/null 2>&1
	ktap_print_msg "XDP $1: $2 $before -> $(xdp_count "$2") over 10 pings"
	[ "$(xdp_count "$2")" -ge $((before + 10)) ]
}
check "xdp_pass_counts_after_swap" xdp_counts_on pass xdp_packets
check "ping_through_xdp_pass" answers_within 10
check "xdp_drop_counts_after_swap" xdp_counts_on drop xdp_drops
ip link set "$NHS_DUT" xdp off
check "ping_after_xdp_detached" answers_within 10

# A refusal names its reason, and the DUT stays as it was
refused_dev_bound() {
	local err driver

	if ! err=$(./xdp_attach "$NHS_DUT" pass dev-bound 2>&1); then
		ktap_print_msg "xdp_attach dev-bound: $err"
		return 1
	fi
	driver=$(dut_driver)
	err=$(nethotswap check "$NHS_DUT" to "$(other_build)" 2>&1) &&
		{ ktap_print_msg "check passed"; return 1; }
	ktap_print_msg "check: $err"
	[[ $err == *device-bound* ]] || return 1
	err=$(nethotswap swap "$NHS_DUT" to "$(other_build)" 2>&1) &&
		{ ktap_print_msg "swap went through"; return 1; }
	ktap_print_msg "swap: $err"
	[[ $err == *device-bound* ]] && [ "$(dut_driver)" = "$driver" ]
}
check "device_bound_xdp_refused" refused_dev_bound
ip link set "$NHS_DUT" xdp off

check "back_on_base_and_next_unloads" back_to_base
check "no_splat" no_splat_since_mark

ktap_finished
