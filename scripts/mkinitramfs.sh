#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the test VM's initramfs: busybox, bash, iproute2's ip and tc, iperf3,
# ethtool, jq, python3 with jsonschema (with their shared libraries), the
# kernel modules, the kselftest runner and our selftests.
#
# usage: mkinitramfs.sh REPO_DIR BUILD_DIR MODULES_DIR OUTPUT
set -euo pipefail

repo=$1
build=$2
modules=$3
out=$4
root=$out.root
ksft_src=$build/linux/tools/testing/selftests

rm -rf "$root"
mkdir -p "$root"/{usr/bin,usr/sbin,usr/lib,usr/lib64,etc,proc,sys,dev,tmp,run,root,test}
# Debian's merged /usr layout, so binaries find their loader and libraries.
for d in bin sbin lib lib64; do
	ln -s "usr/$d" "$root/$d"
done

# Map a host path onto the merged layout inside the image.
image_path() {
	case $1 in
	/usr/*) echo "$1" ;;
	*) echo "/usr$1" ;;
	esac
}

install_file() {
	local dest
	dest=$root$(image_path "$2")
	mkdir -p "$(dirname "$dest")"
	cp -L "$1" "$dest"
}

install_binary() {
	local bin=$1 lib
	install_file "$bin" "/usr/bin/$(basename "$bin")"
	for lib in $(ldd "$bin" | grep -o '/[^ ]*'); do
		install_file "$lib" "$lib"
	done
}

for b in bash timeout ip tc iperf3 ethtool jq; do
	install_binary "$(command -v "$b")"
done
install_binary "$repo/tools/nethotswap/nethotswap"
# kmod's depmod and modprobe, off PATH (busybox's serve the other tests):
# upgrade.sh checks what "modprobe -D" resolves after "upgrade ... persist".
install_binary "$(command -v kmod)"
mkdir -p "$root/usr/libexec/kmod"
for t in depmod modprobe modinfo; do
	ln -s /usr/bin/kmod "$root/usr/libexec/kmod/$t"
done

# Debian's python3 with jsonschema, for nl_json_schema.sh: the interpreter
# and every module that validating nethotswap's output loads (whole
# packages), found by doing it once here.
json_check=$repo/selftests/drivers/net/hotswap/json_check.py
if /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; then
	install_binary /usr/bin/python3
	echo '[]' | /usr/bin/python3 -c '
import os, runpy, sys
sys.argv = [sys.argv[1], sys.argv[2], "dev_show"]
sys.stdout = open(os.devnull, "w")
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
except SystemExit as e:
    if e.code:
        raise
sys.stdout = sys.__stdout__
for m in list(sys.modules.values()):
    f = getattr(m, "__file__", None)
    if not f or not os.path.isabs(f) or f == sys.argv[0]:
        continue
    if os.path.basename(f) != "__init__.py":
        print(f)
        continue
    for top, dirs, names in os.walk(os.path.dirname(f)):
        dirs[:] = [d for d in dirs if d not in ("__pycache__", "tests")]
        for n in names:
            print(os.path.join(top, n))
' "$json_check" "$repo/tools/nethotswap/nethotswap.schema.json" |
	while read -r f; do
		install_file "$f" "$f"
	done
fi

# busybox for everything else; it must not shadow the real binaries above.
install_file /bin/busybox /usr/bin/busybox
for applet in $(/bin/busybox --list); do
	[ -e "$root/usr/bin/$applet" ] || ln -s busybox "$root/usr/bin/$applet"
done

echo "root:x:0:0:root:/root:/bin/bash" > "$root/etc/passwd"
echo "nobody:x:65534:65534:nobody:/:/bin/sh" >> "$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$root/etc/group"

cp -a "$modules/lib/modules" "$root/usr/lib/"

# Same-named builds of each DUT driver for upgrade*.sh, made against the kernel's
# build directory as a developer makes them (scripts/mkupgrades.sh).
kbuild=$(readlink -f "$modules"/lib/modules/*/build || true)
if grep -q '^CONFIG_8139TOO=m' "$kbuild/.config" 2>/dev/null; then
	"$repo/scripts/mkupgrades.sh" "$build/linux" "$kbuild" "$out.upgrades" \
		"$root/upgrades"
fi

# kselftest layout: the kernel's own runner, our tests under it.
ksft=$root/kselftest
mkdir -p "$ksft/kselftest"
cp "$ksft_src/run_kselftest.sh" "$ksft/"
cp "$ksft_src/kselftest/runner.sh" "$ksft_src/kselftest/ktap_helpers.sh" "$ksft/kselftest/"
cp -r "$repo/selftests/." "$ksft/"
# The kernel's own net/netdevice.sh, which netdevice_compat.sh runs on the
# DUT under each build; not in the runner's list.
mkdir -p "$ksft/net"
cp "$ksft_src/net/netdevice.sh" "$ksft/net/"
cp "$repo/tools/nethotswap/nethotswap.schema.json" "$ksft/drivers/net/hotswap/"
# Test programs in C (TEST_GEN_PROGS), built against the repo's uapi.
for src in "$repo"/selftests/drivers/net/hotswap/*.c; do
	[ -e "$src" ] || continue
	gcc -O2 -Wall -Wextra -Werror -I"$repo/include/uapi" \
		-o "$ksft/drivers/net/hotswap/$(basename "$src" .c)" "$src"
	rm "$ksft/drivers/net/hotswap/$(basename "$src")"
done
"$repo/selftests/list-tests.sh" "$repo/selftests" > "$ksft/kselftest-list.txt"

install -m 0755 "$repo/scripts/guest-init.sh" "$root/init"

(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) > "$out.tmp"
mv "$out.tmp" "$out"
