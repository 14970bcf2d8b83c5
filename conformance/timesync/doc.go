// Package timesync is the behaviour parity suite of green/time and green/sync: each check is
// written once against an implementation table (Impl: the functions of time and sync a check
// calls), records what it observes, and Compare runs it against time and sync from a plain
// goroutine — the reference — and against green/time and green/sync from a plain goroutine and
// from a greenthread, failing when the records differ (compared with go-cmp).
//
// Checks record values that the packages promise: results of Stop and Reset, the order timers
// fire in, panic values, counts. Durations are recorded only as "at least d" facts. Behaviour
// that sync leaves fatal (unlocking an unlocked mutex) cannot run in the reference; the green
// packages' own tests cover it.
package timesync
