package hub

import (
	"errors"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// registeredPair makes a non-blocking socketpair, registers its first end with h and returns the
// PollDesc, that end and its peer. The test releases and closes them when it ends.
func registeredPair(t *testing.T, h *Hub) (pd *PollDesc, fd, peer int) {
	t.Helper()
	fds, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	pd, err = h.Register(fds[0])
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		pd.Release()
		unix.Close(fds[0])
		unix.Close(fds[1])
	})
	return pd, fds[0], fds[1]
}

// readFD reads from fd the way the fd layer does: try, and on EAGAIN wait for readiness.
func readFD(pd *PollDesc, fd int) (string, error) {
	buf := make([]byte, 64)
	for {
		if err := pd.Prepare(Read); err != nil {
			return "", err
		}
		n, err := unix.Read(fd, buf)
		if err == unix.EAGAIN {
			if err := pd.Wait(Read); err != nil {
				return "", err
			}
			continue
		}
		return string(buf[:max(n, 0)]), err
	}
}

// fillFD writes to fd until its socket buffer is full.
func fillFD(t *testing.T, fd int) {
	t.Helper()
	chunk := make([]byte, 64<<10)
	for {
		if _, err := unix.Write(fd, chunk); err == unix.EAGAIN {
			return
		} else if err != nil {
			t.Fatal(err)
		}
	}
}

// waitingOn reports whether a reader (writer) is parked on pd.
func waitingOn(pd *PollDesc, m Mode) bool {
	pd.mu.Lock()
	defer pd.mu.Unlock()
	return pd.side(m).waiter != nil
}

// fdCaller runs a wait on a PollDesc from one kind of caller and delivers its outcome.
type fdCaller struct {
	name string
	run  func(h *Hub, f func()) <-chan struct{}
}

var fdCallers = []fdCaller{
	{"greenlet", func(h *Hub, f func()) <-chan struct{} { return spawnIn(h, f).done }},
	{"goroutine", func(h *Hub, f func()) <-chan struct{} {
		done := make(chan struct{})
		go func() { defer close(done); f() }()
		return done
	}},
}

// forEachFDCaller runs body as a subtest for a greenlet caller and a plain goroutine caller.
func forEachFDCaller(t *testing.T, body func(t *testing.T, h *Hub, run func(f func()) <-chan struct{})) {
	for _, c := range fdCallers {
		t.Run(c.name, func(t *testing.T) {
			h := newTestHub(t)
			body(t, h, func(f func()) <-chan struct{} { return c.run(h, f) })
		})
	}
}

func TestPollDescReadinessWakesParkedReader(t *testing.T) {
	forEachFDCaller(t, func(t *testing.T, h *Hub, run func(func()) <-chan struct{}) {
		pd, fd, peer := registeredPair(t, h)
		var got string
		var err error
		done := run(func() { got, err = readFD(pd, fd) })
		pollUntil(t, "the reader to park", func() bool { return waitingOn(pd, Read) })
		unix.Write(peer, []byte("x"))
		waitDone(t, done, "the reader")
		if got != "x" || err != nil {
			t.Fatalf("read %q, %v", got, err)
		}
	})
}

func TestPollDescDataAlreadyThere(t *testing.T) {
	forEachFDCaller(t, func(t *testing.T, h *Hub, run func(func()) <-chan struct{}) {
		pd, fd, peer := registeredPair(t, h)
		unix.Write(peer, []byte("early"))
		var got string
		done := run(func() { got, _ = readFD(pd, fd) })
		waitDone(t, done, "the reader")
		if got != "early" {
			t.Fatalf("read %q", got)
		}
	})
}

// TestPollDescPastDeadline: a deadline in the past fails Prepare and Wait at once, on its side
// only; clearing it re-arms the side.
func TestPollDescPastDeadline(t *testing.T) {
	h := newTestHub(t)
	pd, fd, peer := registeredPair(t, h)
	pd.SetDeadline(Read, time.Now().Add(-time.Second))
	if err := pd.Prepare(Read); err != ErrDeadline {
		t.Fatalf("Prepare(Read) = %v, want ErrDeadline", err)
	}
	if err := pd.Wait(Read); err != ErrDeadline {
		t.Fatalf("Wait(Read) = %v, want ErrDeadline", err)
	}
	if err := pd.Prepare(Write); err != nil {
		t.Fatalf("Prepare(Write) = %v: the read deadline leaked to the write side", err)
	}
	pd.SetDeadline(Read, time.Time{})
	if err := pd.Prepare(Read); err != nil {
		t.Fatalf("Prepare(Read) after clearing the deadline = %v", err)
	}
	unix.Write(peer, []byte("y"))
	if got, err := readFD(pd, fd); got != "y" || err != nil {
		t.Fatalf("read %q, %v", got, err)
	}
	pd.SetDeadline(Both, time.Now().Add(-time.Second))
	if pd.Prepare(Read) != ErrDeadline || pd.Prepare(Write) != ErrDeadline {
		t.Fatal("SetDeadline(Both) in the past did not fail both sides")
	}
}

func TestPollDescPastDeadlineWakesParkedWaiter(t *testing.T) {
	forEachFDCaller(t, func(t *testing.T, h *Hub, run func(func()) <-chan struct{}) {
		pd, fd, _ := registeredPair(t, h)
		var err error
		done := run(func() { _, err = readFD(pd, fd) })
		pollUntil(t, "the reader to park", func() bool { return waitingOn(pd, Read) })
		pd.SetDeadline(Read, time.Now().Add(-time.Second))
		waitDone(t, done, "the reader")
		if err != ErrDeadline {
			t.Fatalf("the parked reader got %v, want ErrDeadline", err)
		}
	})
}

// TestPollDescDeadlineShortenedWhileParked: a parked reader with a distant deadline is woken when
// the deadline is moved close.
func TestPollDescDeadlineShortenedWhileParked(t *testing.T) {
	forEachFDCaller(t, func(t *testing.T, h *Hub, run func(func()) <-chan struct{}) {
		pd, fd, _ := registeredPair(t, h)
		pd.SetDeadline(Read, time.Now().Add(time.Hour))
		var err error
		done := run(func() { _, err = readFD(pd, fd) })
		pollUntil(t, "the reader to park", func() bool { return waitingOn(pd, Read) })
		const d = 20 * time.Millisecond
		start := time.Now()
		pd.SetDeadline(Read, start.Add(d))
		waitDone(t, done, "the reader")
		if err != ErrDeadline {
			t.Fatalf("the reader got %v, want ErrDeadline", err)
		}
		if el := time.Since(start); el < d {
			t.Fatalf("the deadline fired after %v, before %v", el, d)
		}
	})
}

// TestPollDescDeadlineExtendedWhileParked: moving a parked reader's deadline later cancels the
// earlier one.
func TestPollDescDeadlineExtendedWhileParked(t *testing.T) {
	forEachFDCaller(t, func(t *testing.T, h *Hub, run func(func()) <-chan struct{}) {
		pd, fd, peer := registeredPair(t, h)
		const d = 50 * time.Millisecond
		pd.SetDeadline(Read, time.Now().Add(d))
		var got string
		var err error
		done := run(func() { got, err = readFD(pd, fd) })
		pollUntil(t, "the reader to park", func() bool { return waitingOn(pd, Read) })
		pd.SetDeadline(Read, time.Now().Add(time.Hour))
		time.Sleep(3 * d) // the first deadline passes: it must not fire
		unix.Write(peer, []byte("z"))
		waitDone(t, done, "the reader")
		if got != "z" || err != nil {
			t.Fatalf("read %q, %v: the replaced deadline fired", got, err)
		}
	})
}

// TestPollDescEvictWakesEveryWaiter: Evict wakes the parked reader and the parked writer with
// ErrFDClosing, and every later wait fails the same way.
func TestPollDescEvictWakesEveryWaiter(t *testing.T) {
	h := newTestHub(t)
	pd, fd, _ := registeredPair(t, h)
	fillFD(t, fd)
	var rerr, werr error
	reader := spawnIn(h, func() { _, rerr = readFD(pd, fd) }).done
	writer := make(chan struct{})
	go func() {
		defer close(writer)
		for {
			if _, err := unix.Write(fd, []byte("w")); err != unix.EAGAIN {
				werr = err
				return
			}
			if werr = pd.Wait(Write); werr != nil {
				return
			}
		}
	}()
	pollUntil(t, "both to park", func() bool { return waitingOn(pd, Read) && waitingOn(pd, Write) })
	pd.Evict()
	pd.Evict() // a second Evict does nothing
	waitDone(t, reader, "the reader")
	waitDone(t, writer, "the writer")
	if rerr != ErrFDClosing || werr != ErrFDClosing {
		t.Fatalf("reader %v, writer %v, want ErrFDClosing for both", rerr, werr)
	}
	if pd.Prepare(Read) != ErrFDClosing || pd.Wait(Write) != ErrFDClosing {
		t.Fatal("waits after Evict do not fail with ErrFDClosing")
	}
}

// TestPollDescNotifyReadableRunsOnce: the callback runs once, in the hub's context, when the fd
// becomes readable — not again for more data — and at once when it already is.
func TestPollDescNotifyReadableRunsOnce(t *testing.T) {
	h := newTestHub(t)
	pd, _, peer := registeredPair(t, h)
	calls := 0 // touched only in the hub's context
	var inContext bool
	first := make(chan struct{})
	pd.NotifyReadable(func() {
		calls++
		inContext = h.InContext()
		close(first)
	})
	unix.Write(peer, []byte("1"))
	waitDone(t, first, "the callback")
	unix.Write(peer, []byte("2"))
	unix.Write(peer, []byte("3"))
	// The fd is readable now, so a new callback runs at once; by the time it has run, the hub
	// has seen the edges of the later writes too.
	again := make(chan struct{})
	pd.NotifyReadable(func() { close(again) })
	waitDone(t, again, "the callback registered while readable")
	inHub(t, h, func() {
		if calls != 1 || !inContext {
			t.Errorf("first callback ran %d times (in the hub's context: %v), want once", calls, inContext)
		}
	})
}

func TestPollDescNotifyReadableReplaced(t *testing.T) {
	h := newTestHub(t)
	pd, _, peer := registeredPair(t, h)
	var ran []string
	done := make(chan struct{})
	pd.NotifyReadable(func() { ran = append(ran, "old") })
	pd.NotifyReadable(func() { ran = append(ran, "new"); close(done) })
	unix.Write(peer, []byte("x"))
	waitDone(t, done, "the callback")
	inHub(t, h, func() {
		if len(ran) != 1 || ran[0] != "new" {
			t.Errorf("ran %v, want only the replacement", ran)
		}
	})
}

// TestPollDescEvictRunsPendingNotify: an idle connection waiting through NotifyReadable learns
// of its close.
func TestPollDescEvictRunsPendingNotify(t *testing.T) {
	h := newTestHub(t)
	pd, _, _ := registeredPair(t, h)
	done := make(chan struct{})
	pd.NotifyReadable(func() { close(done) })
	pd.Evict()
	waitDone(t, done, "the callback on Evict")
	after := make(chan struct{})
	pd.NotifyReadable(func() { close(after) })
	waitDone(t, after, "a callback registered after Evict")
}

// TestPollDescReleaseThenReuse: after Release the fd can be registered again (the fd layer closes
// and the kernel reuses numbers), and events reach only the new PollDesc.
func TestPollDescReleaseThenReuse(t *testing.T) {
	h := newTestHub(t)
	for range 3 {
		pd, fd, peer := registeredPair(t, h)
		unix.Write(peer, []byte("r"))
		if got, err := readFD(pd, fd); got != "r" || err != nil {
			t.Fatalf("read %q, %v", got, err)
		}
	}
	fds, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(fds[0])
	defer unix.Close(fds[1])
	pd, err := h.Register(fds[0])
	if err != nil {
		t.Fatal(err)
	}
	pd.Release()
	if err := pd.Prepare(Read); !errors.Is(err, ErrFDClosing) {
		t.Fatalf("Prepare after Release = %v", err)
	}
	pd2, err := h.Register(fds[0])
	if err != nil {
		t.Fatalf("registering a released fd again: %v", err)
	}
	defer pd2.Release()
	unix.Write(fds[1], []byte("again"))
	if got, err := readFD(pd2, fds[0]); got != "again" || err != nil {
		t.Fatalf("read %q, %v", got, err)
	}
}
