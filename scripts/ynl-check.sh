#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# CI: the files generated from the nethotswap netlink spec must be what
# the kernel's YNL generator makes of the spec today, byte for byte:
# regenerate them into a scratch directory and fail on any difference.
# Also check what other bindings get: the C that YNL generates for user
# space compiles with <errno.h> included (no member named after a libc
# macro), and kernel-doc -Wall is clean on the uAPI header.
#
# Needs the generator and its schemas only: taken from build/linux when
# "make" laid it out, else from Debian's linux-source tarball; never
# writes outside the scratch directory.
#
# usage: ynl-check.sh [REPO_DIR]
set -euo pipefail

repo=$(realpath "${1:-$(dirname "$0")/..}")
spec=Documentation/netlink/specs/nethotswap.yaml
tarball=/usr/src/linux-source-6.12.tar.xz
python=/usr/bin/python3
[ -x "$python" ] || python=python3

"$repo/scripts/deps.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
kt=$tmp/linux
mkdir -p "$kt"
if [ -e "$repo/build/linux/tools/net/ynl/ynl-gen-c.py" ]; then
	src=$repo/build/linux
	mkdir -p "$kt/tools/net" "$kt/Documentation" "$kt/scripts"
	cp -rL "$src/tools/net/ynl" "$kt/tools/net/"
	cp -rL "$src/Documentation/netlink" "$kt/Documentation/"
	cp -L "$src/scripts/kernel-doc" "$kt/scripts/"
else
	tar -xJf "$tarball" -C "$kt" --strip-components=1 --wildcards \
		'*/tools/net/ynl/*' '*/Documentation/netlink/*' '*/scripts/kernel-doc'
fi
# The generator finds the spec's in-tree path from the root's MAINTAINERS.
touch "$kt/MAINTAINERS"
cp "$repo/$spec" "$kt/$spec"
gen=$kt/tools/net/ynl/ynl-gen-c.py

status=0
mkdir -p "$tmp/out"
generate() {
	local file=$1
	shift
	"$python" "$gen" --spec "$kt/$spec" "$@" -o "$tmp/out/$(basename "$file")"
	if ! diff -u "$repo/$file" "$tmp/out/$(basename "$file")"; then
		echo "ynl-check: $file differs from what $spec generates;" \
		     "run scripts/ynl-regen.sh and commit the result" >&2
		status=1
	fi
}
generate include/uapi/linux/nethotswap.h --mode uapi --header
generate drivers/net/hotswap/netlink-gen.h --mode kernel --header
generate drivers/net/hotswap/netlink-gen.c --mode kernel --source

# User-space C from the spec, against the repository's uAPI header.
mkdir -p "$tmp/user/linux"
cp "$repo/include/uapi/linux/nethotswap.h" "$tmp/user/linux/"
"$python" "$gen" --spec "$kt/$spec" --mode user --header \
	-o "$tmp/user/nethotswap-user.h"
"$python" "$gen" --spec "$kt/$spec" --mode user --source \
	-o "$tmp/user/nethotswap-user.c"
if ! gcc -fsyntax-only -Wall -include errno.h -include stdio.h \
	-I"$tmp/user" -I"$kt/tools/net/ynl/lib" "$tmp/user/nethotswap-user.c"; then
	echo "ynl-check: the C YNL generates from $spec does not compile" >&2
	status=1
fi

if "$kt/scripts/kernel-doc" -none -Wall "$repo/include/uapi/linux/nethotswap.h" 2>&1 |
	grep .; then
	echo "ynl-check: kernel-doc warns about the uAPI header" >&2
	status=1
fi

[ "$status" -eq 0 ] && echo "ynl-check: generated files match $spec"
exit "$status"
