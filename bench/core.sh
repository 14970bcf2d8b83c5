#!/usr/bin/env bash
# Core runtime figures, each beside its baseline measured in the same run (GOMAXPROCS=1):
# greenlet switch, Sleep(0), Spawn+Wait (from a greenthread and from a goroutine), queue,
# semaphore and timer operations against an iter.Pull round trip, then the Python anchors
# (greenlet, eventlet, gevent) on the same machine. Usage: bench/core.sh [count] (default 10).
# Output: the raw `go test -bench` lines in bench/out/core-*.txt and a summary table.
# SUMMARY_ONLY=1 rebuilds the table from the files of the last run.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10}
out=bench/out
mkdir -p "$out"
export GOMAXPROCS=1

if [ -z "${SUMMARY_ONLY:-}" ]; then
	go test -run '^$' -bench 'PullRoundTrip|Sleep0|SpawnWait|Queue|Semaphore' -benchmem -count "$count" . | tee "$out/core-eventlet.txt"
	go test -run '^$' -bench 'PullRoundTrip|Switch|NewSwitchFinish' -benchmem -count "$count" ./greenlet | tee "$out/core-greenlet.txt"
	go test -run '^$' -bench 'TimerAddRemove' -benchmem -count "$count" ./hub | tee "$out/core-hub.txt"

	anchors=/work/shared/anchors
	if [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import eventlet, gevent, greenlet' 2>/dev/null; then
		/usr/bin/python3 "$anchors/greenlet_switch.py" | tee "$out/core-python.txt"
		/usr/bin/python3 "$anchors/gevent_spawn.py" | tee -a "$out/core-python.txt"
	else
		echo "python anchors skipped: run $anchors/install.sh" | tee "$out/core-python.txt"
	fi
fi

# median ns/op and allocs/op of one benchmark in one file
median() { # file name field(3=ns,7=allocs)
	{ grep -E "^Benchmark$2(-[0-9]+)?\s" "$1" || true; } | awk -v f="$3" '{print $f}' | sort -g | awk '{a[NR]=$1} END {if (NR==0) print "NaN"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'
}
row() { # file name baseline-name target (the baseline from the same file, else from the root package's)
	local ns base allocs
	ns=$(median "$1" "$2" 3); base=$(median "$1" "$3" 3); allocs=$(median "$1" "$2" 7)
	[ "$base" = NaN ] && base=$(median "$out/core-eventlet.txt" "$3" 3)
	printf '| %-34s | %10.1f ns | %6s | %5.2f× | %s |\n' "$2" "$ns" "$allocs" "$(echo "$ns / $base" | bc -l)" "$4"
}
{
	echo
	echo "| benchmark | median | allocs | × iter.Pull round trip | target |"
	echo "| --- | --- | --- | --- | --- |"
	printf '| %-34s | %10.1f ns | %6s | %5.2f× | %s |\n' "PullRoundTrip (baseline)" "$(median "$out/core-eventlet.txt" PullRoundTrip 3)" 0 1 "—"
	row "$out/core-greenlet.txt" SwitchRoundTrip PullRoundTrip "python greenlet: see below"
	row "$out/core-greenlet.txt" SwitchBetweenChildren PullRoundTrip ""
	row "$out/core-eventlet.txt" Sleep0 PullRoundTrip "≤ 2×, 0 allocs"
	row "$out/core-eventlet.txt" SpawnWait PullRoundTrip "≤ 5×, ≤ 2 allocs"
	row "$out/core-eventlet.txt" SpawnWaitFromGoroutine PullRoundTrip "≤ 10 µs"
	row "$out/core-eventlet.txt" QueuePutGet PullRoundTrip "0 allocs"
	row "$out/core-eventlet.txt" QueueHandoff PullRoundTrip "0 allocs"
	row "$out/core-eventlet.txt" SemaphoreAcquireRelease PullRoundTrip "0 allocs"
	row "$out/core-hub.txt" TimerAddRemove PullRoundTrip "0 allocs"
	echo
	sed 's/^/    /' "$out/core-python.txt"
} | tee "$out/core-summary.md"
