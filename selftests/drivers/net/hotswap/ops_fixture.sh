#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# nhs_test_ops implements every entry point of net_device_ops and
# ethtool_ops: the core takes it without learning its name, swaps it
# between its two builds (another private layout, another bus than PCI)
# under transmit load while the operator's tools call its entry points,
# and hands the per-entry call counts over.  While a blackout is held
# open, lockless callers get the gates' answers without reaching the
# driver, and statistics readers the frozen counters.

source "$(dirname "$0")/lib.sh"
require_harness
independent_of_dut_driver

SWAPS=20
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; fx_unload; rm -rf "$tmp"' EXIT

ktap_print_header
ktap_set_plan 9

fx_load
ip link set "$FXDEV" up
ip addr add 198.51.100.1/24 dev "$FXDEV"
ip neigh add 198.51.100.2 lladdr 02:00:00:00:00:02 dev "$FXDEV"
ifindex=$(attr "/sys/class/net/$FXDEV/ifindex")
ethtool -s "$FXDEV" msglvl 0x2a 2>/dev/null

check "fixture_attached" [ -n "$FXDEV" ] && [ "$(fx_driver)" = "$FX" ]

# Transmit load: a datagram per bash redirection, no program started.
transmit() {
	while :; do
		echo x 2>/dev/null > /dev/udp/198.51.100.2/9
	done
}

# The operator's tools, each through its own entry points.
callers() {
	local i=0
	while :; do
		ethtool -i "$FXDEV" >/dev/null
		ethtool "$FXDEV" >/dev/null 2>&1
		ethtool -k "$FXDEV" >/dev/null
		ethtool -S "$FXDEV" >/dev/null
		ethtool -g "$FXDEV" >/dev/null 2>&1
		ethtool -c "$FXDEV" >/dev/null 2>&1
		ethtool -T "$FXDEV" >/dev/null 2>&1
		ip link set "$FXDEV" mtu $((1400 + i % 2 * 100))
		ip link set "$FXDEV" promisc $([ $((i % 2)) = 0 ] && echo on || echo off)
		read -r _ < "/sys/class/net/$FXDEV/iflink"
		read -r _ < "/sys/class/net/$FXDEV/statistics/tx_packets"
		i=$((i + 1))
	done
}

transmit & tx_pid=$!
callers & callers_pid=$!

tx_last=$(attr "/sys/class/net/$FXDEV/statistics/tx_packets")
swaps_ok=0
monotonic=1
for ((i = 0; i < SWAPS; i++)); do
	target=$FX2
	[ $((i % 2)) = 1 ] && target=$FX
	fx_swap "$target" && [ "$(fx_driver)" = "$target" ] &&
		swaps_ok=$((swaps_ok + 1))
	tx=$(attr "/sys/class/net/$FXDEV/statistics/tx_packets")
	[ "$tx" -ge "$tx_last" ] || monotonic=0
	tx_last=$tx
done
kill "$tx_pid" "$callers_pid"
wait "$tx_pid" "$callers_pid" 2>/dev/null
ktap_print_msg "$swaps_ok of $SWAPS swaps, tx_packets $tx_last"

check "all_${SWAPS}_swaps_under_load" [ "$swaps_ok" = "$SWAPS" ]
check "tx_counters_monotonic" [ "$monotonic" = 1 ] && [ "$tx_last" -gt 0 ]

# The call counts went from build to build: every entry point the tools
# reach has counted calls, and the counts only grew.
entries_called() {
	local e n missing=
	for e in ndo_open ndo_start_xmit ndo_get_stats64 ndo_change_mtu \
		 ndo_set_rx_mode ndo_change_rx_flags ndo_fix_features \
		 ndo_get_iflink ndo_select_queue ndo_features_check \
		 get_drvinfo get_link get_link_ksettings get_msglevel \
		 get_ringparam get_coalesce get_ts_info get_sset_count \
		 get_strings get_ethtool_stats begin complete; do
		n=$(fx_stat "$e")
		[ "${n:-0}" -gt 0 ] || missing="$missing $e"
	done
	[ -z "$missing" ] || ktap_print_msg "never called:$missing"
	[ -z "$missing" ]
}
check "entry_points_called_and_counted" entries_called

check "msglevel_kept" [ "$(ethtool "$FXDEV" 2>/dev/null |
			     sed -n 's/.*Current message level: \(0x[0-9a-f]*\).*/\1/p')" = 0x0000002a ]
check "ifindex_kept" [ "$(attr "/sys/class/net/$FXDEV/ifindex")" = "$ifindex" ]

# Hold a blackout open (the fixture's save() sleeps, gates closed) and
# call into it: the lockless iflink answers without the driver, the
# statistics are the frozen ones, and neither waits for the blackout.
current=$(fx_driver)
other=$FX2
[ "$current" = "$FX2" ] && other=$FX
iflink_before=$(fx_stat ndo_get_iflink)
echo 1500 > "/sys/module/$current/parameters/save_delay_ms"
fx_swap "$other" & swap_pid=$!
sleep 0.5
# builtins only: a fork would take tens of milliseconds
start=$EPOCHREALTIME
iflinks_ok=1
for ((i = 0; i < 10; i++)); do
	read -r iflink < "/sys/class/net/$FXDEV/iflink"
	[ "$iflink" = "$ifindex" ] || iflinks_ok=0
done
read -r tx_during < "/sys/class/net/$FXDEV/statistics/tx_packets"
end=$EPOCHREALTIME
read -r tx_during_again < "/sys/class/net/$FXDEV/statistics/tx_packets"
wait "$swap_pid"
swap_rc=$?
echo 0 > "/sys/module/$current/parameters/save_delay_ms"
elapsed_us=$((${end/./} - ${start/./}))
iflink_after=$(fx_stat ndo_get_iflink)
ktap_print_msg "inside the blackout: 10 iflink and 2 statistics reads in $elapsed_us us; iflink calls $iflink_before -> $iflink_after"

check "closed_gates_answer_without_waiting" \
	[ "$swap_rc" = 0 ] && [ "$iflinks_ok" = 1 ] && [ "$elapsed_us" -lt 200000 ]
# The iflink gate answered alone; statistics came from the frozen copy.
check "closed_gates_spare_the_driver" \
	[ "$iflink_after" = "$iflink_before" ] && [ "$tx_during" = "$tx_during_again" ]

# The old build goes; the device stays, served by the other one.
old_gone() {
	rmmod "$current" && [ "$(fx_driver)" = "$other" ] &&
		ethtool -i "$FXDEV" | grep -q "driver: $other"
}
check "old_build_unloads" old_gone

ktap_finished
