package netfd

import (
	"sync"
	"sync/atomic"

	"github.com/eventlet-go/eventlet/hub"
)

// fdMutex is the lifetime lock of an FD: a reference count that keeps the descriptor open while
// operations use it, a closing flag, and two exclusive locks (reading, writing) whose waiters
// park through the hub. A lock is handed straight to the next waiter on unlock.
type fdMutex struct {
	mu      sync.Mutex
	refs    int
	closing bool
	// closed mirrors closing for readers that take no lock.
	closed  atomic.Bool
	locked  [2]bool
	owner   [2]*hub.Waiter // the waiter a lock was handed to, until it takes it
	waiters [2]hub.WaitQueue
	closer  hub.WaitQueue // Close waits here for the other references to go
}

const (
	readLock  = 0
	writeLock = 1
)

// incref adds a reference; false once the FD is closing.
func (m *fdMutex) incref() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closing {
		return false
	}
	m.refs++
	return true
}

// increfAndClose marks the FD closing, wakes the waiters for the locks and adds a reference (the
// closer's); false if it was already closing.
func (m *fdMutex) increfAndClose() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closing {
		return false
	}
	m.closing = true
	m.closed.Store(true)
	m.refs++
	m.waiters[readLock].WakeAll()
	m.waiters[writeLock].WakeAll()
	return true
}

// decref drops a reference and reports whether it was the last one of a closing FD.
func (m *fdMutex) decref() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.dropRef()
}

// dropRef drops a reference, waking Close when only its own is left. m.mu is held.
func (m *fdMutex) dropRef() bool {
	m.refs--
	if m.closing && m.refs == 1 {
		m.closer.WakeAll()
	}
	return m.closing && m.refs == 0
}

// waitOthers parks Close until its reference is the only one left. An interruption meanwhile is
// deferred to the greenlet's next park: Close must not return before the descriptor is gone.
func (m *fdMutex) waitOthers() {
	for {
		m.mu.Lock()
		if m.refs == 1 {
			m.mu.Unlock()
			return
		}
		w := hub.Prepare()
		m.closer.PushBack(w)
		m.mu.Unlock()
		if err := w.Park(0); err != nil {
			m.mu.Lock()
			m.closer.Remove(w)
			m.mu.Unlock()
			if t := hub.Current(); t != nil {
				t.Defer(err)
			}
		}
		w.Release()
	}
}

// rwlock takes a reference and the read or write lock, parking while another holds it. It
// returns errClosing (with no reference taken) if the FD is or becomes closing, or the
// interruption of a parked greenlet.
func (m *fdMutex) rwlock(which int) error {
	m.mu.Lock()
	if m.closing {
		m.mu.Unlock()
		return errClosing
	}
	m.refs++
	if !m.locked[which] {
		m.locked[which] = true
		m.mu.Unlock()
		return nil
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
	m.dropRef()
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
	m.mu.Lock()
	defer m.mu.Unlock()
	m.locked[which] = false
	for w := m.waiters[which].PopFront(); w != nil && !m.closing; w = m.waiters[which].PopFront() {
		m.owner[which] = w
		if w.Wake() {
			m.locked[which] = true
			break
		}
		m.owner[which] = nil
	}
	return m.dropRef()
}
