#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The main job, guest side: an iperf3 TCP stream runs across the RTL8139
# while its driver is swapped live with the nethotswap command,
# 8139too -> 8139too_v2 -> 8139too, the old module unloaded after each
# swap.  Shows what stayed the same, each swap's phase timings and the
# stream's result.
set -u

show() {
	echo "   $NHS_DUT: ifindex $(cat "/sys/class/net/$NHS_DUT/ifindex")," \
	     "tx_packets $(cat "/sys/class/net/$NHS_DUT/statistics/tx_packets")," \
	     "$(ip -br addr show dev "$NHS_DUT" | awk '{ $1 = $2 = ""; print }')"
}

echo "== before"
nethotswap dev show "$NHS_DUT"
show

ip netns exec "$NHS_PEER_NS" iperf3 -s -1 -D
sleep 0.5
echo "== iperf3 TCP $NHS_DUT -> peer for 12 s, the driver swapped under it"
iperf3 -c "$NHS_PEER_IP" -t 12 -J > /tmp/iperf3.json &
sleep 3
status=0
for build in 8139too_v2 8139too; do
	old=$(basename "$(readlink -f "/sys/class/net/$NHS_DUT/device/driver")")
	if [ "$build" = 8139too ]; then
		modprobe 8139too bind_cplus=1
	else
		modprobe "$build"
	fi
	echo "== nethotswap swap $NHS_DUT to $build"
	nethotswap swap "$NHS_DUT" to "$build" || status=1
	rmmod "$old" && echo "   rmmod $old: done, the old build was unused"
	show
	sleep 3
done
wait
echo "== iperf3"
jq -r '"   \(.end.sum_received.bytes / 1e6 | floor) MB in \(.end.sum_received.seconds | floor) s, \(.end.sum_received.bits_per_second / 1e6 | floor) Mbit/s, \(.end.sum_sent.retransmits) retransmits\(if .error then ", error: " + .error else "" end)"' /tmp/iperf3.json
echo "== after"
nethotswap dev show "$NHS_DUT"
show
echo "(timings from the lockdep test kernel, about 3x slower: make bench" \
     "measures them on a kernel without lockdep)"
exit $status
