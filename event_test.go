package eventlet_test

import (
	"errors"
	"testing"
	"time"

	"github.com/eventlet-go/eventlet"
)

// Ported from eventlet's tests/event_test.py.

func TestEventWaitingForEvent(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		var evt eventlet.Event[string]
		eventlet.SpawnN(func() { evt.Send("some stuff") })
		if v, err := evt.Wait(); v != "some stuff" || err != nil {
			t.Fatalf("Wait = %q, %v", v, err)
		}
	})
}

func TestEventMultipleWaiters(t *testing.T) {
	for _, withPanic := range []bool{false, true} {
		name := map[bool]string{false: "returning", true: "panicking"}[withPanic]
		t.Run(name, func(t *testing.T) {
			inGreen(t, func() {
				var evt eventlet.Event[struct{}]
				const count = 5
				results := 0
				done := make([]*eventlet.Event[struct{}], count)
				for i := range done {
					done[i] = new(eventlet.Event[struct{}])
					eventlet.SpawnN(func() {
						evt.Wait()
						results++
						done[i].Send(struct{}{})
						if withPanic {
							panic("waiter fails after it was served")
						}
					})
				}
				eventlet.Sleep(0)
				evt.Send(struct{}{})
				for _, d := range done {
					d.Wait()
				}
				if results != count {
					t.Fatalf("%d of %d waiters woke", results, count)
				}
			})
		})
	}
}

func TestEventReset(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		var evt eventlet.Event[string]
		mustPanic(t, "Reset before Send", evt.Reset)
		eventlet.SpawnN(func() { evt.Send("some stuff") })
		if v, _ := evt.Wait(); v != "some stuff" {
			t.Fatalf("Wait = %q", v)
		}
		mustPanic(t, "a second Send without Reset", func() { evt.Send("second stuff") })
		if v, _ := evt.Wait(); v != "some stuff" {
			t.Fatalf("Wait after the refused Send = %q, want the first value", v)
		}
		evt.Reset()
		if evt.Ready() {
			t.Fatal("Ready after Reset")
		}
		eventlet.SpawnN(func() { evt.Send("second stuff") })
		if v, _ := evt.Wait(); v != "second stuff" {
			t.Fatalf("Wait after Reset = %q", v)
		}
	})
}

// TestEventDoubleError is test_double_exception: an error sent through the event is not seen
// again after Reset.
func TestEventDoubleError(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		var evt eventlet.Event[int]
		boom := errors.New("from test_double_exception")
		evt.SendError(boom)
		if !evt.HasError() {
			t.Fatal("HasError false after SendError")
		}
		if _, err := evt.Wait(); err != boom {
			t.Fatalf("Wait error %v, want the sent one", err)
		}
		evt.Reset()
		if evt.HasError() {
			t.Fatal("HasError true after Reset")
		}
		if _, err := evt.WaitTimeout(time.Millisecond); !errors.Is(err, eventlet.ErrTimeout) {
			t.Fatalf("Wait after Reset: %v, want ErrTimeout", err)
		}
	})
}

func TestEventWaitTimeoutOK(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		var evt eventlet.Event[bool]
		eventlet.SpawnAfter(delay, func() struct{} { evt.Send(true); return struct{}{} })
		start := time.Now()
		v, err := evt.WaitTimeout(hangAfter)
		if !v || err != nil {
			t.Fatalf("WaitTimeout = %v, %v", v, err)
		}
		if el := time.Since(start); el < delay {
			t.Fatalf("returned after %v, before the send at %v", el, delay)
		}
	})
}

func TestEventWaitTimeoutExceeded(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		var evt eventlet.Event[bool]
		gt := eventlet.SpawnAfter(time.Hour, func() struct{} { evt.Send(true); return struct{}{} })
		defer gt.Kill()
		start := time.Now()
		v, err := evt.WaitTimeout(delay)
		if v || !errors.Is(err, eventlet.ErrTimeout) {
			t.Fatalf("WaitTimeout = %v, %v, want false, ErrTimeout", v, err)
		}
		if el := time.Since(start); el < delay {
			t.Fatalf("gave up after %v, before its %v", el, delay)
		}
	})
}

// TestEventWaitersKeepTheirValueAcrossReset: eventlet hands each waiter the value of the send
// that woke it, so a Reset (and another Send) right after the send cannot change what they get.
func TestEventWaitersKeepTheirValueAcrossReset(t *testing.T) {
	inGreen(t, func() {
		var evt eventlet.Event[int]
		var waiters []*eventlet.GreenThread[int]
		for range 3 {
			waiters = append(waiters, eventlet.Spawn(func() int { v, _ := evt.Wait(); return v }))
		}
		eventlet.Sleep(0)
		evt.Send(1)
		evt.Reset()
		evt.Send(2)
		for i, w := range waiters {
			if v, _ := w.Wait(); v != 1 {
				t.Errorf("waiter %d got %d, want 1, the value of the send that woke it", i, v)
			}
		}
		evt.Reset()
		w := eventlet.Spawn(func() int { v, _ := evt.Wait(); return v })
		eventlet.Sleep(0)
		evt.Send(3)
		evt.Reset()
		if v, _ := w.Wait(); v != 3 {
			t.Errorf("a waiter woken by Send(3) then Reset got %d, a value never sent to it", v)
		}
	})
}

func TestEventFromGoroutines(t *testing.T) {
	var evt eventlet.Event[int]
	const n = 4
	got := make(chan int, n)
	for range n {
		go func() { v, _ := evt.Wait(); got <- v }()
	}
	// Some goroutines may still be on their way to Wait when the Send comes: they must find the
	// event sent, and those already parked must be woken.
	evt.Send(5)
	for range n {
		if v := <-got; v != 5 {
			t.Fatalf("goroutine got %d", v)
		}
	}
}
