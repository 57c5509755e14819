#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Multicast joins and leaves and allmulticast toggles racing swaps back
# and forth: afterwards the chip's multicast filter is what the driver
# programs for the DUT's flags and "ip maddr show".  An rx mode change
# lost in a swap's blackout shows as a filter that does not match.
#
#   rtl8139  MAR0..MAR7, as 8139too programs them: the bit
#            ether_crc(addr) >> 26 of each address, or all ones with
#            allmulticast or more than multicast_filter_limit (32)
#            addresses.
#   e1000    the multicast and unicast promiscuous bits of RCTL (MPE
#            with allmulticast or promisc, UPE with promisc); e1000 has
#            no limit on the groups, and its exact filters and hash
#            table are not in the register dump: the groups themselves
#            go unchecked.
#
# Only a ping crosses the DUT: 8139too on QEMU stops receiving when its
# rx mode changes under heavy receive load (issue 8), which is not what
# this test is about.

# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
require_harness
long_test

ROUNDS=8
MC_GROUPS=(01:00:5e:01:02:01 01:00:5e:01:02:02 01:00:5e:01:02:03 01:00:5e:01:02:04
	   01:00:5e:7f:00:05 01:00:5e:7f:00:06 33:33:00:01:02:07 33:33:00:01:02:08)
mapfile -t MANY_GROUPS < <(for i in $(seq 33); do printf '01:00:5e:02:00:%02x\n' "$i"; done)
MCFILTER=$(dirname "$0")/mcfilter
MADDR=$(dirname "$0")/maddr
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$tmp"' EXIT

ktap_print_header
case $NHS_FAMILY in
rtl8139|e1000) ;;
*)
	ktap_skip_all "no way to read the multicast filter of a $NHS_FAMILY chip"
	exit "$KSFT_SKIP"
	;;
esac
ktap_set_plan 7

load_build "$NHS_DRV_NEXT"

# chip_filter: the filter as the chip holds it, from its driver's
# register dump: MAR0..MAR7 (8139too dumps the MMIO window); RCTL's UPE
# (0x8) and MPE (0x10) bits, RCTL being the third word of e1000's dump.
chip_filter() {
	local rctl
	if [ "$NHS_FAMILY" = rtl8139 ]; then
		ethtool -d "$NHS_DUT" raw on | od -An -tx1 -j 8 -N 8 | tr -d ' \n'
		echo
		return
	fi
	rctl=$(ethtool -d "$NHS_DUT" raw on | od -An -tx4 -j 8 -N 4 | tr -d ' \n')
	if [ -z "$rctl" ]; then
		echo "no register dump"
		return 1
	fi
	echo "UPE=$((0x$rctl >> 3 & 1)) MPE=$((0x$rctl >> 4 & 1))"
}

dut_groups() {
	ip maddr show dev "$NHS_DUT" | awk '$1 == "link" { print $2 }'
}

# expected_filter: what the driver programs for the DUT's flags and
# groups.
expected_filter() {
	local flags
	flags=$(cat "/sys/class/net/$NHS_DUT/flags")
	# IFF_PROMISC 0x100, IFF_ALLMULTI 0x200
	if [ "$NHS_FAMILY" = e1000 ]; then
		echo "UPE=$((flags >> 8 & 1)) MPE=$(((flags & 0x300) != 0))"
	elif ((flags & 0x300)) || [ "$(dut_groups | wc -l)" -gt 32 ]; then
		echo ffffffffffffffff
	else
		# shellcheck disable=SC2046 # one address a word
		"$MCFILTER" $(dut_groups)
	fi
}

# filter_open: the chip takes every multicast frame.
filter_open() {
	if [ "$NHS_FAMILY" = e1000 ]; then
		[[ "$(chip_filter)" == *MPE=1 ]]
	else
		[ "$(chip_filter)" = ffffffffffffffff ]
	fi
}

filter_matches() {
	local got want
	got=$(chip_filter) want=$(expected_filter)
	[ "$got" = "$want" ] && return 0
	ktap_print_msg "filter $got, expected $want for flags" \
		"$(cat "/sys/class/net/$NHS_DUT/flags") and $(dut_groups | wc -l) groups:"
	ktap_print_msg "$(dut_groups | tr '\n' ' ')"
	return 1
}

# join GROUP... / leave GROUP...: one rx mode change after the other, as
# "ip maddr" makes them, but from one process: they follow each other
# within the swap's windows, not a fifth of a second apart.
join() {
	"$MADDR" "$NHS_DUT" add "$@"
}

leave() {
	"$MADDR" "$NHS_DUT" del "$@" 2>/dev/null
}

allmulticast() {
	ip link set "$NHS_DUT" allmulticast "$1"
}

# churn ROUND: join all groups, allmulticast on, leave all but ROUND % 8
# of them, allmulticast off in two rounds out of three.
churn() {
	join "${MC_GROUPS[@]}"
	allmulticast on
	leave "${MC_GROUPS[@]:$(($1 % 8))}"
	[ $(($1 % 3)) -eq 0 ] || allmulticast off
}

timeout 300 ping -q -i 0.2 "$NHS_PEER_IP" > "$tmp/ping" &
pinger=$!

swaps_ok=0 matches=0
for round in $(seq $ROUNDS); do
	hotswap_error "$(other_build)" > "$tmp/swap" &
	swap=$!
	wait_swapping 5
	churn "$round"
	wait_bounded 30 "$swap" || break
	err=$(cat "$tmp/swap")
	if [ -n "$err" ]; then
		ktap_print_msg "round $round: swap failed: $err"
	else
		swaps_ok=$((swaps_ok + 1))
	fi
	filter_matches && matches=$((matches + 1))
done
check "all_${ROUNDS}_swaps_succeed" [ "$swaps_ok" -eq "$ROUNDS" ]
check "filter_matches_ip_maddr_after_every_round" [ "$matches" -eq "$ROUNDS" ]

kill -INT "$pinger"
wait "$pinger"
ktap_print_msg "ping during the rounds: $(grep 'packets transmitted' "$tmp/ping")"

# A swap with allmulticast on keeps the filter open; off, it is the hash.
allmulticast_across_swap() {
	allmulticast on
	hotswap_to "$(other_build)" && filter_matches && filter_open &&
		allmulticast off && filter_matches
}
check "allmulticast_on_and_off_across_swap" allmulticast_across_swap

# More groups than 8139too's filter limit open its filter; fewer close it
# again.  e1000 has no limit: its filter stays as the flags say.
many_groups() {
	join "${MANY_GROUPS[@]}"
	hotswap_to "$(other_build)" && filter_matches &&
		{ [ "$NHS_FAMILY" != rtl8139 ] || filter_open; } &&
		leave "${MANY_GROUPS[@]}" && filter_matches
}
check "over_32_groups_across_swap" many_groups

leave "${MC_GROUPS[@]}" "${MANY_GROUPS[@]}"
allmulticast off
check "filter_matches_with_default_groups" filter_matches
check "ping_after_swaps" ping_ok
check "back_on_${NHS_DRV}_and_${NHS_DRV_NEXT}_unloads" back_to_base

ktap_finished
