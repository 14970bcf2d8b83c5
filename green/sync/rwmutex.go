package sync

// This file mirrors sync.RWMutex.

import (
	stdsync "sync"
	"sync/atomic"

	"github.com/eventlet-go/eventlet/hub"
)

// RWMutex state: the number of readers holding the lock in the low 30 bits, then two flags.
// While rwQueued is set every change of state goes through mu; under mu, rwQueued is set exactly
// when a waiter is queued.
const (
	rwReaders uint32 = 1<<30 - 1 // mask of the reader count
	rwWriter  uint32 = 1 << 30   // a writer holds the lock
	rwQueued  uint32 = 1 << 31   // readers or writers are queued
)

// RWMutex is sync.RWMutex for greenlets and goroutines alike: a reader/writer mutual exclusion
// lock held by any number of readers or by one writer, whose zero value is unlocked. Waiters park
// (greenlets) or block (plain goroutines). As in sync, a writer waiting for the lock keeps new
// readers out, so readers cannot starve it; when a writer unlocks, the readers that waited for
// it go first, then the next writer. The lock belongs to no goroutine or greenlet: a holder may
// park while holding it, and another may unlock it.
//
// An RWMutex must not be copied after first use.
type RWMutex struct {
	state   atomic.Uint32
	mu      stdsync.Mutex // guards the queues; held briefly, never across a park
	writers hub.WaitQueue
	readers hub.WaitQueue
}

// RLock locks rw for reading, waiting while a writer holds it or waits for it. It must not be
// used for recursive read locking: a writer waiting between the two calls blocks the second. If
// a waiting greenlet is interrupted, it leaves the line without the lock and RLock raises the
// interruption.
func (rw *RWMutex) RLock() {
	if !rw.TryRLock() {
		rw.rlockSlow()
	}
}

func (rw *RWMutex) rlockSlow() {
	rw.mu.Lock()
	for {
		s := rw.state.Load()
		if s&(rwWriter|rwQueued) == 0 {
			if rw.state.CompareAndSwap(s, s+1) {
				rw.mu.Unlock()
				return
			}
			continue
		}
		if s&rwQueued != 0 || rw.state.CompareAndSwap(s, s|rwQueued) {
			break
		}
	}
	rw.wait(&rw.readers)
}

// TryRLock read-locks rw if no writer holds it or waits for it, and reports whether it did.
func (rw *RWMutex) TryRLock() bool {
	for {
		s := rw.state.Load()
		if s&(rwWriter|rwQueued) != 0 {
			return false
		}
		if rw.state.CompareAndSwap(s, s+1) {
			return true
		}
	}
}

// RUnlock undoes one RLock; the last reader out hands the lock to the first waiting writer. It
// panics with "sync: RUnlock of unlocked RWMutex" if rw is not read-locked.
func (rw *RWMutex) RUnlock() {
	for {
		s := rw.state.Load()
		if s&rwQueued != 0 || s&rwReaders == 0 {
			rw.runlockSlow()
			return
		}
		if rw.state.CompareAndSwap(s, s-1) {
			return
		}
	}
}

func (rw *RWMutex) runlockSlow() {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	for {
		s := rw.state.Load()
		switch {
		case s&rwReaders == 0:
			panic("sync: RUnlock of unlocked RWMutex")
		case s&rwQueued != 0:
			rw.settle(s&^rwQueued-1, false)
			return
		case rw.state.CompareAndSwap(s, s-1):
			return
		}
	}
}

// Lock locks rw for writing, waiting until no reader or writer holds it. If a waiting greenlet is
// interrupted, it leaves the line without the lock (letting in the readers it held back) and
// Lock raises the interruption.
func (rw *RWMutex) Lock() {
	if rw.state.CompareAndSwap(0, rwWriter) {
		return
	}
	rw.lockSlow()
}

func (rw *RWMutex) lockSlow() {
	rw.mu.Lock()
	for {
		s := rw.state.Load()
		if s == 0 {
			if rw.state.CompareAndSwap(0, rwWriter) {
				rw.mu.Unlock()
				return
			}
			continue
		}
		if s&rwQueued != 0 || rw.state.CompareAndSwap(s, s|rwQueued) {
			break
		}
	}
	rw.wait(&rw.writers)
}

// TryLock write-locks rw if nobody holds it or waits for it, and reports whether it did.
func (rw *RWMutex) TryLock() bool {
	return rw.state.CompareAndSwap(0, rwWriter)
}

// Unlock unlocks rw for writing: the readers that waited go in, or else the next writer. It
// panics with "sync: Unlock of unlocked RWMutex" if rw is not write-locked.
func (rw *RWMutex) Unlock() {
	if rw.state.CompareAndSwap(rwWriter, 0) {
		return
	}
	rw.unlockSlow()
}

func (rw *RWMutex) unlockSlow() {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	for {
		s := rw.state.Load()
		switch {
		case s&rwWriter == 0:
			panic("sync: Unlock of unlocked RWMutex")
		case s&rwQueued != 0:
			rw.settle(s&^(rwQueued|rwWriter), true)
			return
		case rw.state.CompareAndSwap(s, s&^rwWriter):
			return
		}
	}
}

// wait queues the caller in q (mu held, rwQueued set), releases mu and parks until a release
// hands it the lock. An interrupted waiter leaves the queue and raises.
func (rw *RWMutex) wait(q *hub.WaitQueue) {
	w := hub.Prepare()
	q.PushBack(w)
	rw.mu.Unlock()
	err := w.Park(0) // nil: a release counted us in
	if err != nil {
		rw.mu.Lock()
		q.Remove(w)
		if s := rw.state.Load(); s&rwQueued != 0 {
			rw.settle(s&^rwQueued, false)
		}
		rw.mu.Unlock()
	}
	w.Release()
	if err != nil {
		hub.Raise(err)
	}
}

// settle lets waiters in after a change that left state s (without rwQueued), then stores the
// new state, with rwQueued while anyone still waits. When no writer holds the lock: after a
// writer's release (readersFirst) the waiting readers all go in; a writer goes in once no reader
// holds the lock; and the readers go in when no writer waits any more. mu is held and rwQueued
// was set, so nobody else changes the state meanwhile.
func (rw *RWMutex) settle(s uint32, readersFirst bool) {
	if s&rwWriter == 0 {
		if readersFirst {
			s += uint32(rw.readers.WakeAll())
		}
		switch {
		case s&rwReaders == 0 && rw.writers.WakeOne():
			s |= rwWriter
		case rw.writers.Len() == 0:
			s += uint32(rw.readers.WakeAll())
		}
	}
	if rw.readers.Len()+rw.writers.Len() > 0 {
		s |= rwQueued
	}
	rw.state.Store(s)
}

// RLocker returns a Locker whose Lock and Unlock call rw.RLock and rw.RUnlock.
func (rw *RWMutex) RLocker() Locker {
	return (*rlocker)(rw)
}

// rlocker is an RWMutex seen through its read lock.
type rlocker RWMutex

func (r *rlocker) Lock()   { (*RWMutex)(r).RLock() }
func (r *rlocker) Unlock() { (*RWMutex)(r).RUnlock() }
