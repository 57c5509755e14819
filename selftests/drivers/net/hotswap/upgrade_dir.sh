#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# "nethotswap upgrade DRIVER DIR", the README's developer flow: upgrade
# runs "make -C /lib/modules/RELEASE/build M=DIR modules" (DIR absolute)
# and uses the DIR/$NHS_DRV.ko the build made.  The guest has no compiler,
# so a stand-in for make, first on PATH, plays kbuild: it records how it
# was called, refuses any other call than kbuild's external module build,
# and "builds" by copying one of the host's builds of $NHS_DRV (B and C of
# scripts/mkupgrades.sh, as upgrade.sh uses them) into the M= directory,
# listed in DIR/modules.order as kbuild lists what it made; or it fails
# as a compile error does, or builds nothing.  Everything nethotswap does
# around make runs for real: its checks before make, make's arguments,
# a failed build, the choice of the module the build made, and the
# upgrade itself, under an iperf3 stream.
#
# /lib/modules/RELEASE/build in the guest is the symlink modules_install
# made, to the kernel's build directory on the host: dangling, as on a
# machine without the kernel's build files.  The test moves it aside,
# checks that upgrade refuses a directory then, before running make, and
# puts a stand-in there for the other cases: a directory whose Makefile
# fails if a real make ever reads it.  The cleanup restores the symlink.

source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/upgrade_lib.sh"
require_harness
independent_of_dut_driver
long_test
require_upgrades

KBUILD=$MODDIR/build

tmp=$(mktemp -d)
tmp=$(cd "$tmp" && pwd -P)
state=$tmp/state
mkdir -p "$tmp/bin" "$state" "$tmp/empty" "$tmp/src" "$tmp/csrc"
: > "$state/calls"
saved_kbuild='' standin=''
# ere STRING: STRING as an extended regular expression that matches it
# shellcheck disable=SC2001
ere() {
	sed 's/[][\\.*^$+?(){}|]/\\&/g' <<< "$1"
}
TMP_RE=$(ere "$tmp") KBUILD_RE=$(ere "$KBUILD")

# What of the environment would steer kbuild: nethotswap passes its own
# through and adds nothing.
ENV_RE='^(M|O|KBUILD_[A-Z_]*|MAKEFLAGS|MFLAGS|ARCH|CROSS_COMPILE|CC|LLVM)='
steering_env() {
	env | grep -E "$ENV_RE" | sort | tr '\n' ' '
}

# --- The stand-in for make ---

cat > "$tmp/bin/make" <<EOF
#!/bin/bash
state=$state
ENV_RE='$ENV_RE'
drv=$NHS_DRV
EOF
cat >> "$tmp/bin/make" <<'EOF'
# make, as "nethotswap upgrade DRIVER DIR" runs it (upgrade_dir.sh):
# records the call, refuses any other call than kbuild's external module
# build, and does what $state/mode says.  "build FILE NAME...": copies
# FILE to M/NAME.ko for each NAME and lists M/NAME.o in M/modules.order,
# as kbuild does; "fail": fails as a compile error does, exit status 2;
# "nothing": a build that makes no module (a Kbuild without obj-m).
{
	echo "argv: $*"
	echo "cwd: $(pwd -P)"
	echo "env: $(env | grep -E "$ENV_RE" | sort | tr '\n' ' ')"
} >> "$state/calls"

kdir=/lib/modules/$(uname -r)/build
m=${3#M=}
if [ $# -ne 4 ] || [ "$1" != -C ] || [ "$2" != "$kdir" ] ||
   [ "$3" = "$m" ] || [ "${m#/}" = "$m" ] || [ "$4" != modules ]; then
	echo "make (upgrade_dir.sh's stand-in): not kbuild's external module build: make $*" >&2
	exit 99
fi
if [ ! -d "$kdir" ] || [ ! -d "$m" ]; then
	echo "make: *** $kdir or $m: No such file or directory.  Stop." >&2
	exit 2
fi
read -r what ko names < "$state/mode"
echo "make[1]: Entering directory '$kdir'"
case $what in
build)
	: > "$m/modules.order"
	for name in $names; do
		echo "  CC [M]  $m/$name.o"
		cp "$ko" "$m/$name.ko" || exit 2
		echo "$m/$name.o" >> "$m/modules.order"
	done
	echo "  MODPOST $m/Module.symvers"
	for name in $names; do
		echo "  LD [M]  $m/$name.ko"
	done
	;;
nothing)
	: > "$m/modules.order"
	echo "  MODPOST $m/Module.symvers"
	;;
fail)
	echo "  CC [M]  $m/$drv.o"
	{
		echo "$m/$drv.c: In function 'probe':"
		echo "$m/$drv.c:1042:9: error: expected ';' before 'return'"
		echo "make[3]: *** [scripts/Makefile.build:229: $m/$drv.o] Error 1"
		echo "make[2]: *** [$kdir/Makefile:1945: $m] Error 2"
		echo "make: *** [Makefile:224: __sub-make] Error 2"
	} >&2
	exit 2
	;;
*)
	echo "make (upgrade_dir.sh's stand-in): no mode" >&2
	exit 99
	;;
esac
echo "make[1]: Leaving directory '$kdir'"
EOF
chmod +x "$tmp/bin/make"

# stand_in MODE...: what the next make does.
stand_in() {
	echo "$*" > "$state/mode"
}

# calls: how often make ran; last_call FIELD: argv, cwd or env of its
# last run.
calls() {
	grep -c '^argv: ' "$state/calls"
}
last_call() {
	grep "^$1: " "$state/calls" | tail -n 1 | cut -d ' ' -f 2-
}

# called_for DIR: make's last run was kbuild's external module build of
# DIR, absolute, against the running kernel, in nethotswap's environment.
called_for() {
	local want="-C $KBUILD M=$1 modules"

	ktap_print_msg "make $(last_call argv) (in $(last_call cwd))"
	[ "$(last_call argv)" = "$want" ] &&
		[ "$(last_call env)" = "$(steering_env)" ]
}

# nhs ARGS...: nethotswap ARGS, the stand-in first on PATH.
nhs() {
	PATH=$tmp/bin:$PATH timeout 60 nethotswap "$@"
}

cleanup() {
	# shellcheck disable=SC2046
	kill $(jobs -p) 2>/dev/null
	back_to_original
	grep -q "^$SLOT_B " /proc/modules && rmmod "$SLOT_B"
	ip route del 198.51.100.0/24 dev "$NHS_DUT" 2>/dev/null
	[ -n "$standin" ] && rm -rf "$KBUILD"
	[ -n "$saved_kbuild" ] && mv "$saved_kbuild" "$KBUILD"
	rm -rf "$tmp"
}
trap cleanup EXIT

ktap_print_header
ktap_set_plan 12

# A source directory as the README makes it; the source itself is never
# compiled here.
printf 'obj-m := %s.o\n' "$NHS_DRV" > "$tmp/src/Kbuild"
echo "/* upgrade_dir.sh: make is a stand-in */" > "$tmp/src/$NHS_DRV.c"
cp "$tmp/src/Kbuild" "$tmp/src/$NHS_DRV.c" "$tmp/csrc/"

# --- Refusals: a clear reason, exit status 1, and nothing changes ---

snapshot() {
	awk '{print $1, $3}' /proc/modules | sort
	ls /sys/bus/pci/drivers
	dut_drivers
	cat "/sys/class/net/$NHS_DUT/ifindex"
	hotswap_attr version
	cat "/sys/module/$NHS_DRV/srcversion" 2>/dev/null
}

# refused PATTERN DIR MAKES: "upgrade $NHS_DRV DIR" fails with status 1
# and a message matching PATTERN (extended regexp) on standard error,
# after running make MAKES times (0 or 1), kbuild's way if it ran.
refused() {
	local pattern=$1 dir=$2 makes=$3 before err rc

	before=$(calls)
	err=$(cd "$tmp" && nhs upgrade "$NHS_DRV" "$dir" 2>&1 >/dev/null)
	rc=$?
	diag "  " <<< "$err"
	ktap_print_msg "upgrade $NHS_DRV $dir: status $rc, make ran $(($(calls) - before)) times"
	[ "$rc" -eq 1 ] && grep -Eq "$pattern" <<< "$err" &&
		[ "$(($(calls) - before))" -eq "$makes" ] &&
		{ [ "$makes" -eq 0 ] || called_for "$tmp/${dir#./}"; }
}

snapshot > "$tmp/before"
serving_original || ktap_print_msg "$NHS_DRV's own build does not serve $NHS_DUT: $(dut_drivers)"

# No kernel build directory: refused before make runs, naming it.
if [ -e "$KBUILD" ] || [ -L "$KBUILD" ]; then
	ktap_print_msg "$KBUILD: $([ -L "$KBUILD" ] && echo "a symlink to $(readlink "$KBUILD"), ")$([ -d "$KBUILD" ] && echo "a directory" || echo "no directory")"
	mv "$KBUILD" "$MODDIR/build.upgrade_dir-saved" &&
		saved_kbuild=$MODDIR/build.upgrade_dir-saved
fi
if [ -e "$KBUILD" ] || [ -L "$KBUILD" ]; then
	ktap_test_fail "refuses_without_kernel_build_dir: cannot move $KBUILD aside"
else
	stand_in build "$UPG/b/$NHS_DRV.ko" "$NHS_DRV"
	check "refuses_without_kernel_build_dir" refused \
		"no kernel build directory $KBUILD_RE \\(No such file" ./src 0
fi

mkdir "$KBUILD" && standin=1
# shellcheck disable=SC2016
printf '$(error %s)\n' "upgrade_dir.sh: a stand-in for the kernel build directory, for a stand-in make" \
	> "$KBUILD/Makefile"

check "refuses_dir_without_kbuild_or_makefile" refused \
	"$TMP_RE/empty has no Kbuild or Makefile" ./empty 0

# A stale $NHS_DRV.ko, C, an earlier build's: never used when the build
# fails or makes none.
cp "$UPG/c/$NHS_DRV.ko" "$tmp/src/$NHS_DRV.ko"
stand_in fail
failed_build() {
	refused "building the module in $TMP_RE/src failed: make exited with status 2" ./src 1 &&
		refused "$NHS_DRV\.c:1042:9: error: expected ';'" ./src 1
}
check "refuses_failed_build_with_make_s_messages" failed_build

stand_in nothing
check "refuses_build_of_no_module_over_stale_ko" refused \
	"the build in $TMP_RE/src made no module \\($TMP_RE/src/modules\\.order lists none" ./src 1

# Two modules, neither of them $NHS_DRV (the one whose name starts so).
stand_in build "$UPG/b/$NHS_DRV.ko" "${NHS_DRV}_new" helper
check "refuses_build_of_other_modules_only" refused \
	"the build in $TMP_RE/src made ${NHS_DRV}_new\\.ko, helper\\.ko, no $NHS_DRV\\.ko" ./src 1

snapshot > "$tmp/after"
cmp -s "$tmp/before" "$tmp/after" || diff "$tmp/before" "$tmp/after" | diag
unchanged() {
	cmp -s "$tmp/before" "$tmp/after" && serving_original && ping_ok 2
}
check "refusals_change_nothing_same_build_serves" unchanged

# --- Upgrades from source directories, under traffic ---

ip route replace 198.51.100.0/24 via "$NHS_PEER_IP" dev "$NHS_DUT"
dut_identity > "$tmp/identity.before"
bounded_stream_start "$tmp/tcp.json" 25
sleep 2
monotonic=1
last_tx=$(dut_stat tx_bytes) last_rx=$(dut_stat rx_bytes)
counters() {
	local tx rx

	tx=$(dut_stat tx_bytes) rx=$(dut_stat rx_bytes)
	if [ "$tx" -lt "$last_tx" ] || [ "$rx" -lt "$last_rx" ]; then
		monotonic=0
	fi
	last_tx=$tx last_rx=$rx
}

# moved FROM TO VERSION: TO serves the DUT, at VERSION, FROM is gone.
moved() {
	ktap_print_msg "served by $(dut_drivers), version $(hotswap_attr version)"
	[ "$(dut_driver)" = "$2" ] && dut_consistent &&
		[ "$(hotswap_attr version)" = "$3" ] &&
		[ ! -e "/sys/module/$1" ] && [ ! -e "/sys/bus/pci/drivers/$1" ]
}

# The README's flow: "nethotswap upgrade $NHS_DRV ." in the source
# directory; make gets it absolute, and B, which it builds, serves.
from_dot() {
	local out rc before

	stand_in build "$UPG/b/$NHS_DRV.ko" "$NHS_DRV"
	before=$(calls)
	out=$(cd "$tmp/src" && nhs upgrade "$NHS_DRV" . 2>&1)
	rc=$?
	diag "  " <<< "$out"
	counters
	[ "$rc" -eq 0 ] && [ "$(($(calls) - before))" -eq 1 ] &&
		called_for "$tmp/src" && [ "$(last_call cwd)" = "$tmp/src" ] &&
		grep -q "^$NHS_DUT: $NHS_DRV -> $SLOT_B: completed" <<< "$out" &&
		moved "$NHS_DRV" "$SLOT_B" "$VERSION_B"
}
check "upgrade_from_dot_in_the_source_dir" from_dot
sleep 1

# A relative path with a trailing slash, a build of two modules (the
# driver's is used), and JSON output: make's messages stay off standard
# output, which is the swap's JSON document.  The build is the kernel
# tree's $NHS_DRV (the developer's edits undone): it loads under its own
# name, unrenamed, and the original build serves again.
json_several() {
	local rc before

	stand_in build "$ORIG" helper "$NHS_DRV"
	before=$(calls)
	(cd "$tmp/src" && nhs -j upgrade "$SLOT_B" ../csrc/ > "$tmp/out.json" 2> "$tmp/err")
	rc=$?
	diag "  stdout: " < "$tmp/out.json"
	diag "  stderr: " < "$tmp/err"
	counters
	[ "$rc" -eq 0 ] && [ "$(($(calls) - before))" -eq 1 ] &&
		called_for "$tmp/csrc" &&
		grep -q 'CC \[M\]' "$tmp/err" &&
		jq -e --arg ifname "$NHS_DUT" --arg drv "$NHS_DRV" '
			length == 1 and .[0].ifname == $ifname and
			.[0].last_result.outcome == "completed" and
			.[0].last_result.to == $drv' "$tmp/out.json" >/dev/null &&
		moved "$SLOT_B" "$NHS_DRV" "$VERSION_ORIG" && serving_original
}
check "upgrade_json_relative_dir_two_modules" json_several

check "counters_kept" [ "$monotonic" -eq 1 ]
check "tcp_stream_completes" stream_ok "$tmp/tcp.json"
dut_identity > "$tmp/identity.after"
check "ifindex_mac_addresses_routes_unchanged" \
	cmp -s "$tmp/identity.before" "$tmp/identity.after"

# Where it began: the kernel tree's build as $NHS_DRV, nothing left.
no_leftovers() {
	ktap_print_msg "modules: $(grep -E "^$NHS_DRV(_b)? " /proc/modules | cut -d ' ' -f 1 | tr '\n' ' ')"
	serving_original && [ ! -e "/sys/module/$SLOT_B" ] &&
		[ ! -e "/sys/bus/pci/drivers/$SLOT_B" ] &&
		! nethotswap driver show "$SLOT_B" >/dev/null 2>&1 && ping_ok 2
}
check "original_build_serves_nothing_left" no_leftovers

ktap_finished
