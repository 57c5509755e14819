#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Lay out the kernel source tree the project builds: Debian's linux-source
# tarball, plus our patch series (changes to existing kernel files), plus
# the demo's builds (patches/demo/), plus symlinks to the new trees that
# live in this repository.
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
list=patched-files

# The series, then the demo's builds (patches/demo/, not for review), as
# "DIR/PATCH" lines
all_patches() {
	local dir p
	for dir in patches patches/demo; do
		[ -f "$repo/$dir/series" ] || continue
		while read -r p; do
			case $p in ''|'#'*) continue ;; esac
			echo "$dir/$p"
		done < "$repo/$dir/series"
	done
}

patched_by_series() {
	local p
	for p in $(all_patches); do
		sed -n 's|^+++ b/||p' "$repo/$p"
	done
}

old_list=
[ -f "$tree/$list" ] && old_list=$(cat "$tree/$list")

rm -rf "$tree.new"
mkdir -p "$tree.new"
tar -xf "$tarball" -C "$tree.new" --strip-components=1

for p in $(all_patches); do
	patch -d "$tree.new" -p1 --quiet --forward < "$repo/$p" || {
		echo "kernel-tree: patch $p does not apply" >&2
		exit 1
	}
done

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
