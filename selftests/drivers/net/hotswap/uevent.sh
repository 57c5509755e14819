#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A uevent listener (udev, systemd-networkd) learns of a swap as of any
# rebinding: for the DUT's PCI device, an "unbind" of the old driver,
# then a "bind" with DRIVER= the new build.  The driver core sends its
# own unbind after clearing the driver, without DRIVER=; so does a swap,
# or it names the old build.

# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
require_harness
independent_of_dut_driver

tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$tmp"' EXIT

ktap_print_header
ktap_set_plan 2

load_build "$NHS_DRV_NEXT"
devpath=$(readlink -f "/sys/class/net/$NHS_DUT/device")
devpath=${devpath#/sys}

# busybox uevent runs its command for each event, the event's variables
# in the environment.
uevent sh -c "echo \"\$ACTION \$DEVPATH \$DRIVER\" >> $tmp/uevents" &
listener=$!
sleep 1
swapped=0
hotswap_to "$NHS_DRV_NEXT" && swapped=1
sleep 1
kill "$listener"

grep " $devpath " "$tmp/uevents" > "$tmp/dut"
ktap_print_msg "swap to $NHS_DRV_NEXT: $(hotswap_last_summary); uevents of $devpath:"
diag "  " < "$tmp/dut"

# The line number of the first event of the DUT matching PATTERN.
first() {
	grep -nxE "$1" "$tmp/dut" | head -n 1 | cut -d: -f1
}
unbind=$(first "unbind $devpath ($NHS_DRV)?")
bind=$(first "bind $devpath $NHS_DRV_NEXT")

unbind_before_bind() {
	[ -n "$unbind" ] && { [ -z "$bind" ] || [ "$unbind" -lt "$bind" ]; }
}
check "unbind_event_of_the_old_driver" unbind_before_bind
bind_of_new_build() {
	[ "$swapped" -eq 1 ] && [ -n "$bind" ]
}
check "bind_event_names_the_new_build" bind_of_new_build

back_to_base || ktap_exit_fail_msg "DUT not back on $NHS_DRV, or $NHS_DRV_NEXT does not unload"

ktap_finished
