// Package hub is eventlet-go's event loop: one goroutine that runs greenlets one at a time and
// resumes each when what it waits for is ready.
//
// A Hub is the main greenlet of its goroutine; every greenlet it runs is a child of that main
// greenlet, so parking a greenlet is one coroutine switch to the hub and resuming it is one
// switch back. The hub owns:
//
//   - a run queue of greenlets ready to run, run in FIFO batches;
//   - a timer heap (add and cancel are O(log n) and allocate nothing: timers are embedded in the
//     things that use them);
//   - an epoll instance (edge-triggered, each fd registered once) with fd waiters that have
//     deadlines and are all woken when their fd closes (PollDesc);
//   - an eventfd inbox, through which any other goroutine hands work to the hub;
//   - Waiter and WaitQueue: the one way anything parks — a greenlet of a hub, or a plain
//     goroutine, which simply blocks — used by every green primitive;
//   - Offload, eventlet's tpool: a blocking call runs on a real goroutine while the greenlet parks;
//   - adaptive polling: while its idle spells keep ending within a spin time (DefaultSpin, 50µs),
//     a hub with nothing to run polls epoll for that long before it sleeps in epoll_wait, trading
//     CPU time for the wake-up latency of a sleeping processor; an idle hub sleeps at once
//     (WithSpin, EVENTLET_SPIN=0 turns it off);
//   - a blocking detector that reports, with its stack, a greenlet that runs longer than a
//     threshold without yielding (off by default; WithBlockDetector or
//     EVENTLET_BLOCK_DETECT=100ms turn it on).
//
// Any goroutine may use any of it. State owned by a hub is touched only by the hub's goroutine
// and its greenlets, which never run at the same time, so it needs no locks; what other goroutines
// can reach (waiters, fds, the inbox) guards itself with atomics or a small lock.
//
// A panic or runtime.Goexit inside a greenlet ends that greenlet only: the hub carries on.
package hub
