#!/usr/bin/env bash
# The real port: github.com/tidwall/redcon v1.6.4 (from the module proxy)
# patched with greenpatch -overlay -deps. It
#   1. patches ./server (a Redis-protocol server on redcon) and redcon itself,
#      tests included, into an overlay, and lists what could not be converted;
#   2. runs redcon's own tests patched;
#   3. builds the server unpatched and patched, checks both with redis-cli,
#      and drives both with redis-benchmark in the same run.
# Environment: EVENTLET (the eventlet checkout to build against; default this
# one), N (requests per test, default 100000), C (clients, default 50),
# OUT (where results go; default bench/out/redcon). The patched files go to
# greenpatch's cache directory ($XDG_CACHE_HOME/greenpatch), outside the tree.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
eventlet=${EVENTLET:-$root}
out=${OUT:-$root/bench/out/redcon}
requests=${N:-100000}
clients=${C:-50}
mkdir -p "$out"

if ! command -v redis-benchmark >/dev/null || ! command -v redis-cli >/dev/null; then
	apt-get update -qq && apt-get install -y -qq redis-tools >/dev/null
fi

cd "$here"
(cd "$root" && go build -o "$out/greenpatch" ./cmd/greenpatch)

echo "== patch (greenpatch -overlay -deps ./server github.com/tidwall/redcon)"
"$out/greenpatch" -eventlet "$eventlet" -overlay "$out/overlay.json" \
	-deps ./server github.com/tidwall/redcon 2>"$out/diagnostics.txt"
sed 's/^/  /' "$out/diagnostics.txt"
grep -c . "$out/diagnostics.txt" | sed 's/^/  constructs left unconverted: /' || true

echo "== redcon's own tests, patched"
if go test -count=1 -timeout 5m -overlay "$out/overlay.json" github.com/tidwall/redcon >"$out/tests.txt" 2>&1; then
	tail -1 "$out/tests.txt" | sed 's/^/  /'
else
	sed 's/^/  /' "$out/tests.txt"
	echo "  redcon's tests FAIL patched"
fi

go build -o "$out/server-plain" ./server
go build -overlay "$out/overlay.json" -o "$out/server-green" ./server

pids=()
cleanup() {
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

# start NAME PORT ENV... starts a server and waits until it answers PING.
start() {
	local name=$1 port=$2
	shift 2
	env "$@" "$out/server-$name" -addr "127.0.0.1:$port" 2>"$out/server-$name-$port.log" &
	pids+=($!)
	for _ in $(seq 100); do
		if [ "$(redis-cli -p "$port" ping 2>/dev/null)" = PONG ]; then
			return
		fi
		sleep 0.1
	done
	echo "server $name on $port does not answer" >&2
	exit 1
}

# check PORT runs the same redis-cli session against a server.
check() {
	local port=$1
	{
		redis-cli -p "$port" set greeting hello
		redis-cli -p "$port" get greeting
		redis-cli -p "$port" echo "green threads"
		redis-cli -p "$port" del greeting
		redis-cli -p "$port" get greeting
		redis-cli -p "$port" nosuchcommand
	} 2>&1
}

# bench PORT prints "SET GET" requests per second.
bench() {
	redis-benchmark -p "$1" -t set,get -n "$requests" -c "$clients" -q 2>/dev/null |
		tr '\r' '\n' | awk '/^SET:/ {set=$2} /^GET:/ {get=$2} END {print set, get}'
}

start plain 6390 GOMAXPROCS=1
start plain 6391
start green 6392

echo "== redis-cli"
check 6390 >"$out/cli-plain.txt"
check 6392 >"$out/cli-green.txt"
if diff "$out/cli-plain.txt" "$out/cli-green.txt" >/dev/null; then
	echo "  same replies from both builds:"
	sed 's/^/    /' "$out/cli-green.txt"
else
	echo "  replies differ:"
	diff "$out/cli-plain.txt" "$out/cli-green.txt" | sed 's/^/    /'
	exit 1
fi

echo "== redis-benchmark -t set,get -n $requests -c $clients (requests per second)"
printf '  %-34s %12s %12s\n' build SET GET
for run in "unpatched, GOMAXPROCS=1:6390" "unpatched, GOMAXPROCS=$(nproc):6391" "patched (one hub):6392"; do
	read -r set get < <(bench "${run##*:}")
	printf '  %-34s %12s %12s\n' "${run%:*}" "$set" "$get"
done | tee "$out/bench.txt"
