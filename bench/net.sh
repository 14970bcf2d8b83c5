#!/usr/bin/env bash
# green/net beside net, in the same run, on one core (GOMAXPROCS=1, go test -cpu 1):
#   - Echo: echo round trips per second over loopback TCP, 1 and 50 connections, server and
#     clients in this process (goroutines on net, greenthreads on one hub on green/net);
#   - ParkedRead: one hand-over of a byte to a party parked in Read (ns/op, allocs/op);
#   - IdleConn: bytes of VmRSS per idle connection, 10,000 of them, for a server process of each
#     kind (net goroutine per connection; green greenthread per connection; green with
#     NotifyReadable and no greenthread while idle).
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
