#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Print kselftest-list.txt ("collection:test" lines) for the selftests
# under DIR, from the TEST_PROGS of each collection's Makefile.
set -euo pipefail

cd "$1"
for mk in $(find . -name Makefile | sort); do
	dir=$(dirname "${mk#./}")
	sed -n 's/^TEST_PROGS *[:+]*= *//p' "$mk" | tr ' \t' '\n\n' | sed '/^$/d' |
		sed "s|^|$dir:|"
done
