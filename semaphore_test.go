package eventlet_test

import (
	"testing"
	"time"

	"github.com/eventlet-go/eventlet"
)

// Ported from eventlet's tests/semaphore_test.py, plus what a Go user expects of a fair semaphore.

func TestSemaphoreNonBlocking(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		sem := eventlet.NewSemaphore(0)
		if sem.TryAcquire() {
			t.Fatal("TryAcquire took a unit from an empty semaphore")
		}
		sem.Release()
		if !sem.TryAcquire() {
			t.Fatal("TryAcquire failed with a unit free")
		}
	})
}

func TestSemaphoreAcquireTimeout(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		sem := eventlet.NewSemaphore(0)
		start := time.Now()
		if sem.AcquireTimeout(delay) {
			t.Fatal("AcquireTimeout took a unit from an empty semaphore")
		}
		if el := time.Since(start); el < delay {
			t.Fatalf("gave up after %v, before its %v", el, delay)
		}
		if sem.Balance() != 0 {
			t.Fatalf("Balance = %d after the timed-out acquire left", sem.Balance())
		}
		sem.Release()
		if !sem.AcquireTimeout(time.Hour) {
			t.Fatal("AcquireTimeout failed with a unit free")
		}
	})
}

func TestSemaphoreCounts(t *testing.T) {
	inGreen(t, func() {
		sem := eventlet.NewSemaphore(2)
		check := func(when string, counter, balance int, locked bool) {
			t.Helper()
			if sem.Counter() != counter || sem.Balance() != balance || sem.Locked() != locked {
				t.Fatalf("%s: counter %d balance %d locked %v, want %d %d %v", when,
					sem.Counter(), sem.Balance(), sem.Locked(), counter, balance, locked)
			}
		}
		check("fresh", 2, 2, false)
		sem.Acquire()
		sem.Acquire()
		check("both units taken", 0, 0, true)
		gts := []*eventlet.GreenThread[struct{}]{
			eventlet.Spawn(func() struct{} { sem.Acquire(); return struct{}{} }),
			eventlet.Spawn(func() struct{} { sem.Acquire(); return struct{}{} }),
		}
		eventlet.Sleep(0)
		check("two waiters", 0, -2, true)
		sem.Release()
		sem.Release()
		for _, gt := range gts {
			gt.Wait()
		}
		check("units handed to the waiters", 0, 0, true)
		sem.Release()
		sem.Release()
		check("all released", 2, 2, false)
	})
}

func TestSemaphoreNegativeCountPanics(t *testing.T) {
	mustPanic(t, "NewSemaphore(-1)", func() { eventlet.NewSemaphore(-1) })
	mustPanic(t, "NewBoundedSemaphore(-1)", func() { eventlet.NewBoundedSemaphore(-1) })
}

func TestBoundedSemaphore(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		sem := eventlet.NewBoundedSemaphore(2)
		mustPanic(t, "releasing a unit never acquired", sem.Release)
		sem.Acquire()
		sem.Release()
		if sem.Counter() != 2 {
			t.Fatalf("Counter = %d", sem.Counter())
		}
		mustPanic(t, "releasing above the bound", sem.Release)
	})
}

// TestBoundedSemaphoreReleaseToWaiter: a release that hands its unit to a waiter does not count
// against the bound.
func TestBoundedSemaphoreReleaseToWaiter(t *testing.T) {
	inGreen(t, func() {
		sem := eventlet.NewBoundedSemaphore(1)
		sem.Acquire()
		gt := eventlet.Spawn(func() struct{} { sem.Acquire(); sem.Release(); return struct{}{} })
		eventlet.Sleep(0)
		sem.Release()
		if _, err := gt.Wait(); err != nil {
			t.Fatal(err)
		}
		if sem.Counter() != 1 {
			t.Fatalf("Counter = %d, want 1", sem.Counter())
		}
	})
}

// TestSemaphoreContention is test_semaphore_contention: two greenthreads taking turns on a
// mutex-like semaphore, yielding while they hold it, get the same share: a release hands the unit
// to the waiter, so the releaser cannot take it straight back.
func TestSemaphoreContention(t *testing.T) {
	inGreen(t, func() {
		mutex := eventlet.NewSemaphore(1)
		var counts [2]int
		const rounds = 200
		worker := func(no int) func() struct{} {
			return func() struct{} {
				for range rounds {
					mutex.Acquire()
					counts[no]++
					eventlet.Sleep(0)
					mutex.Release()
				}
				return struct{}{}
			}
		}
		t1 := eventlet.Spawn(worker(0))
		t2 := eventlet.Spawn(worker(1))
		// Halfway through, the shares must already be even.
		for counts[0]+counts[1] < rounds {
			eventlet.Sleep(0)
		}
		if d := counts[0] - counts[1]; d < -1 || d > 1 {
			t.Fatalf("counts %v: one worker overtook the other", counts)
		}
		t1.Wait()
		t2.Wait()
	})
}

// TestSemaphoreFIFO: waiters — greenthreads and plain goroutines alike — get units in the order
// they started waiting, and TryAcquire cannot overtake them.
func TestSemaphoreFIFO(t *testing.T) {
	sem := eventlet.NewSemaphore(0)
	const n = 6
	served := make(chan int, n) // buffered: a greenthread's send never blocks the hub
	for i := range n {
		if i%2 == 0 {
			eventlet.SpawnN(func() { sem.Acquire(); served <- i })
		} else {
			go func() { sem.Acquire(); served <- i }()
		}
		waitUntil(t, "the waiter to park", func() bool { return sem.Balance() == -(i + 1) })
	}
	for want := range n {
		sem.Release()
		if sem.TryAcquire() {
			t.Fatal("TryAcquire took the unit a parked waiter was handed")
		}
		if got := <-served; got != want {
			t.Fatalf("unit %d went to waiter %d", want, got)
		}
	}
}

func TestSemaphoreAcquireFromGoroutine(t *testing.T) {
	sem := eventlet.NewSemaphore(0)
	got := make(chan struct{})
	go func() { sem.Acquire(); close(got) }()
	waitUntil(t, "a goroutine parked in Acquire", func() bool { return sem.Balance() == -1 })
	eventlet.SpawnN(sem.Release)
	<-got
	if sem.Counter() != 0 {
		t.Fatalf("Counter = %d after the unit was handed over", sem.Counter())
	}
}
