package sync_test

import (
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/eventlet-go/eventlet"
	"github.com/eventlet-go/eventlet/green/sync"
	"github.com/eventlet-go/eventlet/internal/modes"
)

func TestParallelReaders(t *testing.T) {
	modes.Run(t, func(t *testing.T, md modes.Mode) {
		for _, n := range []int{1, 3, 4} {
			var m sync.RWMutex
			locked, unlock, done := make(chan bool), make(chan bool), make(chan bool)
			for i := range n {
				md.Start(i+1, func() {
					m.RLock()
					eventlet.Send(locked, true)
					eventlet.Recv(unlock)
					m.RUnlock()
					eventlet.Send(done, true)
				})
			}
			for range n { // every reader holds the lock at once
				eventlet.Recv(locked)
			}
			for range n {
				eventlet.Send(unlock, true)
			}
			for range n {
				eventlet.Recv(done)
			}
		}
	})
}

func reader(rwm *sync.RWMutex, iterations int, activity *int32, done chan<- bool) {
	for range iterations {
		rwm.RLock()
		n := atomic.AddInt32(activity, 1)
		if n < 1 || n >= 10000 {
			rwm.RUnlock()
			panic(fmt.Sprintf("rlock(%d)", n))
		}
		yield()
		atomic.AddInt32(activity, -1)
		rwm.RUnlock()
	}
	eventlet.Send(done, true)
}

func writer(rwm *sync.RWMutex, iterations int, activity *int32, done chan<- bool) {
	for range iterations {
		rwm.Lock()
		n := atomic.AddInt32(activity, 10000)
		if n != 10000 {
			rwm.Unlock()
			panic(fmt.Sprintf("wlock(%d)", n))
		}
		yield()
		atomic.AddInt32(activity, -10000)
		rwm.Unlock()
	}
	eventlet.Send(done, true)
}

func hammerRWMutex(md modes.Mode, readers, iterations int) {
	var activity int32 // active readers + 10000 × active writers
	var rwm sync.RWMutex
	done := make(chan bool)
	party := 1
	start := func(f func()) { md.Start(party, f); party++ }
	start(func() { writer(&rwm, iterations, &activity, done) })
	for range readers / 2 {
		start(func() { reader(&rwm, iterations, &activity, done) })
	}
	start(func() { writer(&rwm, iterations, &activity, done) })
	for range readers - readers/2 {
		start(func() { reader(&rwm, iterations, &activity, done) })
	}
	for range 2 + readers {
		eventlet.Recv(done)
	}
}

func TestRWMutex(t *testing.T) {
	modes.Run(t, func(t *testing.T, md modes.Mode) {
		var m sync.RWMutex
		m.Lock()
		if m.TryLock() {
			t.Fatal("TryLock succeeded with mutex locked")
		}
		if m.TryRLock() {
			t.Fatal("TryRLock succeeded with mutex locked")
		}
		m.Unlock()
		if !m.TryLock() {
			t.Fatal("TryLock failed with mutex unlocked")
		}
		m.Unlock()
		if !m.TryRLock() {
			t.Fatal("TryRLock failed with mutex unlocked")
		}
		if !m.TryRLock() {
			t.Fatal("TryRLock failed with mutex rlocked")
		}
		if m.TryLock() {
			t.Fatal("TryLock succeeded with mutex rlocked")
		}
		m.RUnlock()
		m.RUnlock()

		n := 300
		if testing.Short() {
			n = 5
		}
		for _, readers := range []int{1, 3, 10} {
			hammerRWMutex(md, readers, n)
		}
	})
}

func TestRLocker(t *testing.T) {
	modes.Run(t, func(t *testing.T, md modes.Mode) {
		var wl sync.RWMutex
		rl := wl.RLocker()
		wlocked, rlocked := make(chan bool, 1), make(chan bool, 1)
		const n = 10
		md.Start(1, func() {
			for range n {
				rl.Lock()
				rl.Lock()
				eventlet.Send(rlocked, true)
				wl.Lock()
				eventlet.Send(wlocked, true)
			}
		})
		for range n {
			eventlet.Recv(rlocked)
			rl.Unlock()
			if _, ok := recvOrDefault(wlocked); ok {
				t.Fatal("RLocker() didn't read-lock it")
			}
			rl.Unlock()
			eventlet.Recv(wlocked)
			if _, ok := recvOrDefault(rlocked); ok {
				t.Fatal("RLocker() didn't respect the write lock")
			}
			wl.Unlock()
		}
	})
}

func TestRWMutexWaitingWriterKeepsNewReadersOut(t *testing.T) {
	var m sync.RWMutex
	m.RLock()
	var order []string
	w := eventlet.Spawn(func() struct{} {
		m.Lock()
		order = append(order, "writer")
		m.Unlock()
		return struct{}{}
	})
	allParked()
	if m.TryRLock() {
		t.Fatal("TryRLock got in ahead of a waiting writer")
	}
	r := eventlet.Spawn(func() struct{} {
		m.RLock()
		order = append(order, "reader")
		m.RUnlock()
		return struct{}{}
	})
	allParked()
	if len(order) != 0 {
		t.Fatalf("%v got the lock while the first reader holds it", order)
	}
	m.RUnlock() // the last reader out hands over to the writer, then the reader follows
	w.Wait()
	r.Wait()
	if len(order) != 2 || order[0] != "writer" || order[1] != "reader" {
		t.Fatalf("order %v, want [writer reader]", order)
	}
}

func TestRWMutexReadersWaitingForAWriterGoFirst(t *testing.T) {
	var m sync.RWMutex
	m.Lock()
	var order []string
	spawn := func(name string, lock, unlock func()) *eventlet.GreenThread[struct{}] {
		return eventlet.Spawn(func() struct{} {
			lock()
			order = append(order, name)
			eventlet.Sleep(0)
			unlock()
			return struct{}{}
		})
	}
	gts := []*eventlet.GreenThread[struct{}]{
		spawn("reader1", m.RLock, m.RUnlock),
		spawn("writer", m.Lock, m.Unlock),
		spawn("reader2", m.RLock, m.RUnlock),
	}
	allParked()
	m.Unlock()
	for _, gt := range gts {
		gt.Wait()
	}
	want := []string{"reader1", "reader2", "writer"}
	if fmt.Sprint(order) != fmt.Sprint(want) {
		t.Fatalf("order %v, want %v: a writer's Unlock lets the waiting readers in first", order, want)
	}
}
