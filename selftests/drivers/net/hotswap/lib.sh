# SPDX-License-Identifier: GPL-2.0
#
# Helpers for the nethotswap selftests.  The VM harness (scripts/guest-init.sh)
# exports NHS_DUT, NHS_DUT_IP, NHS_PEER_NS, NHS_PEER, NHS_PEER_IP, ...,
# and the DUT's driver: NHS_DRV (its base build, 8139too or e1000),
# NHS_DRV_NEXT (its second generation), NHS_FAMILY (their hotswap family),
# NHS_DRV_PARAMS (what NHS_DRV is loaded with), NHS_PCI_ID; NHS_PEER_DRV
# is the peer's driver.  No test names a driver: each takes these.

# shellcheck shell=bash
# In the kselftest tree, ktap_helpers.sh is three levels up; "vm-run.sh"
# puts a test and this file in the guest's /test, next to no tree.
ktap_helpers=$(dirname "$0")/../../../kselftest/ktap_helpers.sh
[ -e "$ktap_helpers" ] || ktap_helpers=/kselftest/kselftest/ktap_helpers.sh
# shellcheck source=/dev/null
source "$ktap_helpers"

# Each test's start in the kernel log, whose timestamps the console shows:
# scripts/ktap-summary.sh turns them into the time each test took.
echo "nhs-selftest: start $(basename "$0")" 2>/dev/null > /dev/kmsg

require_harness() {
	if [ -z "${NHS_DUT:-}" ] || [ -z "${NHS_PEER_NS:-}" ]; then
		ktap_skip_all "needs the nethotswap VM harness (NHS_DUT, NHS_PEER_NS)"
		exit "$KSFT_SKIP"
	fi
	# A harness that names the DUT but not its driver is out of date:
	# a test guessing the driver would test the wrong one.
	if [ -z "${NHS_DRV:-}" ] || [ -z "${NHS_DRV_NEXT:-}" ] ||
	   [ -z "${NHS_FAMILY:-}" ] || [ -z "${NHS_PEER_DRV:-}" ] ||
	   [ -z "${NHS_BUS:-}" ]; then
		ktap_print_header
		ktap_exit_fail_msg "the harness set NHS_DUT but not NHS_DRV, NHS_DRV_NEXT, NHS_FAMILY, NHS_PEER_DRV and NHS_BUS (scripts/guest-init.sh)"
	fi
}

# independent_of_dut_driver: the test exercises the core, its fixture
# drivers, the netlink family or the command, whatever drives the DUT.
# "make check" runs it in its first VM only: the harness sets
# NHS_DRIVER_TESTS_ONLY in the VMs of the other DUTs.
independent_of_dut_driver() {
	if [ -n "${NHS_DRIVER_TESTS_ONLY:-}" ]; then
		ktap_skip_all "independent of the DUT's driver: make check runs it with the first DUT only"
		exit "$KSFT_SKIP"
	fi
}

# in_check_long: true in "make check-long" (NHS_CHECK_LONG), which runs
# the long tests and the long variants of the others.
in_check_long() {
	[ -n "${NHS_CHECK_LONG:-}" ]
}

# long_test: a stress variant, or a test the suite covers otherwise;
# "make check-long" runs it, "make check" skips it to stay within its VM
# time.
long_test() {
	if ! in_check_long; then
		ktap_skip_all "a long test: make check-long runs it"
		exit "$KSFT_SKIP"
	fi
}

# written_for_family FAMILY: a test written for one driver family, as
# generic as the others.  "make check" runs it on that family's DUT only,
# "make check-long" on every DUT.
written_for_family() {
	if [ "$NHS_FAMILY" != "$1" ] && ! in_check_long; then
		ktap_skip_all "written for the $1 family; on $NHS_FAMILY make check-long runs it"
		exit "$KSFT_SKIP"
	fi
}

# requires_family FAMILY: a test of what only that family's DUT has; it
# cannot run on another.
requires_family() {
	if [ "$NHS_FAMILY" != "$1" ]; then
		ktap_skip_all "needs the $1 DUT"
		exit "$KSFT_SKIP"
	fi
}

# check DESCRIPTION COMMAND...: one test case, passing when COMMAND does.
# Its result goes to the kernel log too, between the messages it caused.
check() {
	local desc=$1 result=ok
	shift
	if "$@"; then
		ktap_test_pass "$desc"
	else
		ktap_test_fail "$desc"
		result="not ok"
	fi
	echo "nhs-selftest: $result $desc" 2>/dev/null > /dev/kmsg
}

peer() {
	ip netns exec "$NHS_PEER_NS" "$@"
}

# The helpers below run in loops and in every check: they start no
# program where a builtin does, since each program costs about a fifth of
# a second on the test kernel.

# attr FILE: the first line of FILE, as "cat" prints a sysfs attribute;
# false if FILE cannot be read.
attr() {
	local line
	IFS= read -r line < "$1" || [ -n "$line" ] || return 1
	echo "$line"
}

# link_name LINK: the name of the directory LINK leads to, as
# "basename $(readlink -f LINK)" prints it; false if it leads nowhere.
link_name() {
	local target
	target=$(cd -P "$1" 2>/dev/null && pwd) || return 1
	echo "${target##*/}"
}

dut_driver() {
	link_name "/sys/class/net/$NHS_DUT/device/driver"
}

dut_stat() {
	attr "/sys/class/net/$NHS_DUT/statistics/$1"
}

# stream_finish OUTFILE: wait for the stream, report its rate; true when
# it completed without an error.
stream_finish() {
	local out=$1 rc

	wait "$STREAM_PID"
	rc=$?
	kill "$(cat "$out.server" 2>/dev/null)" 2>/dev/null
	ktap_print_msg "iperf3: $(jq -r '"\(.end.sum_received.bits_per_second / 1e6 | floor) Mbit/s, \(.end.sum_sent.retransmits) retransmits"' "$out" 2>/dev/null)"
	[ "$rc" -eq 0 ] && [ -z "$(jq -r '.error // empty' "$out")" ]
}

# iperf3_run OUTFILE SECONDS [iperf3 client options]: a bounded stream in
# the foreground.
iperf3_run() {
	bounded_stream_start "$@" && stream_finish "$1"
}

# Payload bytes the iperf3 receiver got: these crossed the wire.  (What the
# sender wrote may still sit in its socket buffer when iperf3 reports.)
iperf3_received_bytes() {
	jq -r '.end.sum_received.bytes' "$1"
}

# hotswap_to MODULE [TIMEOUT_MS]: swap the DUT's driver through sysfs.
# Returns the write's status; a swap that started and failed says why in
# the last_* files (hotswap_last_summary).
hotswap_to() {
	echo "$*" 2>/dev/null > "/sys/class/net/$NHS_DUT/hotswap/swap"
}

# hotswap_error MODULE...: the error message the swap write failed with
# ("Input/output error", ...), empty if it succeeded.
hotswap_error() {
	local err
	err=$( { echo "$*" > "/sys/class/net/$NHS_DUT/hotswap/swap"; } 2>&1)
	echo "${err##*: }"
}

hotswap_attr() {
	attr "/sys/class/net/$NHS_DUT/hotswap/$1"
}

# The last swap's result as sysfs has it, one value a file.
HOTSWAP_LAST_FILES="last_result last_error last_phase last_msg last_from last_to
last_attempts last_prepare_ns last_quiesce_ns last_handover_ns
last_blackout_ns last_rebind_ns last_total_ns"

# hotswap_last: every last_* file, "name=value" one a line (for cmp).
hotswap_last() {
	local f
	for f in $HOTSWAP_LAST_FILES; do
		echo "$f=$(hotswap_attr "$f")"
	done
}

# hotswap_last_summary: the last result on one line, for diagnostics.
hotswap_last_summary() {
	echo "$(hotswap_attr last_result) error $(hotswap_attr last_error)" \
	     "$(hotswap_attr last_from) -> $(hotswap_attr last_to)" \
	     "at $(hotswap_attr last_phase): $(hotswap_attr last_msg)"
}

# load_build NAME: make a build of the DUT's driver available; the base
# build, $NHS_DRV, with the parameters the harness loads it with
# ($NHS_DRV_PARAMS: 8139too needs bind_cplus=1 for QEMU's RTL8139).
load_build() {
	if [ "$1" = "$NHS_DRV" ]; then
		# shellcheck disable=SC2086 # parameters, one word each
		modprobe "$NHS_DRV" $NHS_DRV_PARAMS
	else
		modprobe "$1"
	fi
}

# What must survive a swap untouched: identity, addresses, routes.
dut_identity() {
	local family address route

	attr "/sys/class/net/$NHS_DUT/ifindex"
	attr "/sys/class/net/$NHS_DUT/address"
	while read -r _ _ family address _; do
		echo "$family $address"
	done < <(ip -o addr show dev "$NHS_DUT")
	ip route show dev "$NHS_DUT"
	while IFS= read -r route; do
		[[ $route == fe80* ]] || echo "$route"
	done < <(ip -6 route show dev "$NHS_DUT")
}

# --- Races and recovery (smp.sh and later) ---

# What vm-run.sh calls a kernel splat.
SPLAT='Oops|BUG:|WARNING:|Kernel panic|kernel BUG|KASAN|UBSAN|general protection fault'
SPLAT+='|possible recursive locking|possible circular locking|inconsistent lock state'
SPLAT+='|suspicious RCU usage|INFO: task .* blocked|Call Trace:'

# diag [PREFIX]: standard input as KTAP diagnostic lines.
diag() {
	sed "s/^/# ${1:-}/"
}

# print_cmd COMMAND...: run COMMAND, its output as KTAP diagnostics.
print_cmd() {
	echo "# \$ $*"
	"$@" 2>&1 | diag "  "
}

# dut_dump: what the driver and the chip say about the DUT, for a dead
# path: the RTL8139's registers as a hex dump (whichever build serves),
# another chip's as ethtool decodes them (it knows the e1000's).
dut_dump() {
	print_cmd ethtool -S "$NHS_DUT"
	if [ "$NHS_FAMILY" = rtl8139 ]; then
		print_cmd ethtool -d "$NHS_DUT" hex on
	else
		print_cmd ethtool -d "$NHS_DUT"
	fi
	echo "# rx registers: $(dut_rx_regs)"
	print_cmd ip -s link show "$NHS_DUT"
}

# dut_reg SIZE OFFSET: an RTL8139 register in hex (only that chip's: the
# offsets are its), read with one access of its own width through the
# I/O BAR's sysfs file.  QEMU's model decodes CAPR, CBR, IntrMask and
# IntrStatus only on 16-bit reads, and ethtool -d reads 32 bits at a
# time: for those, it shows 0.
dut_reg() {
	local size=$1 off=$2 res v=0 i=0 b

	res=/sys/bus/pci/devices/$(dut_bus_dev)/resource0
	[ -r "$res" ] || { echo "n/a"; return 1; }
	for b in $(dd if="$res" bs="$size" skip=$((off / size)) count=1 2>/dev/null | od -An -tu1); do
		v=$((v | b << (8 * i)))
		i=$((i + 1))
	done
	printf '%0*x\n' $((size * 2)) "$v"
}

# dut_rx_regs: the chip's receive state, one line.  The RTL8139's
# registers, read through its I/O BAR; the e1000's receive control and
# ring registers, as the first words of its driver's register dump:
# CTRL, STATUS, RCTL, RDLEN, RDH, RDT.
dut_rx_regs() {
	local ctrl status rctl rdlen rdh rdt

	case $NHS_FAMILY in
	rtl8139)
		echo "ChipCmd=$(dut_reg 1 0x37) CAPR=$(dut_reg 2 0x38) CBR=$(dut_reg 2 0x3a)" \
		     "IntrMask=$(dut_reg 2 0x3c) IntrStatus=$(dut_reg 2 0x3e)" \
		     "RxConfig=$(dut_reg 4 0x44) RxMissed=$(dut_reg 4 0x4c)"
		;;
	e1000)
		read -r ctrl status rctl rdlen rdh rdt < <(ethtool -d "$NHS_DUT" raw on 2>/dev/null |
			od -An -tx4 -v -w24 -N 24) || { echo "n/a"; return 1; }
		echo "CTRL=$ctrl STATUS=$status RCTL=$rctl RDLEN=$rdlen RDH=$rdh RDT=$rdt"
		;;
	*)
		echo "n/a (no register map for $NHS_FAMILY)"
		;;
	esac
}

# wait_until SECONDS COMMAND...: COMMAND succeeds within SECONDS.
wait_until() {
	local tries=$(($1 * 10))
	shift
	while ! "$@"; do
		tries=$((tries - 1))
		[ "$tries" -gt 0 ] || return 1
		sleep 0.1
	done
}

# wait_bounded SECONDS PID...: wait for background jobs, at most SECONDS.
# False if one still runs then (hung, likely in the kernel: it is left
# alone); the jobs report their results in files, not exit statuses.
wait_bounded() {
	local secs=$1 tries=$(($1 * 10)) pid running
	shift
	while :; do
		running=
		for pid in "$@"; do
			kill -0 "$pid" 2>/dev/null && running="$running $pid"
		done
		[ -z "$running" ] && break
		tries=$((tries - 1))
		if [ "$tries" -le 0 ]; then
			ktap_print_msg "still running after $secs s:$running"
			return 1
		fi
		sleep 0.1
	done
	for pid in "$@"; do
		wait "$pid"
	done
	return 0
}

# bounded_stream_start OUTFILE SECONDS [iperf3 client options]: an iperf3
# client on the DUT, in the background, against a one-shot server in the
# peer namespace, its JSON report in OUTFILE; a stream of SECONDS, killed
# STREAM_GRACE seconds after it should have ended: a dead path fails the
# stream, never hangs.
STREAM_GRACE=30
bounded_stream_start() {
	local out=$1 secs=$2
	shift 2
	peer iperf3 -s -1 -D -I "$out.server" || return 1
	sleep 0.5
	timeout $((secs + STREAM_GRACE)) \
		iperf3 -c "$NHS_PEER_IP" -J -t "$secs" "$@" > "$out" &
	STREAM_PID=$!
}

# stream_ok OUTFILE: stream_finish; the DUT dumped if the stream failed.
stream_ok() {
	stream_finish "$1" && return 0
	dut_dump
	return 1
}

# ping_ok [COUNT]: the DUT reaches the peer; the DUT dumped if not.
ping_ok() {
	timeout 30 ping -q -c "${1:-2}" -i 0.2 -W 2 "$NHS_PEER_IP" >/dev/null && return 0
	ktap_print_msg "no ping reply from $NHS_PEER_IP"
	dut_dump
	return 1
}

# answers_within SECONDS: the peer answers two pings within SECONDS,
# however many are lost first; the DUT dumped if not.  For a link that was
# just reset, or a device just reconfigured.
answers_within() {
	timeout $(($1 + 10)) ping -q -c 2 -i 0.2 -w "$1" "$NHS_PEER_IP" >/dev/null && return 0
	ktap_print_msg "fewer than 2 ping replies from $NHS_PEER_IP in $1 s"
	dut_dump
	return 1
}

# The IPv4 reassembly requests in the DUT's namespace and the peer's: a
# jumbo datagram that crossed whole adds none.
# shellcheck disable=SC2016 # an awk program
REASM_AWK='/^Ip:/ { if (!n) { for (i = 1; i <= NF; i++) if ($i == "ReasmReqds") n = i; next } print $n }'
reasm_reqds() { awk "$REASM_AWK" /proc/net/snmp; }
peer_reasm_reqds() { peer awk "$REASM_AWK" /proc/net/snmp; }

# jumbo_ping: 8928-byte echo requests and replies cross unfragmented
# (the DUT and the peer at MTU 9000).
jumbo_ping() {
	local dut_before peer_before dut_after peer_after

	dut_before=$(reasm_reqds) peer_before=$(peer_reasm_reqds)
	if ! timeout 20 ping -q -c 3 -i 0.2 -W 2 -s 8900 "$NHS_PEER_IP" >/dev/null; then
		ktap_print_msg "no reply to a jumbo ping"
		dut_dump
		return 1
	fi
	dut_after=$(reasm_reqds) peer_after=$(peer_reasm_reqds)
	[ "$dut_after" = "$dut_before" ] && [ "$peer_after" = "$peer_before" ] && return 0
	ktap_print_msg "jumbo ping fragmented: reassemblies DUT $dut_before -> $dut_after," \
		"peer $peer_before -> $peer_after"
	return 1
}

dut_carrier() {
	[ "$(attr "/sys/class/net/$NHS_DUT/carrier" 2>/dev/null)" = 1 ]
}

# other_build: the build of the DUT's driver that does not serve it now.
other_build() {
	if [ "$(dut_driver 2>/dev/null)" = "$NHS_DRV_NEXT" ]; then
		echo "$NHS_DRV"
	else
		echo "$NHS_DRV_NEXT"
	fi
}

# on_dut_bus DRIVER CASE: true if DRIVER is registered on the DUT's bus;
# if not, the case CASE is skipped, saying why.
on_dut_bus() {
	[ -d "/sys/bus/$NHS_BUS/drivers/$1" ] && return 0
	ktap_print_msg "no driver $1 on the $NHS_BUS bus"
	ktap_test_skip "$2"
	return 1
}

# swap_other: one swap to the build not serving, through sysfs (no
# program to start: a fork costs as long as the swap in the test VM)
swap_other() {
	local to
	to=$(other_build)
	hotswap_to "$to" && return 0
	ktap_print_msg "swap to $to: $(hotswap_last_summary)"
	return 1
}

# dut_drivers: who serves the DUT as the bus ("device/driver"), the
# hotswap core ("hotswap/driver") and the running code ("ethtool -i")
# see it: "BUS HOTSWAP CODE", "-" where there is no answer.
dut_drivers() {
	local d=/sys/class/net/$NHS_DUT bus=- hs=- code=-

	[ -e "$d/device/driver" ] && bus=$(link_name "$d/device/driver")
	[ -e "$d/hotswap/driver" ] && hs=$(attr "$d/hotswap/driver" 2>/dev/null)
	code=$(ethtool -i "$NHS_DUT" 2>/dev/null | sed -n 's/^driver: //p')
	echo "${bus:--} ${hs:--} ${code:--}"
}

# dut_consistent: one build serves the DUT, as all three see it.
dut_consistent() {
	local bus hs code
	read -r bus hs code <<< "$(dut_drivers)"
	[ "$bus" != - ] && [ "$bus" = "$hs" ] && [ "$hs" = "$code" ] && return 0
	ktap_print_msg "device/driver $bus, hotswap/driver $hs, ethtool -i $code"
	return 1
}

# wait_swapping [SECONDS]: true once a swap of the DUT is in progress
# (hotswap/state), false if none is seen within SECONDS (2).  Lets a
# test aim a race at the swap's phases rather than at process startup.
wait_swapping() {
	local state=/sys/class/net/$NHS_DUT/hotswap/state s end

	end=$((${EPOCHREALTIME/./} + ${1:-2} * 1000000))
	while [ "${EPOCHREALTIME/./}" -lt "$end" ]; do
		read -r s 2>/dev/null < "$state" && [ "$s" = swapping ] && return 0
	done
	return 1
}

# nap SECONDS: sleep without a fork (a fork in the TCG guest takes tens
# of milliseconds, as long as a swap's phases): a read with a timeout
# on a FIFO no one writes, $NAP_FIFO (set it in the test's directory).
nap() {
	[ "$1" = 0 ] && return 0
	[ -p "$NAP_FIFO" ] || mkfifo "$NAP_FIFO"
	read -rt "$1" <> "$NAP_FIFO"
	return 0
}

# swap_loop LOG COUNT [PAUSE]: COUNT swaps of the DUT to the build not
# serving it, by "nethotswap swap", PAUSE seconds apart.  One line per
# swap in LOG: "ok FROM -> TO" or "rc STATUS FROM -> TO: MESSAGE", then
# "; served " and dut_drivers after it.
swap_loop() {
	local log=$1 count=$2 pause=${3:-0} from to err rc

	for _ in $(seq "$count"); do
		from=$(dut_driver 2>/dev/null) to=$(other_build)
		err=$(timeout 60 nethotswap swap "$NHS_DUT" to "$to" 2>&1 >/dev/null)
		rc=$?
		if [ "$rc" -eq 0 ]; then
			echo "ok $from -> $to; served $(dut_drivers)"
		else
			echo "rc $rc $from -> $to: $err; served $(dut_drivers)"
		fi >> "$log"
		sleep "$pause"
	done
}

# swaps_clean LOG: every swap of a swap_loop completed, or failed with
# status 1 and the kernel's reason ("Error: ..."), not a crash or a hang.
swaps_clean() {
	local bad
	bad=$(grep -v '^ok ' "$1" | grep -Ev '^rc 1 [^:]*: Error: [^;]*[a-z]')
	[ -z "$bad" ] && return 0
	diag "unclear swap outcome: " <<< "$bad"
	return 1
}

# swap_summary LOG: how many swaps completed, and why the others failed.
swap_summary() {
	ktap_print_msg "$(grep -c '^ok ' "$1") of $(grep -c . "$1") swaps completed"
	grep -v '^ok ' "$1" | sed 's/^rc \([0-9]*\) [^:]*: \(.*\); served.*/exit \1: \2/' |
		sort | uniq -c | diag "  "
}

# dut_bus_dev: the name of the DUT's device on its bus, $NHS_BUS: a PCI
# address (0000:00:03.0), or a virtio device (virtio0).
dut_bus_dev() {
	link_name "/sys/class/net/$NHS_DUT/device"
}

# bus_driver DEV: the driver the device DEV on $NHS_BUS is bound to, if any.
bus_driver() {
	local link=/sys/bus/$NHS_BUS/devices/$1/driver
	[ -e "$link" ] && link_name "$link"
}

# bus_netdev DEV: the network interface of the device DEV on $NHS_BUS.
bus_netdev() {
	local d
	for d in "/sys/bus/$NHS_BUS/devices/$1/net/"*; do
		[ -e "$d" ] && echo "${d##*/}" && return 0
	done
	return 1
}

# module_refcnt MODULE: its reference count, "-" when it is not loaded.
module_refcnt() {
	attr "/sys/module/$1/refcnt" 2>/dev/null || echo -
}

# dut_configure: the DUT's addresses and link as the harness set them up
# (a down/up or a netns move drops them); true once it has carrier.
dut_configure() {
	ip addr replace "$NHS_DUT_IP/$NHS_PREFIX" dev "$NHS_DUT" &&
		ip addr replace "$NHS_DUT_IP6/64" dev "$NHS_DUT" nodad &&
		ip link set "$NHS_DUT" up &&
		wait_until 10 dut_carrier
}

# dut_restore DEV: bring the DUT, the device DEV on $NHS_BUS, back,
# served by $NHS_DRV, whatever happened to it: loaded and bound again if
# it was unbound or its driver unloaded (a new net_device, with a new
# ifindex), renamed back to $NHS_DUT, its addresses and link restored;
# true once the peer answers.
dut_restore() {
	local bus_dev=$1 drv dev

	load_build "$NHS_DRV" || return 1
	drv=$(bus_driver "$bus_dev")
	if [ -n "$drv" ] && [ "$drv" != "$NHS_DRV" ]; then
		dev=$(bus_netdev "$bus_dev")
		echo "$NHS_DRV" 2>/dev/null > "/sys/class/net/$dev/hotswap/swap" ||
			echo "$bus_dev" > "/sys/bus/$NHS_BUS/drivers/$drv/unbind"
		drv=$(bus_driver "$bus_dev")
	fi
	if [ -z "$drv" ]; then
		echo "$bus_dev" > "/sys/bus/$NHS_BUS/drivers/$NHS_DRV/bind" || return 1
	fi
	wait_until 10 bus_netdev "$bus_dev" >/dev/null || return 1
	dev=$(bus_netdev "$bus_dev")
	if [ "$dev" != "$NHS_DUT" ]; then
		ktap_print_msg "$bus_dev came back as $dev: renaming it $NHS_DUT"
		ip link set "$dev" down && ip link set "$dev" name "$NHS_DUT" ||
			return 1
	fi
	dut_configure && timeout 30 ping -q -c 1 -W 2 "$NHS_PEER_IP" >/dev/null
}

# back_to_base: the end of every race test: $NHS_DRV serves the DUT,
# which is configured and up, and $NHS_DRV_NEXT (then unused) unloads.
back_to_base() {
	[ "$(dut_driver)" = "$NHS_DRV" ] || hotswap_to "$NHS_DRV" || return 1
	dut_configure && dut_consistent &&
		{ ! grep -q "^$NHS_DRV_NEXT " /proc/modules || rmmod "$NHS_DRV_NEXT"; }
}

# kmsg_mark: a line in the kernel log; splat_since_mark: nothing that
# vm-run.sh calls a splat came after it.
kmsg_mark() {
	KMSG_MARK="nhs-selftest: $(basename "$0") $$ $RANDOM"
	echo "$KMSG_MARK" > /dev/kmsg
}
no_splat_since_mark() {
	local splat
	splat=$(dmesg | sed -n "\\|$KMSG_MARK|,\$p" | grep -E "$SPLAT")
	[ -z "$splat" ] && return 0
	head -n 20 <<< "$splat" | diag
	return 1
}

# disarm_faults: no injected fault stays armed for the next test.
disarm_faults() {
	local times
	for times in /sys/kernel/debug/nethotswap/fail_*/times; do
		echo 0 2>/dev/null > "$times"
	done
}

# inject_fault POINT: the next swap fails at POINT (prepare, quiesce,
# handover, commit, or rollback: the rollback after a failed commit),
# once, through the kernel's fault-injection framework; verbose 0, as the
# harness takes the stack dump of a verbose failure for a kernel bug.
inject_fault() {
	local dir=/sys/kernel/debug/nethotswap/fail_$1

	[ -d "$dir" ] || return 1
	echo 0 > "$dir/verbose" &&
		echo 1 > "$dir/interval" &&
		echo 100 > "$dir/probability" &&
		echo 1 > "$dir/times"
}

# The nhs_test_ops fixture (every entry point, platform bus): fx_load
# [PARAM=VALUE...] loads its device module and both builds, the device
# served by nhs_test_ops with PARAMs, its interface in FXDEV.  fx_unload
# unloads whatever of it is loaded, dsa_loop first.
FX=nhs_test_ops
FX2=nhs_test_ops_v2

fx_unload() {
	local m
	for m in dsa_loop "$FX" "$FX2" nhs_test_ops_dev; do
		[ -d "/sys/module/$m" ] && rmmod "$m"
	done
	return 0
}

fx_load() {
	fx_unload
	modprobe nhs_test_ops_dev && modprobe "$FX" "$@" &&
		modprobe "$FX2" || return 1
	FXDEV=$(ls /sys/bus/platform/devices/nhs_test_ops.0/net/ 2>/dev/null)
	[ -n "$FXDEV" ]
}

fx_driver() {
	link_name "/sys/class/net/$FXDEV/device/driver"
}

# fx_other: the fixture's build not serving FXDEV
fx_other() {
	if [ "$(fx_driver)" = "$FX" ]; then echo "$FX2"; else echo "$FX"; fi
}

fx_swap() {
	echo "$*" 2>/dev/null > "/sys/class/net/$FXDEV/hotswap/swap"
}

# fx_stat NAME: the fixture's count of calls to entry point NAME (ethtool -S)
fx_stat() {
	local name value
	ethtool -S "$FXDEV" | while read -r name value; do
		[ "$name" = "$1:" ] && echo "$value"
	done
}

# The swap's trace events (events/nethotswap/): trace_start [EVENT] records
# EVENT, or all of them, into an empty buffer, $TRACE; trace_stop ends the
# recording, and trace_off (for an EXIT trap) disables the events.
TRACING=/sys/kernel/tracing
TRACE=$TRACING/trace

trace_start() {
	[ -d "$TRACING/events" ] || mount -t tracefs nodev "$TRACING"
	echo 0 > "$TRACING/tracing_on"
	echo > "$TRACE"
	echo 1 > "$TRACING/events/nethotswap/${1:+$1/}enable"
	echo 1 > "$TRACING/tracing_on"
}

trace_stop() {
	echo 0 > "$TRACING/tracing_on"
}

trace_off() {
	echo 0 2>/dev/null > "$TRACING/events/nethotswap/enable"
}
