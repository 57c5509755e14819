#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Swaps racing what resets the chip or takes the device down.  Each race
# runs one operation in a loop while swap_loop swaps back and forth
# (netlink), under pings from the peer:
#
#   rings     ethtool -G: the driver takes the device down, reallocates
#             the rings and brings it up (e1000: under __E1000_RESETTING)
#   selftest  ethtool -t offline / online: the e1000 closes the device,
#             tests registers, EEPROM, interrupt (a shared handler) and
#             loopback, resets and reopens it; both wait 4 s for the link
#             (8 s holding RTNL)
#   mtu       1500 <-> 9000: e1000_change_mtu reinitialises the chip and
#             switches the receive path to jumbo pages and back
#   flaps     ip link set down / up
#   resets    ethtool -r: e1000_reinit_locked(), down and up
#
# Every swap completes or fails with the kernel's reason, every operation
# succeeds (a self-test may report FAIL: QEMU's models fail some), nothing
# hangs; after each race the DUT is served by one build, configured, and
# answers.  No splat over the whole test.  An operation the DUT does not
# offer skips its race (the RTL8139 has no rings, jumbo frames or
# self-test).
#
# Not triggered: reset_task queued or running at the freeze (e1000's
# freeze() then answers -EAGAIN and the core retries).  It is queued by a
# TX timeout, or by the watchdog finding the link down with descriptors
# not yet cleaned; QEMU's e1000 never stalls its transmitter, and its
# link goes down only from the monitor (set_link) or, for 500 ms, when
# the PHY restarts autonegotiation (a SIOCSMIIREG write no tool in the
# image makes).  The resets above all run under RTNL, which a swap holds
# from quiesce to handover: they race its prepare and commit windows,
# not the freeze.  tx_timeout_count and "Reset adapter" messages are
# reported, should the watchdog have queued one.
#
# NHS_RACE_SWAPS sets the swaps per race (8; 2 for the self-test race,
# 9 s a test).
#
# Open defect, so "make check-long" runs this test and "make check" does
# not: after a race, the DUT sometimes gets no ping reply from the peer
# for 10 s and more (CI 2026-12-07; here after the mtu, flaps and resets
# races, about 1 run in 7), every swap having completed, the rings moving
# and the carrier up.  The 500 ms QEMU's e1000 takes to autonegotiate
# again does not explain 10 s; the cause is not known yet.

# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
require_harness
written_for_family e1000
long_test

RACE_SWAPS=${NHS_RACE_SWAPS:-8}
SELFTEST_SWAPS=2
RACES=(rings mtu flaps resets selftest)

tmp=$(mktemp -d)
NAP_FIFO=$tmp/nap
cleanup() {
	# shellcheck disable=SC2046 # one PID a word
	kill $(jobs -p) 2>/dev/null
	ip link set "$NHS_DUT" mtu 1500 2>/dev/null
	[ -n "${RING_RX:-}" ] && ethtool -G "$NHS_DUT" rx "$RING_RX" tx "$RING_TX" 2>/dev/null
	ip link set "$NHS_DUT" up
	rm -rf "$tmp"
}
trap cleanup EXIT

ktap_print_header
ktap_set_plan $((${#RACES[@]} * 4 + 2))

# --- The operations: NAME_probe (false, saying why in WHY, if the DUT
# does not offer it), NAME_step I (the I-th operation: "ok ..." or
# "fail ...: reason"), NAME_restore ---

# Ring sizes: the harness's, and another the driver takes.
ring_sizes() {
	local out
	out=$(ethtool -g "$NHS_DUT" 2>/dev/null) || return 1
	read -r RING_MAX RING_RX RING_TX < <(awk '
		/^Pre-set/ { s = "max" } /^Current/ { s = "cur" }
		$1 == "RX:" { v[s "rx"] = $2 } $1 == "TX:" { v[s "tx"] = $2 }
		END { print v["maxrx"], v["currx"], v["curtx"] }' <<< "$out")
	RING_ALT=512
	[ "$RING_RX" = 512 ] && RING_ALT=1024
	[[ $RING_MAX =~ ^[0-9]+$ ]] && [ "$RING_MAX" -ge "$RING_ALT" ]
}

rings_probe() {
	ring_sizes && return 0
	WHY="\"ethtool -g\" fails, or offers no ${RING_ALT:-512} descriptors"
	return 1
}
rings_step() {
	local rx=$RING_ALT tx=$RING_ALT err
	if [ $(($1 % 2)) -eq 1 ]; then
		rx=$RING_RX tx=$RING_TX
	fi
	if err=$(ethtool -G "$NHS_DUT" rx "$rx" tx "$tx" 2>&1); then
		echo "ok ring $rx/$tx"
	else
		echo "fail ring $rx/$tx: $err"
	fi
	nap 0.05
}
rings_restore() {
	ethtool -G "$NHS_DUT" rx "$RING_RX" tx "$RING_TX" 2>/dev/null
	return 0
}

selftest_probe() {
	ethtool -i "$NHS_DUT" | grep -q '^supports-test: yes' && return 0
	WHY="the driver has no self-test"
	return 1
}
selftest_step() {
	local mode=offline out verdict
	[ $(($1 % 2)) -eq 1 ] && mode=online
	out=$(timeout 60 ethtool -t "$NHS_DUT" "$mode" 2>&1)
	verdict=$(sed -n 's/^The test result is \([A-Z]*\).*/\1/p' <<< "$out")
	if [ -n "$verdict" ]; then
		echo "ok self-test $mode: $verdict"
	else
		echo "fail self-test $mode: $(tail -n 1 <<< "$out")"
	fi
}
selftest_restore() { return 0; }

mtu_probe() {
	local err
	if ! err=$(ip link set "$NHS_DUT" mtu 9000 2>&1); then
		WHY="no MTU 9000: $err"
		return 1
	fi
	ip link set "$NHS_DUT" mtu 1500
}
mtu_step() {
	local mtu=9000 err
	[ $(($1 % 2)) -eq 1 ] && mtu=1500
	if err=$(ip link set "$NHS_DUT" mtu $mtu 2>&1); then
		echo "ok mtu $mtu"
	else
		echo "fail mtu $mtu: $err"
	fi
	nap 0.05
}
mtu_restore() {
	ip link set "$NHS_DUT" mtu 1500
}

flaps_probe() { return 0; }
# down and up, pauses of 0 to 0.2 s
flaps_step() {
	local err
	if err=$(ip link set "$NHS_DUT" down 2>&1); then
		echo "ok down"
	else
		echo "fail down: $err"
	fi
	nap "0.$((RANDOM % 3))"
	if err=$(ip link set "$NHS_DUT" up 2>&1); then
		echo "ok up"
	else
		echo "fail up: $err"
	fi
	nap "0.$((RANDOM % 3))"
}
flaps_restore() {
	ip link set "$NHS_DUT" up
}

resets_probe() {
	local err
	if ! err=$(ethtool -r "$NHS_DUT" 2>&1); then
		WHY="\"ethtool -r\" fails: $err"
		return 1
	fi
	wait_until 10 dut_carrier
}
resets_step() {
	local err
	if err=$(ethtool -r "$NHS_DUT" 2>&1); then
		echo "ok reset"
	else
		echo "fail reset: $err"
	fi
	nap 0.1
}
resets_restore() { return 0; }

# op_loop LOG PID STEP [MAX]: STEP 0, STEP 1, ... while PID runs, MAX
# steps at most, each outcome a line in LOG.
op_loop() {
	local log=$1 pid=$2 step=$3 max=${4:-0} i=0
	while kill -0 "$pid" 2>/dev/null; do
		"$step" "$i" >> "$log" 2>&1
		i=$((i + 1))
		[ "$i" = "$max" ] && break
	done
}

# ops_succeed LOG: every operation of an op_loop succeeded.
ops_succeed() {
	local bad
	bad=$(grep -v '^ok ' "$1")
	[ -z "$bad" ] && [ -s "$1" ] && return 0
	head -n 5 <<< "$bad" | diag "  "
	return 1
}

# recovered NAME: the operation undone, the DUT configured, served by one
# build, and answering once the link has settled from the last reset.
recovered() {
	"${1}_restore" && dut_configure && dut_consistent && answers_within 10
}

# race NAME: the operation NAME in a loop, swaps alongside; 4 cases.  The
# self-test holds RTNL for 8 s or more: two of them, one offline and one
# online, each with a swap sent a second into it, waiting for RTNL.
race() {
	local name=$1 swaps=$RACE_SWAPS lead=0 max=0 swapper looper c
	local swaps_log=$tmp/$1.swaps ops_log=$tmp/$1.ops

	WHY=
	if ! "${name}_probe"; then
		ktap_print_msg "$name race skipped: $WHY"
		for c in no_hang swaps_complete_or_fail_with_a_reason ops_succeed \
			 dut_consistent_and_answers; do
			ktap_test_skip "${name}_$c"
		done
		return
	fi
	if [ "$name" = selftest ]; then
		swaps=$SELFTEST_SWAPS lead=1 max=$SELFTEST_SWAPS
	fi
	: > "$swaps_log"
	: > "$ops_log"

	{ sleep "$lead"; swap_loop "$swaps_log" "$swaps" 0.05; } &
	swapper=$!
	op_loop "$ops_log" "$swapper" "${name}_step" "$max" &
	looper=$!

	check "${name}_no_hang" wait_bounded 180 "$swapper" "$looper"
	swap_summary "$swaps_log"
	ktap_print_msg "$name: $(grep -c . "$ops_log") operations:"
	sort "$ops_log" | uniq -c | diag "  "
	check "${name}_swaps_complete_or_fail_with_a_reason" swaps_clean "$swaps_log"
	check "${name}_ops_succeed" ops_succeed "$ops_log"
	check "${name}_dut_consistent_and_answers" recovered "$name"
}

load_build "$NHS_DRV_NEXT"
kmsg_mark
timeouts_before=$(ethtool -S "$NHS_DUT" 2>/dev/null | awk '$1 == "tx_timeout_count:" { print $2 }')

# The peer pings the DUT throughout: frames in both directions while the
# rings change hands.
timeout 600 ip netns exec "$NHS_PEER_NS" ping -q -i 0.05 "$NHS_DUT_IP" > "$tmp/ping" 2>&1 &
pinger=$!

for r in "${RACES[@]}"; do
	race "$r"
done

kill -INT "$pinger" 2>/dev/null
wait "$pinger"
ktap_print_msg "peer's pings during the races: $(grep 'packets transmitted' "$tmp/ping")"
resets=$(dmesg | sed -n "\\|$KMSG_MARK|,\$p" | grep -c 'Reset adapter')
timeouts_after=$(ethtool -S "$NHS_DUT" 2>/dev/null | awk '$1 == "tx_timeout_count:" { print $2 }')
ktap_print_msg "reset_task runs: $resets; tx_timeout_count ${timeouts_before:-n/a} -> ${timeouts_after:-n/a}"

check "no_splat" no_splat_since_mark
check "back_on_base_and_next_unloads" back_to_base

ktap_finished
