#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Fuzz the nethotswap netlink family (nl_fuzz: at least 100000 requests
# of every command, random attribute sets, sizes and contents), then
# check that every request was answered, the DUT still has its driver,
# identity and last result, the kernel log has no splat, and the path
# works.  One fuzzer runs on each CPU, each with its own socket and
# seed: the family is parallel_ops, so their requests meet in the kernel.

source "$(dirname "$0")/lib.sh"
require_harness
independent_of_dut_driver
long_test

COUNT=${NHS_FUZZ_COUNT:-100000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ktap_print_header
ktap_set_plan 5

# Only $NHS_DRV of the DUT's builds: no name the fuzzer draws can start
# a swap (8139too also has a demo build, 8139too_old).
for m in "$NHS_DRV_NEXT" "${NHS_DRV}_old"; do
	grep -q "^$m " /proc/modules && rmmod "$m" 2>/dev/null
done
dut_identity > "$tmp/identity.before"
last_before=$(hotswap_last)
kmsg_mark

WORKERS=$(nproc)
EACH=$(( (COUNT + WORKERS - 1) / WORKERS ))

fuzz() {
	local i pids=() ok=0 start=${EPOCHREALTIME/./}

	for i in $(seq "$WORKERS"); do
		"$(dirname "$0")/nl_fuzz" "$EACH" "$RANDOM" > "$tmp/fuzz.$i" 2>&1 &
		pids+=($!)
	done
	for i in $(seq "$WORKERS"); do
		wait "${pids[i - 1]}" &&
			grep -q "^sent $EACH, acked $EACH, " "$tmp/fuzz.$i" &&
			ok=$((ok + 1))
		ktap_print_msg "nl_fuzz $i: $(cat "$tmp/fuzz.$i")"
	done
	ktap_print_msg "$((EACH * WORKERS)) messages from $WORKERS fuzzers in" \
		"$(( (${EPOCHREALTIME/./} - start) / 1000 )) ms"
	[ "$ok" -eq "$WORKERS" ] && [ $((EACH * WORKERS)) -ge 100000 ]
}
check "fuzz_${COUNT}_messages_all_answered" fuzz
check "dut_still_on_$NHS_DRV" [ "$(dut_driver)" = "$NHS_DRV" ]
unchanged() {
	dut_identity | cmp -s "$tmp/identity.before" - &&
		[ "$(hotswap_last)" = "$last_before" ]
}
check "identity_and_last_result_unchanged" unchanged
check "no_kernel_splat" no_splat_since_mark
check "ping_after_fuzz" ping_ok

ktap_finished
