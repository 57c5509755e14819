#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Builds of each DUT's driver for the upgrade selftests (upgrade*.sh), made
# on the host the way a developer makes them: a changed copy of the
# driver's sources, built out of tree against the kernel's build
# directory, each a module of the driver's name.  For DRV in 8139too,
# e1000 and virtio_net, under OUTPUT_DIR/DRV/:
#
#   b/DRV.ko   generation 2: another private-state layout (8139too: state
#              version 2, version 0.9.29; e1000: version 2; virtio_net:
#              version 6.12-gen2)
#   c/DRV.ko   generation 1 with a field added at the head of the private
#              state (version 0.9.28-upgrade-c, 1-upgrade-c,
#              6.12-gen1-upgrade-c)
#
# and files that "nethotswap upgrade" must refuse, under bad/:
#   vermagic.ko   b with its vermagic naming another kernel release
#   family.ko     b tagged with another hotswap family
#   signed.ko     b with a (fake) appended module signature
#   notmodule.ko  text
#
# usage: mkupgrades.sh KERNEL_SRC KERNEL_BUILD WORK_DIR OUTPUT_DIR
set -euo pipefail

ksrc=$1
kbuild=$2
work=$3
out=$4

# build DRV NAME SRC_DIR KBUILD EDITED_FILE SED_SCRIPT: WORK_DIR/DRV/NAME/
# DRV.ko from a copy of SRC_DIR with EDITED_FILE edited by SED_SCRIPT;
# kbuild rebuilds only what changed.
build() {
	local drv=$1 name=$2 src=$3 kbuild_file=$4 edited=$5 script=$6
	local dir=$work/$drv/$name f tmp

	mkdir -p "$dir"
	for f in "$src"/*.[ch]; do
		tmp=$(mktemp "$dir/.copy.XXXXXX")
		if [ "$(basename "$f")" = "$edited" ]; then
			sed -e "$script" "$f" > "$tmp"
			if cmp -s "$f" "$tmp" && [ -n "$script" ]; then
				echo "mkupgrades: the edit of $drv build $name changed nothing in $edited" >&2
				rm -f "$tmp"
				return 1
			fi
		else
			cp "$f" "$tmp"
		fi
		# Keep the old copy (and its objects) if nothing changed.
		if cmp -s "$tmp" "$dir/$(basename "$f")"; then
			rm -f "$tmp"
		else
			mv "$tmp" "$dir/$(basename "$f")"
		fi
	done
	printf '%s\n' "$kbuild_file" > "$dir/Kbuild"
	make -s -C "$kbuild" M="$dir" modules
	mkdir -p "$out/$drv/$name"
	strip --strip-debug -o "$out/$drv/$name/$drv.ko" "$dir/$drv.ko"
}

# bad DRV FAMILY: the refused files, from DRV's build b
bad() {
	local drv=$1 family=$2 b=$out/$1/b/$1.ko dir=$out/$1/bad f

	mkdir -p "$dir"
	# Same lengths, so that .modinfo keeps its layout.
	perl -0777 -pe 's/vermagic=(\S)/"vermagic=" . ($1 eq "9" ? "8" : "9")/e' "$b" > "$dir/vermagic.ko"
	perl -0777 -pe "s/nethotswap_family=$family/nethotswap_family=${family:0:${#family}-3}XXX/" \
		"$b" > "$dir/family.ko"
	# A PKCS#7 signature's trailer: struct module_signature with id_type 2
	# and sig_len 256 (big endian), then the magic.
	{
		cat "$b"
		head -c 256 /dev/zero
		printf '\0\0\2\0\0\0\0\0\0\0\1\0~Module signature appended~\n'
	} > "$dir/signed.ko"
	echo "not a kernel module" > "$dir/notmodule.ko"
	for f in vermagic family; do
		cmp -s "$b" "$dir/$f.ko" &&
			{ echo "mkupgrades: $drv bad/$f.ko is unchanged" >&2; exit 1; }
	done
	return 0
}

# require FILE PATTERN...: the edited copy has its changes
require() {
	local file=$1 p
	shift
	for p in "$@"; do
		grep -q -- "$p" "$file" ||
			{ echo "mkupgrades: $file lacks $p" >&2; exit 1; }
	done
}

rtl=$ksrc/drivers/net/ethernet/realtek
rtl_kbuild=$'obj-m := 8139too.o\nccflags-y := '
build 8139too b "$rtl" "${rtl_kbuild}-DRTL8139_GENERATION=2" 8139too.c ""
build 8139too c "$rtl" "$rtl_kbuild" 8139too.c '
s/^#define DRV_VERSION\t"0\.9\.28"$/#define DRV_VERSION\t"0.9.28-upgrade-c"/
/^struct rtl8139_private {$/a\
\t/* Build C of the upgrade selftest: every field moves */\
\tunsigned long\t\tupgrade_c[4];
'
require "$work/8139too/c/8139too.c" 'upgrade_c\[4\]' '"0.9.28-upgrade-c"'
bad 8139too rtl8139

e1k=$ksrc/drivers/net/ethernet/intel/e1000
e1k_kbuild=$'obj-m := e1000.o\ne1000-y := e1000_main.o e1000_hw.o e1000_ethtool.o e1000_param.o e1000_hotswap.o\nccflags-y := '
build e1000 b "$e1k" "${e1k_kbuild}-DE1000_GENERATION=2" e1000.h ""
build e1000 c "$e1k" "$e1k_kbuild" e1000.h '
s/^#define E1000_DRV_VERSION\t__stringify(E1000_GENERATION)$/#define E1000_DRV_VERSION\t"1-upgrade-c"/
/^struct e1000_adapter {$/a\
\t/* Build C of the upgrade selftest: every field moves */\
\tunsigned long upgrade_c[4];
'
require "$work/e1000/c/e1000.h" 'upgrade_c\[4\]' '"1-upgrade-c"'
bad e1000 e1000

# The one driver of drivers/net it builds: the directory's other sources
# are copied along, not built.
vnet=$ksrc/drivers/net
vnet_kbuild=$'obj-m := virtio_net.o\nccflags-y := '
build virtio_net b "$vnet" "${vnet_kbuild}-DVIRTNET_GENERATION=2" virtio_net.c ""
build virtio_net c "$vnet" "$vnet_kbuild" virtio_net.c '
s/^#define VIRTNET_HOTSWAP_VERSION\t"6\.12-gen" __stringify(VIRTNET_GENERATION)$/#define VIRTNET_HOTSWAP_VERSION\t"6.12-gen1-upgrade-c"/
/^struct virtnet_info {$/a\
\t/* Build C of the upgrade selftest: every field moves */\
\tunsigned long upgrade_c[4];
'
require "$work/virtio_net/c/virtio_net.c" 'upgrade_c\[4\]' '"6.12-gen1-upgrade-c"'
bad virtio_net virtio_net
exit 0
