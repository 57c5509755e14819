#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# "nethotswap upgrade" with same-named builds of the DUT's driver, as
# users get them: B and C (scripts/mkupgrades.sh) are modules named
# $NHS_DRV built on the host from changed copies of its sources, B with
# generation 2's private layout, C with a field added to the private
# state.  Under an iperf3 stream: $NHS_DRV -> B -> C -> the kernel tree's
# own $NHS_DRV.ko, twice.  The builds alternate between the slot names
# $NHS_DRV and ${NHS_DRV}_b; the interface keeps its ifindex, MAC,
# addresses, routes and counters, a module parameter is carried over, and
# nothing is left behind.  Then "persist" makes the serving build what
# modprobe and udev load at boot, and bad files are refused.  What
# differs between the drivers is in upgrade_lib.sh.

source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/upgrade_lib.sh"
require_harness
require_upgrades

ROUNDS=2

tmp=$(mktemp -d)
mkdir -p "$tmp/moddb"
cp -a "$MODDIR"/modules.* "$tmp/moddb/"
fake_mount=

cleanup() {
	# shellcheck disable=SC2046
	kill $(jobs -p) 2>/dev/null
	[ -n "$fake_mount" ] && umount "$fake_mount" 2>/dev/null
	back_to_original
	reset_carried_param
	grep -q "^$SLOT_B " /proc/modules && rmmod "$SLOT_B"
	rm -rf "$MODDIR/updates"
	cp -a "$tmp/moddb/." "$MODDIR/"
	rm -rf "$tmp"
}
trap cleanup EXIT

ktap_print_header
ktap_set_plan 17

# --- Refusals: a clear reason, exit status 1, and nothing changes ---

# What a refusal must leave alone.
snapshot() {
	awk '{print $1, $3}' /proc/modules | sort
	ls "/sys/bus/$NHS_BUS/drivers"
	dut_drivers
	cat "/sys/class/net/$NHS_DUT/ifindex"
}

# refused PATTERN FILE: "upgrade $NHS_DRV FILE" fails with status 1 and a
# message matching PATTERN.
refused() {
	local pattern=$1 file=$2 err rc

	err=$(nethotswap upgrade "$NHS_DRV" "$file" 2>&1 >/dev/null)
	rc=$?
	ktap_print_msg "upgrade $NHS_DRV $file: status $rc: $err"
	[ "$rc" -eq 1 ] && grep -Eq "$pattern" <<< "$err"
}

snapshot > "$tmp/before"
check "refuses_missing_file" refused 'No such file' "$UPG/none/$NHS_DRV.ko"
check "refuses_not_a_module" refused 'not a kernel module' "$UPG/bad/notmodule.ko"
check "refuses_not_hotswap_capable" refused 'not a hotswap-capable build' \
	"$NOT_CAPABLE_KO"
check "refuses_other_family" refused "family $BAD_FAMILY, $NHS_DRV of $NHS_FAMILY" \
	"$UPG/bad/family.ko"
check "refuses_wrong_vermagic" refused "built for kernel 9.*this is $(uname -r)" \
	"$UPG/bad/vermagic.ko"

# module.sig_enforce=1, faked: a tmpfs over the module parameters of
# "module" (the kernel only has sig_enforce there with CONFIG_MODULE_SIG).
# The signed file would have to be renamed to ${NHS_DRV}_b, voiding its
# signature: refused, never loaded unsigned.
fake_sig_enforce() {
	local dir=/sys/module/module/parameters

	[ -d "$dir" ] && mount -t tmpfs nhs-fake "$dir" || return 1
	fake_mount=$dir
	echo Y > "$dir/sig_enforce"
}
if fake_sig_enforce; then
	check "refuses_rename_of_signed_under_sig_enforce" refused \
		"must load as $SLOT_B.*module.sig_enforce=1.*void the signature" \
		"$UPG/bad/signed.ko"
	umount "$fake_mount" && fake_mount=
else
	ktap_test_skip "refuses_rename_of_signed_under_sig_enforce: cannot fake sig_enforce"
fi
snapshot > "$tmp/after"
cmp -s "$tmp/before" "$tmp/after" || diff "$tmp/before" "$tmp/after" | diag
check "refusals_change_nothing" cmp -s "$tmp/before" "$tmp/after"

# --- Upgrades under traffic: $NHS_DRV -> B -> C -> original, twice ---

ip route add 198.51.100.0/24 via "$NHS_PEER_IP" dev "$NHS_DUT"
dut_identity > "$tmp/identity.before"
declare -A version=(
	[$UPG/b/$NHS_DRV.ko]=$VERSION_B
	[$UPG/c/$NHS_DRV.ko]=$VERSION_C
	[$ORIG]=$VERSION_ORIG
)
set_carried_param
ktap_print_msg "$PARAM of $(dut_driver): $(cat "/sys/module/$(dut_driver)/parameters/$PARAM" 2>&1)"

bounded_stream_start "$tmp/tcp.json" 40
sleep 2

ok=0 served=0 unloaded=0 params=0 monotonic=1 n=0
last_tx=$(dut_stat tx_bytes) last_rx=$(dut_stat rx_bytes)
for round in $(seq $ROUNDS); do
	for file in "$UPG/b/$NHS_DRV.ko" "$UPG/c/$NHS_DRV.ko" "$ORIG"; do
		n=$((n + 1))
		from=$(dut_driver)
		if [ "$from" = "$NHS_DRV" ]; then to=$SLOT_B; else to=$NHS_DRV; fi
		out=$(timeout 60 nethotswap upgrade "$from" "$file" 2>&1)
		rc=$?
		diag "  " <<< "$out"
		# Per device: "DEV: FROM -> TO: completed"
		[ "$rc" -eq 0 ] && grep -q "^$NHS_DUT: $from -> $to: completed" <<< "$out" &&
			ok=$((ok + 1))
		[ "$(dut_driver)" = "$to" ] && dut_consistent &&
			[ "$(hotswap_attr version)" = "${version[$file]}" ] &&
			served=$((served + 1))
		[ ! -e "/sys/module/$from" ] && [ ! -e "/sys/bus/$NHS_BUS/drivers/$from" ] &&
			unloaded=$((unloaded + 1))
		[ "$(cat "/sys/module/$to/parameters/$PARAM" 2>/dev/null)" = "$PARAM_VALUE" ] &&
			params=$((params + 1))
		tx=$(dut_stat tx_bytes) rx=$(dut_stat rx_bytes)
		if [ "$tx" -lt "$last_tx" ] || [ "$rx" -lt "$last_rx" ]; then
			monotonic=0
		fi
		last_tx=$tx last_rx=$rx
		ktap_print_msg "round $round: $from -> $to ($(basename "$(dirname "$file")")): status $rc, served by $(dut_drivers)"
		sleep 1
	done
done

check "all_${n}_upgrades_complete_per_device" [ "$ok" -eq "$n" ]
check "new_build_serves_under_alternating_name" [ "$served" -eq "$n" ]
check "old_build_unloaded" [ "$unloaded" -eq "$n" ]
check "module_parameters_carried_over" [ "$params" -eq "$n" ]
check "counters_kept" [ "$monotonic" -eq 1 ]
check "tcp_stream_completes" stream_ok "$tmp/tcp.json"
dut_identity > "$tmp/identity.after"
check "ifindex_mac_addresses_routes_unchanged" \
	cmp -s "$tmp/identity.before" "$tmp/identity.after"

# Two rounds of three end where they began: the original, as $NHS_DRV.
# (Other names starting with it are other drivers: 8139too_v2, e1000e.)
no_leftovers() {
	local mods drivers

	mods=$(grep -Ec "^$NHS_DRV(_b)? " /proc/modules)
	drivers=$(find "/sys/bus/$NHS_BUS/drivers" -maxdepth 1 \
		\( -name "$NHS_DRV" -o -name "$SLOT_B" \) | wc -l)
	ktap_print_msg "modules $mods, bus drivers $drivers, served by $(dut_drivers)"
	[ "$mods" -eq 1 ] && [ "$drivers" -eq 1 ] && [ ! -e "/sys/module/$SLOT_B" ] &&
		! nethotswap driver show "$SLOT_B" >/dev/null 2>&1 &&
		serving_original && ping_ok 2
}
check "no_leftover_modules_drivers_or_names" no_leftovers

# --- persist: the serving build is what modprobe and udev load at boot ---

# resolves NAME_OR_ALIAS: the module files kmod's modprobe would load
resolves() {
	"$KMOD/modprobe" -D "$1" | awk '$1 == "insmod" {print $2}'
}
persisted() {
	local out modalias

	out=$(PATH=$KMOD:$PATH nethotswap upgrade "$NHS_DRV" "$UPG/c/$NHS_DRV.ko" persist 2>&1)
	diag "  " <<< "$out"
	modalias=$(cat "/sys/class/net/$NHS_DUT/device/modalias")
	ktap_print_msg "modprobe -D $NHS_DRV: $(resolves "$NHS_DRV" | tr '\n' ' ')"
	ktap_print_msg "modprobe -D $modalias: $(resolves "$modalias" | tr '\n' ' ')"
	# The alias loads the persisted build: not the original, nor a build
	# without a device table (the second generation; 8139too_old).
	[ "$(dut_driver)" = "$SLOT_B" ] &&
		cmp -s "$MODDIR/updates/$NHS_DRV.ko" "$UPG/c/$NHS_DRV.ko" &&
		[ "$(resolves "$NHS_DRV" | tail -n 1)" = "$MODDIR/updates/$NHS_DRV.ko" ] &&
		resolves "$modalias" | grep -qx "$MODDIR/updates/$NHS_DRV.ko" &&
		! resolves "$modalias" | grep -Eq -e "/($NHS_DRV_NEXT|${NHS_DRV}_old)\.ko\$" -e "^$ORIG\$"
}
check "persist_makes_it_the_boot_build" persisted

# Going back: the original build, and the kernel's own file at boot.
went_back() {
	nethotswap upgrade "$SLOT_B" "$ORIG" | diag "  "
	rm -f "$MODDIR/updates/$NHS_DRV.ko"
	"$KMOD/depmod" "$(uname -r)" &&
		[ "$(resolves "$NHS_DRV" | tail -n 1)" = "$ORIG" ] && serving_original
}
check "back_to_the_original_build" went_back

ktap_finished
