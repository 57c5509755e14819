#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# An unbind of the DUT from its bus driver racing a swap, several rounds,
# the unbind a little later into the swap each round so that it lands
# before, in and after the swap's phases; odd rounds swap through sysfs,
# even rounds through netlink.  Nothing hangs.  After each round the device is bound to
# $NHS_DRV again and configured as before (an unbind removes the
# net_device: it comes back with a new ifindex), and the peer answers.

# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
require_harness

tmp=$(mktemp -d)
NAP_FIFO=$tmp/nap
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$tmp"' EXIT

ktap_print_header
ktap_set_plan 5

bus_dev=$(dut_bus_dev)
load_build "$NHS_DRV_NEXT"

# "now": the unbind does not wait for the swap; otherwise it waits until
# the swap is under way, then 0, 1/5, ... 4/5 of a swap's duration.
hotswap_to "$NHS_DRV_NEXT" && hotswap_to "$NHS_DRV"
total_ns=$(hotswap_attr last_total_ns)
read -ra DELAYS <<< "now $(awk -v t="${total_ns:-50000000}" \
	'BEGIN { for (i = 0; i < 5; i++) printf "%.4f ", i * t / 5e9 }')"
ktap_print_msg "a swap takes $((${total_ns:-0} / 1000)) us: unbinds at ${DELAYS[*]} s"

# sysfs_swap TO / nl_swap TO: a swap, its outcome in $tmp/swap.
sysfs_swap() {
	local err
	err=$(hotswap_error "$1")
	echo "sysfs swap to $1: ${err:-ok}" > "$tmp/swap"
}
nl_swap() {
	local err
	err=$(timeout 60 nethotswap swap "$NHS_DUT" to "$1" 2>&1 >/dev/null)
	echo "netlink swap to $1: exit $?${err:+, $err}" > "$tmp/swap"
}

# unbind DELAY FROM: the DUT unbound from FROM, DELAY seconds into the
# swap (no fork between seeing the swap and the write); its outcome in
# $tmp/unbind.
unbind() {
	local err when=now
	if [ "$1" != now ]; then
		when="not seen swapping"
		wait_swapping 5 && nap "$1" && when="$1 s into the swap"
	fi
	echo "$bus_dev" 2> "$tmp/unbind.err" > "/sys/bus/$NHS_BUS/drivers/$2/unbind"
	err=$(sed 's/.*: //' "$tmp/unbind.err")
	echo "unbind from $2 $when: ${err:-ok}" > "$tmp/unbind"
}

rounds=0 hung=0 restored=0
for delay in "${DELAYS[@]}"; do
	rounds=$((rounds + 1))
	from=$(dut_driver) to=$(other_build)
	unbind "$delay" "$from" &
	unbinder=$!
	if [ $((rounds % 2)) -eq 1 ]; then
		sysfs_swap "$to" &
	else
		nl_swap "$to" &
	fi
	if ! wait_bounded 60 "$!" "$unbinder"; then
		hung=1
		break
	fi
	ktap_print_msg "round $rounds: $(cat "$tmp/swap"); $(cat "$tmp/unbind");" \
		"bound to ${bus_dev}: $(bus_driver "$bus_dev" || echo none)"
	if dut_restore "$bus_dev"; then
		restored=$((restored + 1))
	else
		ktap_print_msg "round $rounds: $bus_dev not restored to $NHS_DRV"
		dut_dump
	fi
done
check "no_hang_in_${#DELAYS[@]}_rounds" [ "$hung" -eq 0 ]
check "bound_to_${NHS_DRV}_and_reachable_after_every_round" [ "$restored" -eq "${#DELAYS[@]}" ]

served_by_base() {
	dut_consistent && [ "$(dut_driver)" = "$NHS_DRV" ]
}
check "dut_served_by_$NHS_DRV" served_by_base

traffic() {
	bounded_stream_start "$tmp/tcp.json" 3 && stream_ok "$tmp/tcp.json"
}
check "tcp_stream_after_rounds" traffic
check "${NHS_DRV_NEXT}_unused_and_unloads" rmmod "$NHS_DRV_NEXT"

ktap_finished
