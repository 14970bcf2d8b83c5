package sync_test

import (
	"testing"
	"time"

	"github.com/eventlet-go/eventlet"
	"github.com/eventlet-go/eventlet/green/sync"
	"github.com/eventlet-go/eventlet/internal/modes"
)

func hammerMutex(m *sync.Mutex, loops int, done chan<- bool) {
	for i := range loops {
		if i%3 == 0 {
			if m.TryLock() {
				m.Unlock()
			}
			continue
		}
		m.Lock()
		m.Unlock()
	}
	eventlet.Send(done, true)
}

func TestMutex(t *testing.T) {
	modes.Run(t, func(t *testing.T, md modes.Mode) {
		m := new(sync.Mutex)
		m.Lock()
		if m.TryLock() {
			t.Fatal("TryLock succeeded with mutex locked")
		}
		m.Unlock()
		if !m.TryLock() {
			t.Fatal("TryLock failed with mutex unlocked")
		}
		m.Unlock()

		done := make(chan bool)
		for i := range 10 {
			md.Start(i+1, func() { hammerMutex(m, 1000, done) })
		}
		for range 10 {
			eventlet.Recv(done)
		}
	})
}

func TestMutexExcludesAcrossParks(t *testing.T) {
	// Holders park (greenthreads) or yield (goroutines) inside the critical section; the count is
	// exact only if no two ever hold the lock together.
	modes.Run(t, func(t *testing.T, md modes.Mode) {
		var m sync.Mutex
		counter, holders := 0, 0
		const parties, loops = 8, 200
		done := make(chan bool)
		for p := range parties {
			md.Start(p+1, func() {
				for range loops {
					m.Lock()
					holders++
					if holders != 1 {
						t.Errorf("%d holders at once", holders)
					}
					v := counter
					yield()
					counter = v + 1
					holders--
					m.Unlock()
				}
				eventlet.Send(done, true)
			})
		}
		for range parties {
			eventlet.Recv(done)
		}
		if counter != parties*loops {
			t.Fatalf("counter %d, want %d", counter, parties*loops)
		}
	})
}

func TestMutexTenThousandGreenthreads(t *testing.T) {
	const n = 10000
	var m sync.Mutex
	counter := 0
	gts := make([]*eventlet.GreenThread[struct{}], n)
	for i := range gts {
		gts[i] = eventlet.Spawn(func() struct{} {
			m.Lock()
			v := counter
			eventlet.Sleep(0) // park holding the lock: every other greenthread queues behind it
			counter = v + 1
			m.Unlock()
			return struct{}{}
		})
	}
	for _, gt := range gts {
		if _, err := gt.Wait(); err != nil {
			t.Fatal(err)
		}
	}
	if counter != n {
		t.Fatalf("counter %d, want %d", counter, n)
	}
	if !m.TryLock() {
		t.Fatal("the mutex is still locked after every holder unlocked it")
	}
}

func TestMutexServesWaitersInOrder(t *testing.T) {
	var m sync.Mutex
	m.Lock()
	var order []int // greenthreads of one hub: no lock needed
	gts := make([]*eventlet.GreenThread[struct{}], 5)
	for i := range gts {
		gts[i] = eventlet.Spawn(func() struct{} {
			m.Lock()
			order = append(order, i)
			eventlet.Sleep(0)
			m.Unlock()
			return struct{}{}
		})
	}
	allParked()
	if m.TryLock() {
		t.Fatal("TryLock overtook the queued waiters")
	}
	m.Unlock()
	for _, gt := range gts {
		gt.Wait()
	}
	for i, v := range order {
		if v != i {
			t.Fatalf("acquired in order %v, want the order of arrival", order)
		}
	}
}

func TestMutexHolderMayParkAndAnotherMayUnlock(t *testing.T) {
	var m sync.Mutex
	var order []string
	holder := eventlet.Spawn(func() struct{} {
		m.Lock()
		eventlet.Sleep(50 * time.Millisecond)
		order = append(order, "holder")
		m.Unlock()
		return struct{}{}
	})
	waiter := eventlet.Spawn(func() struct{} {
		m.Lock()
		order = append(order, "waiter")
		return struct{}{} // leaves m locked, for the goroutine below
	})
	free := eventlet.Spawn(func() struct{} {
		order = append(order, "free") // runs while the holder is parked and the waiter waits
		return struct{}{}
	})
	free.Wait()
	holder.Wait()
	waiter.Wait()
	if want := []string{"free", "holder", "waiter"}; len(order) != 3 || order[0] != want[0] || order[1] != want[1] || order[2] != want[2] {
		t.Fatalf("order %v, want %v", order, want)
	}
	m.Unlock() // a goroutine unlocks what a greenthread locked
	if !m.TryLock() {
		t.Fatal("unlocked by another party, the mutex is still locked")
	}
}

func TestMutexMisuse(t *testing.T) {
	for _, c := range []struct {
		name, want string
		f          func()
	}{
		{"Mutex.Unlock", "sync: unlock of unlocked mutex", func() {
			var mu sync.Mutex
			mu.Unlock()
		}},
		{"Mutex.Unlock2", "sync: unlock of unlocked mutex", func() {
			var mu sync.Mutex
			mu.Lock()
			mu.Unlock()
			mu.Unlock()
		}},
		{"RWMutex.Unlock", "sync: Unlock of unlocked RWMutex", func() {
			var mu sync.RWMutex
			mu.Unlock()
		}},
		{"RWMutex.Unlock2", "sync: Unlock of unlocked RWMutex", func() {
			var mu sync.RWMutex
			mu.RLock()
			mu.Unlock()
		}},
		{"RWMutex.Unlock3", "sync: Unlock of unlocked RWMutex", func() {
			var mu sync.RWMutex
			mu.Lock()
			mu.Unlock()
			mu.Unlock()
		}},
		{"RWMutex.RUnlock", "sync: RUnlock of unlocked RWMutex", func() {
			var mu sync.RWMutex
			mu.RUnlock()
		}},
		{"RWMutex.RUnlock2", "sync: RUnlock of unlocked RWMutex", func() {
			var mu sync.RWMutex
			mu.Lock()
			mu.RUnlock()
		}},
		{"RWMutex.RUnlock3", "sync: RUnlock of unlocked RWMutex", func() {
			var mu sync.RWMutex
			mu.RLock()
			mu.RUnlock()
			mu.RUnlock()
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			modes.Run(t, func(t *testing.T, md modes.Mode) {
				if p := panicOf(c.f); p != c.want {
					t.Fatalf("panic %v, want %q", p, c.want)
				}
			})
		})
	}
}

func TestMutexMisuseLeavesItUsable(t *testing.T) {
	var m sync.Mutex
	panicOf(m.Unlock)
	m.Lock()
	if m.TryLock() {
		t.Fatal("locked after a bad Unlock, TryLock still succeeds")
	}
	m.Unlock()
}

func TestMutexFairness(t *testing.T) {
	modes.Run(t, func(t *testing.T, md modes.Mode) {
		var mu sync.Mutex
		stop := make(chan bool)
		defer close(stop)
		md.Start(1, func() {
			for {
				mu.Lock()
				eventlet.Sleep(100 * time.Microsecond)
				mu.Unlock()
				select {
				case <-stop:
					return
				default:
				}
			}
		})
		done := make(chan bool, 1)
		md.Start(2, func() {
			for range 10 {
				eventlet.Sleep(100 * time.Microsecond)
				mu.Lock()
				mu.Unlock()
			}
			done <- true
		})
		if i := selectRecv(done, time.After(10*time.Second)); i != 0 {
			t.Fatal("can't acquire Mutex in 10 seconds")
		}
	})
}
