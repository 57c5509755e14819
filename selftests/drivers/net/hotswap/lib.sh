# SPDX-License-Identifier: GPL-2.0
#
# Helpers for the nethotswap selftests.  The VM harness (scripts/guest-init.sh)
# exports NHS_DUT, NHS_DUT_IP, NHS_PEER_NS, NHS_PEER, NHS_PEER_IP, ...

source "$(dirname "$0")/../../../kselftest/ktap_helpers.sh"

require_harness() {
	if [ -z "${NHS_DUT:-}" ] || [ -z "${NHS_PEER_NS:-}" ]; then
		ktap_skip_all "needs the nethotswap VM harness (NHS_DUT, NHS_PEER_NS)"
		exit "$KSFT_SKIP"
	fi
}

# check DESCRIPTION COMMAND...: one test case, passing when COMMAND does.
check() {
	local desc=$1
	shift
	if "$@"; then
		ktap_test_pass "$desc"
	else
		ktap_test_fail "$desc"
	fi
}

peer() {
	ip netns exec "$NHS_PEER_NS" "$@"
}

dut_driver() {
	basename "$(readlink -f "/sys/class/net/$NHS_DUT/device/driver")"
}

dut_stat() {
	cat "/sys/class/net/$NHS_DUT/statistics/$1"
}

# stream_start OUTFILE [iperf3 client options]: an iperf3 client on the
# DUT, in the background, against a one-shot server in the peer
# namespace; its JSON report goes to OUTFILE.
stream_start() {
	local out=$1
	shift
	peer iperf3 -s -1 -D -I "$out.server" || return 1
	sleep 0.5
	iperf3 -c "$NHS_PEER_IP" -J "$@" > "$out" &
	STREAM_PID=$!
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

# iperf3_run OUTFILE [iperf3 client options]: a stream in the foreground.
iperf3_run() {
	stream_start "$@" && stream_finish "$1"
}

# Payload bytes the iperf3 sender put on the wire.
iperf3_sent_bytes() {
	jq -r '.end.sum_sent.bytes' "$1"
}

# hotswap_to MODULE [TIMEOUT_MS]: swap the DUT's driver through sysfs.
# Returns the write's status; the kernel's reason is in last_result.
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
	cat "/sys/class/net/$NHS_DUT/hotswap/$1"
}

# load_build NAME: make a build of 8139too available (the first one is
# loaded by the harness with bind_cplus=1).
load_build() {
	if [ "$1" = 8139too ]; then
		modprobe 8139too bind_cplus=1
	else
		modprobe "$1"
	fi
}

# What must survive a swap untouched: identity, addresses, routes.
dut_identity() {
	cat "/sys/class/net/$NHS_DUT/ifindex"
	cat "/sys/class/net/$NHS_DUT/address"
	ip -o addr show dev "$NHS_DUT" | awk '{print $3, $4}'
	ip route show dev "$NHS_DUT"
	ip -6 route show dev "$NHS_DUT" | grep -v '^fe80'
}
