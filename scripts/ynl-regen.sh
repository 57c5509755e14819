#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Regenerate the files generated from the nethotswap netlink spec with the
# kernel's YNL code generator: the family's policies and ops table
# (drivers/net/hotswap/netlink-gen.[ch]) and the uAPI header.  Run after
# editing Documentation/netlink/specs/nethotswap.yaml; needs the kernel
# tree laid out by "make" (build/linux).  CI checks the result with
# scripts/ynl-check.sh.
#
# usage: ynl-regen.sh [REPO_DIR]
set -euo pipefail

repo=$(realpath "${1:-$(dirname "$0")/..}")
tree=$repo/build/linux
spec=Documentation/netlink/specs/nethotswap.yaml
gen=$tree/tools/net/ynl/ynl-gen-c.py

[ -x "$gen" ] || { echo "ynl-regen: no $gen, run make first" >&2; exit 1; }
# The generator finds its schema and the spec's in-tree path from where the
# spec sits, so run it on the tree's link to our spec.
ln -sfn "$repo/$spec" "$tree/$spec"

run() {
	echo "  GEN     ${*: -1}"
	python3 "$gen" --cmp-out --spec "$tree/$spec" "${@:1:$#-1}" -o "$repo/${*: -1}"
}

run --mode uapi --header include/uapi/linux/nethotswap.h
run --mode kernel --header drivers/net/hotswap/netlink-gen.h
run --mode kernel --source drivers/net/hotswap/netlink-gen.c
