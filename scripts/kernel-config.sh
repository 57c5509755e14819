#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Make OBJ_DIR/.config: tinyconfig plus the given fragments.  A symbol a
# fragment asks for and the result lacks is an error, so a typo or a
# missing dependency cannot silently drop a feature.
#
# usage: kernel-config.sh TREE_DIR OBJ_DIR FRAGMENT...
set -euo pipefail

tree=$1
obj=$2
shift 2

mkdir -p "$obj"
make -s -C "$tree" O="$obj" tinyconfig >/dev/null
"$tree/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" "$@" >/dev/null
make -s -C "$tree" O="$obj" olddefconfig >/dev/null

# What the fragments ask for, a later fragment overriding an earlier one.
declare -A want from
for frag in "$@"; do
	while IFS= read -r line; do
		case $line in
		CONFIG_*=*)
			want[${line%%=*}]=${line#*=}
			from[${line%%=*}]=$frag ;;
		esac
	done < "$frag"
done

status=0
for sym in "${!want[@]}"; do
	line=$sym=${want[$sym]}
	if [ "${want[$sym]}" = n ]; then
		if grep -q "^$sym=" "$obj/.config"; then
			echo "kernel-config: $sym is set, ${from[$sym]} wants it off" >&2
			status=1
		fi
	elif ! grep -qx "$line" "$obj/.config"; then
		echo "kernel-config: ${from[$sym]} wants $line, got: $(grep "^$sym=" "$obj/.config" || echo unset)" >&2
		status=1
	fi
done
exit $status
