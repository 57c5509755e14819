#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Dumps of many devices: nhs_test_many adds 200 hotswap-capable dummy
# devices on platform devices.  "dev show" and "driver show" list each
# device and build once, as sysfs has them, whatever the number of parts
# the dumps take; a dev-get dump read while devices are unbound and bound
# neither skips nor repeats one (nl_dump_churn); unbinding them all and
# unloading the fixture leaves nothing behind.

source "$(dirname "$0")/lib.sh"
require_harness
independent_of_dut_driver
long_test

N=200
MANY=/sys/bus/platform/drivers/nhs_test_many
dir=$(dirname "$0")
schema=$dir/nethotswap.schema.json
[ -e "$schema" ] || schema=$dir/../../../../tools/nethotswap/nethotswap.schema.json
tmp=$(mktemp -d)
cleanup() {
	grep -q '^nhs_test_many ' /proc/modules && timeout 120 rmmod nhs_test_many
	rm -rf "$tmp"
}
trap cleanup EXIT

ktap_print_header
ktap_set_plan 10

printf '%s\n' /sys/class/net/* > "$tmp/netdevs.before"
timeout 60 nethotswap -j dev show > "$tmp/devs.before"
kmsg_mark

# sysfs_devs: "IFINDEX IFNAME PLATFORM_DEVICE" of each fixture device.
# No fork per device: a fork in the TCG guest takes milliseconds.
sysfs_devs() {
	local d p ifindex
	for d in "$MANY"/nhs_test_many.*/net/*; do
		[ -e "$d" ] || continue
		read -r ifindex < "$d/ifindex"
		p=${d%/net/*}
		echo "$ifindex ${d##*/} ${p##*/}"
	done | sort -n
}

load() {
	timeout 300 modprobe nhs_test_many devices="$N" || return 1
	sysfs_devs > "$tmp/sysfs"
	ktap_print_msg "$(wc -l < "$tmp/sysfs") devices, ifindex" \
		"$(head -n 1 "$tmp/sysfs" | cut -d' ' -f1) to" \
		"$(tail -n 1 "$tmp/sysfs" | cut -d' ' -f1)"
	[ "$(wc -l < "$tmp/sysfs")" -eq "$N" ]
}
check "load_${N}_devices" load

# dump_matches_sysfs COUNT: "dev show" lists, in increasing ifindex
# order, the devices there were before and the COUNT fixture devices, on
# their platform devices, as sysfs has them.
dump_matches_sysfs() {
	timeout 60 nethotswap -j dev show > "$tmp/devs.json" || return 1
	jq -e --argjson n "$1" --slurpfile before "$tmp/devs.before" '
		(map(.ifindex) | . == (unique)) and
		length == ($before[0] | length) + $n and
		([.[] | select(.driver == "nhs_test_many")] |
		 length == $n and all(.bus_name == "platform"))' \
		"$tmp/devs.json" >/dev/null &&
	jq -r '.[] | select(.driver == "nhs_test_many") |
		"\(.ifindex) \(.ifname) \(.bus_addr)"' "$tmp/devs.json" |
		sort -n | cmp -s - <(sysfs_devs)
}
check "dev_dump_lists_every_device_once" dump_matches_sysfs "$N"

schema_valid() {
	local out rc
	out=$(python3 "$dir/json_check.py" "$schema" dev_show "$tmp/devs.json" 2>&1)
	rc=$?
	ktap_print_msg "json_check.py: $out"
	[ "$rc" -eq 0 ]
}
if command -v python3 >/dev/null && [ -e "$schema" ]; then
	check "dev_dump_json_valid" schema_valid
else
	ktap_test_skip "dev_dump_json_valid: needs python3 with jsonschema"
fi

# The build's devices come from a dev dump; the build's own reply has a
# fixed size.
driver_show_one() {
	timeout 60 nethotswap -j driver show nhs_test_many |
		jq -e --argjson n "$N" 'length == 1 and
			.[0].name == "nhs_test_many" and
			(.[0].devices | length == $n and
			 (map(.ifindex) | . == unique))' >/dev/null &&
	[ "$(timeout 60 nethotswap driver show nhs_test_many |
	     sed -n 's/^    devices//p' | wc -w)" -eq "$N" ]
}
check "driver_show_build_of_${N}_devices" driver_show_one

# The driver dump lists each build once: the loaded modules that a
# driver-get names, and each device under the build that serves it.
driver_dump_every_build_once() {
	local m
	timeout 60 nethotswap -j driver show > "$tmp/drivers.json" || return 1
	while read -r m _; do
		timeout 60 nethotswap driver show "$m" >/dev/null 2>&1 &&
			echo "$m"
	done < /proc/modules | sort > "$tmp/builds"
	ktap_print_msg "builds: $(tr '\n' ' ' < "$tmp/builds")"
	jq -r '.[].name' "$tmp/drivers.json" | sort | cmp -s - "$tmp/builds" &&
	jq -e --slurpfile devs "$tmp/devs.json" '
		([.[] | .name as $b | .devices[] | "\(.ifindex) \($b)"] | sort) ==
		([$devs[0][] | "\(.ifindex) \(.driver)"] | sort)' \
		"$tmp/drivers.json" >/dev/null
}
check "driver_dump_lists_every_build_once" driver_dump_every_build_once

# Run by nl_dump_churn between the first and the second read of its
# dump, NHS_DUMP_CUT the last ifindex the first read returned: unbinds
# the three fixture devices of lowest ifindex (that read listed them)
# and the three of highest (not listed yet), then binds the first three
# again, as new net_devices with new, higher ifindexes.
cat > "$tmp/churn.sh" <<'EOF'
many=/sys/bus/platform/drivers/nhs_test_many
mapfile -t devs < <(for d in "$many"/nhs_test_many.*/net/*; do
	read -r ifindex < "$d/ifindex"
	p=${d%/net/*}
	echo "$ifindex ${p##*/}"
done | sort -n)
listed=() later=()
for i in 0 1 2; do
	read -r ifindex pdev <<< "${devs[i]}"
	if [ "$ifindex" -gt "$NHS_DUMP_CUT" ]; then
		echo "churn: $pdev (ifindex $ifindex) is after the cut"
		exit 1
	fi
	listed+=("$pdev")
	read -r ifindex pdev <<< "${devs[${#devs[@]} - 1 - i]}"
	later+=("$pdev")
done
for p in "${listed[@]}" "${later[@]}"; do
	echo "$p" > "$many/unbind" || exit 1
done
for p in "${listed[@]}"; do
	echo "$p" > "$many/bind" || exit 1
done
echo "churn: unbound ${listed[*]} ${later[*]}; bound ${listed[*]} again"
EOF

churn() {
	local rc
	timeout 120 "$dir/nl_dump_churn" "bash $tmp/churn.sh" > "$tmp/churn.out" 2>&1
	rc=$?
	diag < "$tmp/churn.out"
	[ "$rc" -eq 0 ]
}
check "dump_under_churn_neither_skips_nor_repeats" churn
check "dev_dump_after_churn_lists_every_device_once" dump_matches_sysfs $((N - 3))

# Every fixture device unbound: the device list is as before.
unbind_all() {
	local p
	for p in "$MANY"/nhs_test_many.*; do
		[ -e "$p" ] || continue
		echo "${p##*/}" > "$MANY/unbind" || return 1
	done
	timeout 60 nethotswap -j dev show |
		jq -e --slurpfile before "$tmp/devs.before" \
			'map([.ifindex, .ifname, .driver]) ==
			 ($before[0] | map([.ifindex, .ifname, .driver]))' >/dev/null
}
check "unbind_all_device_list_as_before" unbind_all

unload_no_leftovers() {
	timeout 120 rmmod nhs_test_many || return 1
	printf '%s\n' /sys/class/net/* | cmp -s "$tmp/netdevs.before" - &&
		! compgen -G "/sys/bus/platform/devices/nhs_test_many.*" >/dev/null &&
		[ ! -e "$MANY" ] && [ ! -e /sys/module/nhs_test_many ] &&
		! timeout 60 nethotswap driver show nhs_test_many 2>/dev/null
}
check "unload_leaves_nothing" unload_no_leftovers
check "no_kernel_splat" no_splat_since_mark

ktap_finished
