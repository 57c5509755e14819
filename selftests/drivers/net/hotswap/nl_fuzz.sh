#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Fuzz the nethotswap netlink family (nl_fuzz: at least 100000 requests
# of every command, random attribute sets, sizes and contents), then
# check that every request was answered, the DUT still has its driver,
# identity and last result, the kernel log has no splat, and the path
# works.

source "$(dirname "$0")/lib.sh"
require_harness

COUNT=${NHS_FUZZ_COUNT:-100000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ktap_print_header
ktap_set_plan 5

# Only 8139too: no name the fuzzer draws can start a swap.
for m in 8139too_v2 8139too_old; do
	grep -q "^$m " /proc/modules && rmmod "$m" 2>/dev/null
done
dut_identity > "$tmp/identity.before"
last_before=$(hotswap_last)
kmsg_mark

fuzz() {
	local out rc start=${EPOCHREALTIME/./}
	out=$("$(dirname "$0")/nl_fuzz" "$COUNT" "$RANDOM" 2>&1)
	rc=$?
	ktap_print_msg "nl_fuzz: $out"
	ktap_print_msg "$COUNT messages in $(( (${EPOCHREALTIME/./} - start) / 1000 )) ms"
	[ "$rc" -eq 0 ] && [[ "$out" == "sent $COUNT, acked $COUNT, "* ]] &&
		[ "$COUNT" -ge 100000 ]
}
check "fuzz_${COUNT}_messages_all_answered" fuzz
check "dut_still_on_8139too" [ "$(dut_driver)" = 8139too ]
unchanged() {
	dut_identity | cmp -s "$tmp/identity.before" - &&
		[ "$(hotswap_last)" = "$last_before" ]
}
check "identity_and_last_result_unchanged" unchanged
check "no_kernel_splat" no_splat_since_mark
check "ping_after_fuzz" ping -q -c 2 -W 2 "$NHS_PEER_IP"

ktap_finished
