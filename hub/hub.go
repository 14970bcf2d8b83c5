package hub

import (
	"errors"
	"fmt"
	"log"
	"os"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/eventlet-go/eventlet/internal/coro"
)

// ErrClosed is returned by operations on a closed hub.
var ErrClosed = errors.New("hub: closed")

// pollEvery is how many loop turns may pass, while greenlets keep being ready, before the hub
// looks at epoll anyway; looking on every turn made Sleep(0) 3.5 times slower in the prototype.
const pollEvery = 256

// Hub is an event loop running greenlets on one goroutine.
type Hub struct {
	tree  *coro.Tree
	poll  *poller
	runq  runq
	timer timerHeap
	in    inbox
	fds   fdTable

	// soon holds calls to run in the hub's own context (on the root, between greenlets).
	soon, soonSpare []func()
	readySpare      []*Task
	free            []*Task // finished pooled tasks, for NewTask
	callSpare       []func()

	sleeping atomic.Bool // blocked (or about to block) in epoll: wake it through the eventfd
	// spinning: the last idle spell ended within opts.spin, so the next one polls before it
	// sleeps (see block).
	spinning bool
	turns    uint64
	live     taskList
	closing  bool
	closed   chan struct{}
	detect   *detector
	opts     options
}

// Option configures a hub.
type Option func(*options)

type options struct {
	maxIdle     int
	spin        time.Duration
	blockAfter  time.Duration
	blockReport func(Report)
}

// WithMaxIdle sets how many finished greenlet coroutines the hub keeps for reuse (default 256).
func WithMaxIdle(n int) Option { return func(o *options) { o.maxIdle = n } }

// DefaultSpin is how long a hub polls for events before it sleeps, when its events have been
// coming that close together (see WithSpin).
const DefaultSpin = 50 * time.Microsecond

// WithSpin sets how long the hub, with nothing to run, keeps polling epoll before it sleeps in
// epoll_wait (default DefaultSpin; 0 never polls). It polls only while its idle spells have been
// ending within d, so an idle hub sleeps at once, and a busy one trades that CPU time for the
// wake-up latency of a sleeping processor (tens of microseconds on a virtual machine): a
// request/response connection served back to back answers about twice as many requests per
// second.
func WithSpin(d time.Duration) Option { return func(o *options) { o.spin = max(d, 0) } }

// WithBlockDetector reports every greenlet that runs longer than threshold without yielding to
// the hub. A nil report logs the report to the standard logger.
func WithBlockDetector(threshold time.Duration, report func(Report)) Option {
	return func(o *options) { o.blockAfter, o.blockReport = threshold, report }
}

// New starts a hub on a goroutine of its own.
func New(opts ...Option) (*Hub, error) {
	o := options{maxIdle: coro.DefaultMaxIdle, spin: DefaultSpin}
	for _, opt := range opts {
		opt(&o)
	}
	p, err := newPoller()
	if err != nil {
		return nil, fmt.Errorf("hub: %w", err)
	}
	h := &Hub{poll: p, opts: o, closed: make(chan struct{})}
	started := make(chan struct{})
	go h.run(started)
	<-started
	if o.blockAfter > 0 {
		h.detect = startDetector(h, o.blockAfter, o.blockReport)
	}
	registerHub(h)
	return h, nil
}

var (
	defaultHub  *Hub
	defaultOnce sync.Once
)

// Default returns the process's default hub, starting it on first use. EVENTLET_BLOCK_DETECT
// (a duration such as 100ms) turns its blocking detector on; EVENTLET_SPIN (a duration, 0 for
// none) sets its WithSpin.
func Default() *Hub {
	defaultOnce.Do(func() {
		var opts []Option
		if d, ok := envDuration("EVENTLET_BLOCK_DETECT", "a positive duration such as 100ms", false); ok {
			opts = append(opts, WithBlockDetector(d, nil))
		}
		if d, ok := envDuration("EVENTLET_SPIN", "a duration such as 50us, or 0", true); ok {
			opts = append(opts, WithSpin(d))
		}
		h, err := New(opts...)
		if err != nil {
			panic(fmt.Sprintf("eventlet: cannot start the default hub: %v", err))
		}
		defaultHub = h
	})
	return defaultHub
}

// envDuration reads the duration in the environment variable name; ok is false when it is unset
// or not a duration that is positive (or zero, if zeroOK), which is logged with want.
func envDuration(name, want string, zeroOK bool) (d time.Duration, ok bool) {
	s := os.Getenv(name)
	if s == "" {
		return 0, false
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 || (d == 0 && !zeroOK) {
		log.Printf("eventlet: ignoring %s=%q: want %s", name, s, want)
		return 0, false
	}
	return d, true
}

// run is the hub goroutine: it becomes the root of the hub's greenlet tree and loops. If the loop
// goroutine is ever torn down by runtime.Goexit, a new one takes over; the loop's state lives in
// the Hub, not on this goroutine's stack.
func (h *Hub) run(started chan struct{}) {
	h.tree = coro.NewRoot(h.opts.maxIdle)
	close(started)
	for !h.closing {
		h.turn()
	}
	h.shutdown()
}

// turn runs one loop iteration: the ready batch, the inbox, due timers, epoll.
func (h *Hub) turn() {
	// Resume the ready batch. The loop resumes each task itself, not through a helper: every
	// frame between it and the coroutine switch costs a mispredicted return after the switch.
	for n := h.runq.len(); n > 0; n-- {
		t := h.runq.pop()
		if !t.parked {
			continue // a stale entry: t was resumed some other way since it was queued
		}
		t.parked = false
		if h.detect != nil {
			h.resumeWatched(t)
		} else if k := coro.ResumeWake(h.tree, t.g); k != coro.Wake {
			h.returned(t, k)
		}
	}
	h.runSoon()
	if h.in.pending.Load() {
		h.drainInbox()
	}
	h.fireTimers()
	h.turns++
	switch {
	case h.closing:
		// Close came in with this turn's calls: end the loop (or go on shutting down) rather
		// than block in epoll with nothing left to wake the hub.
	case h.runq.len() == 0 && len(h.soon) == 0:
		h.block()
	case h.turns%pollEvery == 0:
		h.pollOnce(0)
		// A hub that always has greenlets ready never blocks, and its goroutine would keep the
		// processor until the runtime preempts it: let other goroutines (foreign waiters, and
		// the garbage collector's mark worker, which otherwise leaves write barriers on for
		// milliseconds) have it now and then.
		runtime.Gosched()
	}
}

// resumeWatched resumes t under the block detector.
func (h *Hub) resumeWatched(t *Task) {
	h.detect.enter()
	k := coro.ResumeWake(h.tree, t.g)
	h.detect.leave()
	if k != coro.Wake {
		h.returned(t, k)
	}
}

// returned handles t handing the hub something other than a park: it finished (or a raw
// greenlet switch came back to the hub).
func (h *Hub) returned(t *Task, k coro.Kind) {
	h.received(k)
	h.recycle(t)
}

// received handles what a greenlet handed the hub besides a park: a finished greenthread's return
// value, or a raw greenlet's panic or Goexit whose parent chain ended at the hub.
func (h *Hub) received(k coro.Kind) {
	x := coro.TakeTransfer(h.tree)
	if k == coro.Raise {
		// Only greenlets made with the greenlet package can get here (greenthreads recover their
		// own panics): one of them died of a panic and its parent chain ended at the hub.
		log.Printf("eventlet: greenlet panicked and its parent is the hub: %v", x.V)
	}
}

// block waits in epoll until something happens or the next timer is due. While idle spells have
// been short it polls for up to opts.spin first, and sleeps only if that finds nothing.
func (h *Hub) block() {
	if t := h.timer.first(); t != nil && t.when <= nanotime() {
		return
	}
	// Let goroutines this turn made runnable (foreign waiters) have the processor first: the
	// runtime takes it back from a goroutine blocked in a syscall only lazily.
	runtime.Gosched()
	idle := nanotime()
	if h.spinning && h.spin(idle) {
		return
	}
	timeout := int64(-1)
	if t := h.timer.first(); t != nil {
		if timeout = t.when - nanotime(); timeout <= 0 {
			return
		}
	}
	h.sleeping.Store(true)
	if !h.in.pending.Load() && h.pollOnce(timeout) > 0 && h.opts.spin > 0 {
		h.spinning = nanotime()-idle < int64(h.opts.spin)
	}
	h.sleeping.Store(false)
}

// spin polls epoll without sleeping until an event, a call from another goroutine or a timer
// comes, or opts.spin has passed since idle began; it reports whether something came.
func (h *Hub) spin(idle int64) bool {
	end := idle + int64(h.opts.spin)
	for {
		if h.pollOnce(0) > 0 || h.in.pending.Load() {
			return true
		}
		now := nanotime()
		if t := h.timer.first(); t != nil && t.when <= now {
			return true
		}
		if now >= end {
			return false
		}
	}
}

// pollOnce waits for epoll events up to timeout nanoseconds, dispatches them, and returns how
// many there were.
func (h *Hub) pollOnce(timeout int64) int {
	n, err := h.poll.wait(timeout)
	if err != nil {
		log.Printf("eventlet: epoll_wait: %v", err)
		return 0
	}
	for i := range n {
		token, r, w, sticky := h.poll.event(i)
		if token == 0 {
			h.poll.drainWake()
			continue
		}
		if pd := h.fds.lookup(token); pd != nil {
			pd.ready(r, w, sticky)
		}
	}
	return n
}

// fireTimers runs the handlers of the timers that are due.
func (h *Hub) fireTimers() {
	if h.timer.first() == nil {
		return
	}
	now := nanotime()
	for t := h.timer.first(); t != nil && t.when <= now; t = h.timer.first() {
		h.timer.remove(t)
		callSafely(t.h.OnTimer)
	}
}

func (h *Hub) drainInbox() {
	ready, calls := h.in.take(h.readySpare[:0], h.callSpare[:0])
	for i, t := range ready {
		h.runq.push(t)
		ready[i] = nil
	}
	for i, f := range calls {
		callSafely(f)
		calls[i] = nil
	}
	h.readySpare, h.callSpare = ready, calls
}

func (h *Hub) runSoon() {
	if len(h.soon) == 0 {
		return
	}
	calls := h.soon
	h.soon = h.soonSpare[:0]
	for i, f := range calls {
		callSafely(f)
		calls[i] = nil
	}
	h.soonSpare = calls
}

// callSafely runs a callback on the hub's goroutine (a timer handler, a Call, a readiness
// notification): a panic in it is logged and the loop carries on, as eventlet's hub does.
// Callbacks must not call runtime.Goexit, which would end the hub's goroutine.
func callSafely(f func()) {
	defer func() {
		if r := recover(); r != nil {
			log.Printf("eventlet: a hub callback panicked: %v\n%s", r, debug.Stack())
		}
	}()
	f()
}

// InContext reports whether the caller is the hub's goroutine or one of its greenlets: the
// callers that may touch hub-owned state directly.
func (h *Hub) InContext() bool { return h.tree.Running() }

// Call runs f in the hub's context: at once if the caller is in it, otherwise on the hub's
// goroutine between greenlets (and Call returns without waiting). f must not block.
func (h *Hub) Call(f func()) {
	if h.tree.Running() {
		f()
		return
	}
	h.post(f)
}

// post queues f to run on the hub's goroutine.
func (h *Hub) post(f func()) {
	if h.tree.Running() {
		h.soon = append(h.soon, f)
		return
	}
	h.in.pushCall(f)
	h.notify()
}

// notify wakes the hub if it is blocked in epoll.
func (h *Hub) notify() {
	if h.sleeping.Load() && h.sleeping.CompareAndSwap(true, false) {
		h.poll.wake()
	}
}

// ready makes a parked task runnable.
func (h *Hub) ready(t *Task) {
	if h.tree.Running() {
		h.runq.push(t)
		return
	}
	h.in.pushReady(t)
	h.notify()
}

// Start schedules a task made with Init or NewTask to begin running. Any goroutine may call it.
func (h *Hub) Start(t *Task) { h.ready(t) }

// exited is called by a task's greenlet as it finishes, however it finishes.
func (h *Hub) exited(t *Task) { h.live.remove(t) }

// Throw interrupts the task ref names with err, in its hub's context: if it is parked in a wait,
// the wait returns err; otherwise err is raised at its next park. A task that has finished (or
// been reused since ref was taken) is left alone. Any goroutine may call it.
func (h *Hub) Throw(ref TaskRef, err error) {
	if !h.tree.Running() {
		h.post(func() { h.Throw(ref, err) })
		return
	}
	t := ref.Task()
	if t == nil || t.g.Dead() || !t.g.Started() {
		return
	}
	if t.parked && t.interrupt(err) {
		return
	}
	if !t.parked && coro.TreeOf(t.g).Current() != t.g {
		// Suspended by a raw greenlet switch: raise into it from the hub, like eventlet's kill.
		h.soon = append(h.soon, func() {
			if ref.Task() == t && !t.parked && !t.g.Dead() && coro.TreeOf(t.g).Current() != t.g {
				coro.Resume(h.tree, t.g, coro.Transfer{Kind: coro.Raise, V: err})
			}
		})
		return
	}
	t.pending = err
}

// AddTimer schedules t to fire at when (hub clock). Hub context only.
func (h *Hub) AddTimer(t *Timer, when int64) { h.timer.add(t, when) }

// RemoveTimer cancels t if it is pending. Hub context only.
func (h *Hub) RemoveTimer(t *Timer) { h.timer.remove(t) }

// Close stops a hub made with New: every greenlet still alive gets ErrGreenletExit raised at its
// park point, the loop exits once they are gone, and the epoll and eventfd descriptors are closed.
// Close waits for all that and must not be called from the hub's own greenlets.
func (h *Hub) Close() error {
	if h == defaultHub {
		return errors.New("hub: the default hub cannot be closed")
	}
	if h.tree.Running() {
		return errors.New("hub: Close called from inside the hub")
	}
	h.post(func() { h.closing = true })
	<-h.closed
	return nil
}

// shutdown kills what is left and releases the hub's descriptors.
func (h *Hub) shutdown() {
	// Tasks join the live list when they first park; the ones still queued to run get their turn
	// here, and whatever parks is killed.
	for h.live.head != nil || h.runq.len() > 0 || len(h.soon) > 0 || h.in.pending.Load() {
		for t := h.live.head; t != nil; t = t.next {
			h.Throw(t.Ref(), coro.ErrGreenletExit)
		}
		h.turn()
	}
	unregisterHub(h)
	coro.Unregister(h.tree)
	if h.detect != nil {
		h.detect.stop()
	}
	h.poll.close()
	close(h.closed)
}

// taskList is an intrusive list of live tasks.
type taskList struct{ head *Task }

func (l *taskList) add(t *Task) {
	t.prev, t.next, t.live = nil, l.head, true
	if l.head != nil {
		l.head.prev = t
	}
	l.head = t
}

func (l *taskList) remove(t *Task) {
	if !t.live {
		return
	}
	if t.prev != nil {
		t.prev.next = t.next
	} else {
		l.head = t.next
	}
	if t.next != nil {
		t.next.prev = t.prev
	}
	t.prev, t.next, t.live = nil, nil, false
}
