#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A swapped DUT goes through what a device goes through in its life, and
# the build serving it then owns all of it:
#
#   - swapped while down, then brought up: it carries traffic;
#   - blinking ("ethtool -p", which calls the driver between naps) while
#     swapped back, and the old build unloaded mid-blink: "ethtool -i"
#     names the new build and the blink completes;
#   - unbound from the build that took it over (that build's remove() on
#     the state it was handed) and bound to $NHS_DRV again: a new
#     net_device, restored by dut_restore; the unused build unloads;
#   - removed from the PCI bus after a swap, the build unloaded, the bus
#     rescanned: $NHS_DRV probes it, dut_restore restores it;
#   - swapped to $NHS_DRV_NEXT and $NHS_DRV unloaded, as an upgrade does,
#     then back: each time /proc/interrupts has exactly one handler named
#     after the DUT on its IRQ line, every region /proc/iomem and
#     /proc/ioports show inside the device's BARs names the serving build,
#     and the device's driver link leads to it.
#
# No splat; at the end $NHS_DRV serves the DUT as the harness set it up.

# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
require_harness
written_for_family e1000

BLINK_SECS=10

tmp=$(mktemp -d)
cleanup() {
	# shellcheck disable=SC2046 # one PID a word
	kill $(jobs -p) 2>/dev/null
	[ -e "/sys/bus/pci/devices/$pci" ] || echo 1 > /sys/bus/pci/rescan
	dut_restore "$pci" >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT

ktap_print_header
ktap_set_plan 15

pci=$(dut_bus_dev)

# loaded MODULE: MODULE is in the kernel.
loaded() {
	grep -q "^$1 " /proc/modules
}

# serving BUILD: BUILD serves the DUT, as the bus, the hotswap core and
# ethtool -i see it.
serving() {
	dut_consistent && [ "$(dut_driver)" = "$1" ]
}

# swap_to BUILD: BUILD loaded and serving the DUT, by a swap.
swap_to() {
	load_build "$1" || return 1
	[ "$(dut_driver)" = "$1" ] && return 0
	if ! hotswap_to "$1"; then
		ktap_print_msg "swap to $1 failed: $(hotswap_last_summary)"
		return 1
	fi
	serving "$1"
}

# region_owners FILE...: the names of the regions nested in the DUT's
# BARs in /proc/iomem or /proc/ioports: who requested them.
region_owners() {
	awk -v dev="$pci" '
		{
			match($0, /^ */)
			indent = RLENGTH
			name = $0
			sub(/^[^:]*: /, "", name)
		}
		inside && indent > bar { print name; next }
		{ inside = 0 }
		name == dev { inside = 1; bar = indent }
	' "$@"
}

# irq_handlers: how many handlers on the DUT's IRQ line are named after
# the DUT in /proc/interrupts.
irq_handlers() {
	local irq
	irq=$(attr "/sys/bus/pci/devices/$pci/irq") || return 1
	awk -v irq="$irq:" -v dev="$NHS_DUT" '
		$1 == irq {
			for (i = 2; i <= NF; i++) {
				f = $i
				sub(/,$/, "", f)
				if (f == dev)
					n++
			}
		}
		END { print n + 0 }
	' /proc/interrupts
}

# resources_named BUILD: the DUT's IRQ handler, I/O regions and driver
# link are BUILD's, and BUILD's only.
resources_named() {
	local build=$1 handlers owners

	handlers=$(irq_handlers)
	owners=$(region_owners /proc/iomem /proc/ioports | sort -u | tr '\n' ' ')
	ktap_print_msg "IRQ $(attr "/sys/bus/pci/devices/$pci/irq"):" \
		"$handlers handler(s) named $NHS_DUT; regions of $pci: ${owners:-none};" \
		"driver: $(bus_driver "$pci")"
	grep -E "^ *$(attr "/sys/bus/pci/devices/$pci/irq"):" /proc/interrupts | diag "  "
	[ "$handlers" = 1 ] && [ "$owners" = "$build " ] &&
		[ "$(bus_driver "$pci")" = "$build" ] && serving "$build"
}

traffic() {
	bounded_stream_start "$tmp/$1.json" 3 && stream_ok "$tmp/$1.json"
}

kmsg_mark
ifindex_boot=$(attr "/sys/class/net/$NHS_DUT/ifindex")

# --- Down: nothing runs; up, the new build opens the device ---

swap_while_down() {
	load_build "$NHS_DRV_NEXT" || return 1
	ip link set "$NHS_DUT" down
	if ! hotswap_to "$NHS_DRV_NEXT"; then
		ktap_print_msg "swap while down failed: $(hotswap_last_summary)"
		ip link set "$NHS_DUT" up
		return 1
	fi
	# The down took the IPv6 address with it.
	dut_configure && serving "$NHS_DRV_NEXT" && ping_ok 2 && traffic down
}
check "swap_while_down_then_up_carries_traffic" swap_while_down

# --- A blink across a swap and the old build's unloading ---

# A driver without set_phys_id() fails "ethtool -p" at once: both cases
# are skipped.
swap_to "$NHS_DRV_NEXT" && load_build "$NHS_DRV"
timeout $((BLINK_SECS + 20)) ethtool -p "$NHS_DUT" $BLINK_SECS 2> "$tmp/blink.err" &
blink=$!
sleep 1
swap_mid_blink() {
	local drv

	swap_to "$NHS_DRV" && rmmod "$NHS_DRV_NEXT" || return 1
	drv=$(ethtool -i "$NHS_DUT" | sed -n 's/^driver: //p')
	ktap_print_msg "$NHS_DRV_NEXT unloaded mid-blink: ethtool -i says $drv"
	if ! kill -0 "$blink" 2>/dev/null; then
		ktap_print_msg "the blink ended before the old build was unloaded"
		return 1
	fi
	[ "$drv" = "$NHS_DRV" ]
}
if kill -0 "$blink" 2>/dev/null; then
	check "swap_and_old_build_unloaded_mid_blink_ethtool_i_works" swap_mid_blink
	wait "$blink"
	blink_rc=$?
	check "blink_completes" [ "$blink_rc" = 0 ]
else
	wait "$blink"
	ktap_print_msg "\"ethtool -p\" failed at once: $(cat "$tmp/blink.err")"
	ktap_test_skip "swap_and_old_build_unloaded_mid_blink_ethtool_i_works"
	ktap_test_skip "blink_completes"
fi

# --- Unbound from the build that took it over ---

unbind_after_swap() {
	swap_to "$NHS_DRV_NEXT" || return 1
	IFINDEX_BEFORE=$(attr "/sys/class/net/$NHS_DUT/ifindex")
	echo "$pci" > "/sys/bus/pci/drivers/$NHS_DRV_NEXT/unbind" || return 1
	[ -z "$(bus_driver "$pci")" ] && ! bus_netdev "$pci" >/dev/null &&
		[ ! -e "/sys/class/net/$NHS_DUT" ]
}
check "unbind_from_the_build_that_took_over" unbind_after_swap
check "that_build_unused_and_unloads" rmmod "$NHS_DRV_NEXT"

rebind_base() {
	local ifindex
	echo "$pci" > "/sys/bus/pci/drivers/$NHS_DRV/bind" &&
		dut_restore "$pci" && serving "$NHS_DRV" || return 1
	ifindex=$(attr "/sys/class/net/$NHS_DUT/ifindex")
	ktap_print_msg "ifindex $IFINDEX_BEFORE before the unbind, $ifindex after the bind"
	[ "$ifindex" != "$IFINDEX_BEFORE" ] && traffic rebind
}
check "bound_to_base_again_new_netdev_carries_traffic" rebind_base

# --- Removed from the bus after a swap, and rescanned ---

remove_after_swap() {
	swap_to "$NHS_DRV_NEXT" || return 1
	echo 1 > "/sys/bus/pci/devices/$pci/remove" &&
		[ ! -e "/sys/bus/pci/devices/$pci" ] && [ ! -e "/sys/class/net/$NHS_DUT" ] &&
		rmmod "$NHS_DRV_NEXT"
}
check "pci_remove_after_swap_and_build_unloads" remove_after_swap

# The rescan finds the device again, and $NHS_DRV, the only build
# loaded, probes it.
probed_by_base() {
	[ "$(bus_driver "$pci")" = "$NHS_DRV" ]
}
rescan() {
	echo 1 > /sys/bus/pci/rescan || return 1
	if ! wait_until 10 probed_by_base; then
		ktap_print_msg "after the rescan, $pci is bound to: $(bus_driver "$pci" || echo nothing)"
		return 1
	fi
	dut_restore "$pci" && serving "$NHS_DRV" && traffic rescan
}
check "pci_rescan_probes_base_and_dut_restored" rescan

# --- An upgrade and a downgrade: the old build unloaded each time ---

upgrade() {
	swap_to "$NHS_DRV_NEXT" && rmmod "$NHS_DRV" && ! loaded "$NHS_DRV"
}
check "swap_to_next_and_base_unloads" upgrade
check "irq_regions_and_driver_link_name_next" resources_named "$NHS_DRV_NEXT"
check "carries_traffic_after_upgrade" traffic upgrade

downgrade() {
	swap_to "$NHS_DRV" && rmmod "$NHS_DRV_NEXT" && ! loaded "$NHS_DRV_NEXT"
}
check "swap_back_to_base_and_next_unloads" downgrade
check "irq_regions_and_driver_link_name_base" resources_named "$NHS_DRV"

ktap_print_msg "ifindex $ifindex_boot at the start, $(attr "/sys/class/net/$NHS_DUT/ifindex") now"
check "no_splat" no_splat_since_mark
check "back_on_base" back_to_base

ktap_finished
