#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The virtio DUT is multiqueue for real: a virtio-net-pci with 2 queue
# pairs in use, an MSI-X vector for each queue and one for configuration
# changes, and a 4-stream TCP load each way that keeps both receive and
# both transmit queues busy.  What the virtio_net swaps are measured on.

source "$(dirname "$0")/lib.sh"
require_harness
requires_family virtio_net

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ktap_print_header
ktap_set_plan 6

combined() {
	ethtool -l "$NHS_DUT" |
		awk -v which="$1" '$0 ~ "^" which { s = 1 } s && /^Combined:/ { print $2; exit }'
}
check "2_queue_pairs_offered" [ "$(combined Pre-set)" = 2 ]
check "2_queue_pairs_in_use" [ "$(combined Current)" = 2 ]

# virtio_pci names its vectors after the virtio device and the queue.
vdev=$(basename "$(readlink -f "/sys/class/net/$NHS_DUT/device")")
msix_vectors() {
	grep -c -E "PCI-MSIX.* $vdev-(config|(input|output)\.[01])\$" /proc/interrupts
}
ktap_print_msg "$(grep -E " $vdev-" /proc/interrupts | awk '{ print $NF }' | xargs)"
check "msix_vector_per_queue_and_config" [ "$(msix_vectors)" = 5 ]

# Per queue: the transmit queues' kicks of the device (ethtool -S, whose
# per-queue packet counts are in the netdev family's qstats instead), the
# receive queues' interrupts (a frame came in).
tx_activity() {
	ethtool -S "$NHS_DUT" | awk '$1 ~ /^tx[01]_kicks:$/ { printf "%s ", $2 }'
}
rx_activity() {
	awk -v vdev="$vdev" '$NF ~ "^" vdev "-input\\.[01]$" {
		n = 0
		for (i = 2; i < NF; i++)
			if ($i ~ /^[0-9]+$/)
				n += $i
		printf "%s ", n
	}' /proc/interrupts
}

# grew BEFORE AFTER: both queues' counts grew by at least 10
grew() {
	local -a b a
	read -r -a b <<< "$1"
	read -r -a a <<< "$2"
	[ "${#b[@]}" -eq 2 ] && [ "${#a[@]}" -eq 2 ] &&
		[ $((a[0] - b[0])) -ge 10 ] && [ $((a[1] - b[1])) -ge 10 ]
}

tx_before=$(tx_activity)
check "iperf3_tcp_4_streams_dut_to_peer" iperf3_run "$tmp/tx.json" 5 -P 4
tx_after=$(tx_activity)
ktap_print_msg "tx0/tx1 kicks: $tx_before-> $tx_after"
check "both_tx_queues_busy" grew "$tx_before" "$tx_after"

rx_before=$(rx_activity)
iperf3_run "$tmp/rx.json" 5 -P 4 -R
rx_after=$(rx_activity)
ktap_print_msg "input.0/input.1 interrupts: $rx_before-> $rx_after"
check "both_rx_queues_busy" grew "$rx_before" "$rx_after"

ktap_finished
