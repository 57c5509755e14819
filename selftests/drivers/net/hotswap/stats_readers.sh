#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Swaps under readers of the DUT's statistics, one of which holds no lock:
# the netdev LED trigger on a userspace LED calls dev_get_stats() from its
# work item every tick.  With /proc/net/dev, "ip -s link" and the sysfs
# counters read in loops, 12 swaps back and forth run under an iperf3
# stream, then the build not serving is unloaded while the readers still
# read.  The counters never go back, the stream completes.

# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
require_harness

LED=nhs-dut
SWAPS=12
tmp=$(mktemp -d)
led=/sys/class/leds/$LED
trap 'echo none 2>/dev/null > "$led/trigger"; kill $(jobs -p) 2>/dev/null; rm -rf "$tmp"' EXIT

if [ ! -c /dev/uleds ]; then
	ktap_skip_all "no /dev/uleds: needs CONFIG_LEDS_USER"
	exit "$KSFT_SKIP"
fi
"$(dirname "$0")/uleds_hold" "$LED" > "$tmp/uleds" &
uleds=$!
if ! wait_until 10 grep -qs ready "$tmp/uleds" ||
		! grep -qw netdev "$led/trigger"; then
	ktap_skip_all "no netdev trigger on a uleds LED: needs CONFIG_LEDS_TRIGGER_NETDEV"
	exit "$KSFT_SKIP"
fi

ktap_print_header
ktap_set_plan 7

load_build "$NHS_DRV_NEXT"

# The trigger ignores intervals below 5 ms; it reads the stats every
# 2 * interval while the link is up.
echo netdev > "$led/trigger"
echo "$NHS_DUT" > "$led/device_name"
echo 1 > "$led/rx"
echo 1 > "$led/tx"
echo 5 > "$led/interval"

# backwards WHO LAST_RX RX LAST_TX TX: log counters that went back.
backwards() {
	if [ "$3" -lt "$2" ] || [ "$5" -lt "$4" ]; then
		echo "$1: rx_packets $2 -> $3, tx_packets $4 -> $5" >> "$tmp/backwards"
	fi
}

sysfs_reader() {
	local d=/sys/class/net/$NHS_DUT/statistics rx tx last_rx=0 last_tx=0
	while :; do
		read -r rx < "$d/rx_packets"
		read -r tx < "$d/tx_packets"
		backwards sysfs "$last_rx" "$rx" "$last_tx" "$tx"
		last_rx=$rx last_tx=$tx
	done
}

# /proc/net/dev: name, rx bytes packets errs drop fifo frame compressed
# multicast, tx bytes packets ...
procfs_reader() {
	local name rx tx last_rx=0 last_tx=0
	while :; do
		while read -r name _ rx _ _ _ _ _ _ _ tx _; do
			[ "$name" = "$NHS_DUT:" ] || continue
			backwards procfs "$last_rx" "$rx" "$last_tx" "$tx"
			last_rx=$rx last_tx=$tx
		done < /proc/net/dev
	done
}

ip_reader() {
	while :; do
		ip -s link show dev "$NHS_DUT" >/dev/null
	done
}

sysfs_reader &
readers=($!)
procfs_reader &
readers+=($!)
ip_reader &
readers+=($!)

bounded_stream_start "$tmp/tcp.json" 30
sleep 2

swaps_ok=0
for i in $(seq $SWAPS); do
	to=$(other_build)
	if hotswap_to "$to"; then
		swaps_ok=$((swaps_ok + 1))
	else
		ktap_print_msg "swap $i to $to failed: $(hotswap_last_summary)"
	fi
	sleep 0.3
done
check "all_${SWAPS}_swaps_succeed" [ "$swaps_ok" -eq "$SWAPS" ]

# The build not serving goes while the LED trigger and the loops read on.
unused=$(other_build)
check "unload_${unused}_under_readers" rmmod "$unused"

check "tcp_stream_completes" stream_ok "$tmp/tcp.json"

kill "${readers[@]}"
wait "${readers[@]}" 2>/dev/null
echo none > "$led/trigger"
kill "$uleds"
wait "$uleds"

# The trigger blinks the LED when it reads changed counters.
led_blinked() {
	ktap_print_msg "LED $LED: $(tail -n 1 "$tmp/uleds")"
	[ "$(tail -n 1 "$tmp/uleds" | cut -d' ' -f1)" -gt 0 ]
}
check "led_trigger_read_the_stats" led_blinked

counters_forward() {
	[ ! -s "$tmp/backwards" ] && return 0
	head -n 20 "$tmp/backwards" | diag
	return 1
}
check "counters_never_go_back" counters_forward
check "ping_after_swaps" ping_ok

# Served by $NHS_DRV with $NHS_DRV_NEXT unloaded, whichever build was left.
finish() {
	if [ "$unused" = "$NHS_DRV" ]; then
		load_build "$NHS_DRV" || return 1
	fi
	back_to_base
}
check "back_on_${NHS_DRV}_and_${NHS_DRV_NEXT}_unloads" finish

ktap_finished
