#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The main job, guest side: a driver bug fixed on a running interface
# (DUT=8139too), or an upgrade of a running interface's driver to its next
# generation and back (DUT=e1000, which skips steps 1 and 2).
#
# The guest boots with 8139too_old serving the RTL8139: 8139too without
# its fix for QEMU's RTL8139 model, whose receive path dies for good when
# the rx mode changes under load (see "8139too and QEMU's RTL8139 model"
# in Documentation/networking/hotswap.rst).  Under a paced UDP stream from
# the peer into the DUT:
#
#   1. the issue's recipe: a TCP stream into the DUT while promisc goes on
#      and off, until the DUT stops receiving: the bug, visible (TCP receive
#      load alone often does it, before the first toggle);
#   2. nethotswap swaps the fixed 8139too in live: receive comes back at
#      once, and the old build unloads;
#   3. a new generation (8139too_v2, another private-state layout) and
#      back, under the same stream;
#   4. the alternative, in the same run: the same stall, fixed by rmmod +
#      insmod, with what that costs.
#
# Each phase's received throughput is printed as "nethotswap-data:" lines,
# from which the host draws build/demo.png (scripts/demo-plot.sh).
set -u
source /kselftest/drivers/net/hotswap/lib.sh

UDP_RATE=${UDP_RATE:-1M}	# next to a TCP stream, from the peer into the DUT
STREAM_SECS=50			# each phase: the stall (at most 30 s) and the fix
tmp=$(mktemp -d)
status=0

data() {
	echo "nethotswap-data: $*"
}

# mark LABEL: a vertical line on the phase's plot, now
mark() {
	local t=${EPOCHREALTIME/./}

	data mark "$PHASE" $(( (t - T0) / 1000 )) "$*"
}

# A descriptor nothing is ever written to: "read -t" on it sleeps without
# a fork.
exec {SLEEP_FD}<> <(:)

fail() {
	echo "   FAILED: $*"
	status=1
}

# sampler: the DUT's received byte counter every 100 ms, as
# "milliseconds bytes" lines in $tmp/$PHASE.samples, until killed.  Reads
# with builtins (no fork per sample); "-" while the DUT does not exist.
sampler() {
	local b t

	while :; do
		b=-
		read -r b 2>/dev/null < "/sys/class/net/$NHS_DUT/statistics/rx_bytes"
		t=${EPOCHREALTIME/./}
		echo "$(( (t - T0) / 1000 )) $b"
		read -r -t 0.1 -u "$SLEEP_FD"
	done > "$tmp/$PHASE.samples"
}

# phase_start NAME: a paced UDP stream from the peer into the DUT, the
# DUT's receive sampled; trigger_stall adds the TCP stream.
phase_start() {
	PHASE=$1
	peer iperf3 -s -1 -D -p 5201 -I "$tmp/$PHASE.tcp.server"
	peer iperf3 -s -1 -D -p 5202 -I "$tmp/$PHASE.udp.server"
	sleep 0.5
	T0=${EPOCHREALTIME/./}
	sampler &
	SAMPLER=$!
	timeout $((STREAM_SECS + 30)) iperf3 -c "$NHS_PEER_IP" -p 5202 -R -u \
		-b "$UDP_RATE" -l 1200 -t "$STREAM_SECS" -J > "$tmp/$PHASE.udp.json" &
	UDP_STREAM=$!
	sleep 3
}

# phase_end: the streams' results, and the DUT's received throughput per
# interval as data.
phase_end() {
	wait "$TCP_STREAM" || fail "the TCP stream did not complete"
	wait "$UDP_STREAM" || fail "the UDP stream did not complete"
	kill "$SAMPLER"
	wait "$SAMPLER" 2>/dev/null
	jq -r '"   TCP: \((.end.sum_received.bytes // 0) / 1e6 | floor) MB received, \(.end.sum_sent.retransmits // 0) retransmits by the peer\(if .error then ", error: " + .error else "" end)"' \
		"$tmp/$PHASE.tcp.json"
	jq -r '"   UDP: \(.end.sum.packets // 0) datagrams sent by the peer, \(.end.sum.lost_packets // 0) lost\(if .error then ", error: " + .error else "" end)"' \
		"$tmp/$PHASE.udp.json"
	# Mbit/s over each interval; a counter that went away or restarted
	# (a new net_device) counts from zero.
	awk -v phase="$PHASE" '
		$2 == "-" { if (have) print "nethotswap-data:", phase, $1 / 1000, 0
			    have = 0; next }
		have { d = $2 - b; if (d < 0) d = $2
		       printf "nethotswap-data: %s %.1f %.2f\n", phase, $1 / 1000,
			      d * 8 / 1000 / ($1 - t) }
		{ t = $1; b = $2; have = 1 }' "$tmp/$PHASE.samples"
}

# received_within SECONDS: the DUT receives a frame within SECONDS; prints
# how long that took, in ms.  Looks every millisecond.
received_within() {
	local start=${EPOCHREALTIME/./} before=- now p
	local end=$((start + $1 * 1000000))

	read -r before 2>/dev/null < "/sys/class/net/$NHS_DUT/statistics/rx_packets"
	while :; do
		p=$before
		read -r p 2>/dev/null < "/sys/class/net/$NHS_DUT/statistics/rx_packets"
		now=${EPOCHREALTIME/./}
		if [ "$p" != "$before" ]; then
			echo "$(( (now - start) / 1000 )) ms"
			return 0
		fi
		[ "$now" -lt "$end" ] || return 1
		read -r -t 0.001 -u "$SLEEP_FD"
	done
}

# trigger_stall: the issue's recipe: a TCP stream from the peer into the
# DUT while promisc toggles, until the DUT has received nothing for a
# second; at most 30 s.
trigger_stall() {
	local start=$SECONDS toggles=0

	mark "TCP in + promisc toggles"
	timeout $((STREAM_SECS + 30)) iperf3 -c "$NHS_PEER_IP" -p 5201 -R \
		-t $((STREAM_SECS - 4)) -J > "$tmp/$PHASE.tcp.json" &
	TCP_STREAM=$!
	while [ $((SECONDS - start)) -lt 30 ]; do
		if ! received_within 1 >/dev/null; then
			echo "   receive stalled $((SECONDS - start)) s after the TCP stream" \
			     "started, after $toggles promisc on/off toggles:"
			echo "   rx_packets $(dut_stat rx_packets), rx_errors $(dut_stat rx_errors)," \
			     "the chip's ring registers reset under the driver:"
			echo "   $(dut_rx_regs)"
			return 0
		fi
		printf 'link set %s promisc on\nlink set %s promisc off\n' \
			"$NHS_DUT" "$NHS_DUT" | ip -batch -
		toggles=$((toggles + 1))
	done
	echo "   the bug did not show within 30 s this run"
	return 1
}

blackout_us() {
	nethotswap -j dev show "$NHS_DUT" | jq -r '.[0].last_result.blackout_ns / 1000 | floor'
}

# swap_live BUILD: nethotswap swap to BUILD, the old build unloaded.
swap_live() {
	local build=$1 old

	old=$(dut_driver)
	load_build "$build"
	echo "== nethotswap swap $NHS_DUT to $build"
	if nethotswap swap "$NHS_DUT" to "$build" > "$tmp/swap.out" 2>&1; then
		mark "swap to $build, blackout $(blackout_us) us"
	else
		fail "swap to $build"
	fi
	sed 's/^/   /' "$tmp/swap.out"
	rmmod "$old" && echo "   rmmod $old: done, the old build was unused"
}

identity() {
	echo "ifindex $(cat "/sys/class/net/$NHS_DUT/ifindex")"
	dut_identity
	ip neigh show dev "$NHS_DUT" | awk '{ print "neigh", $1, $3 }'
}

# The story with a bug to fix needs the build that has it: 8139too_old.
# Any other DUT shows an upgrade to the driver's next generation and back.
with_bug=
[ "$NHS_BOOT_BUILD" = 8139too_old ] && with_bug=1
data title "$([ -n "$with_bug" ] && echo "8139too receive bug fixed on a running interface" ||
	echo "$NHS_DRV upgraded on a running interface")"

echo "== the machine: $NHS_DUT served by $NHS_BOOT_BUILD since boot"
nethotswap dev show "$NHS_DUT" | sed 's/^/   /'
ping -q -c 2 -W 2 "$NHS_PEER_IP" >/dev/null
identity > "$tmp/identity.before"
sed 's/^/   /' "$tmp/identity.before"

echo "== $UDP_RATE""bit/s of UDP from the peer into $NHS_DUT for $STREAM_SECS s"
phase_start live
[ -n "$with_bug" ] &&
	echo "== the bug: a TCP stream into $NHS_DUT while promisc goes on and off"
stalled=
if [ -n "$with_bug" ] && trigger_stall; then
	if received_within 2 >/dev/null; then
		echo "   receive came back by itself"
	else
		echo "   nothing received for 2 more seconds: the path is dead"
		stalled=1
	fi
fi
[ -n "$with_bug" ] && swap_live "$NHS_DRV"
if [ -z "$stalled" ]; then
	:
elif t=$(received_within 5); then
	echo "   receiving again $t after the swap"
else
	fail "receive did not come back within 5 s"
fi
sleep 3
swap_live "$NHS_DRV_NEXT"
sleep 3
swap_live "$NHS_DRV"
phase_end

echo "== after: the same interface, its configuration untouched"
identity > "$tmp/identity.after"
if diff -u "$tmp/identity.before" "$tmp/identity.after" > "$tmp/identity.diff"; then
	echo "   ifindex, MAC, addresses, routes, neighbours: unchanged"
else
	fail "the interface changed:"
	sed 's/^/   /' "$tmp/identity.diff"
fi

if [ -n "$with_bug" ]; then
	echo "== the alternative, in the same run: the same stall fixed by rmmod + insmod"
	swap_live "$NHS_BOOT_BUILD" > /dev/null
else
	echo "== the alternative, in the same run: the same upgrade by rmmod + insmod"
fi
phase_start rmmod
[ -n "$with_bug" ] && trigger_stall && sleep 2
mark "rmmod + insmod"
bus_dev=$(dut_bus_dev)
t0=${EPOCHREALTIME/./}
rmmod "$(dut_driver)"
# shellcheck disable=SC2086 # parameters, one word each
modprobe "$NHS_DRV" $NHS_DRV_PARAMS
wait_until 5 bus_netdev "$bus_dev" >/dev/null || fail "no interface after insmod"
# What the operator (or udev and the network manager) must redo: the
# name, every address and route.
ip link set "$(bus_netdev "$bus_dev")" name "$NHS_DUT"
ip addr add "$NHS_DUT_IP/$NHS_PREFIX" dev "$NHS_DUT"
ip addr add "$NHS_DUT_IP6/64" dev "$NHS_DUT" nodad
ip link set "$NHS_DUT" up
if t=$(received_within 10); then
	echo "   receiving again $(( (${EPOCHREALTIME/./} - t0) / 1000 )) ms after rmmod," \
	     "with the interface reconfigured by hand"
else
	fail "receive did not come back within 10 s of insmod"
fi
phase_end
echo "   $NHS_DUT is a new interface: ifindex $(grep ifindex "$tmp/identity.before" | cut -d' ' -f2)" \
     "-> $(cat "/sys/class/net/$NHS_DUT/ifindex"); routes, neighbours and" \
     "sockets bound to the old one are gone"
echo "(the bench kernel, no lockdep or KASAN, under TCG: absolute times are" \
     "indicative; make bench measures 200 swaps)"
rm -rf "$tmp"
exit $status
