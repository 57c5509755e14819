#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Is the patch series bisectable?  For every k, lay out the kernel tree
# with the first k patches of patches/series (and the repository's new
# trees, which the series hooks into the build) and build the kernel and
# its modules with the project's configuration.  Builds are incremental
# (kernel-tree.sh keeps the mtimes of unchanged files), but a patch that
# touches a widely included header rebuilds much: 36 minutes on 2 cores
# for the 14 patches, measured.  Prints one line per patch; exits non-zero
# at the first patch that does not build.
#
# usage: scripts/check-series.sh [FIRST]    (start at patch FIRST, 1-based)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
work=$repo/build/series
first=${1:-1}
mapfile -t patches < <(grep -v '^#' "$repo/patches/series" | sed '/^$/d')

# A repository view whose series stops at patch k.
view=$work/repo
rm -rf "$view"
mkdir -p "$view/patches" "$view/drivers/net" "$view/include" "$view/Documentation/netlink"
ln -s "$repo/drivers/net/hotswap" "$view/drivers/net/hotswap"
ln -s "$repo/net" "$view/net"
ln -s "$repo/Kconfig" "$view/Kconfig"
ln -s "$repo/include/linux" "$repo/include/uapi" "$view/include/"
ln -s "$repo/Documentation/netlink/specs" "$view/Documentation/netlink/specs"
for p in "${patches[@]}"; do
	ln -s "$repo/patches/$p" "$view/patches/$p"
done

for ((k = first; k <= ${#patches[@]}; k++)); do
	printf '%s\n' "${patches[@]:0:k}" > "$view/patches/series"
	"$repo/scripts/kernel-tree.sh" "$view" "$work/linux"
	# Symbols the fragments ask for may not exist yet at patch k: no check.
	if [ ! -f "$work/obj/.config" ]; then
		make -s -C "$work/linux" O="$work/obj" tinyconfig >/dev/null
	fi
	"$work/linux/scripts/kconfig/merge_config.sh" -m -O "$work/obj" \
		"$work/obj/.config" "$repo/config/nethotswap.config" >/dev/null
	make -s -C "$work/linux" O="$work/obj" olddefconfig >/dev/null
	if make -s -C "$work/linux" O="$work/obj" -j"$(nproc)" bzImage modules \
		> "$work/build-$k.log" 2>&1; then
		echo "ok $k ${patches[k - 1]}"
	else
		echo "FAIL $k ${patches[k - 1]} (log: $work/build-$k.log)"
		exit 1
	fi
done
