#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The test VM is SMP: at least two CPUs are online, and each of them
# sends traffic through the DUT.  Every race the other tests look for
# needs two entry points running at once on two CPUs.

# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
require_harness

ktap_print_header
ktap_set_plan 2

# cpu_list LIST: "0-1,3" -> 0, 1, 3 (one a line)
cpu_list() {
	tr ',' '\n' <<< "$1" | awk -F- '{ for (c = $1; c <= ($2 == "" ? $1 : $2); c++) print c }'
}

online=$(cpu_list "$(cat /sys/devices/system/cpu/online)" | tr '\n' ' ')
ktap_print_msg "online CPUs: $online, nproc: $(nproc)," \
	"possible: $(cat /sys/devices/system/cpu/possible)"

at_least_two_cpus() {
	[ "$(wc -w <<< "$online")" -ge 2 ] && [ "$(nproc)" -ge 2 ]
}
check "at_least_2_cpus_online" at_least_two_cpus

# A ping pinned to a CPU transmits from that CPU (taskset fails for a CPU
# that is not online).
xmit_from_every_cpu() {
	local cpu sent=0

	for cpu in $online; do
		if taskset -c "$cpu" ping -q -c 2 -W 2 "$NHS_PEER_IP" >/dev/null; then
			sent=$((sent + 1))
		else
			ktap_print_msg "no ping from CPU $cpu"
		fi
	done
	grep -E "CPU|$NHS_DUT" /proc/interrupts | diag
	[ "$sent" -ge 2 ] && [ "$sent" -eq "$(wc -w <<< "$online")" ]
}
check "dut_carries_traffic_from_every_cpu" xmit_from_every_cpu

ktap_finished
