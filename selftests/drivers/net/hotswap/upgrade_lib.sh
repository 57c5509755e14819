# SPDX-License-Identifier: GPL-2.0
#
# What the upgrade tests share: the builds scripts/mkupgrades.sh made on
# the host (B and C, modules named $NHS_DRV, under /upgrades/$NHS_DRV),
# the kernel tree's own $NHS_DRV.ko, kmod's tools, and the way back to
# that build.  What differs between the DUT's drivers is set here, once.

# shellcheck shell=bash
UPG=/upgrades/$NHS_DRV
MODDIR=/lib/modules/$(uname -r)
KMOD=/usr/libexec/kmod
# A build loads under the file's module name or, when that is taken, the
# second slot name (nethotswap's upgrade.c, SLOT_SUFFIX).
# shellcheck disable=SC2034 # this and the values below: for the tests
SLOT_B=${NHS_DRV}_b

# Per driver:
#   ORIG              the kernel tree's own build of the driver
#   VERSION_ORIG, VERSION_B, VERSION_C
#                     the version of each build, as the hotswap core has
#                     it (hotswap/version; e1000 has no MODULE_VERSION)
#   BAD_FAMILY        the family bad/family.ko is tagged with
#   NOT_CAPABLE_KO    a module of this kernel that is no hotswap-capable
#                     build
#   PARAM, PARAM_VALUE, PARAM_DEFAULT
#                     a module parameter the serving build has at a value
#                     other than its default, which an upgrade carries
#                     over: 8139too's bind_cplus, as the harness loads it
#                     (no PARAM_DEFAULT: nothing to set); e1000's
#                     copybreak, which set_carried_param sets (e1000 is
#                     loaded without parameters, and copybreak is the one
#                     sysfs shows); virtio_net's napi_tx, likewise
# shellcheck disable=SC2034
case $NHS_DRV in
8139too)
	ORIG=$MODDIR/kernel/drivers/net/ethernet/realtek/8139too.ko
	VERSION_ORIG=0.9.28 VERSION_B=0.9.29 VERSION_C=0.9.28-upgrade-c
	BAD_FAMILY=rtl8XXX
	# The chip's other driver
	NOT_CAPABLE_KO=$MODDIR/kernel/drivers/net/ethernet/realtek/8139cp.ko
	PARAM=bind_cplus PARAM_VALUE=Y PARAM_DEFAULT=
	;;
e1000)
	ORIG=$MODDIR/kernel/drivers/net/ethernet/intel/e1000/e1000.ko
	VERSION_ORIG=1 VERSION_B=2 VERSION_C=1-upgrade-c
	BAD_FAMILY=e1XXX
	# The chip has no other driver: a module that drives no NIC,
	# dsa_loop, which the config builds for dsa.sh.
	NOT_CAPABLE_KO=$MODDIR/kernel/drivers/net/dsa/dsa_loop.ko
	PARAM=copybreak PARAM_VALUE=128 PARAM_DEFAULT=256
	;;
virtio_net)
	ORIG=$MODDIR/kernel/drivers/net/virtio_net.ko
	VERSION_ORIG=6.12-gen1 VERSION_B=6.12-gen2 VERSION_C=6.12-gen1-upgrade-c
	BAD_FAMILY=virtio_XXX
	NOT_CAPABLE_KO=$MODDIR/kernel/drivers/net/dsa/dsa_loop.ko
	PARAM=napi_tx PARAM_VALUE=N PARAM_DEFAULT=Y
	;;
*)
	ORIG=
	;;
esac

require_upgrades() {
	if [ -z "$ORIG" ]; then
		ktap_skip_all "upgrade_lib.sh knows no upgrade builds of $NHS_DRV"
		exit "$KSFT_SKIP"
	fi
	if [ ! -f "$UPG/b/$NHS_DRV.ko" ] || [ ! -f "$UPG/c/$NHS_DRV.ko" ] ||
	   [ ! -f "$ORIG" ] || [ ! -x "$KMOD/modprobe" ] ||
	   [ ! -x "$KMOD/modinfo" ]; then
		ktap_skip_all "needs $UPG from scripts/mkupgrades.sh, a modular $NHS_DRV and kmod"
		exit "$KSFT_SKIP"
	fi
	orig_srcversion=$("$KMOD/modinfo" -F srcversion "$ORIG")
}

# set_carried_param / reset_carried_param: PARAM at PARAM_VALUE on the
# serving build, and back at PARAM_DEFAULT; nothing to do for a parameter
# given at load.
set_carried_param() {
	[ -z "$PARAM_DEFAULT" ] ||
		echo "$PARAM_VALUE" > "/sys/module/$(dut_driver)/parameters/$PARAM"
}
reset_carried_param() {
	[ -z "$PARAM_DEFAULT" ] ||
		echo "$PARAM_DEFAULT" 2>/dev/null > "/sys/module/$(dut_driver)/parameters/$PARAM"
}

# serving_original: the kernel tree's $NHS_DRV serves the DUT, loaded as
# $NHS_DRV: its version, which tells it from B and C, and its srcversion
# (only a module with a MODULE_VERSION has one: 8139too, not e1000).
serving_original() {
	[ "$(dut_driver)" = "$NHS_DRV" ] &&
		[ "$(hotswap_attr version)" = "$VERSION_ORIG" ] &&
		[ "$(cat "/sys/module/$NHS_DRV/srcversion" 2>/dev/null)" = "$orig_srcversion" ]
}

# back_to_original: upgrade to the kernel tree's $NHS_DRV until it serves
# the DUT as $NHS_DRV: once from $SLOT_B, twice from another build
# loaded as $NHS_DRV.
back_to_original() {
	for _ in 1 2; do
		serving_original ||
			timeout 60 nethotswap upgrade "$(dut_driver)" "$ORIG" >/dev/null 2>&1
	done
}
