// Package behave is the behaviour-parity suite: each check is written once, as a function of an
// implementation table, and runs against the stdlib and against eventlet-go's green packages;
// what the two do must be the same.
//
// A Check drives e.Net, e.Time and e.Sync (net, time and sync, or green/net, green/time and
// green/sync) and records what it observes with e.Record: values,
// and errors described as far as a caller can tell them apart — their text, the dynamic type of
// every error in their Unwrap chain, which well-known errors they match under errors.Is
// (net.ErrClosed, os.ErrDeadlineExceeded, io.EOF, context errors, errnos...), whether they are
// net.Errors and time out, and the Op, Net, Source and Addr of their *net.OpError. Addresses that
// differ from run to run (ephemeral ports, temporary paths) are replaced by names the check gives
// them. Compare runs the check against the stdlib from a plain goroutine, then against the green
// packages from a plain goroutine and from a greenthread, and compares the records with go-cmp. Helpers a check
// needs beside it (a reader to park, a peer to write) run as goroutines beside a goroutine and as
// greenthreads beside a greenthread (Env.Go), and Env.Settle lets them run until they wait, so
// that "while parked" really is while parked.
//
// The checks, in this package's tests, cover dial and listen errors, reads, writes, Close and
// EOF, deadlines (past, expiring, moved while parked), half-close, resets, listeners closed
// while Accept waits, Unix socket files, UDP truncation and address errors, Pipe, Buffers,
// File/FileConn, SyscallConn and default socket options; then time (Sleep, Timer and Ticker
// expiry, Stop and Reset under Go 1.23's rules, AfterFunc, the ordering of timers, misuse) and
// sync (Mutex exclusion and hand-off, RWMutex sharing and writer preference, WaitGroup and its
// Go, Once and the Once functions with panics, Cond's wake-up order, greenthreads and goroutines
// sharing one lock), ported from the stdlib's own tests of those packages. The x/net/nettest
// conformance suite runs on green connections in nettest_test.go.
//
// # Where the records cannot agree
//
// Net's own behaviour varies in one place the suite meets: a dial that times out while
// connecting fails with net's timeout error (errors.Is context.DeadlineExceeded) or with the
// poller's (errors.Is os.ErrDeadlineExceeded), depending on which of two timers for the same
// instant runs first — most runs on a busy 2-core machine give the poller's. green/net always
// gives net's own, the answer net gives when it is not contended; the check compares the message
// and Timeout(), which never vary.
//
// Not compared, because the stdlib's behaviour cannot be observed in a test or the green
// packages document a difference on purpose: unlocking an unlocked Mutex (sync throws a fatal
// error that ends the process; green/sync panics with the same message), and the length and
// capacity of a timer's channel (green/time's has a buffer of one, which len and cap show; time's
// reports 0 for both). Which values a timer or ticker delivers, and when, is compared.
//
// How much of a large write a Unix stream socket takes before it reports that its buffer is full
// is the kernel's decision, and now and then it takes nothing under net too: the deadline checks
// compare that a timed-out write was short, not its count.
package behave
