// Package netbench measures green/net beside net in the same run: echo round trips over
// loopback, the memory an idle connection costs, and the cost of a parked Read that becomes
// ready. The benchmarks are its tests; bench/net.sh runs them with the settings the figures in
// its output are quoted at (GOMAXPROCS=1).
package netbench
