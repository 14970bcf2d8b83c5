package hub

import (
	"errors"
	"fmt"
	"math/rand"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestGoroutineWaiterWokenBeforeItParks(t *testing.T) {
	w := Prepare()
	if w.Greenlet() || !w.Waiting() {
		t.Fatalf("a goroutine's waiter: greenlet %v waiting %v", w.Greenlet(), w.Waiting())
	}
	if !w.Wake() {
		t.Fatal("Wake of a waiting waiter reported false")
	}
	if w.Wake() {
		t.Fatal("a second Wake reported true")
	}
	if err := w.Park(0); err != nil {
		t.Fatalf("Park after the wake: %v", err)
	}
	w.Release()
}

func TestGoroutineWaiterTimesOut(t *testing.T) {
	w := Prepare()
	token := w.Token()
	start := time.Now()
	if err := w.Park(Now() + int64(2*time.Millisecond)); err != ErrTimeout {
		t.Fatalf("Park = %v, want ErrTimeout", err)
	}
	if time.Since(start) < 2*time.Millisecond {
		t.Fatal("timed out early")
	}
	if w.WakeToken(token) {
		t.Fatal("a wake-up after the timeout was accepted")
	}
	w.Release()

	w = Prepare()
	if err := w.Park(1); err != ErrTimeout { // a deadline in the past
		t.Fatalf("Park with a past deadline = %v", err)
	}
	w.Release()
}

// TestStaleTokenCannotWakeALaterWait: a wake-up meant for an earlier wait of the same waiter is
// refused.
func TestStaleTokenCannotWakeALaterWait(t *testing.T) {
	h := newTestHub(t)
	res := make(chan error, 1)
	ft := spawnIn(h, func() {
		w := Prepare()
		old := w.Token()
		w.Wake()
		w.Park(0)
		w.Release()
		w = Prepare() // the greenlet's waiter, next generation
		if w.WakeToken(old) {
			res <- errors.New("a stale token woke a later wait")
			return
		}
		res <- w.Park(Now() + int64(time.Millisecond))
		w.Release()
	})
	waitDone(t, ft.done, "the greenlet")
	if err := <-res; err != ErrTimeout {
		t.Fatal(err)
	}
}

// TestGoroutineWaiterWakeRacesTimeout: with a wake-up and a deadline arriving together, exactly
// one of them ends the wait, and Park's result says which.
func TestGoroutineWaiterWakeRacesTimeout(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	woken, timedOut := 0, 0
	for i := range 2000 {
		w := Prepare()
		token := w.Token()
		d := time.Duration(r.Intn(100)) * time.Microsecond
		var accepted atomic.Bool
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(r.Intn(100)) * time.Microsecond)
			accepted.Store(w.WakeToken(token))
		}()
		err := w.Park(Now() + int64(d))
		wg.Wait() // the waker is done with w before it goes back to the pool
		w.Release()
		switch {
		case err == nil && accepted.Load():
			woken++
		case err == ErrTimeout && !accepted.Load():
			timedOut++
		default:
			t.Fatalf("iteration %d: Park = %v but the wake-up was accepted: %v", i, err, accepted.Load())
		}
	}
	t.Logf("%d woken, %d timed out", woken, timedOut)
}

// TestGreenletWaiterWakeTimeoutInterruptExactlyOnce races a wake-up from a goroutine, a deadline
// and an interruption (hub.Throw) against one parked greenlet. Exactly one ends the wait; the
// wake-up is accepted only if it did; and the interruption is delivered exactly once — by this
// wait if it won, otherwise at the greenlet's next park.
func TestGreenletWaiterWakeTimeoutInterruptExactlyOnce(t *testing.T) {
	h := newTestHub(t)
	r := rand.New(rand.NewSource(2))
	outcomes := map[string]int{}
	for i := range 1000 {
		errX := fmt.Errorf("interruption %d", i)
		var (
			w          *Waiter
			token      uint64
			task       *Task
			first      error
			deliveries int
			thrown     atomic.Bool
		)
		published := make(chan struct{})
		d := time.Duration(r.Intn(60)) * time.Microsecond
		ft := spawnIn(h, func() {
			task = Current()
			w = Prepare()
			token = w.Token()
			close(published)
			first = w.Park(Now() + int64(d))
			w.Release()
			if first == errX {
				deliveries++
			}
			for !thrown.Load() { // until the interruption has reached the hub for sure
				if err := task.Yield(); err != nil {
					if err == errX {
						deliveries++
					}
				}
			}
			w2 := Prepare()
			if err := w2.Park(Now() + int64(time.Millisecond)); err == errX {
				deliveries++
			}
			w2.Release()
		})
		<-published
		var accepted atomic.Bool
		var wg sync.WaitGroup
		wg.Add(2)
		pause := time.Duration(r.Intn(60)) * time.Microsecond
		go func() {
			defer wg.Done()
			time.Sleep(pause)
			accepted.Store(w.WakeToken(token))
		}()
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(r.Intn(60)) * time.Microsecond)
			h.Throw(task.Ref(), errX)
			h.Call(func() { thrown.Store(true) }) // runs after the Throw: the inbox is FIFO
		}()
		wg.Wait()
		waitDone(t, ft.done, "the greenlet")
		switch {
		case first == nil && accepted.Load():
			outcomes["woken"]++
		case first == ErrTimeout && !accepted.Load():
			outcomes["timed out"]++
		case first == errX && !accepted.Load():
			outcomes["interrupted"]++
		default:
			t.Fatalf("iteration %d: first park %v, wake-up accepted %v", i, first, accepted.Load())
		}
		if deliveries != 1 {
			t.Fatalf("iteration %d: the interruption was delivered %d times (first park: %v)", i, deliveries, first)
		}
	}
	t.Logf("outcomes %v", outcomes)
}

func TestWaitQueue(t *testing.T) {
	ws := make([]*Waiter, 4)
	for i := range ws {
		ws[i] = Prepare()
	}
	defer func() {
		for _, w := range ws {
			w.Release()
		}
	}()
	var q WaitQueue
	q.PushBack(ws[1])
	q.PushBack(ws[2])
	q.PushFront(ws[0])
	q.PushBack(ws[3])
	if q.Len() != 4 {
		t.Fatalf("Len = %d", q.Len())
	}
	q.Remove(ws[2])
	q.Remove(ws[2]) // not queued any more: nothing happens
	var other WaitQueue
	other.Remove(ws[1]) // queued in another queue: nothing happens
	if q.Len() != 3 {
		t.Fatalf("Len = %d after Remove", q.Len())
	}
	for _, want := range []*Waiter{ws[0], ws[1], ws[3]} {
		if got := q.PopFront(); got != want {
			t.Fatal("PopFront out of order")
		}
	}
	if q.PopFront() != nil || q.Len() != 0 {
		t.Fatal("an empty queue popped something")
	}
}

// TestWaitQueueWakeSkipsEndedWaits: WakeOne passes over waiters whose wait already ended (timed
// out or interrupted, not yet removed) and wakes the first that still waits.
func TestWaitQueueWakeSkipsEndedWaits(t *testing.T) {
	var q WaitQueue
	gone, live, next := Prepare(), Prepare(), Prepare()
	q.PushBack(gone)
	q.PushBack(live)
	q.PushBack(next)
	gone.Wake() // its wait ended some other way
	gone.Park(0)
	if !q.WakeOne() {
		t.Fatal("WakeOne woke nobody")
	}
	if live.Waiting() || !next.Waiting() || q.Len() != 1 {
		t.Fatalf("WakeOne: live waiting %v, next waiting %v, %d left", live.Waiting(), next.Waiting(), q.Len())
	}
	live.Park(0)
	if n := q.WakeAll(); n != 1 || next.Waiting() {
		t.Fatalf("WakeAll woke %d", n)
	}
	next.Park(0)
	if q.WakeOne() || q.WakeAll() != 0 {
		t.Fatal("an empty queue woke someone")
	}
	for _, w := range []*Waiter{gone, live, next} {
		w.Release()
	}
}

// TestWaitQueueWait: Wait releases the lock while it waits, returns nil when woken, and on a
// timeout returns ErrTimeout with its waiter out of the queue; the lock is not held on return.
func TestWaitQueueWait(t *testing.T) {
	var mu sync.Mutex
	var q WaitQueue
	woken := make(chan error)
	mu.Lock()
	go func() { woken <- q.Wait(&mu, 0) }()
	// The lock comes back once Wait has queued its waiter and released it.
	for {
		mu.Lock()
		if q.Len() == 1 {
			break
		}
		mu.Unlock()
	}
	q.WakeOne()
	mu.Unlock()
	if err := <-woken; err != nil {
		t.Fatalf("woken Wait = %v", err)
	}

	mu.Lock()
	if err := q.Wait(&mu, nanotime()+int64(time.Millisecond)); err != ErrTimeout {
		t.Fatalf("Wait past its deadline = %v, want ErrTimeout", err)
	}
	if !mu.TryLock() {
		t.Fatal("Wait returned holding the lock")
	}
	if q.Len() != 0 {
		t.Fatalf("%d waiters left queued after a timeout", q.Len())
	}
	mu.Unlock()
}
