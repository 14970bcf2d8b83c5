package hub

import (
	"bytes"
	"log"
	"runtime"
	"sync/atomic"
	"time"
)

// Report describes a greenlet that ran too long without yielding to its hub.
type Report struct {
	// Running is how long the greenlet had been running when it was caught.
	Running time.Duration
	// Stack is the stack of the goroutine running the greenlet (several, in the rare case that
	// more than one greenlet of the process is stuck at once).
	Stack string
}

// detector watches a hub from a goroutine of its own: the hub counts resumptions (only when the
// detector is on), and a greenlet still running after threshold gets reported, once per stall.
type detector struct {
	h         *Hub
	threshold time.Duration
	report    func(Report)
	resumes   atomic.Uint64
	since     atomic.Int64 // hub clock when the running greenlet was resumed; 0 while none runs
	done      chan struct{}
}

func startDetector(h *Hub, threshold time.Duration, report func(Report)) *detector {
	if report == nil {
		report = func(r Report) {
			log.Printf("eventlet: a greenlet has been running for %v without yielding to the hub:\n%s", r.Running, r.Stack)
		}
	}
	d := &detector{h: h, threshold: threshold, report: report, done: make(chan struct{})}
	go d.watch()
	return d
}

func (d *detector) enter() {
	d.resumes.Add(1)
	d.since.Store(nanotime())
}

func (d *detector) leave() { d.since.Store(0) }

func (d *detector) stop() { close(d.done) }

func (d *detector) watch() {
	tick := time.NewTicker(d.threshold / 4)
	defer tick.Stop()
	var reported uint64
	for {
		select {
		case <-d.done:
			return
		case <-tick.C:
		}
		since := d.since.Load()
		n := d.resumes.Load()
		if since == 0 || n == reported {
			continue
		}
		running := time.Duration(nanotime() - since)
		if running < d.threshold {
			continue
		}
		reported = n
		d.report(Report{Running: running, Stack: stuckStacks()})
	}
}

// stuckStacks returns the stacks of the goroutines running greenlets that are not parked: a
// parked greenlet's goroutine waits in a coroutine switch, the stuck one does anything else.
func stuckStacks() string {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	var out []byte
	for _, g := range bytes.Split(buf, []byte("\n\n")) {
		if bytes.Contains(g, []byte("internal/coro.(*worker).loop")) && !bytes.Contains(g, []byte("[coroutine")) {
			out = append(out, g...)
			out = append(out, "\n\n"...)
		}
	}
	return string(bytes.TrimSpace(out))
}
