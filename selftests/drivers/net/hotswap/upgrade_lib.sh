# SPDX-License-Identifier: GPL-2.0
#
# What the upgrade tests share: the builds scripts/mkupgrades.sh made on
# the host (B and C, modules named 8139too, under /upgrades), the kernel
# tree's own 8139too.ko, kmod's tools, and the way back to that build.

# shellcheck shell=bash
UPG=/upgrades
MODDIR=/lib/modules/$(uname -r)
ORIG=$MODDIR/kernel/drivers/net/ethernet/realtek/8139too.ko
KMOD=/usr/libexec/kmod

require_upgrades() {
	if [ ! -f "$UPG/b/8139too.ko" ] || [ ! -f "$UPG/c/8139too.ko" ] ||
	   [ ! -f "$ORIG" ] || [ ! -x "$KMOD/modprobe" ] ||
	   [ ! -x "$KMOD/modinfo" ]; then
		ktap_skip_all "needs $UPG from scripts/mkupgrades.sh, a modular 8139too and kmod"
		exit "$KSFT_SKIP"
	fi
	orig_srcversion=$("$KMOD/modinfo" -F srcversion "$ORIG")
}

# serving_original: the kernel tree's 8139too serves the DUT, loaded as
# 8139too.
serving_original() {
	[ "$(dut_driver)" = 8139too ] &&
		[ "$(cat /sys/module/8139too/srcversion 2>/dev/null)" = "$orig_srcversion" ]
}

# back_to_original: upgrade to the kernel tree's 8139too until it serves
# the DUT as 8139too: once from 8139too_b, twice from another build
# loaded as 8139too.
back_to_original() {
	for _ in 1 2; do
		serving_original ||
			timeout 60 nethotswap upgrade "$(dut_driver)" "$ORIG" >/dev/null 2>&1
	done
}
