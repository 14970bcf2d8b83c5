package eventlet_test

import (
	"sync"
	"sync/atomic"
	"testing"

	"github.com/eventlet-go/eventlet"
)

// Many greenthreads and plain goroutines hammering one primitive at once; the counts must come out
// exact. Run with -race: it also checks that the primitives order memory between the two kinds
// of caller.

const (
	hammerGreen  = 50 // greenthreads on each side
	hammerPlain  = 8  // goroutines on each side
	hammerPerOne = 200
)

// hammer runs body(i) in hammerGreen greenthreads and hammerPlain goroutines and waits for all.
func hammer(t *testing.T, body func(i int)) {
	t.Helper()
	var wg sync.WaitGroup
	for i := range hammerGreen + hammerPlain {
		wg.Add(1)
		if i < hammerGreen {
			eventlet.SpawnN(func() { defer wg.Done(); body(i) })
		} else {
			go func() { defer wg.Done(); body(i) }()
		}
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	bounded(t, "the hammering", func() { eventlet.Recv(done) })
}

func TestHammerQueue(t *testing.T) {
	for _, size := range []int{-1, 0, 1, 16} {
		t.Run("", func(t *testing.T) {
			q := eventlet.NewQueue[int](size)
			const producers = hammerGreen + hammerPlain
			var received atomic.Int64
			var sum atomic.Int64
			consumers := make(chan struct{})
			go func() {
				hammer(t, func(int) {
					for range hammerPerOne {
						v := q.Get()
						received.Add(1)
						sum.Add(int64(v))
					}
				})
				close(consumers)
			}()
			hammer(t, func(i int) {
				for j := range hammerPerOne {
					q.Put(i*hammerPerOne + j)
				}
			})
			bounded(t, "the consumers", func() { eventlet.Recv(consumers) })
			total := producers * hammerPerOne
			if received.Load() != int64(total) {
				t.Fatalf("received %d items, want %d", received.Load(), total)
			}
			if want := int64(total) * int64(total-1) / 2; sum.Load() != want {
				t.Fatalf("sum %d, want %d: items lost or duplicated", sum.Load(), want)
			}
			if q.Qsize() != 0 || q.Getting() != 0 || q.Putting() != 0 {
				t.Fatalf("left: qsize %d getting %d putting %d", q.Qsize(), q.Getting(), q.Putting())
			}
		})
	}
}

// TestHammerSemaphore uses a semaphore of one as a mutex around a plain counter: the race
// detector proves mutual exclusion and the count proves no increment was lost.
func TestHammerSemaphore(t *testing.T) {
	mutex := eventlet.NewSemaphore(1)
	counter := 0
	hammer(t, func(i int) {
		for j := range hammerPerOne {
			mutex.Acquire()
			counter++
			if j%7 == 0 {
				eventlet.Sleep(0) // hold it across a switch now and then
			}
			mutex.Release()
		}
	})
	if want := (hammerGreen + hammerPlain) * hammerPerOne; counter != want {
		t.Fatalf("counter %d, want %d", counter, want)
	}
	if mutex.Counter() != 1 || mutex.Balance() != 1 {
		t.Fatalf("counter %d balance %d after all released", mutex.Counter(), mutex.Balance())
	}
}

func TestHammerSemaphoreUnits(t *testing.T) {
	const units = 5
	sem := eventlet.NewSemaphore(units)
	var inside, most atomic.Int64
	hammer(t, func(int) {
		for range hammerPerOne / 4 {
			sem.Acquire()
			n := inside.Add(1)
			for old := most.Load(); n > old && !most.CompareAndSwap(old, n); old = most.Load() {
			}
			eventlet.Sleep(0)
			inside.Add(-1)
			sem.Release()
		}
	})
	if most.Load() > units {
		t.Fatalf("%d holders at once, with %d units", most.Load(), units)
	}
	if sem.Counter() != units {
		t.Fatalf("Counter = %d after all released", sem.Counter())
	}
}

// TestHammerEvent: rounds of Send and Reset on one event, each waited for by every greenthread
// and goroutine; each waiter sees every round's value, in order. A second event gates the rounds
// so that nobody waits on the first one between its Send and its Reset.
func TestHammerEvent(t *testing.T) {
	const rounds = 30
	var evt, gate eventlet.Event[int]
	acks := eventlet.NewQueue[int](-1)
	waiters := hammerGreen + hammerPlain
	done := make(chan struct{})
	go func() {
		hammer(t, func(int) {
			for r := range rounds {
				if v, _ := evt.Wait(); v != r {
					t.Errorf("round %d: event gave %d", r, v)
				}
				acks.Put(r)
				if v, _ := gate.Wait(); v != r {
					t.Errorf("round %d: gate gave %d", r, v)
				}
				acks.Put(-r)
			}
		})
		close(done)
	}()
	collect := func(r, want int) {
		for range waiters {
			if got := acks.Get(); got != want {
				t.Fatalf("round %d: ack %d, want %d", r, got, want)
			}
		}
	}
	for r := range rounds {
		evt.Send(r)
		collect(r, r)
		evt.Reset()
		gate.Send(r)
		collect(r, -r)
		gate.Reset()
	}
	bounded(t, "the waiters", func() { eventlet.Recv(done) })
}
