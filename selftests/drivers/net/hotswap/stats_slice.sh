#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A statistics reader can stay inside its gate for long: ndo_get_stats64
# runs in an RCU read-side section, which a preemptible kernel preempts.
# The swap waits for it with RTNL held and TX stopped: that wait must end
# with the 10 ms drain slice (the attempt thaws the old build and
# retries), not with the request's deadline.  The fixture's statistics
# spin 200 ms in every reader's call but the swap's own snapshot; every
# quiesce attempt (its trace event) must stay within the slice, whatever
# the outcome.

source "$(dirname "$0")/lib.sh"
require_harness
independent_of_dut_driver

tmp=$(mktemp -d)
NAP_FIFO=$tmp/nap
trap 'kill $(jobs -p) 2>/dev/null; trace_off;
      fx_unload; rm -rf "$tmp"' EXIT

ktap_print_header
ktap_set_plan 3

fx_load
ip link set "$FXDEV" up

echo 200 > "/sys/module/$FX/parameters/stats_delay_ms"
reader() {
	while :; do
		read -r _ < "/sys/class/net/$FXDEV/statistics/tx_packets"
	done
}
# Two: the grace period the swap waits for after installing the gates
# ends with one reader's call, while the other is inside its gate.
reader &
nap 0.1
reader &
sleep 0.5

trace_start nethotswap_quiesce
err=$( { echo "$FX2 2000" > "/sys/class/net/$FXDEV/hotswap/swap"; } 2>&1)
trace_stop
kill %1 %2
echo 0 > "/sys/module/$FX/parameters/stats_delay_ms"

attempts=$(grep -c "nethotswap_quiesce:" "$TRACE")
longest_us=0
while read -r ns; do
	[ $((ns / 1000)) -gt "$longest_us" ] && longest_us=$((ns / 1000))
done < <(sed -n 's/.*nethotswap_quiesce:.* ns=\([0-9]*\).*/\1/p' "$TRACE")
ktap_print_msg "swap: ${err:-completed}; $attempts attempts, the longest ${longest_us} us"

check "quiesce_attempted" [ "$attempts" -gt 0 ]
# The slice is 10 ms; a TCG guest with KASAN adds the freeze and jitter.
check "every_attempt_within_the_slice" [ "$longest_us" -lt 40000 ]
swap_after() {
	fx_swap "$(fx_other)"
}
check "swap_once_the_reader_is_gone" swap_after

ktap_finished
