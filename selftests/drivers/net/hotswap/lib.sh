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

# iperf3_run OUTFILE [iperf3 client options]: a client run from the DUT
# against a one-shot server in the peer namespace, JSON in OUTFILE.
iperf3_run() {
	local out=$1
	shift
	peer iperf3 -s -1 -D -I /tmp/iperf3-server.pid || return 1
	sleep 0.5
	iperf3 -c "$NHS_PEER_IP" -J "$@" > "$out"
	local rc=$?
	sleep 0.2
	kill "$(cat /tmp/iperf3-server.pid 2>/dev/null)" 2>/dev/null
	return $rc
}

# Bytes the iperf3 sender put on the wire (payload) and its rate.
iperf3_sent_bytes() {
	jq -r '.end.sum_sent.bytes' "$1"
}

iperf3_mbps() {
	jq -r '.end.sum_received.bits_per_second / 1e6 | floor' "$1"
}
