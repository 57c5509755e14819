#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Draw the main job's picture from its console log: the DUT's received
# throughput in 100 ms intervals, the live fix (left) beside the same fix
# by rmmod + insmod (right), each event marked.
#
# usage: demo-plot.sh CONSOLE_LOG PNG
set -euo pipefail

log=$1
png=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

for phase in live rmmod; do
	awk -v p="$phase" '$1 == "nethotswap-data:" && $2 == p { print $3, $4 }' \
		"$log" > "$dir/$phase.dat"
	[ -s "$dir/$phase.dat" ] || { echo "demo-plot: no $phase samples in $log" >&2; exit 1; }
	# Each mark: a line at its time, its label above the plot area.
	awk -v p="$phase" '$1 == "nethotswap-data:" && $2 == "mark" && $3 == p {
		t = $4 / 1000; $1 = $2 = $3 = $4 = ""; sub(/^ +/, "")
		n++
		printf "set arrow from %.2f, graph 0 to %.2f, graph 1 nohead dt 2 lc rgb \"#c0392b\"\n", t, t
		printf "set label \"%s\" at %.2f, graph %.2f rotate by 90 right front font \",9\" offset -0.6, 0\n", $0, t, 0.97
	}' "$log" > "$dir/$phase.marks"
done

max=$(awk '$2 > m { m = $2 } END { printf "%d", m * 1.25 + 1 }' "$dir/live.dat" "$dir/rmmod.dat")

title=$(sed -n 's/^nethotswap-data: title //p' "$log" | head -n 1)
title=${title:-8139too receive bug fixed on a running interface}

gnuplot <<GP
set terminal pngcairo size 1600,600 font ",11"
set output "$png"
set multiplot layout 1,2 title "$title (TCP + 1 Mbit/s UDP from the peer into the DUT, received per 100 ms)"
set xlabel "seconds"
set ylabel "Mbit/s received"
set yrange [0:$max]
set grid ytics
set key off
set title "live: nethotswap swap (same interface, same ifindex)"
load "$dir/live.marks"
plot "$dir/live.dat" using 1:2 with steps lw 2 lc rgb "#2471a3"
unset arrow
unset label
set title "the alternative: rmmod + insmod (new interface, reconfigured by hand)"
load "$dir/rmmod.marks"
plot "$dir/rmmod.dat" using 1:2 with steps lw 2 lc rgb "#7d3c98"
unset multiplot
GP
echo "demo: the picture is $png"
