package eventlet_test

import (
	"testing"
	"time"

	"github.com/eventlet-go/eventlet"
)

// catch runs f and returns what it panicked with (nil if it returned): Python's try/except around
// a with-block.
func catch(f func()) any { return recovered(f) }

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
