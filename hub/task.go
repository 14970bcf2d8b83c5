package hub

import (
	"errors"
	"fmt"
	"log"
	"reflect"
	"runtime/debug"

	"github.com/eventlet-go/eventlet/internal/coro"
)

// TaskBody is what a Task runs.
type TaskBody interface {
	RunTask()
}

// Task is a hub's state for one greenlet: a greenthread embeds one (so spawning allocates nothing
// more); a greenlet made with the greenlet package gets one the first time it parks in a hub.
type Task struct {
	gl   coro.G  // the greenlet, when the Task owns it
	g    *coro.G // the greenlet
	h    *Hub
	body TaskBody
	fn   func() // what a function task (NewFuncTask) runs
	r    runner
	w    Waiter

	pending error // raised at its next park: an interruption that came while it could not park
	intr    error // why its current wait was interrupted

	prev, next *Task // the hub's list of tasks that have parked and not finished yet
	// gen counts the Task's uses: a pooled Task is reused once its greenlet has died, and a
	// TaskRef taken during an earlier use no longer matches. Only the hub's context reuses a
	// Task or checks a TaskRef (Throw from elsewhere is posted to the hub first), so it is not
	// atomic.
	gen    uint64
	live   bool
	parked bool // suspended by the hub: waiting, or ready in the run queue
	pooled bool // from NewTask: the hub takes it back when its greenlet dies
}

// TaskRef names one use of a Task — one greenlet's life — so that an interruption meant for it
// cannot reach the next greenlet a pooled Task runs.
type TaskRef struct {
	t   *Task
	gen uint64
}

// Ref returns a reference to t's current use. Hub context, or before t is started.
func (t *Task) Ref() TaskRef { return TaskRef{t, t.gen} }

// Unchecked returns the Task, current or not: for its owner, which knows the use is current.
func (r TaskRef) Unchecked() *Task { return r.t }

// Task returns the Task if the reference is still current, nil otherwise. Hub context.
func (r TaskRef) Task() *Task {
	if r.t == nil || r.t.gen != r.gen {
		return nil
	}
	return r.t
}

// runner adapts a Task to coro.Body without exporting Run on Task.
type runner struct{ t *Task }

func (r *runner) Run([]any) any {
	t := r.t
	defer t.h.exited(t)
	if t.body != nil {
		t.body.RunTask()
	} else {
		t.runFunc()
	}
	return nil
}

// runFunc runs a function task. A panic ends that greenthread only: it is logged with its stack,
// as eventlet prints a greenthread's traceback; ErrGreenletExit unwinding it (a kill, the hub
// closing) ends it quietly.
func (t *Task) runFunc() {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		if err, ok := r.(error); ok && errors.Is(err, coro.ErrGreenletExit) {
			return
		}
		log.Printf("eventlet: greenthread panicked: %v\n%s", r, debug.Stack())
	}()
	f := t.fn
	t.fn = nil
	f()
}

// maxFreeTasks bounds a hub's pool of finished tasks.
const maxFreeTasks = 1024

// NewTask returns a task that runs body on h, from h's pool of finished tasks when the caller is
// in h's context: spawning a greenthread then allocates no task. h takes the task back once its
// greenlet has died (unless the greenlet was handed to user code by greenlet.Current); TaskRef
// keeps references from outliving that.
func (h *Hub) NewTask(body TaskBody) *Task {
	if h.tree.Running() && len(h.free) > 0 {
		n := len(h.free)
		t := h.free[n-1]
		h.free[n-1] = nil
		h.free = h.free[:n-1]
		t.reuse(body)
		return t
	}
	t := new(Task)
	t.Init(h, body)
	t.pooled = true
	return t
}

// reuse makes a recycled task ready to run body: everything else (hub, greenlet, waiter, timer)
// is as Init left it, so only the fields that change are written.
func (t *Task) reuse(body TaskBody) {
	t.gen++
	coro.Reset(&t.gl)
	if body != nil {
		t.body = body
	}
	t.parked = true
	t.pooled = true
}

// NewFuncTask is NewTask for a plain function.
func (h *Hub) NewFuncTask(f func()) *Task {
	t := h.NewTask(nil)
	t.fn = f
	return t
}

// recycle takes back a pooled task whose greenlet died. Hub context.
func (h *Hub) recycle(t *Task) {
	if !t.pooled || !t.g.Dead() || t.live || coro.Escaped(t.g) || len(h.free) >= maxFreeTasks {
		return
	}
	t.body, t.fn, t.pending, t.intr = nil, nil, nil, nil
	t.pooled = false
	h.free = append(h.free, t)
}

// RaiseError carries a non-error value raised into a parked greenlet by a raw greenlet switch (a
// child's panic reaching it), so Park can return it as an error.
type RaiseError struct{ V any }

func (e *RaiseError) Error() string { return fmt.Sprint("hub: raised: ", e.V) }

// Init prepares t to run body on h when started with h.Start.
func (t *Task) Init(h *Hub, body TaskBody) {
	t.gen++
	t.g, t.h, t.body = &t.gl, h, body
	t.r.t = t
	coro.Init(&t.gl, &t.r, h.tree.Root())
	coro.SetData(&t.gl, t)
	t.w.task = t
	t.w.timer.Init(&t.w)
	t.parked = true // ready to be resumed, which starts it
}

// Hub returns the hub t runs in.
func (t *Task) Hub() *Hub { return t.h }

// Greenlet returns t's greenlet.
func (t *Task) Greenlet() *coro.G { return t.g }

// taskOf returns the Task of greenlet g of h, creating one for a greenlet made elsewhere.
func (h *Hub) taskOf(g *coro.G) *Task {
	if t, ok := coro.Data(g).(*Task); ok {
		return t
	}
	t := &Task{g: g, h: h}
	t.w.task = t
	t.w.timer.Init(&t.w)
	coro.SetData(g, t)
	return t
}

// prepare returns t's waiter ready for a new wait.
func (t *Task) prepare() *Waiter {
	t.w.begin()
	return &t.w
}

// park suspends t until the hub resumes it, and returns the kind of transfer that resumed it
// (coro.Wake from the hub; anything else came from a raw greenlet switch).
func (t *Task) park() coro.Kind {
	if !t.live {
		t.h.live.add(t) // a task that parks can be left waiting when the hub closes
	}
	t.parked = true
	k := coro.ParkWake(t.h.tree, t.g)
	t.parked = false
	return k
}

// raised returns the error a raw greenlet switch raised into t (after park returned coro.Raise).
func (t *Task) raised() error {
	x := coro.TakeTransfer(t.h.tree)
	if err, ok := x.V.(error); ok {
		return err
	}
	return &RaiseError{x.V}
}

// parkWaiter is Waiter.Park for a greenlet.
func (t *Task) parkWaiter(w *Waiter, deadline int64) error {
	if err := t.pending; err != nil {
		t.intr = err
		if w.end(w.Token(), wInterrupted) {
			t.pending = nil
		}
	}
	if deadline != 0 && w.Waiting() {
		if deadline <= nanotime() {
			w.end(w.Token(), wTimedOut)
		} else {
			t.h.timer.add(&w.timer, deadline)
		}
	}
	for w.Waiting() {
		switch t.park() {
		case coro.Wake:
		case coro.Raise:
			if err := t.raised(); !t.interrupt(err) {
				t.pending = err
			}
		default:
			coro.TakeTransfer(t.h.tree) // a raw switch's values: a spurious wake-up
		}
	}
	t.h.timer.remove(&w.timer)
	switch w.state.Load() & stateMask {
	case wTimedOut:
		return ErrTimeout
	case wInterrupted:
		err := t.intr
		t.intr = nil
		return err
	}
	return nil
}

// interrupt ends t's current wait with err, if it is waiting. Hub context only.
func (t *Task) interrupt(err error) bool {
	prev := t.intr // an earlier interruption that ended this wait and is not delivered yet
	t.intr = err
	if t.w.finish(t.w.Token(), wInterrupted) {
		return true
	}
	t.intr = prev
	return false
}

// Yield lets every other ready greenlet run once, then returns (eventlet's sleep(0)). It returns
// an interruption that was pending, without yielding.
func (t *Task) Yield() error {
	if err := t.pending; err != nil {
		t.pending = nil
		return err
	}
	t.h.runq.push(t)
	switch t.park() {
	case coro.Wake:
		if err := t.pending; err != nil { // it came while t waited for its turn
			t.pending = nil
			return err
		}
		return nil
	case coro.Raise:
		return t.raised()
	}
	coro.TakeTransfer(t.h.tree)
	return nil
}

// Sleep parks t for d. It returns nil when d has passed, or what interrupted it.
func (t *Task) Sleep(deadline int64) error {
	w := t.prepare()
	err := w.Park(deadline)
	if err == ErrTimeout {
		return nil
	}
	return err
}

// Defer arranges for err to be raised at t's next park: for an interruption that arrived while t
// was finishing something it must not abandon. Only t itself may call it.
func (t *Task) Defer(err error) {
	if t.pending == nil {
		t.pending = err
	}
}

// Raise turns an interruption returned by a wait (Kill's ErrGreenletExit, an expired Timeout, a
// raw greenlet's raise, an offloaded call's panic) into the panic it stands for, so the greenlet
// unwinds as eventlet would raise the exception at its blocking call.
func Raise(err error) {
	var re *RaiseError
	if errors.As(err, &re) {
		panic(re.V)
	}
	var op *OffloadPanic
	if errors.As(err, &op) {
		panic(op.Value)
	}
	panic(err)
}

// Withdraw drops err if it is still waiting to be raised at t's next park: a Timeout cancelled
// after it went off but before its interruption reached t must not outlive the block it guarded.
// Hub context only.
func (t *Task) Withdraw(err error) {
	if t.pending != nil && err != nil && reflect.TypeOf(err).Comparable() && t.pending == err {
		t.pending = nil
	}
}
