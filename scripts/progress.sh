#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run a long, quiet build and say every 30 s how far it got: the object
# files it wrote under DIR so far.  A build done within 30 s prints
# nothing.  Exits with the command's status.
#
# usage: progress.sh LABEL DIR COMMAND...
set -u

label=$1
dir=$2
shift 2
stamp=$(mktemp)
trap 'rm -f "$stamp"' EXIT
start=$SECONDS

"$@" &
pid=$!
next=$((start + 30))
while kill -0 "$pid" 2>/dev/null; do
	sleep 1
	if [ "$SECONDS" -ge "$next" ] && kill -0 "$pid" 2>/dev/null; then
		n=$(find "$dir" -name '*.o' -newer "$stamp" 2>/dev/null | wc -l)
		echo "  $label: $n object files built, $(( (SECONDS - start) / 60 )) min $(( (SECONDS - start) % 60 )) s"
		next=$((next + 30))
	fi
done
wait "$pid"
