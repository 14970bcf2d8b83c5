// Package greenlet gives Go the switching semantics of Python's greenlet.
//
// A greenlet is a function running as a coroutine. It runs only when another greenlet switches
// to it, and keeps running until it switches somewhere else itself; nothing preempts it. Every
// goroutine that touches greenlets has an implicit main greenlet (Current on a goroutine that has
// no greenlet returns it), and the greenlets created from it form that goroutine's tree: only one
// of them runs at a time and they never migrate to another goroutine.
//
// The semantics are python-greenlet's:
//
//   - New(run) creates a greenlet whose parent is the creating greenlet.
//   - The first g.Switch(args...) calls run(args...). Later, a paused Switch returns what the
//     switch back passes: no arguments → nil, one → it, several → []any.
//   - When run returns, its result goes to the parent's paused Switch. A panic in run re-panics
//     in the parent with the same value.
//   - Switching to a dead greenlet switches to its parent instead (so it returns the arguments at
//     once when the caller is that parent).
//   - g.Throw(err) makes g's paused Switch panic with err. If g does not recover, it dies:
//     ErrGreenletExit (Throw(nil)) comes back to the parent as a value; other errors propagate to
//     the parent as panics. Throw on a greenlet that never started kills it without running it.
//   - SetParent refuses cycles and parents of another goroutine; Switch and Throw from a
//     goroutine that does not own the target panic with ErrWrongGoroutine.
//
// Differences from Python: a greenlet that calls runtime.Goexit (t.FailNow in a test) ends, and
// its parent's paused Switch calls runtime.Goexit too, so the Goexit reaches the goroutine like an
// uncaught exception reaches the thread. A greenlet that is started and never finished keeps its
// coroutine (a goroutine and its stack) until the program exits; Python would collect it and
// throw GreenletExit into it.
//
// Greenlets are iter.Pull coroutines. A switch between the main greenlet and another costs one
// coroutine switch; a switch between two non-main greenlets costs two, through the main
// greenlet's trampoline. Finished coroutines are reused by the next greenlet started in the tree.
package greenlet
