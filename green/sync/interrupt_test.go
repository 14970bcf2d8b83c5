package sync_test

// Greenthreads parked in a green primitive can be killed or timed out; the primitive must stay
// consistent, as if the interrupted waiter had never come.

import (
	"errors"
	"testing"
	"time"

	"github.com/eventlet-go/eventlet"
	"github.com/eventlet-go/eventlet/green/sync"
)

// parked spawns f and returns once it has parked.
func parked(f func()) *eventlet.GreenThread[struct{}] {
	gt := eventlet.Spawn(func() struct{} { f(); return struct{}{} })
	allParked()
	return gt
}

func wantKilled(t *testing.T, gt *eventlet.GreenThread[struct{}]) {
	t.Helper()
	gt.Kill()
	if _, err := gt.Wait(); !errors.Is(err, eventlet.ErrGreenletExit) {
		t.Fatalf("killed greenthread ended with %v, want ErrGreenletExit", err)
	}
}

func wantTimedOut(t *testing.T, f func()) {
	t.Helper()
	err, _ := eventlet.Spawn(func() error { return eventlet.WithTimeout(10*time.Millisecond, f) }).Wait()
	if !errors.Is(err, eventlet.ErrTimeout) {
		t.Fatalf("WithTimeout = %v, want a Timeout", err)
	}
}

func TestMutexLockInterrupted(t *testing.T) {
	var m sync.Mutex
	m.Lock()
	got := false
	victim := parked(func() { m.Lock(); got = true })
	next := parked(func() { m.Lock() }) // queued behind the victim
	wantKilled(t, victim)
	wantTimedOut(t, m.Lock)
	m.Unlock() // passes over the dead waiter to the next one
	next.Wait()
	if got {
		t.Fatal("the killed waiter got the lock")
	}
	if m.TryLock() {
		t.Fatal("the lock was not handed to the waiter behind the killed one")
	}
	m.Unlock()
	if !m.TryLock() {
		t.Fatal("the mutex is not free after its last holder unlocked it")
	}
	m.Unlock()
}

func TestRWMutexInterrupted(t *testing.T) {
	var m sync.RWMutex
	m.RLock()
	writer := parked(func() { m.Lock() })
	readerIn := false
	reader := parked(func() { m.RLock(); readerIn = true; m.RUnlock() }) // held back by the writer
	if readerIn {
		t.Fatal("a reader got in ahead of a waiting writer")
	}
	wantKilled(t, writer)
	reader.Wait() // the writer gone, the reader it held back goes in
	if !readerIn {
		t.Fatal("the reader never got in")
	}
	wantTimedOut(t, m.Lock)
	m.RUnlock()
	if !m.TryLock() {
		t.Fatal("the RWMutex is not free after the last reader left")
	}
	wantTimedOut(t, m.RLock)
	m.Unlock()
	if !m.TryRLock() {
		t.Fatal("the RWMutex is not free after the writer left")
	}
	m.RUnlock()
}

func TestWaitGroupWaitInterrupted(t *testing.T) {
	var wg sync.WaitGroup
	wg.Add(1)
	wantKilled(t, parked(wg.Wait))
	wantTimedOut(t, wg.Wait)
	other := parked(wg.Wait)
	wg.Done()
	other.Wait()
	wg.Wait()
}

func TestCondWaitInterruptedRelocks(t *testing.T) {
	var m sync.Mutex
	c := sync.NewCond(&m)
	victim := parked(func() {
		m.Lock()
		defer m.Unlock() // must find m locked again
		c.Wait()
	})
	woken := false
	other := parked(func() {
		m.Lock()
		c.Wait()
		woken = true
		m.Unlock()
	})
	wantKilled(t, victim)
	c.Signal() // goes to the live waiter, not the killed one
	other.Wait()
	if !woken {
		t.Fatal("Signal was lost on the killed waiter")
	}
	if !m.TryLock() {
		t.Fatal("the mutex was left locked")
	}
	m.Unlock()
}

func TestCondWaitInterruptedByTimeout(t *testing.T) {
	var m sync.Mutex
	c := sync.NewCond(&m)
	wantTimedOut(t, func() {
		m.Lock()
		defer m.Unlock()
		c.Wait()
	})
	if !m.TryLock() {
		t.Fatal("the mutex was left locked")
	}
	m.Unlock()
}

func TestOnceWaiterInterrupted(t *testing.T) {
	var once sync.Once
	release := make(chan struct{})
	calls := 0
	runner := parked(func() { once.Do(func() { calls++; eventlet.Recv(release) }) })
	wantKilled(t, parked(func() { once.Do(func() { calls++ }) }))
	close(release)
	runner.Wait()
	once.Do(func() { calls++ })
	if calls != 1 {
		t.Fatalf("f ran %d times", calls)
	}
}

func TestCondWaitWithUnlockedLPanicsAndLeavesNoWaiter(t *testing.T) {
	var m sync.Mutex
	c := sync.NewCond(&m)
	if p := panicOf(c.Wait); p != "sync: unlock of unlocked mutex" {
		t.Fatalf("Wait with L unlocked panicked with %v", p)
	}
	waiter := parked(func() { m.Lock(); c.Wait(); m.Unlock() })
	c.Signal() // reaches the real waiter: the failed Wait left nothing queued
	waiter.Wait()
}

// blocker is a primitive set up so that wait parks until release is called.
type blocker struct{ wait, release func() }

var blockers = map[string]func() blocker{
	"Mutex": func() blocker {
		var m sync.Mutex
		m.Lock()
		return blocker{func() { m.Lock(); m.Unlock() }, m.Unlock}
	},
	"RWMutex.Lock": func() blocker {
		var m sync.RWMutex
		m.RLock()
		return blocker{func() { m.Lock(); m.Unlock() }, m.RUnlock}
	},
	"RWMutex.RLock": func() blocker {
		var m sync.RWMutex
		m.Lock()
		return blocker{func() { m.RLock(); m.RUnlock() }, m.Unlock}
	},
	"WaitGroup": func() blocker {
		var wg sync.WaitGroup
		wg.Add(1)
		return blocker{wg.Wait, wg.Done}
	},
	"Cond": func() blocker {
		var m sync.Mutex
		c := sync.NewCond(&m)
		return blocker{func() { m.Lock(); defer m.Unlock(); c.Wait() }, c.Signal}
	},
}

func TestInterruptedWaiterWaitsElsewhereUndisturbed(t *testing.T) {
	// A greenthread whose wait on a was interrupted waits on b next, with the same waiter: a
	// release of a must not reach it there.
	for name, newBlocker := range blockers {
		t.Run(name, func(t *testing.T) {
			a, b := newBlocker(), newBlocker()
			timedOut, done := make(chan error, 1), make(chan struct{}, 1)
			eventlet.SpawnN(func() {
				timedOut <- eventlet.WithTimeout(10*time.Millisecond, a.wait)
				b.wait()
				done <- struct{}{}
			})
			if err := eventlet.RecvValue(timedOut); !errors.Is(err, eventlet.ErrTimeout) {
				t.Fatalf("the wait on a ended with %v, want a Timeout", err)
			}
			allParked()
			a.release()
			allParked()
			if _, ok := recvOrDefault(done); ok {
				t.Fatal("releasing a woke the greenthread waiting on b")
			}
			b.release()
			eventlet.Recv(done)
		})
	}
}
