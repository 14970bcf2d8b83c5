package netfd

import (
	"slices"
	"sync"
	"testing"

	"github.com/eventlet-go/eventlet/hub"
)

// inHub runs f in a greenthread of the default hub and waits for it.
func inHub(f func()) {
	done := make(chan struct{})
	hub.Go(func() {
		defer close(done)
		f()
	})
	<-done
}

// yield lets every other ready greenlet of the caller's hub run.
func yield() { hub.Current().Yield() }

// yieldUntil yields until cond holds: greenlets of one hub share state without locks, and a
// channel receive would block the hub itself.
func yieldUntil(cond func() bool) {
	for !cond() {
		yield()
	}
}

func TestFdMutexUncontendedLeavesNoTrace(t *testing.T) {
	var m fdMutex
	for _, which := range []int{readLock, writeLock} {
		if err := m.rwlock(which); err != nil {
			t.Fatal(err)
		}
		if m.refs() != uint64(which+1) || m.state.Load()&lockedBit(which) == 0 {
			t.Fatalf("locked %d: state %#x, want a reference per lock and the lock bit", which, m.state.Load())
		}
	}
	m.rwunlock(readLock)
	m.rwunlock(writeLock)
	if s := m.state.Load(); s != 0 {
		t.Fatalf("after unlocking: state %#x, want 0", s)
	}
}

// TestFdMutexHandsOffInOrder: greenlets queued on a held lock get it one by one in the order they
// asked, each from the previous holder's unlock, and the word is clean afterwards.
func TestFdMutexHandsOffInOrder(t *testing.T) {
	var m fdMutex
	var order []string
	inHub(func() {
		if err := m.rwlock(writeLock); err != nil {
			t.Error(err)
			return
		}
		done := 0
		for _, name := range []string{"b", "c", "d"} {
			hub.Go(func() {
				defer func() { done++ }()
				if err := m.rwlock(writeLock); err != nil {
					t.Error(err)
					return
				}
				order = append(order, name)
				yield() // hold the lock across a switch: the others stay queued
				m.rwunlock(writeLock)
			})
		}
		yield() // b, c and d queue behind us
		if m.state.Load()&waitingBit(writeLock) == 0 || m.refs() != 4 {
			t.Errorf("with three queued: state %#x, want the waiting bit and 4 references", m.state.Load())
		}
		// A read lock is independent of the write lock's queue.
		if err := m.rwlock(readLock); err != nil {
			t.Error(err)
		}
		m.rwunlock(readLock)
		order = append(order, "a")
		m.rwunlock(writeLock)
		yieldUntil(func() bool { return done == 3 })
	})
	if want := []string{"a", "b", "c", "d"}; !slices.Equal(order, want) {
		t.Errorf("lock order %v, want %v", order, want)
	}
	if s := m.state.Load(); s != 0 {
		t.Errorf("afterwards: state %#x, want 0", s)
	}
}

// TestFdMutexCloseWakesWaiters: closing wakes the greenlets queued for a lock with errClosing and
// no reference, refuses new locks, and Close's wait for the others ends with the holder's unlock.
func TestFdMutexCloseWakesWaiters(t *testing.T) {
	var m fdMutex
	inHub(func() {
		if err := m.rwlock(readLock); err != nil {
			t.Error(err)
			return
		}
		var errs []error
		for range 2 {
			hub.Go(func() { errs = append(errs, m.rwlock(readLock)) })
		}
		yield()
		if !m.increfAndClose() {
			t.Error("increfAndClose: already closing")
		}
		yieldUntil(func() bool { return len(errs) == 2 })
		for _, err := range errs {
			if err != errClosing {
				t.Errorf("queued lock after close: %v, want errClosing", err)
			}
		}
		if err := m.rwlock(writeLock); err != errClosing {
			t.Errorf("lock after close: %v, want errClosing", err)
		}
		if m.incref() {
			t.Error("incref after close succeeded")
		}
		closed := false
		hub.Go(func() {
			m.waitOthers()
			closed = true
		})
		yield()
		if closed {
			t.Error("waitOthers returned while a lock holder was left")
		}
		if m.rwunlock(readLock) {
			t.Error("the holder's unlock reported the last reference; Close still holds one")
		}
		yieldUntil(func() bool { return closed })
		if !m.decref() {
			t.Error("Close's decref did not report the last reference")
		}
	})
}

// TestFdMutexExcludesAcrossGoroutines: goroutines contending for the same lock (fast path,
// queueing, hand-off) never hold it together; the race detector checks the unguarded counter.
func TestFdMutexExcludesAcrossGoroutines(t *testing.T) {
	var m fdMutex
	counter, holders := 0, 0
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 2000 {
				if err := m.rwlock(writeLock); err != nil {
					t.Error(err)
					return
				}
				holders++
				if holders != 1 {
					t.Errorf("%d holders of the write lock", holders)
				}
				counter++
				holders--
				m.rwunlock(writeLock)
			}
		})
	}
	wg.Wait()
	if counter != 8*2000 {
		t.Errorf("counter %d, want %d", counter, 8*2000)
	}
	if s := m.state.Load(); s != 0 {
		t.Errorf("afterwards: state %#x, want 0", s)
	}
}
