#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Lay out the kernel source tree the project builds: Debian's linux-source
# tarball, plus our patch series (changes to existing kernel files), plus
# symlinks to the new trees that live in this repository.
#
# usage: kernel-tree.sh REPO_DIR TREE_DIR
#
# Files the series touches keep their previous mtime when their content is
# unchanged and get a new one otherwise, so kbuild (which compares mtimes)
# rebuilds exactly what a changed series changed.
set -euo pipefail

repo=$1
tree=$2
tarball=/usr/src/linux-source-6.12.tar.xz
series=$repo/patches/series
list=patched-files

patched_by_series() {
	local p
	while read -r p; do
		case $p in ''|'#'*) continue ;; esac
		sed -n 's|^+++ b/||p' "$repo/patches/$p"
	done < "$series"
}

old_list=
[ -f "$tree/$list" ] && old_list=$(cat "$tree/$list")

rm -rf "$tree.new"
mkdir -p "$tree.new"
tar -xf "$tarball" -C "$tree.new" --strip-components=1

while read -r p; do
	case $p in ''|'#'*) continue ;; esac
	patch -d "$tree.new" -p1 --quiet --forward < "$repo/patches/$p" || {
		echo "kernel-tree: patch $p does not apply" >&2
		exit 1
	}
done < "$series"

# New trees: symlinked, so an edit in the repository is an edit in the tree.
ln -sfn "$repo/drivers/net/hotswap" "$tree.new/drivers/net/hotswap"
ln -sfn "$repo/Kconfig" "$tree.new/Kconfig.nethotswap"
for f in "$repo"/net/core/*; do
	[ -e "$f" ] || continue
	ln -sfn "$f" "$tree.new/net/core/$(basename "$f")"
done
for dir in include/linux include/uapi/linux Documentation/netlink/specs; do
	for f in "$repo/$dir"/*; do
		[ -e "$f" ] || continue
		ln -sfn "$f" "$tree.new/$dir/$(basename "$f")"
	done
done

patched_by_series | sort -u > "$tree.new/$list"
for f in $old_list $(cat "$tree.new/$list"); do
	[ -e "$tree.new/$f" ] || continue
	if [ -e "$tree/$f" ] && cmp -s "$tree/$f" "$tree.new/$f"; then
		touch -r "$tree/$f" "$tree.new/$f"
	else
		touch "$tree.new/$f"
	fi
done

rm -rf "$tree"
mv "$tree.new" "$tree"
