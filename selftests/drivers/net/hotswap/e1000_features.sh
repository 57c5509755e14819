#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What an operator set on the DUT before a swap is still set after it, and
# still works: MTU 9000 (jumbo ping and TCP), three VLANs, promiscuous and
# allmulticast mode, an extra multicast address, the message level, pause
# settings, interrupt coalescing, the ring sizes and Wake-on-LAN.  Four
# swaps, $NHS_DRV -> $NHS_DRV_NEXT -> $NHS_DRV -> $NHS_DRV_NEXT -> $NHS_DRV;
# before and after each, every setting is read back (ip, ethtool) and
# must not change.  What the chip does with a setting is checked with
# frames the peer sends: to a foreign MAC (promiscuous), to a group the
# DUT did not join (allmulticast), to the extra group, and tagged with the
# id of a VLAN removed after a swap.  Defaults are restored at the end.
#
# A setting the DUT's driver or model does not offer is skipped, saying
# why (probed, not assumed from the driver's name).  On QEMU's e1000
# models, e1000 refuses Wake-on-LAN (they have no PCI power management
# capability), and interrupt coalescing before the 82545; the RTL8139 has
# no jumbo frames, ring sizes, pause settings or coalescing.  The VLAN
# cases need a kernel with CONFIG_VLAN_8021Q.

# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
require_harness
written_for_family e1000

JUMBO_MTU=9000
VIDS=(10 20 30)
REMOVED_VID=20
PROBE_FRAMES=20
# A unicast address the peer resolves to a MAC that is no one's
FOREIGN_IP=192.0.2.99 FOREIGN_MAC=02:00:00:00:00:99
# The extra multicast address, and groups the DUT never joins (one that
# does not share a hash bucket with the DUT's groups is picked)
EXTRA_GROUP_IP=239.17.34.51 EXTRA_GROUP_MAC=01:00:5e:11:22:33
UNJOINED_GROUPS=(239.77.1.9 239.77.2.9 239.77.3.9 239.77.4.9)
FEATURES=(mtu ring pause coalesce msglvl wol rxmode maddr vlans)

tmp=$(mktemp -d)
restored=
cleanup() {
	# shellcheck disable=SC2046 # one PID a word
	kill $(jobs -p) 2>/dev/null
	[ -n "$restored" ] || restore_defaults >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT

ktap_print_header
ktap_set_plan 21

# VLAN VID: its addresses, DUT and peer, in 198.51.100.0/24 (a /28 each)
vlan_dut_ip() { echo "198.51.100.$(($1 * 16 / 10 + 1))"; }
vlan_peer_ip() { echo "198.51.100.$(($1 * 16 / 10 + 2))"; }

# field VAR TEXT KEY [SECTION]: VAR set to the value of the line
# "KEY: value" in TEXT, the first one after the line starting with
# SECTION if given; empty if none.  No fork: snapshots run often.
field() {
	local key=$3 section=${4:-} line seen=1
	printf -v "$1" ''
	[ -n "$section" ] && seen=
	while IFS= read -r line; do
		if [ -z "$seen" ]; then
			[[ $line == "$section"* ]] && seen=1
			continue
		fi
		if [[ $line =~ ^[[:space:]]*"$key":[[:space:]]*([^[:space:]]*) ]]; then
			printf -v "$1" '%s' "${BASH_REMATCH[1]}"
			return 0
		fi
	done <<< "$2"
	return 1
}

# snapshot: every setting as ip and ethtool read it back, into SNAP.
declare -A SNAP HAVE WANT ORIG LOST
snapshot() {
	local out flags re a b c line

	SNAP=()
	SNAP[mtu]=$(attr "/sys/class/net/$NHS_DUT/mtu")
	out=$(ethtool "$NHS_DUT" 2>/dev/null)
	[[ $out =~ Current\ message\ level:\ *(0x[0-9a-fA-F]+) ]] &&
		SNAP[msglvl]=${BASH_REMATCH[1]}
	re=$'\n[[:space:]]*Wake-on: *([a-zA-Z]+)'
	[[ $out =~ $re ]] && SNAP[wol]=${BASH_REMATCH[1]}
	if [ -n "${HAVE[ring]:-}" ]; then
		out=$(ethtool -g "$NHS_DUT" 2>/dev/null)
		field a "$out" RX Current
		field b "$out" TX Current
		SNAP[ring]="rx $a tx $b"
		[ "$NHS_FAMILY" = e1000 ] && SNAP[ring]+=" $(e1000_ring_regs)"
	fi
	if [ -n "${HAVE[pause]:-}" ]; then
		out=$(ethtool -a "$NHS_DUT" 2>/dev/null)
		field a "$out" Autonegotiate
		field b "$out" RX
		field c "$out" TX
		SNAP[pause]="autoneg $a rx $b tx $c"
	fi
	if [ -n "${HAVE[coalesce]:-}" ]; then
		out=$(ethtool -c "$NHS_DUT" 2>/dev/null)
		field a "$out" rx-usecs
		SNAP[coalesce]="rx-usecs $a"
	fi
	flags=$(attr "/sys/class/net/$NHS_DUT/flags")
	# IFF_PROMISC 0x100, IFF_ALLMULTI 0x200
	SNAP[rxmode]="promisc $(((flags & 0x100) != 0)) allmulti $(((flags & 0x200) != 0))"
	# The link-layer groups, in the order of the device's list
	SNAP[maddr]=
	while read -r a b _; do
		[ "$a" = link ] && SNAP[maddr]+="$b "
	done < <(ip maddr show dev "$NHS_DUT")
	# "NAME@DUT=ID" for each VLAN (ip -o: one line each)
	SNAP[vlans]=
	re='^[0-9]+: ([^:]+):.* vlan protocol 802\.1Q id ([0-9]+)'
	while IFS= read -r line; do
		[[ $line =~ $re ]] && SNAP[vlans]+="${BASH_REMATCH[1]}=${BASH_REMATCH[2]} "
	done < <(ip -o -d link show type vlan 2>/dev/null)
}

# e1000_ring_regs: the e1000's ring lengths as the chip has them, RDLEN
# and TDLEN (words 3 and 8 of its driver's register dump), in bytes.
e1000_ring_regs() {
	local rdlen tdlen
	read -r _ _ _ rdlen _ _ _ _ tdlen < <(ethtool -d "$NHS_DUT" raw on 2>/dev/null |
		od -An -tu4 -v -w36 -N 36)
	echo "rdlen $rdlen tdlen $tdlen"
}

# skip_case NAME REASON: a case this DUT cannot run.
skip_case() {
	ktap_print_msg "$1: $2"
	ktap_test_skip "$1"
}

# --- The frames the peer sends, as the DUT counts them ---

peer_tx_packets() {
	peer cat "/sys/class/net/$NHS_PEER/statistics/tx_packets"
}

# peer_frames DEST [PING OPTION...]: "RECEIVED SENT": how many frames the
# DUT's rx_packets counted while the peer sent PROBE_FRAMES pings to DEST,
# and how many the peer sent.  Nothing answers them (a foreign MAC, a
# group, a VLAN gone): the count is what the DUT's chip let through.
peer_frames() {
	local dest=$1 rx tx
	shift
	rx=$(dut_stat rx_packets) tx=$(peer_tx_packets)
	peer ping -q -c "$PROBE_FRAMES" -i 0.02 -W 1 "$@" "$dest" >/dev/null 2>&1
	echo "$(($(dut_stat rx_packets) - rx)) $(($(peer_tx_packets) - tx))"
}

# accepted / rejected DESC DEST [PING OPTION...]: the peer sent its frames
# to DEST, and the DUT received at least 3/4 of them / at most 5 (other
# traffic).
accepted() {
	local desc=$1 rx tx
	shift
	read -r rx tx < <(peer_frames "$@")
	ktap_print_msg "$desc: the peer sent $tx frames, the DUT received $rx"
	[ "$tx" -ge "$PROBE_FRAMES" ] && [ "$rx" -ge $((PROBE_FRAMES * 3 / 4)) ]
}
rejected() {
	local desc=$1 rx tx
	shift
	read -r rx tx < <(peer_frames "$@")
	ktap_print_msg "$desc: the peer sent $tx frames, the DUT received $rx"
	[ "$tx" -ge "$PROBE_FRAMES" ] && [ "$rx" -le 5 ]
}

accepts_foreign() { accepted "to foreign MAC $FOREIGN_MAC" "$FOREIGN_IP"; }
rejects_foreign() { rejected "to foreign MAC $FOREIGN_MAC" "$FOREIGN_IP"; }
accepts_group() { accepted "to group $1" "$1" -I "$NHS_PEER"; }
rejects_group() { rejected "to group $1" "$1" -I "$NHS_PEER"; }

# --- Traffic ---

# vlans_ping VID...: the DUT reaches the peer over each of these VLANs.
vlans_ping() {
	local vid ok=0
	for vid in "$@"; do
		if timeout 20 ping -q -c 2 -i 0.2 -W 2 "$(vlan_peer_ip "$vid")" >/dev/null; then
			ok=$((ok + 1))
		else
			ktap_print_msg "no ping reply over VLAN $vid"
		fi
	done
	[ "$ok" -eq $# ]
}

# jumbo_tcp LABEL: a TCP stream each way at MTU 9000, its MSS a jumbo one.
jumbo_tcp() {
	local out=$tmp/jumbo_$1.json mss

	if ! bounded_stream_start "$out" 3 --bidir || ! stream_ok "$out"; then
		return 1
	fi
	mss=$(jq -r '.start.tcp_mss_default // 0' "$out")
	ktap_print_msg "$1: TCP MSS $mss"
	[ "$mss" -gt 8000 ]
}

jumbo_traffic() {
	jumbo_ping && jumbo_tcp "$1"
}

# --- Settings: each set, if the DUT offers it, to a value not its default ---

# set_feature NAME COMMAND...: COMMAND sets NAME; without success, NAME is
# not offered: its case is skipped, with COMMAND's error as the reason.
declare -A WHY
set_feature() {
	local name=$1 err
	shift
	if err=$("$@" 2>&1); then
		HAVE[$name]=1
		return 0
	fi
	WHY[$name]="\"$*\" failed: ${err:-exit status $?}"
	return 1
}

# other_value CURRENT PREFERRED ALTERNATIVE: PREFERRED, or ALTERNATIVE if
# PREFERRED is the current value (a setting must change to be tested).
other_value() {
	if [ "$1" = "$2" ]; then echo "$3"; else echo "$2"; fi
}

# vlan_add VID: VLAN VID, "vVID", on the DUT and on the peer, addressed.
vlan_add() {
	ip link add link "$NHS_DUT" name "v$1" type vlan id "$1" &&
		ip addr add "$(vlan_dut_ip "$1")/28" dev "v$1" &&
		ip link set "v$1" up &&
		peer ip link add link "$NHS_PEER" name "v$1" type vlan id "$1" &&
		peer ip addr add "$(vlan_peer_ip "$1")/28" dev "v$1" &&
		peer ip link set "v$1" up
}

apply_settings() {
	local rx tx target vid err

	# MTU 9000 on both ends of the link.
	if set_feature mtu ip link set "$NHS_DUT" mtu $JUMBO_MTU; then
		if ! peer ip link set "$NHS_PEER" mtu $JUMBO_MTU; then
			ip link set "$NHS_DUT" mtu "${ORIG[mtu]}"
			unset 'HAVE[mtu]'
			WHY[mtu]="the peer refuses MTU $JUMBO_MTU"
		fi
		WANT[mtu]=$JUMBO_MTU
	fi

	# Ring sizes, changed before the swap: the swap must keep them.
	if ethtool -g "$NHS_DUT" >/dev/null 2>&1; then
		HAVE[ring]=1
		snapshot
		read -r _ rx _ tx _ <<< "${SNAP[ring]}"
		ORIG[ring]="rx $rx tx $tx"
		target=$(other_value "$rx" 512 1024)
		unset 'HAVE[ring]'
		set_feature ring ethtool -G "$NHS_DUT" rx "$target" tx "$target"
		# 16-byte descriptors on the e1000
		WANT[ring]="rx $target tx $target"
		[ "$NHS_FAMILY" = e1000 ] &&
			WANT[ring]+=" rdlen $((target * 16)) tdlen $((target * 16))"
	else
		WHY[ring]="\"ethtool -g\" fails: the driver has no ring parameters"
	fi

	# The MTU and ring changes reset the chip: the link comes back, and
	# the driver resolves flow control, before pause is forced.
	dut_configure

	# Pause frames: flow control forced to receive only.
	if ethtool -a "$NHS_DUT" >/dev/null 2>&1; then
		HAVE[pause]=1
		snapshot
		ORIG[pause]=${SNAP[pause]}
		unset 'HAVE[pause]'
		set_feature pause ethtool -A "$NHS_DUT" autoneg off rx on tx off
		WANT[pause]="autoneg off rx on tx off"
	else
		WHY[pause]="\"ethtool -a\" fails: the driver has no pause settings"
	fi

	# Interrupt coalescing: 100 us (e1000: an ITR of 10000 a second).
	if ethtool -c "$NHS_DUT" >/dev/null 2>&1; then
		HAVE[coalesce]=1
		snapshot
		ORIG[coalesce]=${SNAP[coalesce]}
		target=$(other_value "${SNAP[coalesce]#rx-usecs }" 100 200)
		unset 'HAVE[coalesce]'
		set_feature coalesce ethtool -C "$NHS_DUT" rx-usecs "$target"
		WANT[coalesce]="rx-usecs $target"
	else
		WHY[coalesce]="\"ethtool -c\" fails: the driver or this chip has no coalescing (e1000: an 82545 or later)"
	fi

	# Message level: drv, link and wol messages.
	if [ -n "${ORIG[msglvl]:-}" ]; then
		target=$(other_value "${ORIG[msglvl]}" 0x00004005 0x00004003)
		set_feature msglvl ethtool -s "$NHS_DUT" msglvl "$target"
		WANT[msglvl]=$target
	else
		WHY[msglvl]="ethtool shows no message level: the driver has none"
	fi

	# Wake-on-LAN by magic packet.
	set_feature wol ethtool -s "$NHS_DUT" wol g
	WANT[wol]=g

	# An extra multicast address, then three VLANs on both sides.
	set_feature maddr ip maddr add "$EXTRA_GROUP_MAC" dev "$NHS_DUT"
	HAVE[vlans]=1
	for vid in "${VIDS[@]}"; do
		if ! err=$(vlan_add "$vid" 2>&1); then
			unset 'HAVE[vlans]'
			WHY[vlans]="VLAN $vid: $err (does the kernel have CONFIG_VLAN_8021Q?)"
			break
		fi
		WANT[vlans]+="v$vid@$NHS_DUT=$vid "
	done
	# Frames to the foreign MAC: the peer sends them without asking.
	peer ip neigh replace "$FOREIGN_IP" lladdr "$FOREIGN_MAC" dev "$NHS_PEER" nud permanent
	dut_configure
}

# applied NAME: the setting reads back as it was set.
applied() {
	case $1 in
	maddr) [[ " ${SNAP[maddr]} " == *" $EXTRA_GROUP_MAC "* ]] ;;
	*) [ "${SNAP[$1]}" = "${WANT[$1]}" ] ;;
	esac
}

# --- Swaps ---

SWAPS_OK=0
# swap_keeping TO: swap to build TO; every setting reads back after the
# swap as it did before, or LOST says which swap changed it and how.
swap_keeping() {
	local to=$1 f
	local -A before=()

	snapshot
	for f in "${!SNAP[@]}"; do
		before[$f]=${SNAP[$f]}
	done
	if hotswap_to "$to" && [ "$(dut_driver)" = "$to" ] && dut_consistent; then
		SWAPS_OK=$((SWAPS_OK + 1))
	else
		ktap_print_msg "swap to $to failed: $(hotswap_last_summary)"
	fi
	snapshot
	for f in "${FEATURES[@]}"; do
		[ -n "${HAVE[$f]:-}" ] || continue
		[ "${SNAP[$f]}" = "${before[$f]}" ] && continue
		LOST[$f]+="; swap to $to: '${before[$f]}' -> '${SNAP[$f]}'"
	done
}

# kept NAME: the setting read back as set after applying it, and no swap
# changed it.
declare -A APPLIED
kept() {
	if [ -z "${APPLIED[$1]:-}" ]; then
		ktap_print_msg "$1 not applied: wanted '${WANT[$1]}', read back '${SNAP_APPLIED[$1]}'"
		return 1
	fi
	[ -z "${LOST[$1]:-}" ] && return 0
	ktap_print_msg "$1 changed${LOST[$1]}"
	return 1
}

# --- Defaults ---

restore_defaults() {
	local vid rx tx autoneg pause_rx pause_tx

	restored=1
	for vid in "${VIDS[@]}"; do
		ip link del "v$vid" 2>/dev/null
		peer ip link del "v$vid" 2>/dev/null
	done
	peer ip neigh del "$FOREIGN_IP" dev "$NHS_PEER" 2>/dev/null
	ip maddr del "$EXTRA_GROUP_MAC" dev "$NHS_DUT" 2>/dev/null
	ip link set "$NHS_DUT" promisc off allmulticast off
	ip link set "$NHS_DUT" mtu "${ORIG[mtu]:-1500}"
	peer ip link set "$NHS_PEER" mtu "${PEER_MTU:-1500}"
	if [ -n "${ORIG[ring]:-}" ]; then
		read -r _ rx _ tx <<< "${ORIG[ring]}"
		ethtool -G "$NHS_DUT" rx "$rx" tx "$tx" 2>/dev/null
	fi
	if [ -n "${ORIG[pause]:-}" ]; then
		read -r _ autoneg _ pause_rx _ pause_tx <<< "${ORIG[pause]}"
		ethtool -A "$NHS_DUT" autoneg "$autoneg" rx "$pause_rx" tx "$pause_tx" 2>/dev/null
	fi
	[ -n "${ORIG[coalesce]:-}" ] &&
		ethtool -C "$NHS_DUT" rx-usecs "${ORIG[coalesce]#rx-usecs }" 2>/dev/null
	[ -n "${ORIG[msglvl]:-}" ] && ethtool -s "$NHS_DUT" msglvl "${ORIG[msglvl]}"
	[ -n "${HAVE[wol]:-}" ] && ethtool -s "$NHS_DUT" wol "${ORIG[wol]:-d}"
	dut_configure
}

# defaults_back: every setting reads back as before the test, the extra
# address and the VLANs gone, and the peer answers.
defaults_back() {
	local f bad=0

	snapshot
	for f in mtu ring pause coalesce msglvl wol rxmode; do
		[ -n "${ORIG[$f]:-}" ] || continue
		[[ ${SNAP[$f]} == "${ORIG[$f]}"* ]] && continue
		ktap_print_msg "$f is '${SNAP[$f]}', was '${ORIG[$f]}'"
		bad=1
	done
	if [[ " ${SNAP[maddr]} " == *" $EXTRA_GROUP_MAC "* ]] || [ -n "${SNAP[vlans]}" ]; then
		ktap_print_msg "left behind: groups ${SNAP[maddr]}; VLANs ${SNAP[vlans]}"
		bad=1
	fi
	[ "$bad" = 0 ] && ping_ok 2
}

# === The test ===

load_build "$NHS_DRV_NEXT"
kmsg_mark
DUT_MAC=$(attr "/sys/class/net/$NHS_DUT/address")
PEER_MTU=$(peer cat "/sys/class/net/$NHS_PEER/mtu")
snapshot
for f in mtu msglvl wol rxmode; do
	ORIG[$f]=${SNAP[$f]}
done

apply_settings
snapshot
declare -A SNAP_APPLIED
for f in "${FEATURES[@]}"; do
	SNAP_APPLIED[$f]=${SNAP[$f]:-}
	[ -n "${HAVE[$f]:-}" ] && applied "$f" && APPLIED[$f]=1
done
ktap_print_msg "set: $(for f in "${FEATURES[@]}"; do
	[ -n "${HAVE[$f]:-}" ] && printf '%s=[%s] ' "$f" "${SNAP[$f]}"; done)"

# Before any swap: the settings work, with the base build.
before_swaps() {
	local ok=0
	ping_ok 2 || ok=1
	if [ -n "${HAVE[vlans]:-}" ]; then
		vlans_ping "${VIDS[@]}" || ok=1
	fi
	if [ -n "${HAVE[mtu]:-}" ]; then
		jumbo_traffic before || ok=1
	fi
	return $ok
}
check "traffic_with_the_settings_before_swaps" before_swaps

# The groups the filter lets through with neither promiscuous nor
# allmulticast mode, picked and measured before those are set: the extra
# address passes; an unjoined group must not share its hash bucket (the
# RTL8139's filter has 64) with one the DUT joined.
UNJOINED=
for g in "${UNJOINED_GROUPS[@]}"; do
	read -r rx tx < <(peer_frames "$g" -I "$NHS_PEER")
	if [ "$tx" -ge "$PROBE_FRAMES" ] && [ "$rx" -le 5 ]; then
		UNJOINED=$g
		break
	fi
	ktap_print_msg "group $g: the peer sent $tx frames, the DUT received $rx"
done
extra_before=0
[ -n "${HAVE[maddr]:-}" ] && accepts_group "$EXTRA_GROUP_IP" && extra_before=1
ktap_print_msg "unjoined group: ${UNJOINED:-none of ${UNJOINED_GROUPS[*]} is filtered out}"

set_feature rxmode ip link set "$NHS_DUT" promisc on allmulticast on
WANT[rxmode]="promisc 1 allmulti 1"
snapshot
SNAP_APPLIED[rxmode]=${SNAP[rxmode]}
[ -n "${HAVE[rxmode]:-}" ] && applied rxmode && APPLIED[rxmode]=1

# Swap 1, to the next build, everything set.
swap_keeping "$NHS_DRV_NEXT"
jumbo_ok=1 vlans_ok=1
if [ -n "${HAVE[mtu]:-}" ]; then
	jumbo_traffic after_swap_1 || jumbo_ok=0
fi
[ -n "${HAVE[vlans]:-}" ] && { vlans_ping "${VIDS[@]}" || vlans_ok=0; }
check "promisc_chip_takes_foreign_unicast_after_swap" accepts_foreign

# Swap 2, back, in allmulticast mode only.
ip link set "$NHS_DUT" promisc off
swap_keeping "$NHS_DRV"
if [ -n "${HAVE[mtu]:-}" ]; then
	jumbo_ping || jumbo_ok=0
fi
[ -n "${HAVE[vlans]:-}" ] && { vlans_ping "${VIDS[@]}" || vlans_ok=0; }
allmulti_after_swap() {
	if [ -z "$UNJOINED" ]; then
		ktap_print_msg "no unjoined group was filtered before the swaps"
		return 1
	fi
	accepts_group "$UNJOINED" && rejects_foreign
}
check "allmulti_chip_takes_unjoined_group_after_swap" allmulti_after_swap

# Swap 3, in neither mode: the filter holds the extra address only.
ip link set "$NHS_DUT" allmulticast off
swap_keeping "$NHS_DRV_NEXT"
filter_after_swap() {
	if [ "$extra_before" != 1 ] || [ -z "$UNJOINED" ]; then
		ktap_print_msg "before the swaps, the extra group did not pass or no unjoined group was filtered"
		return 1
	fi
	accepts_group "$EXTRA_GROUP_IP" && rejects_group "$UNJOINED"
}
if [ -n "${HAVE[maddr]:-}" ]; then
	check "extra_group_taken_unjoined_group_filtered_after_swap" filter_after_swap
else
	skip_case "extra_group_taken_unjoined_group_filtered_after_swap" "${WHY[maddr]}"
fi

# A VLAN removed under the build that took over: the others go on, and
# its id no longer passes, in either build.  With hardware VLAN
# filtering, the chip drops its frames (the build cleared its bit in the
# filter table); without, no interface takes them.
REMAINING_VIDS=()
for vid in "${VIDS[@]}"; do
	[ "$vid" = "$REMOVED_VID" ] || REMAINING_VIDS+=("$vid")
done
hw_vlan_filter=0
ethtool -k "$NHS_DUT" | grep -q '^rx-vlan-filter: on' && hw_vlan_filter=1
removed_vlan_blocked() {
	local rx tx
	read -r rx tx < <(peer_frames "$(vlan_dut_ip $REMOVED_VID)")
	ktap_print_msg "to VLAN $REMOVED_VID, removed: the peer sent $tx frames, the DUT" \
		"received $rx (hardware VLAN filter: $hw_vlan_filter)"
	if peer ping -q -c 1 -W 1 "$(vlan_dut_ip $REMOVED_VID)" >/dev/null 2>&1; then
		ktap_print_msg "VLAN $REMOVED_VID still answers"
		return 1
	fi
	[ "$tx" -ge "$PROBE_FRAMES" ] && { [ "$hw_vlan_filter" = 0 ] || [ "$rx" -le 5 ]; }
}
others_ok=1 removed_ok=1
if [ -n "${HAVE[vlans]:-}" ]; then
	ip link del "v$REMOVED_VID"
	peer ip neigh replace "$(vlan_dut_ip $REMOVED_VID)" lladdr "$DUT_MAC" \
		dev "v$REMOVED_VID" nud permanent
	vlans_ping "${REMAINING_VIDS[@]}" || others_ok=0
	removed_vlan_blocked || removed_ok=0
fi

# Swap 4, back to the base build, with one VLAN gone.
swap_keeping "$NHS_DRV"
if [ -n "${HAVE[vlans]:-}" ]; then
	vlans_ping "${REMAINING_VIDS[@]}" || others_ok=0
	removed_vlan_blocked || removed_ok=0
fi

check "all_4_swaps_complete" [ "$SWAPS_OK" -eq 4 ]

kept_case() {
	local name=$1 feature=$2
	if [ -n "${HAVE[$feature]:-}" ]; then
		check "$name" kept "$feature"
	else
		skip_case "$name" "${WHY[$feature]:-not offered}"
	fi
}
kept_case "mtu_${JUMBO_MTU}_kept_across_swaps" mtu
kept_case "ring_size_kept_across_swaps" ring
kept_case "pause_settings_kept_across_swaps" pause
kept_case "coalesce_rx_usecs_kept_across_swaps" coalesce
kept_case "msglvl_kept_across_swaps" msglvl
kept_case "wol_kept_across_swaps" wol
kept_case "promisc_allmulti_flags_kept_across_swaps" rxmode
kept_case "extra_multicast_address_kept_across_swaps" maddr
kept_case "vlans_kept_across_swaps" vlans

if [ -n "${HAVE[mtu]:-}" ]; then
	check "jumbo_ping_and_tcp_after_swaps" [ "$jumbo_ok" = 1 ]
else
	skip_case "jumbo_ping_and_tcp_after_swaps" "${WHY[mtu]}"
fi
if [ -n "${HAVE[vlans]:-}" ]; then
	check "3_vlans_ping_after_swaps" [ "$vlans_ok" = 1 ]
	check "vlans_left_ping_after_removal_and_swap" [ "$others_ok" = 1 ]
	check "removed_vlan_id_no_longer_passes" [ "$removed_ok" = 1 ]
else
	skip_case "3_vlans_ping_after_swaps" "${WHY[vlans]}"
	skip_case "vlans_left_ping_after_removal_and_swap" "${WHY[vlans]}"
	skip_case "removed_vlan_id_no_longer_passes" "${WHY[vlans]}"
fi

restore_defaults
check "defaults_restored" defaults_back
check "no_splat" no_splat_since_mark
check "back_on_base_and_next_unloads" back_to_base

ktap_finished
