#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Guest side of "make check-builtin": 8139too and the hotswap core are
# built into the kernel; the DUT is swapped to the modular 8139too_v2 and
# back, and the modular build unloads.  Ends with "N passed, N failed".
set -u
passed=0 failed=0
check() {
	local desc=$1
	shift
	if "$@"; then
		echo "ok $desc"; passed=$((passed + 1))
	else
		echo "not ok $desc"; failed=$((failed + 1))
	fi
}
driver() { basename "$(readlink -f "/sys/class/net/$NHS_DUT/device/driver")"; }
builtin() { [ ! -e "/sys/module/$1/refcnt" ] && grep -q "/$1.ko" "/lib/modules/$(uname -r)/modules.builtin"; }
ping_peer() { timeout 20 ping -q -c 2 -W 2 "$NHS_PEER_IP" >/dev/null; }
swap_to() { nethotswap swap "$NHS_DUT" to "$1" && [ "$(driver)" = "$1" ] && ping_peer; }

check "8139too_is_built_in" builtin 8139too
check "nethotswap_is_built_in" builtin nethotswap
check "dut_served_by_8139too" [ "$(driver)" = 8139too ]
check "registered_under_its_module_name" [ "$(cat "/sys/class/net/$NHS_DUT/hotswap/driver")" = 8139too ]
modprobe 8139too_v2
check "swap_built_in_to_module" swap_to 8139too_v2
check "swap_module_to_built_in" swap_to 8139too
check "module_build_unloads" rmmod 8139too_v2
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
