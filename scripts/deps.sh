#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install what building and testing nethotswap needs on Debian 12, when it
# is missing.  Non-interactive; needs root (or sudo) only if something is
# missing.
set -euo pipefail

packages=(
	linux-source-6.12 build-essential flex bison bc libelf-dev libssl-dev
	cpio xz-utils gzip kmod patch perl python3 python3-yaml python3-jsonschema
	qemu-system-x86 busybox-static bash coreutils iperf3 iproute2 ethtool jq
	libnl-3-dev libnl-genl-3-dev pkg-config gnuplot-nox
)

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}"
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
