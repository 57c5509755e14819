#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Pass the kselftest output through and end with "N passed, N failed".
# Test cases are the KTAP results inside each test program; a program
# that failed without reporting a failed case (crash, timeout) counts as
# one failure, and so does a VM-level failure (kernel splat, no exit).
# Before that line, the seconds each test took, from the start marks the
# tests log (lib.sh) and the timestamps of the kernel's console lines, per
# VM when "make check" runs one per NIC ("nethotswap-check: DUT=...").
# Exits non-zero unless something passed and nothing failed.
passed=0 failed=0 skipped=0 inner_failed=0
durations=() test='' test_start='' now='' dut='' vm_seconds=0

# seconds FROM TO: whole seconds between two kernel timestamps.
seconds() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", b - a }'
}

# end_vm: the last test of a VM ends with its last kernel message
end_vm() {
	[ -n "$test" ] && durations+=("$dut$test $(seconds "$test_start" "$now")")
	[ -n "$now" ] && vm_seconds=$(awk -v a="$vm_seconds" -v b="$now" 'BEGIN { print a + b }')
	test='' now=''
}

while IFS= read -r line; do
	printf '%s\n' "$line"
	if [[ $line =~ ^nethotswap-check:\ DUT=(.*) ]]; then
		end_vm
		dut="${BASH_REMATCH[1]}: "
		continue
	fi
	if [[ $line =~ ^\[\ *([0-9]+\.[0-9]+)\]\ (nhs-selftest:\ start\ (.*))? ]]; then
		now=${BASH_REMATCH[1]}
		if [ -n "${BASH_REMATCH[2]}" ]; then
			[ -n "$test" ] &&
				durations+=("$dut$test $(seconds "$test_start" "$now")")
			test=${BASH_REMATCH[3]} test_start=$now
		fi
	fi
	case $line in
	'# ok '*'# SKIP'*) skipped=$((skipped + 1)) ;;
	'# ok '*) passed=$((passed + 1)) ;;
	'# not ok '*) failed=$((failed + 1)); inner_failed=$((inner_failed + 1)) ;;
	'# selftests: '*) inner_failed=0 ;;
	'not ok '*) [ "$inner_failed" -eq 0 ] && failed=$((failed + 1)) ;;
	'nethotswap-vm: FAIL'*) failed=$((failed + 1)) ;;
	esac
done

end_vm
if [ "${#durations[@]}" -gt 0 ]; then
	echo "seconds per test (from the kernel log's timestamps):"
	printf '  %s\n' "${durations[@]}"
	echo "seconds from boot to the last kernel message, all VMs: $(seconds 0 "$vm_seconds")"
fi

if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
