#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Guest side of "make soak": nhs_soak_swaps swaps (10000 by default) of the
# DUT between its driver's two generations on the test kernel, under a TCP
# stream into the DUT and a UDP stream out of it, with statistics readers,
# rx mode churn and link flaps running beside them.  Prints the swaps
# done, the refusals and failures by reason, the slab growth and the
# kmemleak scan; fails on any splat (vm-run.sh checks the log), a swap
# that neither completed nor failed with a reason, or a leak.

cd /kselftest/drivers/net/hotswap || exit 1
source ./lib.sh

SWAPS=${nhs_soak_swaps:-10000}
tmp=$(mktemp -d)
NAP_FIFO=$tmp/nap
trap 'kill $(jobs -p) 2>/dev/null' EXIT

slab_kb() {
	local key value unit
	while read -r key value unit; do
		[ "$key" = Slab: ] && echo "$value"
	done < /proc/meminfo
}

load_build "$NHS_DRV_NEXT"

# Beside the swaps, each in a loop of its own
stats_reader() {
	while :; do
		read -r _ < "/sys/class/net/$NHS_DUT/statistics/rx_packets"
		cat /proc/net/dev > /dev/null
	done
}
rx_mode_churn() {
	local i=0
	while :; do
		ip link set "$NHS_DUT" promisc $([ $((i % 2)) = 0 ] && echo on || echo off)
		ip maddr add 01:00:5e:00:00:$(printf %02x $((i % 64 + 1))) dev "$NHS_DUT" 2>/dev/null
		ip maddr del 01:00:5e:00:00:$(printf %02x $((i % 64 + 1))) dev "$NHS_DUT" 2>/dev/null
		i=$((i + 1))
		nap 0.2
	done
}
link_flaps() {
	while :; do
		nap 20
		ip link set "$NHS_DUT" down
		nap 0.5
		ip link set "$NHS_DUT" up
	done
}
streams() {
	while :; do
		peer iperf3 -s -1 -D >/dev/null 2>&1
		nap 0.5
		timeout 75 iperf3 -c "$NHS_PEER_IP" -R -t 60 >/dev/null 2>&1
	done
}
udp_out() {
	while :; do
		echo x 2>/dev/null > "/dev/udp/$NHS_PEER_IP/9"
		nap 0.001
	done
}

echo scan > /sys/kernel/debug/kmemleak 2>/dev/null
echo clear > /sys/kernel/debug/kmemleak 2>/dev/null
slab_start=$(slab_kb)
stats_reader & rx_mode_churn & link_flaps & streams & udp_out &

start=$SECONDS
ok=0
declare -A failed
for ((i = 1; i <= SWAPS; i++)); do
	to=$(other_build)
	err=$(timeout 60 nethotswap swap "$NHS_DUT" to "$to" 2>&1 >/dev/null)
	rc=$?
	if [ "$rc" = 0 ]; then
		ok=$((ok + 1))
	else
		reason=${err#Error: }
		reason=${reason%%:*}
		[ -n "$reason" ] || reason="no reason given (status $rc)"
		failed[$reason]=$((${failed[$reason]:-0} + 1))
	fi
	if [ $((i % 500)) = 0 ]; then
		echo "soak: $i swaps in $((SECONDS - start)) s, $ok completed, slab $(slab_kb) kB"
	fi
done
kill $(jobs -p) 2>/dev/null
wait 2>/dev/null
ip link set "$NHS_DUT" up

slab_end=$(slab_kb)
echo "soak: $SWAPS swaps in $((SECONDS - start)) s: $ok completed"
for reason in "${!failed[@]}"; do
	echo "soak:   ${failed[$reason]} refused or failed: $reason"
done
echo "soak: slab $slab_start kB -> $slab_end kB"

leaks=0
if [ -e /sys/kernel/debug/kmemleak ]; then
	echo scan > /sys/kernel/debug/kmemleak
	echo scan > /sys/kernel/debug/kmemleak
	leaks=$(grep -c '^unreferenced object' /sys/kernel/debug/kmemleak)
	echo "soak: kmemleak: $leaks unreferenced objects"
	[ "$leaks" = 0 ] || head -40 /sys/kernel/debug/kmemleak
fi

unclear=0
for reason in "${!failed[@]}"; do
	case $reason in
	"no reason given"*) unclear=$((unclear + ${failed[$reason]})) ;;
	esac
done
ping_ok || { echo "soak: the peer does not answer"; exit 1; }
[ "$unclear" = 0 ] && [ "$leaks" = 0 ] && [ "$ok" -gt 0 ]
