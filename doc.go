// Package eventlet is Python's eventlet for Go: cooperative greenthreads on an epoll hub, and the
// toolkit to coordinate them.
//
// A greenthread is a function running as a greenlet of a hub (package hub). It runs until it
// blocks in a green call — Sleep, GreenThread.Wait, Queue.Get, a read from a green/net
// connection — which parks it and switches to the hub; the hub resumes it when what it waits for
// is ready. Only one greenthread of a hub runs at a time, so state they share needs no locks, and
// the order of switches is the program's to decide.
//
//	gt := eventlet.Spawn(func() int {
//		eventlet.Sleep(10 * time.Millisecond)
//		return 42
//	})
//	v, err := gt.Wait() // 42, nil
//
// Any goroutine may call any of it. Inside a greenthread a blocking call parks the greenthread;
// from a plain goroutine (main, a test, a `go` statement) it blocks just that goroutine, with the
// same results. Spawn from a plain goroutine starts the greenthread on the default hub.
//
// What is here, with eventlet's names: Spawn, SpawnN, SpawnAfter, Sleep, Kill, GreenThread
// (Wait, Kill, Cancel, Link, Unlink, Dead); GreenPool and GreenPile; Timeout and WithTimeout;
// Event; Semaphore and BoundedSemaphore; Queue, LifoQueue and PriorityQueue; Recv, Send, Select
// and Range, which work on ordinary Go channels without stalling the hub; Offload (eventlet's
// tpool); Listen, Connect, Serve and StopServe.
//
// Interruptions are panics, as they are exceptions in eventlet: a greenthread that is killed has
// ErrGreenletExit raised at its blocking call; an expiring Timeout raises itself. They unwind
// the greenthread's stack (running its defers); Wait reports them as the greenthread's error.
package eventlet
