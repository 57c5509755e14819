#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Guest side of "make bench": what a live swap costs, against the only
# alternative (rmmod + insmod), measured in one VM run on the bench kernel
# (no lockdep).  All figures come from this run; TCG makes absolute times
# indicative, the ratios are what to compare.
#
#   0. the cost of a gate, from debugfs: an entry point called directly,
#      as the stack calls it while no swap is pending, and through its
#      gate while one is; the idle/direct ratio is the idle cost
#   1. SWAPS swaps of the DUT between its driver's two generations
#      (8139too <-> 8139too_v2, e1000 <-> e1000_v2) under a paced UDP stream
#      (UDP_PPS datagrams/s): per-phase timings (min, p50, p99, max),
#      datagrams lost, qdisc requeues (a requeue storm would mean the
#      qdisc spun on the closed gate during blackouts).  Twice: with the
#      work spread over the CPUs, then with the stream, the swaps and the
#      NICs' interrupts on CPU 0, where the quiesce never waits for a
#      call in flight on another vCPU (see "The blackout's length" in
#      hotswap.rst)
#   2. the same stream for the same time without swaps, after each of
#      the two: the loss and requeue floor
#   3. SWAPS swaps under an iperf3 TCP stream: retransmits, and the same
#      without swaps
#   4. rmmod + insmod of the driver, re-adding address and route under the UDP
#      stream: time until traffic flows again, loss, ifindex
#   5. the ratio of the two: rmmod + insmod over the blackout's p50 (1a)
set -u

SWAPS=${SWAPS:-200}
UDP_PPS=${UDP_PPS:-4000}
UDP_LEN=1250
PERIOD=0.25
dev=/sys/class/net/$NHS_DUT
# Long enough for SWAPS swaps and their pauses: every swap must run under
# the stream, and swaps() says if one did not.
secs=$(awk "BEGIN { print int($SWAPS * ($PERIOD + 0.1) + 3) }")

echo "DUT: $NHS_DRV <-> $NHS_DRV_NEXT;" \
	"clocksource: $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource)," \
	"$(nproc) CPUs online"
modprobe "$NHS_DRV_NEXT"

server() {
	ip netns exec "$NHS_PEER_NS" iperf3 -s -1 -D -I /tmp/iperf3.pid
	sleep 0.5
}

udp_stream() {
	RCVBUF_BEFORE=$(rcvbuf_errors)
	server
	timeout $((secs + 15)) iperf3 -c "$NHS_PEER_IP" \
		-u -b $((UDP_PPS * UDP_LEN * 8)) -l $UDP_LEN -t "$secs" -J > "$1" &
	STREAM_PID=$!
	sleep 1
}

tcp_stream() {
	server
	timeout $((secs + 15)) iperf3 -c "$NHS_PEER_IP" -t "$secs" -J > "$1" &
	STREAM_PID=$!
	sleep 1
}

# The peer's UDP receive-buffer overflows: datagrams that crossed the wire
# and were dropped because the receiving iperf3 did not keep up.
rcvbuf_errors() {
	ip netns exec "$NHS_PEER_NS" awk '/^Udp:/ && $2 ~ /^[0-9]/ { print $6 }' /proc/net/snmp
}

udp_loss() {
	jq -r --arg rcvbuf "$(( $(rcvbuf_errors) - RCVBUF_BEFORE ))" \
		'if .error then "stream aborted: \(.error)"
		 else .end.sum | "\(.lost_packets) of \(.packets) datagrams lost, \($rcvbuf) dropped by the receiving socket" end' "$1"
}

# swaps FILE: SWAPS swaps, alternating builds, timings appended to FILE;
# says how many ran while the stream STREAM_PID did.  Reads sysfs with
# builtins: a fork per file would stretch the loop past the stream.
swaps() {
	local i build f v line under=0
	for i in $(seq "$SWAPS"); do
		kill -0 "$STREAM_PID" 2>/dev/null || break
		read -r v < "$dev/hotswap/driver"
		build=$NHS_DRV_NEXT
		[ "$v" = "$NHS_DRV_NEXT" ] && build=$NHS_DRV
		if ! echo "$build" > "$dev/hotswap/swap"; then
			read -r v < "$dev/hotswap/last_msg"
			echo "swap $i failed: $v"
		fi
		kill -0 "$STREAM_PID" 2>/dev/null && under=$((under + 1))
		line=
		for f in prepare_ns quiesce_ns handover_ns blackout_ns rebind_ns total_ns attempts; do
			read -r v < "$dev/hotswap/last_$f"
			line+="$f $v "
		done
		echo "$line" >> "$1"
		sleep "$PERIOD"
	done
	echo "   swaps under the stream: $under of $SWAPS"
}

# stats FILE FIELD: min / p50 / p99 / max of FIELD (ns) over the swaps, in us.
stats() {
	awk -v f="$2" '{ for (i = 1; i < NF; i++) if ($i == f) print $(i + 1) }' "$1" |
		sort -n | awk '{ v[NR] = $1 / 1000 }
			END { p99 = int(NR * 0.99); if (p99 < 1) p99 = 1
			      printf "%9.1f %9.1f %9.1f %9.1f\n", v[1],
				     v[int((NR + 1) / 2)], v[p99], v[NR] }'
}

requeues() {
	tc -s qdisc show dev "$NHS_DUT" | awk '/requeues/ { n += $NF } END { print n + 0 }'
}

echo
echo "== 0. what a gate costs"
sed 's/^/   /' /sys/kernel/debug/nethotswap/gate_bench | tee /tmp/gate_bench
awk '$1 == "direct" { d = $2 } $1 == "idle" { i = $2 } $1 == "swap_pending" { p = $2 }
     END { if (d) printf "   idle/direct %.2f, swap_pending/direct %.2f\n", i / d, p / d }' /tmp/gate_bench

# on_cpu0 on|off: the NICs' interrupts and this shell's children (iperf3,
# the swapping writes) on CPU 0, or anywhere.
on_cpu0() {
	local mask=1 cpus=0 irq
	[ "$1" = on ] || mask=$(printf '%x' $(( (1 << $(nproc)) - 1 ))) cpus=0-$(($(nproc) - 1))
	for irq in $(awk -F: '/eth|e1000|8139|virtio/ { print $1 }' /proc/interrupts); do
		echo "$mask" > "/proc/irq/${irq// /}/smp_affinity"
	done
	taskset -pc "$cpus" $$ >/dev/null
}

# udp_swaps HOW TAG: sections 1 and 2 with the work placed as HOW says.
udp_swaps() {
	local before after
	echo "== 1$2. $SWAPS live swaps under UDP at $UDP_PPS pps" \
		"($((UDP_PPS * UDP_LEN * 8 / 1000000)) Mbit/s), $1"
	before=$(requeues)
	udp_stream "/tmp/udp-swap$2.json"
	swaps "/tmp/timings$2"
	wait
	after=$(requeues)
	printf '   %-12s %9s %9s %9s %9s  (us)\n' phase min p50 p99 max
	for f in blackout_ns quiesce_ns handover_ns prepare_ns rebind_ns total_ns; do
		printf '   %-12s %s\n' "${f%_ns}" "$(stats "/tmp/timings$2" "$f")"
	done
	echo "   UDP with swaps:    $(udp_loss "/tmp/udp-swap$2.json")"
	echo "   qdisc requeues across the $SWAPS swaps: $((after - before))"

	echo "== 2$2. the same UDP stream, no swap, $1"
	before=$(requeues)
	udp_stream "/tmp/udp-idle$2.json"
	wait
	echo "   UDP without swaps: $(udp_loss "/tmp/udp-idle$2.json")"
	echo "   qdisc requeues without swaps: $(( $(requeues) - before ))"
}

udp_swaps "spread over the CPUs" a
on_cpu0 on
udp_swaps "stream, swaps and NIC interrupts on CPU 0" b
on_cpu0 off

echo "== 3. $SWAPS live swaps under iperf3 TCP"
tcp_stream /tmp/tcp-swap.json
swaps /tmp/timings-tcp
wait
tcp_stream /tmp/tcp-idle.json
wait
for run in swap idle; do
	jq -r --arg run "$run" '"   TCP \($run): \(.end.sum_received.bits_per_second / 1e6 | floor) Mbit/s, \(.end.sum_sent.retransmits) retransmits"' \
		"/tmp/tcp-$run.json"
done

echo "== 4. baseline: rmmod + insmod under the same UDP stream"
driver=$(cat "$dev/hotswap/driver")
ifindex_before=$(cat "$dev/ifindex")
udp_stream /tmp/udp-rmmod.json
t0=${EPOCHREALTIME/./}
rmmod "$driver"
# shellcheck disable=SC2086 # parameters, one word each
modprobe "$NHS_DRV" $NHS_DRV_PARAMS
for i in $(seq 200); do
	new=$(ls /sys/bus/*/drivers/"$NHS_DRV"/*/net 2>/dev/null)
	[ -n "$new" ] && break
	sleep 0.01
done
ip addr add "$NHS_DUT_IP/$NHS_PREFIX" dev "$new"
ip link set "$new" up
until ping -q -c 1 -W 1 "$NHS_PEER_IP" >/dev/null; do :; done
t1=${EPOCHREALTIME/./}
wait
echo "   interface back after $(( t1 - t0 )) us: $new," \
	"ifindex $ifindex_before -> $(cat "/sys/class/net/$new/ifindex")"
echo "   UDP across rmmod/insmod: $(udp_loss /tmp/udp-rmmod.json)"

echo "== 5. the live swap against rmmod + insmod, in this run"
awk -v back=$(( t1 - t0 )) -v p50="$(stats /tmp/timingsa blackout_ns | awk '{ print $2 }')" \
	'BEGIN { printf "   blackout p50 %.1f us, rmmod + insmod %.1f ms: %.0fx shorter\n",
		 p50, back / 1000, back / p50 }'
