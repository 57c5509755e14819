#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The sysfs trigger takes exactly "MODULE [TIMEOUT_MS]": anything else is
# refused with its errno before a swap starts, and changes nothing, not
# even the last result.  The files hold one value each, errors are
# positive errnos as in netlink, and a mistyped target does not overwrite
# the last real swap's result and timings.

source "$(dirname "$0")/lib.sh"
require_harness
independent_of_dut_driver

ktap_print_header
ktap_set_plan 17

DRV=$NHS_DRV NEXT=$NHS_DRV_NEXT
load_build "$NEXT"
swap_attr=/sys/class/net/$NHS_DUT/hotswap/swap

# A real swap and back, so that there is a last result to keep.
hotswap_to "$NEXT" && hotswap_to "$DRV"
last_before=$(hotswap_last)

# refused ERRNO_MESSAGE INPUT: writing INPUT (as is, no newline added)
# fails with that message; the DUT keeps its driver and last result.
refused() {
	local want=$1 input=$2 err
	err=$( { printf '%s' "$input" > "$swap_attr"; } 2>&1)
	err=${err##*: }
	ktap_print_msg "write '$input': \"${err:-succeeded}\", driver $(dut_driver)"
	[ "$err" = "$want" ] && [ "$(dut_driver)" = "$DRV" ] &&
		[ "$(hotswap_last)" = "$last_before" ]
}

long_name=$(printf 'x%.0s' $(seq 56))
check "timeout_not_a_number" refused "Invalid argument" "$NEXT abc"
check "timeout_negative" refused "Invalid argument" "$NEXT -1"
check "timeout_with_sign" refused "Invalid argument" "$NEXT +5"
check "timeout_hex" refused "Invalid argument" "$NEXT 0x10"
check "timeout_with_suffix" refused "Invalid argument" "$NEXT 100ms"
check "timeout_wrapping_to_1000" refused "Numerical result out of range" "$NEXT 4294968296"
check "timeout_wrapping_to_1" refused "Numerical result out of range" "$NEXT 4294967297"
check "timeout_zero" refused "Numerical result out of range" "$NEXT 0"
check "three_tokens" refused "Invalid argument" "$NEXT 100 extra"
check "no_token" refused "Invalid argument" $'\n'
check "name_over_55_characters" refused "Invalid argument" "$long_name"

# A typo in the target is refused (ENOENT) and leaves the last swap's
# result and timings as they were.
check "typo_keeps_last_result" refused "No such file or directory" "${DRV}_vv2"

# A well-formed request with a timeout and a trailing newline works.
good_request() {
	echo "$NEXT 2000" > "$swap_attr" && [ "$(dut_driver)" = "$NEXT" ] &&
		echo "$DRV" > "$swap_attr" && [ "$(dut_driver)" = "$DRV" ]
}
check "well_formed_request_swaps" good_request

# One value a file: every readable file is one line without blanks, but
# last_msg, a sentence; the numbers are decimal.
one_value_per_file() {
	local d=/sys/class/net/$NHS_DUT/hotswap f v bad=
	[ ! -e "$d/last_timings" ] || bad="$bad last_timings"
	for f in "$d"/*; do
		if [ ! -r "$f" ] || [ "${f##*/}" = swap ]; then continue; fi
		[ "$(wc -l < "$f")" -eq 1 ] || bad="$bad ${f##*/}"
		v=$(cat "$f")
		case ${f##*/} in
		last_msg) ;;
		last_error|last_attempts|last_*_ns|state_version)
			[[ $v =~ ^[0-9]+$ ]] || bad="$bad ${f##*/}=$v" ;;
		*) [[ $v =~ ^[^[:space:]]+$ ]] || bad="$bad ${f##*/}=$v" ;;
		esac
	done
	ktap_print_msg "not one value:${bad:- none}"
	[ -z "$bad" ]
}
check "one_value_per_file" one_value_per_file

# A failed swap: its errno is positive in sysfs, as netlink reports it.
error_sign() {
	inject_fault quiesce || return 1
	hotswap_to "$NEXT" && return 1
	ktap_print_msg "after an injected fault: $(hotswap_last_summary)"
	[ "$(hotswap_attr last_error)" = 5 ] &&
		[ "$(hotswap_attr last_result)" = rolled-back ] &&
		[ "$(hotswap_attr last_phase)" = quiesce ] &&
		[ "$(nethotswap -j dev show "$NHS_DUT" | jq '.[0].last_result.error')" = 5 ]
}
check "error_is_positive_errno_as_in_netlink" error_sign

completed_values() {
	hotswap_to "$NEXT" && hotswap_to "$DRV" || return 1
	[ "$(hotswap_attr last_result)" = completed ] &&
		[ "$(hotswap_attr last_error)" = 0 ] &&
		[ "$(hotswap_attr last_phase)" = none ] &&
		[ -z "$(hotswap_attr last_msg)" ] &&
		[ "$(hotswap_attr last_from)" = "$NEXT" ] &&
		[ "$(hotswap_attr last_to)" = "$DRV" ] &&
		[ "$(hotswap_attr last_total_ns)" -ge "$(hotswap_attr last_blackout_ns)" ]
}
check "completed_swap_values" completed_values
check "ping_after_refusals" ping_ok

ktap_finished
