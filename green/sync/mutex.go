package sync

// This file mirrors sync.Mutex.

import (
	stdsync "sync"
	"sync/atomic"

	"github.com/eventlet-go/eventlet/hub"
)

// Mutex state bits. While mutexQueued is set every change of state goes through mu, and Unlock
// hands the lock straight to the first waiter, so mutexQueued implies mutexLocked.
const (
	mutexLocked = 1 << iota // held
	mutexQueued             // waiters are queued
)

// Mutex is sync.Mutex for greenlets and goroutines alike: a mutual exclusion lock whose zero
// value is unlocked. A greenlet waiting for it parks, so the other greenlets of its hub keep
// running; a plain goroutine blocks. Waiters are served first come, first served: Unlock hands
// the lock to the longest waiter, so no newcomer overtakes it. The lock belongs to no goroutine
// or greenlet: its holder may park while holding it, and another may unlock it.
//
// A Mutex must not be copied after first use.
type Mutex struct {
	state   atomic.Int32
	mu      stdsync.Mutex // guards waiters; held briefly, never across a park
	waiters hub.WaitQueue
}

// Lock locks m, waiting in line while it is locked. If a waiting greenlet is interrupted (Kill,
// an expired eventlet.Timeout), it leaves the line without the lock and Lock raises the
// interruption (panics with it).
func (m *Mutex) Lock() {
	if m.state.CompareAndSwap(0, mutexLocked) {
		return
	}
	m.lockSlow()
}

func (m *Mutex) lockSlow() {
	m.mu.Lock()
	for {
		s := m.state.Load()
		if s == 0 {
			if m.state.CompareAndSwap(0, mutexLocked) {
				m.mu.Unlock()
				return
			}
			continue
		}
		if s&mutexQueued != 0 || m.state.CompareAndSwap(mutexLocked, mutexLocked|mutexQueued) {
			break
		}
	}
	w := hub.Prepare()
	m.waiters.PushBack(w)
	m.mu.Unlock()
	err := w.Park(0) // nil: Unlock handed us the lock
	if err != nil {
		m.mu.Lock()
		m.waiters.Remove(w)
		if m.waiters.Len() == 0 {
			m.state.And(^int32(mutexQueued))
		}
		m.mu.Unlock()
	}
	w.Release()
	if err != nil {
		hub.Raise(err)
	}
}

// TryLock locks m if it is free and nobody waits for it, and reports whether it did.
func (m *Mutex) TryLock() bool {
	return m.state.CompareAndSwap(0, mutexLocked)
}

// Unlock unlocks m, handing it to the longest waiter if there is one. It panics with "sync:
// unlock of unlocked mutex" if m is not locked, where sync.Mutex throws an unrecoverable fatal
// error with that message.
func (m *Mutex) Unlock() {
	if m.state.CompareAndSwap(mutexLocked, 0) {
		return
	}
	m.unlockSlow()
}

func (m *Mutex) unlockSlow() {
	m.mu.Lock()
	if m.state.Load()&mutexLocked == 0 {
		m.mu.Unlock()
		panic("sync: unlock of unlocked mutex")
	}
	switch {
	case !m.waiters.WakeOne():
		m.state.Store(0)
	case m.waiters.Len() == 0:
		m.state.Store(mutexLocked) // handed over to the last waiter
	}
	m.mu.Unlock()
}
