#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Pass the kselftest output through and end with "N passed, N failed".
# Test cases are the KTAP results inside each test program; a program
# that failed without reporting a failed case (crash, timeout) counts as
# one failure, and so does a VM-level failure (kernel splat, no exit).
# Exits non-zero unless something passed and nothing failed.
passed=0 failed=0 skipped=0 inner_failed=0

while IFS= read -r line; do
	printf '%s\n' "$line"
	case $line in
	'# ok '*'# SKIP'*) skipped=$((skipped + 1)) ;;
	'# ok '*) passed=$((passed + 1)) ;;
	'# not ok '*) failed=$((failed + 1)); inner_failed=$((inner_failed + 1)) ;;
	'# selftests: '*) inner_failed=0 ;;
	'not ok '*) [ "$inner_failed" -eq 0 ] && failed=$((failed + 1)) ;;
	'nethotswap-vm: FAIL'*) failed=$((failed + 1)) ;;
	esac
done

if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
