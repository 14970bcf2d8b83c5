package hub

import (
	"bytes"
	"log"
	"sync"
	"testing"
	"time"
)

// hangAfter bounds every wait a test makes for something that must happen, turning a deadlock
// into a failure.
const hangAfter = 10 * time.Second

// fnTask is a Task that runs a plain function: the smallest greenthread a test can start.
type fnTask struct {
	Task
	f    func()
	done chan struct{} // closed when f has returned, panicked or called runtime.Goexit
}

func (ft *fnTask) RunTask() {
	defer close(ft.done)
	ft.f()
}

// spawnIn starts f as a greenlet of h.
func spawnIn(h *Hub, f func()) *fnTask {
	ft := &fnTask{f: f, done: make(chan struct{})}
	ft.Init(h, ft)
	h.Start(&ft.Task)
	return ft
}

// newTestHub starts a hub that the test closes when it ends.
func newTestHub(t *testing.T, opts ...Option) *Hub {
	t.Helper()
	h, err := New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := h.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return h
}

// waitDone waits for ch to be closed, failing the test after hangAfter.
func waitDone(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(hangAfter):
		t.Fatalf("still waiting after %v for %s", hangAfter, what)
	}
}

// inHub runs f in the context of h (its own goroutine, between greenlets) and waits for it.
func inHub(t *testing.T, h *Hub, f func()) {
	t.Helper()
	done := make(chan struct{})
	h.Call(func() { defer close(done); f() })
	waitDone(t, done, "a call in the hub's context")
}

// pollUntil polls cond until it holds, failing the test after hangAfter: for states that no
// event announces, such as a greenlet having parked.
func pollUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(hangAfter)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("still waiting after %v for %s", hangAfter, what)
		}
		time.Sleep(50 * time.Microsecond)
	}
}

// captureLog collects what the standard logger prints until the returned function is called,
// which restores the logger and returns the text.
func captureLog() func() string {
	var mu sync.Mutex
	var buf bytes.Buffer
	old := log.Writer()
	log.SetOutput(lockedWriter{&mu, &buf})
	return func() string {
		log.SetOutput(old)
		mu.Lock()
		defer mu.Unlock()
		return buf.String()
	}
}

type lockedWriter struct {
	mu  *sync.Mutex
	buf *bytes.Buffer
}

func (w lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}
