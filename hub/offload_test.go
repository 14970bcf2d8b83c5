package hub

import (
	"errors"
	"strings"
	"testing"

	"github.com/eventlet-go/eventlet/internal/gid"
)

func TestOffloadResult(t *testing.T) {
	h := newTestHub(t)
	var v int
	var err error
	ft := spawnIn(h, func() { err = Offload(func() { v = 42 }) })
	waitDone(t, ft.done, "the greenlet")
	if v != 42 || err != nil {
		t.Fatalf("Offload: %v, %v", v, err)
	}
}

// TestOffloadRunsOnAnotherGoroutine: from a greenlet the function runs off the hub's goroutines;
// from a plain goroutine it is simply called.
func TestOffloadRunsOnAnotherGoroutine(t *testing.T) {
	h := newTestHub(t)
	var caller, runner uintptr
	ft := spawnIn(h, func() {
		caller = gid.Get()
		Offload(func() { runner = gid.Get() })
	})
	waitDone(t, ft.done, "the greenlet")
	if caller == runner {
		t.Fatal("the offloaded function ran on the greenlet's goroutine")
	}
	me := gid.Get()
	Offload(func() { runner = gid.Get() })
	if runner != me {
		t.Fatal("from a plain goroutine, Offload did not just call the function")
	}
}

func offloadedPanic() { panic("offloaded boom") }

func TestOffloadPanic(t *testing.T) {
	h := newTestHub(t)
	var err error
	ft := spawnIn(h, func() { err = Offload(offloadedPanic) })
	waitDone(t, ft.done, "the greenlet")
	var op *OffloadPanic
	if !errors.As(err, &op) || op.Value != "offloaded boom" {
		t.Fatalf("Offload = %v, want an *OffloadPanic carrying the value", err)
	}
	if !strings.Contains(string(op.Stack), "offloadedPanic") {
		t.Fatalf("the panic's stack does not name the function:\n%s", op.Stack)
	}
}

// TestOffloadDoesNotStallTheHub: the offloaded call blocks until another greenlet of the same hub
// releases it; a hub stalled by the call would deadlock.
func TestOffloadDoesNotStallTheHub(t *testing.T) {
	h := newTestHub(t)
	release := make(chan struct{})
	ticks := 0
	var seen int
	ft := spawnIn(h, func() {
		spawnIn(h, func() {
			for range 10 {
				ticks++
				Current().Yield()
			}
			close(release)
		})
		Offload(func() { <-release; seen = ticks })
	})
	waitDone(t, ft.done, "the offloading greenlet")
	if seen != 10 {
		t.Fatalf("the offloaded call saw %d ticks", seen)
	}
}

// TestOffloadInterrupted: an interruption ends the greenlet's wait; the function runs on, and its
// late completion does not disturb the greenlet's next wait.
func TestOffloadInterrupted(t *testing.T) {
	h := newTestHub(t)
	errStop := errors.New("stop")
	release := make(chan struct{})
	finished := make(chan struct{})
	entered := make(chan struct{})
	var first, second error
	var task *Task
	ft := spawnIn(h, func() {
		task = Current()
		first = Offload(func() { close(entered); <-release; close(finished) })
		w := Prepare()
		second = w.Park(Now() + 20e6)
		w.Release()
	})
	<-entered
	h.Throw(task.Ref(), errStop)
	inHub(t, h, func() {}) // the Throw has reached the hub (its inbox is FIFO)
	close(release)
	waitDone(t, finished, "the offloaded call")
	waitDone(t, ft.done, "the greenlet")
	if first != errStop {
		t.Fatalf("the interrupted Offload returned %v", first)
	}
	if second != ErrTimeout {
		t.Fatalf("the next wait ended with %v: the late completion woke it", second)
	}
}
