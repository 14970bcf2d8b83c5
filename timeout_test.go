package eventlet_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/eventlet-go/eventlet"
)

// Ported from eventlet's tests/timeout_test.py and tests/timeout_test_with_statement.py. Python's
// `with Timeout(d) as t:` is `t := eventlet.NewTimeout(d); defer t.Cancel()` in Go, and the
// exception it raises is a panic recovered by the block's owner.

const delay = 10 * time.Millisecond

// catch runs f and returns what it panicked with (nil if it returned): Python's try/except around
// a with-block.
func catch(f func()) any { return recovered(f) }

func TestTimeoutIsAnError(t *testing.T) {
	inGreen(t, func() {
		to := eventlet.NewTimeout(time.Hour)
		defer to.Cancel()
		var err error = to
		if !errors.Is(err, eventlet.ErrTimeout) {
			t.Error("a Timeout does not match ErrTimeout")
		}
		if te, ok := err.(interface{ Timeout() bool }); !ok || !te.Timeout() {
			t.Error("a Timeout does not report Timeout() true")
		}
		if to.Duration() != time.Hour {
			t.Errorf("Duration = %v", to.Duration())
		}
	})
}

func TestTimeoutStrings(t *testing.T) {
	inGreen(t, func() {
		plain := eventlet.NewTimeout(time.Second)
		defer plain.Cancel()
		custom := eventlet.NewTimeoutError(time.Second, errors.New("runtime error"))
		defer custom.Cancel()
		if s := plain.Error(); !strings.Contains(s, "1s") {
			t.Errorf("Error() = %q, want the duration in it", s)
		}
		if s := custom.Error(); !strings.Contains(s, "runtime error") {
			t.Errorf("Error() = %q, want the custom error in it", s)
		}
	})
}

func TestWithTimeout(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		if err := eventlet.WithTimeout(delay, func() { eventlet.Sleep(10 * delay) }); !errors.Is(err, eventlet.ErrTimeout) {
			t.Fatalf("fn outlasting the timeout: %v, want ErrTimeout", err)
		}
		if err := eventlet.WithTimeout(time.Hour, func() { eventlet.Sleep(delay) }); err != nil {
			t.Fatalf("fn within the timeout: %v, want nil", err)
		}
	})
}

func TestWithTimeoutReturnsItsOwnTimeout(t *testing.T) {
	inGreen(t, func() {
		err := eventlet.WithTimeout(delay, func() { eventlet.Sleep(time.Hour) })
		var to *eventlet.Timeout
		if !errors.As(err, &to) || to.Duration() != delay || !to.Expired() || to.Pending() {
			t.Fatalf("WithTimeout returned %v", err)
		}
	})
}

// TestWithOuterTimer is test_with_outer_timer: an inner, longer WithTimeout does not catch the
// outer Timeout, which ends the outer block.
func TestWithOuterTimer(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		innerReturned := false
		err := eventlet.WithTimeout(delay, func() {
			eventlet.WithTimeout(time.Hour, func() { eventlet.Sleep(2 * time.Hour) })
			innerReturned = true
		})
		var to *eventlet.Timeout
		if !errors.As(err, &to) || to.Duration() != delay {
			t.Fatalf("outer WithTimeout returned %v, want its own Timeout", err)
		}
		if innerReturned {
			t.Fatal("the inner WithTimeout swallowed the outer Timeout")
		}
	})
}

func TestWithTimeoutPropagatesOtherPanics(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		boom := errors.New("boom")
		if r := catch(func() { eventlet.WithTimeout(time.Hour, func() { panic(boom) }) }); r != boom {
			t.Fatalf("recovered %v, want the panic of fn", r)
		}
	})
}

// TestTimeoutCancellation is test_cancellation: nothing happens when the block ends first, and
// Cancel stops the countdown.
func TestTimeoutCancellation(t *testing.T) {
	inGreen(t, func() {
		to := eventlet.NewTimeout(time.Hour)
		eventlet.Sleep(0)
		if !to.Pending() {
			t.Fatal("a fresh Timeout is not pending")
		}
		if r := catch(func() {
			defer to.Cancel()
			eventlet.Sleep(delay)
		}); r != nil {
			t.Fatalf("the block was interrupted: %v", r)
		}
		if to.Pending() || to.Expired() {
			t.Fatalf("after Cancel: pending %v expired %v", to.Pending(), to.Expired())
		}
		short := eventlet.NewTimeout(delay)
		eventlet.Sleep(0)
		short.Cancel()
		if r := catch(func() { eventlet.Sleep(3 * delay) }); r != nil {
			t.Fatalf("a cancelled Timeout went off past its deadline: %v", r)
		}
	})
}

func TestTimeoutRaisesItself(t *testing.T) {
	inGreen(t, func() {
		var to *eventlet.Timeout
		r := catch(func() {
			to = eventlet.NewTimeout(delay)
			defer to.Cancel()
			eventlet.Sleep(2 * delay)
		})
		if r != any(to) {
			t.Fatalf("recovered %v, want the Timeout itself", r)
		}
		if to.Pending() || !to.Expired() {
			t.Fatalf("after expiry: pending %v expired %v", to.Pending(), to.Expired())
		}
	})
}

func TestTimeoutRaisesCustomError(t *testing.T) {
	inGreen(t, func() {
		slow := errors.New("operation takes way too long")
		r := catch(func() {
			to := eventlet.NewTimeoutError(delay, slow)
			defer to.Cancel()
			eventlet.Sleep(2 * delay)
		})
		if r != slow {
			t.Fatalf("recovered %v, want the custom error", r)
		}
	})
}

func TestTimeoutCancelInsideBlock(t *testing.T) {
	inGreen(t, func() {
		if r := catch(func() {
			to := eventlet.NewTimeout(delay)
			defer to.Cancel()
			to.Cancel()
			eventlet.Sleep(2 * delay)
		}); r != nil {
			t.Fatalf("a cancelled Timeout went off: %v", r)
		}
	})
}

// TestTimeoutSilentBlock is test_silent_block (Timeout(d, False)): the block is cut short at the
// deadline and the caller carries on.
func TestTimeoutSilentBlock(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		const x = 100 * time.Millisecond
		start := time.Now()
		eventlet.WithTimeout(x, func() { eventlet.Sleep(time.Hour) })
		if el := time.Since(start); el >= time.Hour/2 {
			t.Fatalf("the block ran %v", el)
		}
	})
}

func TestTimeoutNested(t *testing.T) {
	inGreen(t, func() {
		// Both silent: the outer one ends both blocks.
		reachedOuter := false
		eventlet.WithTimeout(delay, func() {
			eventlet.WithTimeout(time.Hour, func() { eventlet.Sleep(2 * time.Hour) })
			reachedOuter = true
		})
		if reachedOuter {
			t.Fatal("the inner silent timeout caught the outer one")
		}

		// Outer shorter: the outer Timeout is what the inner block sees.
		t1 := eventlet.NewTimeout(delay)
		t2 := eventlet.NewTimeout(time.Hour)
		if r := catch(func() { eventlet.Sleep(2 * time.Hour) }); r != any(t1) {
			t.Fatalf("recovered %v, want the outer Timeout", r)
		}
		if t1.Pending() || !t2.Pending() {
			t.Fatalf("t1 pending %v, t2 pending %v: want false, true", t1.Pending(), t2.Pending())
		}
		t2.Cancel()
		t1.Cancel()
		if t2.Pending() {
			t.Fatal("t2 pending after Cancel")
		}

		// Inner shorter.
		t1 = eventlet.NewTimeout(time.Hour)
		t2 = eventlet.NewTimeout(delay)
		if r := catch(func() { eventlet.Sleep(2 * time.Hour) }); r != any(t2) {
			t.Fatalf("recovered %v, want the inner Timeout", r)
		}
		if !t1.Pending() || t2.Pending() {
			t.Fatalf("t1 pending %v, t2 pending %v: want true, false", t1.Pending(), t2.Pending())
		}
		t2.Cancel()
		t1.Cancel()
		if t1.Pending() {
			t.Fatal("t1 pending after Cancel")
		}
	})
}

// TestTimeoutZeroInterruptsNextWait: eventlet's tests use Timeout(0) to mean "interrupt the next
// blocking call", even when something wakes that call before the hub fires timers.
func TestTimeoutZeroInterruptsNextWait(t *testing.T) {
	inGreen(t, func() {
		var evt eventlet.Event[int]
		gt := eventlet.Spawn(func() error {
			return eventlet.WithTimeout(0, func() { evt.Wait() })
		})
		eventlet.Sleep(0) // gt parks in Wait under its zero timeout
		evt.Send(1)       // and is woken before the hub looks at its timers
		if err, _ := gt.Wait(); !errors.Is(err, eventlet.ErrTimeout) {
			t.Fatalf("WithTimeout(0, wait) = %v, want ErrTimeout", err)
		}
	})
}

// TestTimeoutDoesNotOutliveItsBlock: a Timeout that fires while its greenthread has been woken but
// not yet run must not go off after the block that set it is over.
func TestTimeoutDoesNotOutliveItsBlock(t *testing.T) {
	inGreen(t, func() {
		var evt eventlet.Event[int]
		gt := eventlet.Spawn(func() error {
			err := eventlet.WithTimeout(time.Nanosecond, func() { evt.Wait() })
			eventlet.Sleep(0) // a blocking call after the block: nothing may interrupt it
			return err
		})
		eventlet.Sleep(0) // gt parks in Wait under a 1ns timeout
		// Let the deadline pass without yielding, so the hub has not looked at its timers yet
		// when the Send wakes gt; the Timeout then fires while gt is woken but not yet run.
		for start := time.Now(); time.Since(start) < time.Millisecond; {
		}
		evt.Send(1)
		res, err := gt.Wait()
		if err != nil {
			t.Fatalf("the greenthread died of %v after its WithTimeout returned %v", err, res)
		}
	})
}

// TestTimeoutFromGoroutine: nothing can be interrupted on a plain goroutine; the Timeout only
// records its expiry.
func TestTimeoutFromGoroutine(t *testing.T) {
	to := eventlet.NewTimeout(delay)
	if !to.Pending() {
		t.Fatal("not pending")
	}
	waitUntil(t, "the Timeout to expire", to.Expired)
	if to.Pending() {
		t.Fatal("pending after expiry")
	}
	to2 := eventlet.NewTimeout(time.Hour)
	to2.Cancel()
	if to2.Pending() || to2.Expired() {
		t.Fatal("a cancelled Timeout is pending or expired")
	}
}

// TestTimeoutOfAFinishedGreenthread: a Timeout left running by a greenthread that finished does
// nothing to the hub or to later greenthreads.
func TestTimeoutOfAFinishedGreenthread(t *testing.T) {
	inGreen(t, func() {
		var to *eventlet.Timeout
		eventlet.Spawn(func() struct{} { to = eventlet.NewTimeout(delay); return struct{}{} }).Wait()
		if r := catch(func() { eventlet.Sleep(3 * delay) }); r != nil {
			t.Fatalf("another greenthread's Timeout hit this one: %v", r)
		}
		if !to.Expired() {
			t.Fatal("the orphan Timeout did not expire")
		}
	})
}

// busyFor runs without yielding for d, so the hub falls behind its timers meanwhile.
func busyFor(d time.Duration) {
	for start := time.Now(); time.Since(start) < d; {
	}
}

// TestTimeoutsExpiringInTheSameTurn: when two interruptions reach a parked greenthread before it
// runs again, the first one ends its wait and the second waits for its next park; neither is lost.
func TestTimeoutsExpiringInTheSameTurn(t *testing.T) {
	inGreen(t, func() {
		t1 := eventlet.NewTimeout(time.Millisecond)
		defer t1.Cancel()
		t2 := eventlet.NewTimeout(2 * time.Millisecond)
		defer t2.Cancel()
		eventlet.SpawnN(func() { busyFor(5 * time.Millisecond) }) // both deadlines pass meanwhile
		if r := catch(func() { eventlet.Sleep(time.Hour) }); r != any(t1) {
			t.Fatalf("the sleep ended with %v, want the first Timeout", r)
		}
		if r := catch(func() { eventlet.Sleep(time.Hour) }); r != any(t2) {
			t.Fatalf("the next sleep ended with %v, want the second Timeout", r)
		}
	})
}
