#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The main job, guest side: an iperf3 TCP stream runs across the RTL8139
# while its driver is swapped live, 8139too -> 8139too_v2 -> 8139too; the
# old module is unloaded after each swap.  Shows what stayed the same,
# the phase timings and the stream's result.
set -u

dev=/sys/class/net/$NHS_DUT
driver() { basename "$(readlink -f "$dev/device/driver")"; }
show() {
	echo "   $NHS_DUT: ifindex $(cat "$dev/ifindex"), driver $(driver)" \
	     "($(cat "$dev/hotswap/version")), tx_packets $(cat "$dev/statistics/tx_packets")"
}

echo "== before"
show
ip -br addr show dev "$NHS_DUT"

ip netns exec "$NHS_PEER_NS" iperf3 -s -1 -D -I /tmp/iperf3.pid
sleep 0.5
echo "== iperf3 TCP DUT -> peer, 12 s, swapping the driver under it"
iperf3 -c "$NHS_PEER_IP" -t 12 -f m > /tmp/iperf3.out &
sleep 3
status=0
for build in 8139too_v2 8139too; do
	old=$(driver)
	[ "$build" = 8139too ] && modprobe 8139too bind_cplus=1 || modprobe "$build"
	echo "== swap $old -> $build"
	if echo "$build" > "$dev/hotswap/swap"; then
		rmmod "$old" && echo "   $old unloaded"
	else
		status=1
	fi
	echo "   result: $(cat "$dev/hotswap/last_result")"
	awk '{ printf "   %-12s %9.1f us\n", $1, $2 / 1000 }' "$dev/hotswap/last_timings" |
		grep -v attempts
	show
	sleep 3
done
wait
cat /tmp/iperf3.out | tail -n 4
echo "== after"
show
ip -br addr show dev "$NHS_DUT"
exit $status
