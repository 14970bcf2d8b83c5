package netfd

import (
	"sync"
	"sync/atomic"

	"github.com/eventlet-go/eventlet/hub"
)

// fdMutex is the lifetime lock of an FD: a reference count that keeps the descriptor open while
// operations use it, a closing flag, and two exclusive locks (reading, writing) whose waiters
// park through the hub. A lock is handed straight to the next waiter on unlock.
//
// The count and flags share one atomic word, so an uncontended lock or unlock is one
// compare-and-swap, as in internal/poll. Everything else (a lock that is held or has waiters,
// closing) takes mu, which guards the queues; once the closing flag is set, every change to the
// word is made with mu held.
type fdMutex struct {
	state   atomic.Uint64 // refs<<mutexRefShift | closing, locked and waiting bits
	mu      sync.Mutex
	owner   [2]*hub.Waiter // the waiter a lock was handed to, until it takes it
	waiters [2]hub.WaitQueue
	closer  hub.WaitQueue // Close waits here for the other references to go
}

const (
	readLock  = 0
	writeLock = 1
)

// The bits of fdMutex.state below the reference count.
const (
	mutexClosing = 1 << 0
	mutexLocked  = 1 << 1 // the read lock is held; << writeLock: the write lock is
	mutexWaiting = 1 << 3 // waiters are queued for the read lock; << writeLock: for the write lock

	mutexRefShift = 8
	mutexRef      = 1 << mutexRefShift
)

func lockedBit(which int) uint64  { return mutexLocked << which }
func waitingBit(which int) uint64 { return mutexWaiting << which }

// closed reports whether the FD is closing; it takes no lock.
func (m *fdMutex) closed() bool { return m.state.Load()&mutexClosing != 0 }

// refs returns the reference count. With mu held and the FD closing it cannot change under the
// caller.
func (m *fdMutex) refs() uint64 { return m.state.Load() >> mutexRefShift }

// incref adds a reference; false once the FD is closing.
func (m *fdMutex) incref() bool {
	for {
		s := m.state.Load()
		if s&mutexClosing != 0 {
			return false
		}
		if m.state.CompareAndSwap(s, s+mutexRef) {
			return true
		}
	}
}

// increfAndClose marks the FD closing, wakes the waiters for the locks and adds a reference (the
// closer's); false if it was already closing.
func (m *fdMutex) increfAndClose() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	for {
		s := m.state.Load()
		if s&mutexClosing != 0 {
			return false
		}
		if m.state.CompareAndSwap(s, (s+mutexRef)|mutexClosing) {
			break
		}
	}
	m.waiters[readLock].WakeAll()
	m.waiters[writeLock].WakeAll()
	return true
}

// decref drops a reference and reports whether it was the last one of a closing FD.
func (m *fdMutex) decref() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.dropRef(0)
}

// dropRef drops a reference and clears the bits in clear, waking Close when only its own reference
// is left; it reports whether that was the last reference of a closing FD. m.mu is held.
func (m *fdMutex) dropRef(clear uint64) bool {
	for {
		s := m.state.Load()
		n := (s - mutexRef) &^ clear
		if !m.state.CompareAndSwap(s, n) {
			continue
		}
		closing, refs := n&mutexClosing != 0, n>>mutexRefShift
		if closing && refs == 1 {
			m.closer.WakeAll()
		}
		return closing && refs == 0
	}
}

// waitOthers parks Close until its reference is the only one left. An interruption meanwhile is
// deferred to the greenlet's next park: Close must not return before the descriptor is gone.
func (m *fdMutex) waitOthers() {
	for {
		m.mu.Lock()
		if m.refs() == 1 {
			m.mu.Unlock()
			return
		}
		if err := m.closer.Wait(&m.mu, 0); err != nil {
			if t := hub.Current(); t != nil {
				t.Defer(err)
			}
		}
	}
}

// rwlock takes a reference and the read or write lock, parking while another holds it. It
// returns errClosing (with no reference taken) if the FD is or becomes closing, or the
// interruption of a parked greenlet.
func (m *fdMutex) rwlock(which int) error {
	for {
		s := m.state.Load()
		if s&mutexClosing != 0 {
			return errClosing
		}
		if s&(lockedBit(which)|waitingBit(which)) != 0 {
			break
		}
		if m.state.CompareAndSwap(s, (s+mutexRef)|lockedBit(which)) {
			return nil
		}
	}
	return m.rwlockSlow(which)
}

// rwlockSlow is rwlock when the lock is held or has waiters: it queues behind them and parks.
func (m *fdMutex) rwlockSlow(which int) error {
	m.mu.Lock()
	for {
		s := m.state.Load()
		if s&mutexClosing != 0 {
			m.mu.Unlock()
			return errClosing
		}
		if s&lockedBit(which) == 0 && m.waiters[which].Len() == 0 {
			// Released meanwhile, and nobody queued first.
			if m.state.CompareAndSwap(s, (s+mutexRef)|lockedBit(which)) {
				m.mu.Unlock()
				return nil
			}
			continue
		}
		// The waiting bit sends the holder's unlock here, to hand the lock over.
		if m.state.CompareAndSwap(s, (s+mutexRef)|waitingBit(which)) {
			break
		}
	}
	w := hub.Prepare()
	m.waiters[which].PushBack(w)
	m.mu.Unlock()
	err := w.Park(0)
	m.mu.Lock()
	if err == nil && m.owner[which] == w {
		m.owner[which] = nil
		m.mu.Unlock()
		w.Release()
		return nil
	}
	// Woken by Close, or interrupted: no lock, no reference.
	m.waiters[which].Remove(w)
	var clear uint64
	if m.waiters[which].Len() == 0 {
		clear = waitingBit(which)
	}
	m.dropRef(clear)
	m.mu.Unlock()
	w.Release()
	if err == nil {
		err = errClosing
	}
	return err
}

// rwunlock releases the lock (handing it to the next waiter) and the reference, and reports
// whether that was the last reference of a closing FD.
func (m *fdMutex) rwunlock(which int) bool {
	for {
		s := m.state.Load()
		if s&(mutexClosing|waitingBit(which)) != 0 {
			break
		}
		if m.state.CompareAndSwap(s, (s-mutexRef)&^lockedBit(which)) {
			return false
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	// Closing empties both queues in the critical section that sets the flag, so once it is set
	// there is nobody left here to hand the lock to.
	handed := false
	for w := m.waiters[which].PopFront(); w != nil && !m.closed(); w = m.waiters[which].PopFront() {
		m.owner[which] = w
		if w.Wake() {
			handed = true
			break
		}
		m.owner[which] = nil
	}
	var clear uint64
	if !handed {
		clear |= lockedBit(which)
	}
	if m.waiters[which].Len() == 0 {
		clear |= waitingBit(which)
	}
	return m.dropRef(clear)
}
