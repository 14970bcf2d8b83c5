package sync

// This file mirrors sync.WaitGroup.

import (
	stdsync "sync"

	"github.com/eventlet-go/eventlet/hub"
)

// WaitGroup is sync.WaitGroup for greenlets and goroutines alike: a counter of tasks that Wait
// waits to see reach zero. Its zero value is empty. A greenlet in Wait parks, so the tasks it
// waits for can run on the same hub; a plain goroutine blocks.
//
// A WaitGroup must not be copied after first use.
type WaitGroup struct {
	mu      stdsync.Mutex
	n       int
	waiters hub.WaitQueue
}

// Add adds delta, which may be negative, to the counter; when it reaches zero every Wait
// returns. It panics with "sync: negative WaitGroup counter", leaving the counter as it was, if
// the counter would go negative. As in sync, an Add with a positive delta that starts from zero
// must happen before the Wait it is meant for.
func (wg *WaitGroup) Add(delta int) {
	wg.mu.Lock()
	defer wg.mu.Unlock()
	n := wg.n + delta
	if n < 0 {
		panic("sync: negative WaitGroup counter")
	}
	wg.n = n
	if n == 0 {
		wg.waiters.WakeAll()
	}
}

// Done decrements the counter by one: Add(-1).
func (wg *WaitGroup) Done() {
	wg.Add(-1)
}

// Wait waits until the counter is zero. If the waiting greenlet is interrupted (Kill, an expired
// eventlet.Timeout), Wait raises the interruption and the counter is untouched.
func (wg *WaitGroup) Wait() {
	wg.mu.Lock()
	if wg.n == 0 {
		wg.mu.Unlock()
		return
	}
	if err := wg.waiters.Wait(&wg.mu, 0); err != nil {
		hub.Raise(err)
	}
}

// Go adds a task to the group and runs f in a new greenthread — on the caller's hub, or on the
// default hub from a plain goroutine — removing the task when f returns. A panic in f ends its
// greenthread only: it is logged with its stack, the hub carries on, and the task counts as
// done (sync's Go would crash the program instead, so a Wait there never returns).
func (wg *WaitGroup) Go(f func()) {
	wg.Add(1)
	hub.Go(func() {
		defer wg.Done()
		f()
	})
}
