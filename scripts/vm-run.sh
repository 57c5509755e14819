#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot the test kernel in QEMU and run one script as root in the guest.
#
# usage: vm-run.sh BZIMAGE INITRAMFS SCRIPT [FILE...]
#
# The NIC under test (DUT=8139too: an RTL8139, the default; DUT=e1000: an
# 82545EM, the oldest of QEMU's e1000 models that has interrupt
# moderation, "ethtool -C"; DUT=virtio: a virtio-net-pci with 2 queue
# pairs and MSI-X) and a VMXNET3 peer (driven by the built-in vmxnet3, a
# driver no DUT uses) are wired back to back through QEMU's in-process
# hub: no traffic leaves QEMU.  A hub port is one queue, so the virtio
# DUT and its peer are wired instead through taps on a bridge in a
# network namespace of their own, which has no other interface: no
# traffic leaves it.  The script (and any
# extra FILEs) land in the guest's /test.  Prints the script's output and
# exits with its exit status, or non-zero when the kernel reported an
# oops, BUG, WARN, KASAN, lockdep, debugobjects or kmemleak report,
# whatever the script returned.
#
# Environment: VM_ACCEL=kvm to opt into KVM (default tcg), VM_SMP (2),
# VM_MEM (1G), VM_TIMEOUT seconds (1200), VM_LOG (keep the full log
# there), VM_APPEND (extra kernel command line), VM_SPARE_NIC=1 (a second
# NIC of the DUT's model, on no network, which the guest leaves unbound
# for the tests that need two devices of one driver).
set -uo pipefail

# A multiqueue virtio-net needs a multiqueue tap: run QEMU in a network
# namespace of its own, where a bridge joins the DUT's tap and the peer's.
if [ "${DUT:-}" = virtio ] && [ -z "${NHS_VM_NETNS:-}" ]; then
	exec env NHS_VM_NETNS=1 unshare --net -- "$0" "$@"
fi

bzimage=$1
initramfs=$2
shift 2

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/root" "$work/root/test"
cp "$1" "$work/root/test/script.sh"
shift
[ $# -gt 0 ] && cp -r "$@" "$work/root/test/"
# The kernel unpacks concatenated cpio archives over each other.
(cd "$work/root" && find . | cpio -o -H newc --quiet | gzip -1) > "$work/test.cpio.gz"
cat "$initramfs" "$work/test.cpio.gz" > "$work/initrd"

# The virtio DUT's wire, in the namespace QEMU runs in: a 2-queue tap and
# the peer's tap on a bridge that forwards at once and sends nothing of
# its own (no STP, no IPv6).
wire_taps() {
	local tap

	sysctl -qw net.ipv6.conf.default.disable_ipv6=1 2>/dev/null
	ip link add nhsbr type bridge stp_state 0 forward_delay 0 &&
	ip tuntap add dev nhsdut mode tap multi_queue &&
	ip tuntap add dev nhspeer mode tap || return 1
	for tap in nhsdut nhspeer; do
		ip link set "$tap" mtu 9000 master nhsbr up || return 1
	done
	ip link set nhsbr up
}

log=${VM_LOG:-$work/console.log}
accel=${VM_ACCEL:-tcg}
# Under TCG the guest's TSC runs at the host's rate, and calibrating it
# against the emulated PIT fails when the host is busy, leaving the guest
# on jiffies (4 ms resolution).  Tell the guest the rate instead.
# The AML interpreter is slow under TCG: evaluating the PCI interrupt
# routing (_PRT) can time out and leave the NIC without an interrupt.
# acpi=noirq keeps ACPI for enumerating the CPUs and routes PCI
# interrupts from the BIOS tables instead.
# Without MSI, the DUTs that have no use for it and the peer keep the
# interrupt they were measured with.
dut_opts=
dut_netdev=(-netdev "hubport,id=dut,hubid=0")
peer_netdev=(-netdev "hubport,id=peer,hubid=0")
msi=pci=nomsi
case ${DUT:-8139too} in
8139too) model=rtl8139 ;;
e1000) model=e1000-82545em ;;
virtio)
	model=virtio-net-pci
	wire_taps || exit 2
	dut_opts=,mq=on,vectors=6
	dut_netdev=(-netdev "tap,id=dut,ifname=nhsdut,script=no,downscript=no,queues=2")
	peer_netdev=(-netdev "tap,id=peer,ifname=nhspeer,script=no,downscript=no")
	msi=
	;;
*) echo "vm-run: unknown DUT=$DUT (8139too, e1000 or virtio)" >&2; exit 2 ;;
esac
# No spare virtio-net: virtio-pci, built in, binds it at boot, before
# guest-init could keep every build off it.
spare_nic=()
[ -n "${VM_SPARE_NIC:-}" ] && [ "$DUT" != virtio ] &&
	spare_nic=(-device "$model,id=spare,mac=52:54:00:81:39:02,addr=0x10,romfile=")
tsc_khz=$(awk '/^cpu MHz/ { printf "tsc_early_khz=%d", $4 * 1000; exit }' /proc/cpuinfo)

timeout --foreground "${VM_TIMEOUT:-1200}" \
qemu-system-x86_64 -accel "$accel" -m "${VM_MEM:-1G}" -smp "${VM_SMP:-2}" \
	-nographic -no-reboot -monitor none -serial stdio \
	-kernel "$bzimage" -initrd "$work/initrd" \
	-append "console=ttyS0 loglevel=5 panic=-1 acpi=noirq $msi tsc=reliable $tsc_khz nhs_dut=${DUT:-8139too} ${VM_APPEND:-}" \
	-device "$model,netdev=dut,mac=52:54:00:81:39:01,romfile=$dut_opts" \
	"${dut_netdev[@]}" \
	-device vmxnet3,netdev=peer,mac=52:54:00:10:00:02,romfile= \
	"${peer_netdev[@]}" \
	"${spare_nic[@]}" \
	</dev/null 2>&1 |
	grep -a --line-buffered -v -e 'hub 0 is not connected to host network' \
		-e 'nic spare has no peer' | tr -d '\r' | sed -u 's/\x1b\[[0-9;?]*[a-zA-Z]//g; s/\x1bc//g' | tee "$log" |
	sed -u '/^nethotswap-vm: ----- dmesg -----$/,$d; /^nethotswap-data: /d'
qemu_rc=${PIPESTATUS[0]}

status=$(sed -n 's/^nethotswap-vm: exit status \([0-9]*\)$/\1/p' "$log" | tail -n 1)
if [ -z "$status" ]; then
	echo "nethotswap-vm: FAIL: the guest did not finish (qemu exit $qemu_rc)"
	status=1
fi

splat='Oops|BUG:|WARNING:|Kernel panic|kernel BUG|KASAN|UBSAN|general protection fault'
splat+='|possible recursive locking|possible circular locking|inconsistent lock state'
splat+='|suspicious RCU usage|INFO: task .* blocked|Call Trace:|DEBUG_LOCKS_WARN_ON'
splat+='|unreferenced object|ODEBUG:'
# The guest dumps the whole kernel log at the end; scan that, not what the
# script printed.  Without the dump (panic, hang), scan everything.
kernel_log=$work/kernel.log
sed -n '/^nethotswap-vm: ----- dmesg -----$/,$p' "$log" > "$kernel_log"
[ -s "$kernel_log" ] || cp "$log" "$kernel_log"
if grep -Eq "$splat" "$kernel_log"; then
	echo "nethotswap-vm: FAIL: the kernel reported a problem:"
	grep -E -A20 "$splat" "$kernel_log" | head -n 60 | sed 's/^/nethotswap-vm:   /'
	[ "$status" -eq 0 ] && status=1
fi
exit "$status"
