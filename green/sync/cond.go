package sync

// This file mirrors sync.Cond.

import (
	stdsync "sync"
	"sync/atomic"
	"unsafe"

	"github.com/eventlet-go/eventlet/hub"
)

// Cond is sync.Cond for greenlets and goroutines alike: a rendezvous point for callers waiting
// for, or announcing, an event. L (any Locker: a green Mutex, an RWMutex's RLocker, or a stdlib
// lock used only by plain goroutines) is held while the condition is observed or changed.
// Waiters are woken in the order they started waiting; a waiting greenlet parks.
//
// A Cond must not be copied after first use.
type Cond struct {
	// L is held while observing or changing the condition.
	L Locker

	mu      stdsync.Mutex // guards waiters
	waiters hub.WaitQueue
	self    atomic.Uintptr // the Cond's address at first use, to detect copies
}

// NewCond returns a new Cond with Locker l.
func NewCond(l Locker) *Cond {
	return &Cond{L: l}
}

// Wait atomically unlocks c.L and suspends the caller until Signal or Broadcast wakes it, then
// locks c.L again before returning. A wake-up does not mean the condition holds, so Wait is
// called in a loop. If the waiting greenlet is interrupted (Kill, an expired eventlet.Timeout),
// Wait locks c.L again and then raises the interruption, so deferred unlocks stay correct.
// c.L.Unlock must not park.
func (c *Cond) Wait() {
	c.checkCopy()
	w := hub.Prepare()
	c.mu.Lock()
	c.waiters.PushBack(w)
	c.mu.Unlock()
	c.unlockL(w)
	err := w.Park(0)
	if err != nil {
		c.mu.Lock()
		c.waiters.Remove(w)
		c.mu.Unlock()
	}
	w.Release()
	c.L.Lock()
	if err != nil {
		hub.Raise(err)
	}
}

// unlockL unlocks c.L for Wait; if that panics (c.L was not locked), w leaves the queue first.
func (c *Cond) unlockL(w *hub.Waiter) {
	unlocked := false
	defer func() {
		if !unlocked {
			c.mu.Lock()
			c.waiters.Remove(w)
			c.mu.Unlock()
			w.Release()
		}
	}()
	c.L.Unlock()
	unlocked = true
}

// Signal wakes the longest waiting caller, if there is one. Holding c.L is allowed, not
// required.
func (c *Cond) Signal() {
	c.checkCopy()
	c.mu.Lock()
	c.waiters.WakeOne()
	c.mu.Unlock()
}

// Broadcast wakes every waiting caller. Holding c.L is allowed, not required.
func (c *Cond) Broadcast() {
	c.checkCopy()
	c.mu.Lock()
	c.waiters.WakeAll()
	c.mu.Unlock()
}

// checkCopy panics with "sync.Cond is copied" if c is not where it was first used.
func (c *Cond) checkCopy() {
	here := uintptr(unsafe.Pointer(c))
	if c.self.Load() == here || c.self.CompareAndSwap(0, here) || c.self.Load() == here {
		return // the last check: another first use raced this one and recorded the same address
	}
	panic("sync.Cond is copied")
}
