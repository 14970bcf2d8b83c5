package hub

import (
	"bytes"
	"log"
	"strings"
	"sync"
	"testing"

	"github.com/eventlet-go/eventlet/internal/coro"
)

func TestGoRunsInAGreenthreadOfTheCallersHub(t *testing.T) {
	type where struct {
		task *Task
		hub  *Hub
	}
	got := make(chan where, 2)
	Go(func() {
		got <- where{Current(), CurrentHub()}
		Go(func() { got <- where{Current(), CurrentHub()} })
	})
	outer, inner := <-got, <-got
	if outer.task == nil || outer.hub != Default() {
		t.Fatalf("from a goroutine: task %p on hub %p, want a greenthread of the default hub", outer.task, outer.hub)
	}
	if inner.task == nil || inner.task == outer.task || inner.hub != outer.hub {
		t.Fatalf("from a greenthread: task %p on hub %p, want a new greenthread on hub %p", inner.task, inner.hub, outer.hub)
	}

	h, err := New() // lives on for the rest of the test binary
	if err != nil {
		t.Fatal(err)
	}
	h.Call(func() { Go(func() { got <- where{Current(), CurrentHub()} }) })
	if w := <-got; w.task == nil || w.hub != h {
		t.Fatalf("from another hub's context: ran on hub %p, want %p", w.hub, h)
	}
}

// logged captures the standard logger's output while f runs and f's greenthreads finish.
func logged(t *testing.T, f func(done func())) string {
	t.Helper()
	var buf bytes.Buffer
	var mu sync.Mutex
	defer log.SetOutput(log.Writer())
	log.SetOutput(writerFunc(func(p []byte) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		return buf.Write(p)
	}))
	finished := make(chan struct{})
	f(func() { close(finished) })
	<-finished
	mu.Lock()
	defer mu.Unlock()
	return buf.String()
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

func TestGoLogsAPanicAndTheHubCarriesOn(t *testing.T) {
	out := logged(t, func(done func()) {
		Go(func() { panic("boom in a greenthread") })
		Go(done) // the hub is still running greenthreads after the panic
	})
	if !strings.Contains(out, "boom in a greenthread") || !strings.Contains(out, "gofunc_test.go") {
		t.Fatalf("log = %q, want the panic value and its stack", out)
	}
}

func TestGoEndsQuietlyOnGreenletExit(t *testing.T) {
	out := logged(t, func(done func()) {
		Go(func() { panic(coro.ErrGreenletExit) })
		Go(done)
	})
	if out != "" {
		t.Fatalf("log = %q, want nothing for ErrGreenletExit", out)
	}
}
