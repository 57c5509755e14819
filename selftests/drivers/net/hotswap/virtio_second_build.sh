#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A second build of virtio_net loads beside the one serving the DUT, and
# both stay sound through CPU hotplug: each build has CPU online and dead
# callbacks for its devices, which a fixed hotplug state allowed only one
# module to set up (the second one's load failed with EBUSY).  CPU 1 goes
# offline and online again with both loaded; the DUT, bound to the first
# build all along, carries traffic after; the second build unloads and
# loads again (its hotplug states were given back).

source "$(dirname "$0")/lib.sh"
require_harness
requires_family virtio_net

cpu1=/sys/devices/system/cpu/cpu1/online
trap 'echo 1 > "$cpu1" 2>/dev/null; rmmod "$NHS_DRV_NEXT" 2>/dev/null' EXIT

ktap_print_header
ktap_set_plan 8

dead_states() {
	grep -c ': virtio/net:dead$' /sys/devices/system/cpu/hotplug/states
}

load_next() {
	local err

	err=$(modprobe "$NHS_DRV_NEXT" 2>&1) && return 0
	ktap_print_msg "modprobe $NHS_DRV_NEXT: $err"
	return 1
}

check "${NHS_DRV_NEXT}_loads_beside_$NHS_DRV" load_next
both_registered() {
	[ -d "/sys/bus/virtio/drivers/$NHS_DRV" ] &&
		[ -d "/sys/bus/virtio/drivers/$NHS_DRV_NEXT" ]
}
check "both_builds_registered" both_registered
check "a_dead_state_per_build" [ "$(dead_states)" = 2 ]
check "dut_still_on_$NHS_DRV" [ "$(dut_driver)" = "$NHS_DRV" ]

check "cpu1_offline" sh -c "echo 0 > $cpu1"
check "cpu1_online" sh -c "echo 1 > $cpu1"
check "ping_after_cpu_hotplug" ping_ok 3

reload() {
	local err

	err=$(rmmod "$NHS_DRV_NEXT" 2>&1) ||
		{ ktap_print_msg "rmmod $NHS_DRV_NEXT: $err"; return 1; }
	[ "$(dead_states)" = 1 ] ||
		{ ktap_print_msg "$(dead_states) dead states after rmmod"; return 1; }
	load_next
}
check "${NHS_DRV_NEXT}_unloads_and_loads_again" reload

ktap_finished
