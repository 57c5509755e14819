#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# /init of the test VM.  Wires the device under test (an RTL8139 driven by
# 8139too, an e1000 driven by e1000, or a virtio-net driven by virtio_net:
# nhs_dut= on the kernel command line, "make DUT=...") to its peer (a
# VMXNET3 driven by the built-in vmxnet3, moved into network namespace
# "peer"), runs /test/script.sh as root and reports its exit status on
# the console.
#
# The script gets:
#   NHS_DRV         the DUT's driver, its first build: 8139too, e1000 or
#                   virtio_net
#   NHS_DRV_NEXT    the driver's second generation: 8139too_v2, e1000_v2,
#                   virtio_net_v2
#   NHS_FAMILY      their hotswap family: rtl8139, e1000, virtio_net
#   NHS_DRV_PARAMS  the parameters NHS_DRV is loaded with
#   NHS_PCI_ID      the DUT model's PCI device id (0x8139, 0x100f, 0x1000)
#   NHS_PEER_DRV    the peer's driver (vmxnet3)
#   NHS_DUT         the DUT interface name, in the init namespace
#   NHS_DUT_IP      its IPv4 address (NHS_DUT_IP6: IPv6), prefix NHS_PREFIX
#   NHS_PEER_NS     the peer's network namespace ("peer")
#   NHS_PEER        the peer interface name inside NHS_PEER_NS
#   NHS_PEER_IP     its IPv4 address (NHS_PEER_IP6: IPv6)
#   NHS_MODULES     the directory holding the project's modules
#   NHS_BOOT_BUILD  the build of NHS_DRV that served the DUT from boot
#   NHS_BUS         the bus the DUT's driver binds to: pci, or virtio
#   NHS_SPARE_PCI   the PCI address of a second, unbound NIC of the DUT's
#                   model on no network (VM_SPARE_NIC), or empty
#   NHS_DRIVER_TESTS_ONLY  set (nhs_driver_tests_only=1) in the VMs of
#                   "make check" after the first: the tests that do not
#                   depend on the DUT's driver skip
#   NHS_CHECK_LONG  set (nhs_check_long=1) by "make check-long": the long
#                   tests run too

export PATH=/usr/sbin:/usr/bin
export HOME=/root
umask 022

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
mount -t debugfs debugfs /sys/kernel/debug
mkdir -p /run/netns /dev/pts
# devtmpfs lacks these; without them "2>>/dev/stdout" creates a file.
ln -sf /proc/self/fd /dev/fd
ln -sf /proc/self/fd/0 /dev/stdin
ln -sf /proc/self/fd/1 /dev/stdout
ln -sf /proc/self/fd/2 /dev/stderr
ip link set lo up

# Leaks of the whole run, when the kernel tracks them: kmemleak wants two
# scans before it reports an object (it must stay unreferenced in both).
kmemleak_report() {
	local k=/sys/kernel/debug/kmemleak

	[ -w "$k" ] || return 0
	echo scan > "$k" && sleep 1 && echo scan > "$k" && cat "$k"
}

finish() {
	echo "nethotswap-vm: exit status $1"
	echo "nethotswap-vm: ----- dmesg -----"
	dmesg
	kmemleak_report
	echo "nethotswap-vm: ----- end -----"
	sync
	reboot -f
}

iface_of_driver() {
	local d
	for d in /sys/class/net/*; do
		[ "$(basename "$(readlink -f "$d/device/driver" 2>/dev/null)")" = "$1" ] &&
			basename "$d" && return 0
	done
	return 1
}

wait_for() {
	local i
	for i in $(seq 100); do
		"$@" && return 0
		sleep 0.1
	done
	return 1
}

export NHS_MODULES=/lib/modules/$(uname -r)/kernel
export NHS_PREFIX=24
export NHS_DUT_IP=192.0.2.1 NHS_PEER_IP=192.0.2.2
export NHS_DUT_IP6=2001:db8::1 NHS_PEER_IP6=2001:db8::2
export NHS_PEER_NS=peer NHS_PEER_DRV=vmxnet3
export NHS_DRIVER_TESTS_ONLY=${nhs_driver_tests_only:-}
export NHS_CHECK_LONG=${nhs_check_long:-}

# The kernel hands command line parameters it does not know to init's
# environment: nhs_dut (VM_APPEND).  8139too needs bind_cplus=1 to drive
# QEMU's RTL8139, which reports itself as an 8139C+.
case ${nhs_dut:-8139too} in
8139too)
	export NHS_DRV=8139too NHS_DRV_NEXT=8139too_v2 NHS_FAMILY=rtl8139
	export NHS_DRV_PARAMS=bind_cplus=1 NHS_PCI_ID=0x8139 NHS_BUS=pci
	dut_vendor=0x10ec
	;;
e1000)
	export NHS_DRV=e1000 NHS_DRV_NEXT=e1000_v2 NHS_FAMILY=e1000
	export NHS_DRV_PARAMS='' NHS_PCI_ID=0x100f NHS_BUS=pci
	dut_vendor=0x8086
	;;
virtio)
	export NHS_DRV=virtio_net NHS_DRV_NEXT=virtio_net_v2 NHS_FAMILY=virtio_net
	export NHS_DRV_PARAMS='' NHS_PCI_ID=0x1000 NHS_BUS=virtio
	dut_vendor=0x1af4
	;;
*)
	echo "nethotswap-vm: unknown DUT nhs_dut=$nhs_dut"
	finish 97
	;;
esac

# dut_pcis: the PCI addresses of the NICs of the DUT's model, DUT first
dut_pcis() {
	local f
	for f in $(grep -l "^$NHS_PCI_ID\$" /sys/bus/pci/devices/*/device); do
		[ "$(cat "${f%/device}/vendor")" = "$dut_vendor" ] && echo "${f%/device}"
	done
}

# bind_build NAME: bind the DUT to a build that has no device table.
# The override goes once the device is bound, so that any build may take
# it over later.
bind_build() {
	local pci

	pci=$(dut_pcis | head -n 1)
	# shellcheck disable=SC2086 # parameters, one word each
	modprobe "$1" $NHS_DRV_PARAMS || return 1
	echo "$1" > "$pci/driver_override"
	echo "$(basename "$pci")" > /sys/bus/pci/drivers_probe
	echo > "$pci/driver_override"
}

# A spare NIC of the DUT's model (VM_SPARE_NIC) stays unbound until a
# test binds it: an override naming no driver keeps every build off it.
NHS_SPARE_PCI=
for d in $(dut_pcis | tail -n +2); do
	echo none > "$d/driver_override"
	NHS_SPARE_PCI=$(basename "$d")
done
export NHS_SPARE_PCI

# The build serving the DUT from boot: NHS_DRV, or the one the kernel
# command line names with nhs_boot_build=NAME.  Built in (FLAVOR=builtin),
# 8139too takes bind_cplus from the command line.
boot_build=${nhs_boot_build:-$NHS_DRV}
if [ "$boot_build" = "$NHS_DRV" ]; then
	# shellcheck disable=SC2086 # parameters, one word each
	modprobe "$NHS_DRV" $NHS_DRV_PARAMS || [ -d "/sys/module/$NHS_DRV" ] ||
		finish 97
else
	bind_build "$boot_build" || finish 97
fi
NHS_DUT=$(wait_for iface_of_driver "$boot_build" >/dev/null &&
	  iface_of_driver "$boot_build") ||
	{ echo "nethotswap-vm: no interface bound to $boot_build"; finish 97; }
NHS_PEER=$(wait_for iface_of_driver "$NHS_PEER_DRV" >/dev/null &&
	   iface_of_driver "$NHS_PEER_DRV") ||
	{ echo "nethotswap-vm: no $NHS_PEER_DRV peer interface"; finish 97; }
export NHS_DUT NHS_PEER NHS_BOOT_BUILD=$boot_build

ip netns add "$NHS_PEER_NS"
ip link set "$NHS_PEER" netns "$NHS_PEER_NS"
ip -n "$NHS_PEER_NS" link set lo up
ip -n "$NHS_PEER_NS" addr add "$NHS_PEER_IP/$NHS_PREFIX" dev "$NHS_PEER"
ip -n "$NHS_PEER_NS" addr add "$NHS_PEER_IP6/64" dev "$NHS_PEER" nodad
ip -n "$NHS_PEER_NS" link set "$NHS_PEER" up
ip addr add "$NHS_DUT_IP/$NHS_PREFIX" dev "$NHS_DUT"
ip addr add "$NHS_DUT_IP6/64" dev "$NHS_DUT" nodad
ip link set "$NHS_DUT" up

carrier() { [ "$(cat "/sys/class/net/$NHS_DUT/carrier" 2>/dev/null)" = 1 ]; }
wait_for carrier || echo "nethotswap-vm: warning: $NHS_DUT has no carrier"

clocksource=$(cat /sys/devices/system/clocksource/clocksource0/current_clocksource)
[ "$clocksource" = tsc ] ||
	echo "nethotswap-vm: warning: clocksource is $clocksource, timings are coarse"

cd /test
bash /test/script.sh
finish $?
