package hub

import (
	"errors"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/eventlet-go/eventlet/internal/coro"
)

// openFDs counts the process's open file descriptors.
func openFDs(t *testing.T) int {
	t.Helper()
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skipf("cannot count fds: %v", err)
	}
	return len(ents)
}

// closeWithin closes h, failing the test if Close has not returned after hangAfter.
func closeWithin(t *testing.T, h *Hub) error {
	t.Helper()
	res := make(chan error, 1)
	go func() { res <- h.Close() }()
	select {
	case err := <-res:
		return err
	case <-time.After(hangAfter):
		t.Fatalf("Close still running after %v", hangAfter)
		return nil
	}
}

// TestCloseIdleHub: Close of a hub with nothing to do returns (the call that sets it closing
// arrives through the inbox, and the hub must not go back to sleep after running it).
func TestCloseIdleHub(t *testing.T) {
	for _, busy := range []bool{false, true} {
		h, err := New()
		if err != nil {
			t.Fatal(err)
		}
		if busy {
			inHub(t, h, func() {})
		}
		if err := closeWithin(t, h); err != nil {
			t.Fatalf("Close: %v", err)
		}
	}
}

// TestNewCloseReleasesDescriptors: a hub holds its epoll and eventfd descriptors and Close gives
// them back.
func TestNewCloseReleasesDescriptors(t *testing.T) {
	before := openFDs(t)
	var hubs []*Hub
	for range 10 {
		h, err := New()
		if err != nil {
			t.Fatal(err)
		}
		hubs = append(hubs, h)
	}
	if n := openFDs(t) - before; n != 20 {
		t.Fatalf("ten hubs opened %d descriptors, want 20 (epoll and eventfd each)", n)
	}
	for _, h := range hubs {
		spawnIn(h, func() { Current().Sleep(Now() + int64(time.Hour)) })
		if err := closeWithin(t, h); err != nil {
			t.Fatal(err)
		}
	}
	if n := openFDs(t) - before; n != 0 {
		t.Fatalf("%d descriptors left open after Close", n)
	}
}

// TestCloseKillsWhatIsLeft: every greenlet still alive gets ErrGreenletExit at its park point —
// again if it catches it and parks once more — and Close returns when all have finished.
func TestCloseKillsWhatIsLeft(t *testing.T) {
	h, err := New()
	if err != nil {
		t.Fatal(err)
	}
	sleeper := make(chan error, 1)
	s := spawnIn(h, func() { sleeper <- Current().Sleep(Now() + int64(time.Hour)) })
	waiter := make(chan error, 1)
	w := spawnIn(h, func() {
		wt := Prepare()
		waiter <- wt.Park(0)
		wt.Release()
	})
	var stubborn []error
	st := spawnIn(h, func() {
		for range 3 {
			stubborn = append(stubborn, Current().Sleep(Now()+int64(time.Hour)))
		}
	})
	yielder := spawnIn(h, func() {
		for Current().Yield() == nil {
		}
	})
	inHub(t, h, func() {}) // let them all park
	if err := closeWithin(t, h); err != nil {
		t.Fatal(err)
	}
	for _, ft := range []*fnTask{s, w, st, yielder} {
		select {
		case <-ft.done:
		default:
			t.Fatal("Close returned with a greenlet still alive")
		}
	}
	if err := <-sleeper; !errors.Is(err, coro.ErrGreenletExit) {
		t.Errorf("sleeper woke with %v", err)
	}
	if err := <-waiter; !errors.Is(err, coro.ErrGreenletExit) {
		t.Errorf("waiter woke with %v", err)
	}
	if len(stubborn) != 3 {
		t.Errorf("a greenlet that caught the exit twice was interrupted %d times, want 3", len(stubborn))
	}
	for _, err := range stubborn {
		if !errors.Is(err, coro.ErrGreenletExit) {
			t.Errorf("stubborn greenlet woke with %v", err)
		}
	}
}

func TestCloseRefusals(t *testing.T) {
	if err := Default().Close(); err == nil {
		t.Error("Close of the default hub succeeded")
	}
	h := newTestHub(t)
	res := make(chan error, 1)
	ft := spawnIn(h, func() { res <- h.Close() })
	waitDone(t, ft.done, "the greenlet")
	if err := <-res; err == nil {
		t.Error("Close from inside the hub succeeded")
	}
}

// TestCurrentAndCurrentHub: a greenlet knows its task and hub; a plain goroutine has neither.
func TestCurrentAndCurrentHub(t *testing.T) {
	if Current() != nil || CurrentHub() != nil {
		t.Fatal("a plain goroutine has a current task or hub")
	}
	h := newTestHub(t)
	var task *Task
	var in *Hub
	ft := spawnIn(h, func() { task, in = Current(), CurrentHub() })
	waitDone(t, ft.done, "the greenlet")
	if task != &ft.Task || in != h || task.Hub() != h {
		t.Fatalf("in a greenlet: task %p hub %p, want %p %p", task, in, &ft.Task, h)
	}
	inHub(t, h, func() {
		if Current() != nil || CurrentHub() != h || !h.InContext() {
			t.Errorf("in the hub's own context: task %v, hub %p", Current(), CurrentHub())
		}
	})
	if h.InContext() {
		t.Fatal("a plain goroutine is in the hub's context")
	}
}

// TestPanicEndsOnlyThatGreenlet: a greenlet that panics dies alone; the hub logs it and goes on
// serving the others.
func TestPanicEndsOnlyThatGreenlet(t *testing.T) {
	h := newTestHub(t)
	stop := captureLog()
	sleeper := spawnIn(h, func() { Current().Sleep(Now() + int64(5*time.Millisecond)) })
	p := spawnIn(h, func() { panic("boom in a raw task") })
	waitDone(t, p.done, "the panicking greenlet")
	waitDone(t, sleeper.done, "the sleeper")
	next := spawnIn(h, func() {})
	waitDone(t, next.done, "a greenlet started after the panic")
	out := stop()
	if !strings.Contains(out, "boom in a raw task") {
		t.Fatalf("log = %q, want the panic", out)
	}
}

// TestGoexitEndsOnlyThatGreenlet: runtime.Goexit in a greenlet ends it, not the hub's goroutine.
func TestGoexitEndsOnlyThatGreenlet(t *testing.T) {
	h := newTestHub(t)
	sleeper := spawnIn(h, func() { Current().Sleep(Now() + int64(5*time.Millisecond)) })
	for range 3 { // and again, on whatever goroutine the hub runs on now
		g := spawnIn(h, func() { runtime.Goexit() })
		waitDone(t, g.done, "the greenlet calling Goexit")
	}
	waitDone(t, sleeper.done, "the sleeper")
	next := spawnIn(h, func() {})
	waitDone(t, next.done, "a greenlet started after the Goexit")
	inHub(t, h, func() {})
}
