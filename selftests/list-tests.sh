#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Print kselftest-list.txt ("collection:test" lines) for the selftests
# under DIR, from the TEST_PROGS and TEST_GEN_PROGS of each collection's
# Makefile.
set -euo pipefail

cd "$1"
for mk in $(find . -name Makefile | sort); do
	dir=$(dirname "${mk#./}")
	sed -n 's/^TEST_\(GEN_\)\{0,1\}PROGS *[:+]*= *//p' "$mk" | tr ' \t' '\n\n' | sed '/^$/d' |
		sed "s|^|$dir:|"
done
