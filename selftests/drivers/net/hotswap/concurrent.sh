#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A sysfs swap and a netlink swap of the DUT at once, many rounds, under
# an iperf3 stream.  The first request (sysfs or netlink, in turn) asks
# for the build not serving; the second, sent once the first is under
# way, for the same build in odd rounds and for the serving one in even
# rounds.  Each request completes or fails as busy (or, when it came
# after the other was done, as already done), and the driver at the end
# of a round is the one the successes lead to: two swaps to the same
# build cannot both succeed.  device/driver follows hotswap/driver.

# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
require_harness
independent_of_dut_driver

ROUNDS=8
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$tmp"' EXIT

ktap_print_header
ktap_set_plan 8

load_build "$NHS_DRV_NEXT"
bounded_stream_start "$tmp/tcp.json" 20
sleep 1

# sysfs_swap TO / nl_swap TO: the error in $tmp/sysfs or $tmp/netlink,
# empty when the swap completed.  The sysfs write is bash's own echo:
# no fork between seeing the other swap under way and the request.
sysfs_swap() {
	echo "$1" 2> "$tmp/sysfs" > "/sys/class/net/$NHS_DUT/hotswap/swap"
}
nl_swap() {
	timeout 60 nethotswap swap "$NHS_DUT" to "$1" >/dev/null 2> "$tmp/netlink"
}

rounds=0 hung=0 overlapped=0 busy=0 unclear=0 inconsistent=0 split=0
for round in $(seq $ROUNDS); do
	start=$(dut_driver) first_to=$(other_build) second_to=$(other_build)
	[ $((round % 2)) -eq 0 ] && second_to=$start
	if [ $(((round - 1) / 2 % 2)) -eq 0 ]; then
		first=sysfs_swap second=nl_swap sys_to=$first_to nl_to=$second_to
	else
		first=nl_swap second=sysfs_swap sys_to=$second_to nl_to=$first_to
	fi
	rm -f "$tmp/overlap"
	# The second request waits, forked already, for the first one.
	{ wait_swapping 5 && : > "$tmp/overlap"; $second "$second_to"; } &
	pids=($!)
	$first "$first_to" &
	pids+=($!)
	if ! wait_bounded 60 "${pids[@]}"; then
		hung=1
		break
	fi
	[ -e "$tmp/overlap" ] && overlapped=$((overlapped + 1))
	rounds=$round
	sys_err=$(sed 's/.*: //' "$tmp/sysfs") nl_err=$(cat "$tmp/netlink")
	final=$(dut_driver)
	ktap_print_msg "round $round from $start, ${first%_swap} first: sysfs to $sys_to:" \
		"${sys_err:-ok}; netlink to $nl_to: ${nl_err:-ok}; now $final"

	for err in "$sys_err" "$nl_err"; do
		case $err in
		""|*"Operation already in progress"*|*"already driven by"*) ;;
		*busy*) busy=$((busy + 1)) ;;
		*) unclear=$((unclear + 1)) ;;
		esac
	done

	# Where the successes lead: nowhere, to the one target, or, when
	# both succeed, there and back (only if the targets differ).
	want=$start
	if [ -z "$sys_err" ] && [ -z "$nl_err" ]; then
		[ "$sys_to" = "$nl_to" ] && want="nowhere: two swaps to $sys_to"
	elif [ -z "$sys_err" ]; then
		want=$sys_to
	elif [ -z "$nl_err" ]; then
		want=$nl_to
	fi
	if [ "$final" != "$want" ]; then
		ktap_print_msg "round $round: driver $final, expected $want"
		inconsistent=$((inconsistent + 1))
	fi
	dut_consistent || split=$((split + 1))
done
ktap_print_msg "in $rounds rounds, $overlapped second requests sent while" \
	"the first was under way, $busy found the DUT busy"

check "no_request_hangs" [ "$hung" -eq 0 ]
check "requests_overlap_and_find_the_dut_busy" [ "$busy" -gt 0 ]
check "every_failure_is_busy_or_already_done" [ "$unclear" -eq 0 ]
check "driver_is_where_the_successes_lead" [ "$inconsistent" -eq 0 ]
check "hotswap_driver_equals_device_driver" [ "$split" -eq 0 ]
check "tcp_stream_completes" stream_ok "$tmp/tcp.json"
check "ping_after_rounds" ping_ok
check "back_on_${NHS_DRV}_and_${NHS_DRV_NEXT}_unloads" back_to_base

ktap_finished
