#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The main job, guest side: show the RTL8139 under 8139too carrying iperf3
# traffic, with the figures.
set -u

echo "== $NHS_DUT: driver $(basename "$(readlink -f /sys/class/net/$NHS_DUT/device/driver)"), ifindex $(cat /sys/class/net/$NHS_DUT/ifindex)"
ip -br addr show dev "$NHS_DUT"
ip netns exec "$NHS_PEER_NS" iperf3 -s -D -I /tmp/iperf3.pid
sleep 0.5
echo "== iperf3 TCP, DUT -> peer, 5 s"
iperf3 -c "$NHS_PEER_IP" -t 5 -f m | tail -n 4
echo "== iperf3 TCP, peer -> DUT, 5 s"
iperf3 -c "$NHS_PEER_IP" -t 5 -f m -R | tail -n 4
kill "$(cat /tmp/iperf3.pid)"
echo "== $NHS_DUT counters"
ip -s link show dev "$NHS_DUT"
