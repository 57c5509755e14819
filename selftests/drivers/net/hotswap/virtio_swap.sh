#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# virtio_net replaced under load: NHS_VIRTIO_SWAPS swaps (200) between
# virtio_net and virtio_net_v2 under a 4-stream TCP load that keeps both
# queue pairs busy, then under UDP.  No connection reset, no frame the
# driver dropped, every queue's counters (ethtool -S) only go up, and once
# virtio_net_v2 is unloaded every vector of the device has one handler.
# virtio_config.sh carries each configuration over a swap.

# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
require_harness
requires_family virtio_net

SWAPS=${NHS_VIRTIO_SWAPS:-200}
UDP_SWAPS=20

tmp=$(mktemp -d)
cleanup() {
	# shellcheck disable=SC2046 # one PID a word
	kill $(jobs -p) 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

ktap_print_header
ktap_set_plan 12

load_build "$NHS_DRV_NEXT"
kmsg_mark

# queue_counters FILE: the per-queue counters of ethtool -S, "name value"
queue_counters() {
	ethtool -S "$NHS_DUT" | awk '$1 ~ /^[rt]x[0-9]+_/ { sub(":$", "", $1); print $1, $2 }' > "$1"
}

# monotonic OLD NEW: the same counters in both, none of them lower in NEW
monotonic() {
	local bad
	bad=$(awk 'NR == FNR { old[$1] = $2; next }
		   !($1 in old) || $2 < old[$1] { print $1, old[$1], "->", $2 }
		   { seen++ } END { if (seen != length(old)) print "other counters" }' "$1" "$2")
	[ -z "$bad" ] && [ -s "$1" ] && return 0
	ktap_print_msg "counters went back: $(head -n 3 <<< "$bad" | xargs)"
	return 1
}

check "check_passes" nethotswap check "$NHS_DUT" to "$NHS_DRV_NEXT"

# --- Swaps under load ---

# Each receive queue's vector fired for frames it received
input_irqs() {
	awk -v v="$VDEV-input.$1" '$NF == v { print $2 + $3 }' /proc/interrupts
}
busy_queues() {
	local q
	for q in 0 1; do
		ktap_print_msg "input.$q interrupts: ${IRQS_BEFORE[q]} -> $(input_irqs "$q")"
		[ "$(input_irqs "$q")" -gt "${IRQS_BEFORE[q]}" ] || return 1
	done
}
VDEV=$(basename "$(readlink -f "/sys/class/net/$NHS_DUT/device")")
IRQS_BEFORE=("$(input_irqs 0)" "$(input_irqs 1)")
drops_before=$(dut_stat tx_dropped)
queue_counters "$tmp/counters.0"
bounded_stream_start "$tmp/tcp.json" 180 -P 4
sleep 1
swaps_ok=0 monotonic_ok=1 sample=0
for i in $(seq "$SWAPS"); do
	swap_other && swaps_ok=$((swaps_ok + 1))
	if [ $((i % 20)) -eq 0 ]; then
		queue_counters "$tmp/counters.$((sample + 1))"
		monotonic "$tmp/counters.$sample" "$tmp/counters.$((sample + 1))" || monotonic_ok=
		sample=$((sample + 1))
	fi
done
ktap_print_msg "$swaps_ok of $SWAPS swaps completed under TCP"
check "all_swaps_complete_under_tcp" [ "$swaps_ok" = "$SWAPS" ]
check "swaps_ended_before_the_stream" kill -0 "$STREAM_PID"
check "tcp_4_streams_survive" stream_ok "$tmp/tcp.json"
check "queue_counters_only_go_up" [ -n "$monotonic_ok" ]
check "both_receive_queues_busy" busy_queues

bounded_stream_start "$tmp/udp.json" 30 -u -b 20M
sleep 1
udp_ok=0
for _ in $(seq "$UDP_SWAPS"); do
	swap_other && udp_ok=$((udp_ok + 1))
done
check "all_swaps_complete_under_udp" [ "$udp_ok" = "$UDP_SWAPS" ]
udp_lost() {
	stream_ok "$1" || return 1
	ktap_print_msg "UDP: $(jq -r '.end.sum | "\(.lost_packets) of \(.packets) datagrams lost"' "$1")"
}
check "udp_stream_survives" udp_lost "$tmp/udp.json"
ktap_print_msg "DUT tx_dropped: $drops_before -> $(dut_stat tx_dropped)"
check "driver_dropped_nothing" [ "$(dut_stat tx_dropped)" = "$drops_before" ]

# After rmmod of the build not serving: each vector, one handler
one_handler_per_vector() {
	local lines
	lines=$(grep -E " $VDEV-" /proc/interrupts)
	ktap_print_msg "$(awk '{ print $NF }' <<< "$lines" | xargs)"
	[ "$(grep -c . <<< "$lines")" = 5 ] && ! grep -q ',' <<< "$lines"
}
check "back_on_base_and_next_unloads" back_to_base
check "one_handler_per_vector" one_handler_per_vector
check "no_splat" no_splat_since_mark

ktap_finished
