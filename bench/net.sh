#!/usr/bin/env bash
# green/net beside net, in the same run, on one core (GOMAXPROCS=1, go test -cpu 1):
#   - Echo: echo round trips per second over loopback TCP, 1 and 50 connections, server and
#     clients in this process (goroutines on net, greenthreads on one hub on green/net);
#   - ParkedRead: one hand-over of a byte to a party parked in Read (ns/op, allocs/op);
#   - IdleConn: bytes of VmRSS per idle connection, 10,000 of them, for a server process of each
#     kind (net goroutine per connection; green greenthread per connection; green with
#     NotifyReadable and no greenthread while idle).
#   - Echo across processes: the same echo server (bench/echoserver, net or green/net by flag)
#     pinned to CPU 0 at GOMAXPROCS=1, driven by bench/echoload from CPU 1 with 1 and 50
#     connections, every byte checked.
# Then it prints each green figure beside net's and their ratio (medians over COUNT rounds).
# Environment: COUNT (runs of each benchmark, default 5), OUT (where the raw output goes;
# default bench/out/net).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT:-$root/bench/out/net}
count=${COUNT:-5}
mkdir -p "$out"
cd "$root"

# One binary; each round runs every benchmark once, so that net and green take turns under
# whatever else the machine is doing.
go test -c -o "$out/netbench.test" ./bench/net
: >"$out/bench.txt"
for round in $(seq "$count"); do
	echo "== round $round of $count"
	"$out/netbench.test" -test.run '^$' -test.bench 'Echo|ParkedRead' -test.benchtime 2s -test.cpu 1 -test.benchmem | tee -a "$out/bench.txt"
	"$out/netbench.test" -test.run '^$' -test.bench 'IdleConn' -test.benchtime 1x -test.cpu 1 | tee -a "$out/bench.txt"
done

# ratios: for every benchmark line, the median of each metric per name; then green/net pairs.
awk '
/^Benchmark/ {
	name = $1
	for (i = 3; i < NF; i += 2) {
		key = name SUBSEP $(i+1)
		n[key]++
		v[key, n[key]] = $i
		units[$(i+1)] = 1
		names[name] = 1
	}
}
function median(key,   m, i, j, t, a) {
	m = n[key]
	for (i = 1; i <= m; i++) a[i] = v[key, i]
	for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
	return (m % 2) ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
}
END {
	for (name in names) {
		if (name !~ /\/green/) continue
		ref = name; sub(/\/green(-notify)?/, "/net", ref)
		for (u in units) {
			gk = name SUBSEP u; rk = ref SUBSEP u
			if (!(gk in n) || !(rk in n) || u == "goroutines" || u == "B/op" || (name ~ /IdleConn/ && u == "ns/op")) continue
			g = median(gk); r = median(rk)
			printf "%-40s %-10s %14.1f %14.1f %8s\n", name, u, r, g, (r == 0) ? "-" : sprintf("%.3f", g / r)
		}
	}
}' "$out/bench.txt" | sort >"$out/ratios.txt"
printf '\nmedians of %s rounds\n%-40s %-10s %14s %14s %8s\n' "$count" "benchmark (green vs net)" "unit" "net" "green" "ratio"
cat "$out/ratios.txt"

# Across processes: a server that swapped net for green/net, as its clients see it.
go build -o "$out/echoserver" ./bench/echoserver
go build -o "$out/echoload" ./bench/echoload
: >"$out/xproc.txt"
for round in $(seq "$count"); do
	for conns in 1 50; do
		for impl in std green; do
			GOMAXPROCS=1 taskset -c 0 "$out/echoserver" -impl "$impl" -addr 127.0.0.1:7010 &
			pid=$!
			for i in $(seq 50); do "$out/echoload" -addr 127.0.0.1:7010 -c 1 -d 1ms >/dev/null 2>&1 && break; sleep 0.1; done
			echo "$impl $(taskset -c 1 "$out/echoload" -addr 127.0.0.1:7010 -c "$conns" -d 5s)" | tee -a "$out/xproc.txt"
			kill "$pid"
			wait "$pid" 2>/dev/null || true
		done
	done
done
printf '
echo across processes, medians of %s rounds
%-12s %14s %14s %8s
' "$count" "connections" "net rt/s" "green rt/s" "ratio"
for conns in 1 50; do
	std=$(awk -v c="conns=$conns" '$1 == "std" && $2 == c {sub("rt/s=", "", $3); print $3}' "$out/xproc.txt" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}')
	green=$(awk -v c="conns=$conns" '$1 == "green" && $2 == c {sub("rt/s=", "", $3); print $3}' "$out/xproc.txt" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}')
	printf '%-12s %14.0f %14.0f %8.3f\n' "$conns" "$std" "$green" "$(echo "$green / $std" | bc -l)"
done
