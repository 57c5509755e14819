#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Builds of 8139too for the upgrade selftest (upgrade.sh), made on the host
# the way a developer makes them: a changed copy of 8139too.c, built out of
# tree against the kernel's build directory, each a module named 8139too:
#
#   b/8139too.ko  generation 2 (RTL8139_GENERATION=2): another private-state
#                 layout, state version 2, version 0.9.29
#   c/8139too.ko  generation 1 with a field added at the head of the private
#                 state, version 0.9.28-upgrade-c
#
# and files that "nethotswap upgrade" must refuse, under bad/:
#   vermagic.ko   b with its vermagic naming another kernel release
#   family.ko     b tagged with another hotswap family
#   signed.ko     b with a (fake) appended module signature
#   notmodule.ko  text
#
# usage: mkupgrades.sh KERNEL_SRC KERNEL_BUILD WORK_DIR OUTPUT_DIR
set -euo pipefail

src=$1/drivers/net/ethernet/realtek/8139too.c
kbuild=$2
work=$3
out=$4

# build NAME EXTRA_CFLAGS SED_SCRIPT: WORK_DIR/NAME/8139too.ko from a copy
# of 8139too.c edited by SED_SCRIPT; kbuild rebuilds only what changed.
build() {
	local dir=$work/$1 tmp

	mkdir -p "$dir"
	tmp=$(mktemp "$dir/8139too.c.XXXXXX")
	sed -e "$3" "$src" > "$tmp"
	if cmp -s "$src" "$tmp" && [ -n "$3" ]; then
		echo "mkupgrades: the edit of build $1 changed nothing in 8139too.c" >&2
		rm -f "$tmp"
		return 1
	fi
	# Keep the old copy (and its objects) if nothing changed.
	if cmp -s "$tmp" "$dir/8139too.c"; then
		rm -f "$tmp"
	else
		mv "$tmp" "$dir/8139too.c"
	fi
	printf 'obj-m := 8139too.o\nccflags-y := %s\n' "$2" > "$dir/Kbuild"
	make -s -C "$kbuild" M="$dir" modules
	mkdir -p "$out/$1"
	strip --strip-debug -o "$out/$1/8139too.ko" "$dir/8139too.ko"
}

build b "-DRTL8139_GENERATION=2" ""
build c "" '
s/^#define DRV_VERSION\t"0\.9\.28"$/#define DRV_VERSION\t"0.9.28-upgrade-c"/
/^struct rtl8139_private {$/a\
\t/* Build C of the upgrade selftest: every field moves */\
\tunsigned long\t\tupgrade_c[4];
'
if ! grep -q 'upgrade_c\[4\]' "$work/c/8139too.c" ||
   ! grep -q '"0.9.28-upgrade-c"' "$work/c/8139too.c"; then
	echo "mkupgrades: build c lacks its changes" >&2
	exit 1
fi

bad=$out/bad
mkdir -p "$bad"
b=$out/b/8139too.ko
# Same lengths, so that .modinfo keeps its layout.
perl -0777 -pe 's/vermagic=(\S)/"vermagic=" . ($1 eq "9" ? "8" : "9")/e' "$b" > "$bad/vermagic.ko"
perl -0777 -pe 's/nethotswap_family=rtl8139/nethotswap_family=rtl8XXX/' "$b" > "$bad/family.ko"
# A PKCS#7 signature's trailer: struct module_signature with id_type 2 and
# sig_len 256 (big endian), then the magic.
{
	cat "$b"
	head -c 256 /dev/zero
	printf '\0\0\2\0\0\0\0\0\0\0\1\0~Module signature appended~\n'
} > "$bad/signed.ko"
echo "not a kernel module" > "$bad/notmodule.ko"
for f in vermagic family; do
	cmp -s "$b" "$bad/$f.ko" && { echo "mkupgrades: bad/$f.ko is unchanged" >&2; exit 1; }
done
exit 0
