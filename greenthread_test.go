package eventlet_test

import (
	"errors"
	"testing"

	"github.com/eventlet-go/eventlet"
)

// assertKilled checks what eventlet's assert_dead checks: Wait reports ErrGreenletExit and the
// greenthread is dead.
func assertKilled[T any](t *testing.T, gt *eventlet.GreenThread[T]) {
	t.Helper()
	if _, err := gt.Wait(); !errors.Is(err, eventlet.ErrGreenletExit) {
		t.Fatalf("Wait after Kill: %v, want ErrGreenletExit", err)
	}
	if !gt.Dead() {
		t.Fatal("not dead after Kill")
	}
}

// TestKillInSleepZero: a greenthread parked in Sleep(0) is killed at that Sleep, not one step
// later.
func TestKillInSleepZero(t *testing.T) {
	inGreen(t, func() {
		steps := 0
		gt := eventlet.Spawn(func() int {
			for {
				eventlet.Sleep(0)
				steps++
			}
		})
		eventlet.Sleep(0) // gt runs up to its first Sleep(0) and is queued to run again
		gt.Kill()
		assertKilled(t, gt)
		if steps != 0 {
			t.Fatalf("the greenthread took %d steps after Kill", steps)
		}
	})
}
