#!/usr/bin/env bash
# HTTP hello world, net/http vs green/http, in the same run: throughput
# with wrk -c50 and -c1 (server pinned to CPU 0 at GOMAXPROCS=1, wrk on
# CPU 1, via ../shared/anchors/httpbench.sh), then the RSS one idle
# keep-alive connection costs (eventlet.wsgi and gevent.pywsgi beside them when installed), with 10,000 connections held, and a green client's keep-alive
# request rate against net/http.
# usage: bench/http.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
anchors=../shared/anchors
out=bench/out
mkdir -p "$out"
go build -o "$out/httphello" ./bench/httphello
go build -o "$out/httpidle" ./bench/httpidle
go build -o "$out/httpclient" ./bench/httpclient
ulimit -n 20000

for conns in 50 1; do
	GOMAXPROCS=1 "$anchors/httpbench.sh" net/http 8083 "$conns" "$secs" -- "$out/httphello" -impl std -addr 127.0.0.1:8083
	GOMAXPROCS=1 "$anchors/httpbench.sh" green/http 8084 "$conns" "$secs" -- "$out/httphello" -impl green -addr 127.0.0.1:8084
	if /usr/bin/python3 -c 'import eventlet, gevent' 2>/dev/null; then
		"$anchors/httpbench.sh" eventlet.wsgi 8087 "$conns" "$secs" -- /usr/bin/python3 "$anchors/eventlet_hello.py" 8087
		"$anchors/httpbench.sh" gevent.pywsgi 8088 "$conns" "$secs" -- /usr/bin/python3 "$anchors/gevent_hello.py" 8088
	else
		echo "python anchors skipped: run $anchors/install.sh"
	fi
done

for impl in std green; do
	GOMAXPROCS=1 taskset -c 0 "$out/httphello" -impl "$impl" -addr 127.0.0.1:8085 &
	pid=$!
	for i in $(seq 50); do curl -s -o /dev/null http://127.0.0.1:8085/ && break; sleep 0.1; done
	echo -n "idle $impl: "
	"$out/httpidle" -addr 127.0.0.1:8085 -pid "$pid" -n 10000
	kill "$pid"
	wait "$pid" 2>/dev/null || true
done

# The green client: 50 greenthreads on one hub sending keep-alive GETs to a net/http server on
# the other core (target: 10,000 req/s with no error).
GOMAXPROCS=1 taskset -c 1 "$out/httphello" -impl std -addr 127.0.0.1:8086 &
pid=$!
for i in $(seq 50); do curl -s -o /dev/null http://127.0.0.1:8086/ && break; sleep 0.1; done
GOMAXPROCS=1 taskset -c 0 "$out/httpclient" -url http://127.0.0.1:8086/ -c 50 -d "${secs}s"
kill "$pid"
wait "$pid" 2>/dev/null || true
