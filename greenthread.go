package eventlet

import (
	"errors"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/eventlet-go/eventlet/hub"
	"github.com/eventlet-go/eventlet/internal/gid"
)

// Greenthread states.
const (
	gtPending   int32 = iota // spawned, not started
	gtRunning                // started
	gtFinishing              // its outcome is recorded and its links are running
	gtDead
)

// GreenThread is a function running as a greenthread: eventlet's GreenThread, with a typed
// result.
//
// Most of a greenthread is touched only in its hub's context (by the hub's greenlets, one at a
// time), so the common case — spawned, waited for and finished by greenthreads of one hub —
// takes no lock. Parties from outside that context (plain goroutines, other hubs) wait in a
// separate, locked queue, and their Kill, Cancel, Link and Unlink run in the hub's context.
type GreenThread[T any] struct {
	ref     hub.TaskRef // its task, from the hub's pool: valid while ref is current
	fn      func() T
	err     error
	waiters hub.WaitQueue // waiters in the hub's context
	extra   *gtExtra[T]   // what links and kills need, made on first use; hub context only
	foreign atomic.Pointer[gtForeign]
	state   atomic.Int32
	result  T
}

// gtExtra holds the rarely used part of a GreenThread, so that spawning allocates less.
type gtExtra[T any] struct {
	links  []func(*GreenThread[T])
	kills  []error // what Kill raised in it, so that Wait reports them as they are
	linker uintptr // the goroutine running its links, while finishing
}

// gtForeign is where callers from outside the greenthread's hub wait for it.
type gtForeign struct {
	mu      sync.Mutex
	waiters hub.WaitQueue
}

// more returns the greenthread's extra part, making it. Hub context.
func (gt *GreenThread[T]) more() *gtExtra[T] {
	if gt.extra == nil {
		gt.extra = new(gtExtra[T])
	}
	return gt.extra
}

// task returns the greenthread's hub task (for its own use: the task may have been reused once
// the greenthread is dead).
func (gt *GreenThread[T]) task() *hub.Task { return gt.ref.Unchecked() }

// hub returns the greenthread's hub (a task, reused or not, stays with its hub).
func (gt *GreenThread[T]) hub() *hub.Hub { return gt.ref.Unchecked().Hub() }

// newGreenThread prepares a greenthread on the caller's hub (the default hub for a plain
// goroutine).
func newGreenThread[T any](fn func() T) *GreenThread[T] {
	gt := &GreenThread[T]{fn: fn}
	gt.ref = callerHub().NewTask(gt).Ref()
	return gt
}

// callerHub returns the hub the caller runs in, or the default hub.
func callerHub() *hub.Hub {
	if h := hub.CurrentHub(); h != nil {
		return h
	}
	return hub.Default()
}

// RunTask is the greenthread's body, called by the hub; it is not for users.
func (gt *GreenThread[T]) RunTask() {
	if !gt.state.CompareAndSwap(gtPending, gtRunning) {
		return // cancelled before it started: the canceller finishes it
	}
	normal := false
	defer func() {
		if normal {
			return
		}
		r := recover()
		var zero T
		switch err, isInterrupt := interruption(r); {
		case r == nil:
			gt.finish(zero, ErrGoexit)
		case isInterrupt:
			gt.finish(zero, err)
		case gt.killedWith(r):
			gt.finish(zero, r.(error))
		default:
			gt.finish(zero, &PanicError{Value: r, Stack: debug.Stack()})
		}
	}()
	v := gt.fn()
	normal = true
	gt.finish(v, nil)
}

// killedWith reports whether r is an error Kill raised in the greenthread. Hub context.
func (gt *GreenThread[T]) killedWith(r any) bool {
	err, ok := r.(error)
	if !ok || gt.extra == nil {
		return false
	}
	for _, k := range gt.extra.kills {
		if errors.Is(err, k) {
			return true
		}
	}
	return false
}

// finish records the outcome, runs the links (and those they add) and only then marks the
// greenthread dead and wakes its waiters: Wait returns after the links have run, as eventlet
// resolves links before its waiters resume. Hub context, never on the hub's own goroutine when
// there are links to run.
//
// Foreign waiters publish gt.foreign before they read the state under its lock, and finish
// stores the state before it reads gt.foreign: one of the two sees the other.
func (gt *GreenThread[T]) finish(v T, err error) {
	gt.result = v
	if err != nil {
		gt.err = err
	}
	gt.fn = nil
	if x := gt.extra; x != nil && len(x.links) > 0 {
		gt.state.Store(gtFinishing)
		x.linker = gid.Get()
		for len(x.links) > 0 {
			links := x.links
			x.links = nil
			for _, f := range links {
				f(gt)
			}
		}
		x.linker = 0
	}
	gt.state.Store(gtDead)
	gt.waiters.WakeAll()
	if f := gt.foreign.Load(); f != nil {
		f.mu.Lock()
		f.waiters.WakeAll()
		f.mu.Unlock()
	}
}

// Wait blocks until the greenthread finishes and returns its result. A greenthread that panicked
// returns a *PanicError; one that was killed, the error it was killed with (ErrGreenletExit
// unless Kill said otherwise, or the *Timeout that expired in it).
func (gt *GreenThread[T]) Wait() (T, error) {
	switch s, h := gt.state.Load(), gt.hub(); {
	case s == gtDead:
	case !h.InContext():
		gt.waitForeign()
	case s == gtFinishing && gt.extra.linker == gid.Get():
		// a link asking for the outcome it is called with
	default:
		w := h.Prepare()
		gt.waiters.PushBack(w)
		if err := w.Park(0); err != nil {
			gt.waiters.Remove(w)
			w.Release()
			raise(err)
		}
		w.Release()
	}
	return gt.result, gt.err
}

// waitForeign waits for the greenthread to die, from outside its hub's context.
func (gt *GreenThread[T]) waitForeign() {
	f := gt.foreign.Load()
	if f == nil {
		f = new(gtForeign)
		if !gt.foreign.CompareAndSwap(nil, f) {
			f = gt.foreign.Load()
		}
	}
	f.mu.Lock()
	if gt.state.Load() == gtDead {
		f.mu.Unlock()
		return
	}
	if err := f.waiters.Wait(&f.mu, 0); err != nil {
		raise(err)
	}
}

// Dead reports whether the greenthread has finished (or was killed before it started).
func (gt *GreenThread[T]) Dead() bool { return gt.state.Load() == gtDead }

// Kill raises ErrGreenletExit in the greenthread and waits until it is dead. A greenthread
// killed before it started never runs. Killing a dead greenthread does nothing; a greenthread
// that kills itself unwinds at once.
func (gt *GreenThread[T]) Kill() { Kill(gt, nil) }

// Cancel kills the greenthread only if it has not started yet, and reports whether it did; when
// it did, the greenthread is dead when Cancel returns.
func (gt *GreenThread[T]) Cancel() bool { return gt.cancel(ErrGreenletExit) }

func (gt *GreenThread[T]) cancel(err error) bool {
	if gt.state.Load() != gtPending {
		return false
	}
	var cancelled bool
	inContext(gt.hub(), func() { cancelled = gt.cancelHere(err) })
	if cancelled && !gt.Dead() {
		gt.waitForeign() // its links are running in a greenthread of its hub
	}
	return cancelled
}

// cancelHere finishes a greenthread that has not started with err, and reports whether it had
// not. Hub context. Its links, if it has any, run in a greenthread of their own when the caller
// is the hub's goroutine.
func (gt *GreenThread[T]) cancelHere(err error) bool {
	if !gt.state.CompareAndSwap(gtPending, gtRunning) {
		return false
	}
	var zero T
	if x := gt.extra; x != nil && len(x.links) > 0 && hub.Current() == nil {
		h := gt.hub()
		h.Start(h.NewFuncTask(func() { gt.finish(zero, err) }))
		return true
	}
	gt.finish(zero, err)
	return true
}

// Link arranges for f to be called with the greenthread when it finishes — at once, in the
// caller, if it already has; otherwise in the greenthread as it exits. A caller outside the
// greenthread's hub that links as it finishes has f called in a greenthread of that hub.
func (gt *GreenThread[T]) Link(f func(*GreenThread[T])) {
	if gt.Dead() {
		f(gt)
		return
	}
	h := gt.hub()
	if h.InContext() {
		x := gt.more()
		x.links = append(x.links, f)
		return
	}
	h.Call(func() {
		if !gt.Dead() {
			x := gt.more()
			x.links = append(x.links, f)
			return
		}
		h.Start(h.NewFuncTask(func() { f(gt) }))
	})
}

// Unlink removes a function given to Link (the same func value) and reports whether it was
// linked.
func (gt *GreenThread[T]) Unlink(f func(*GreenThread[T])) bool {
	if gt.Dead() {
		return false // its links have run
	}
	id := funcID(f)
	found := false
	inContext(gt.hub(), func() {
		if gt.extra == nil {
			return
		}
		x := gt.extra
		for i, l := range x.links {
			if funcID(l) == id {
				x.links = append(x.links[:i], x.links[i+1:]...)
				found = true
				return
			}
		}
	})
	return found
}

// funcID is the identity of a func value (its closure object): Go cannot compare funcs, and
// Unlink must find the very value passed to Link.
func funcID[F any](f F) uintptr { return *(*uintptr)(unsafe.Pointer(&f)) }

// Kill raises err (nil: ErrGreenletExit) in the greenthread gt and waits until it is dead
// (eventlet.kill). A greenthread that has not started never runs and dies of err. A greenthread
// that kills itself panics with err at once.
func Kill[T any](gt *GreenThread[T], err error) {
	if err == nil {
		err = ErrGreenletExit
	}
	if gt.Dead() || gt.cancel(err) {
		return
	}
	h := gt.hub()
	if !h.InContext() {
		h.Call(func() { gt.raiseKill(err) })
		gt.waitForeign()
		return
	}
	if cur := hub.Current(); cur != nil && cur.Ref() == gt.ref && gt.state.Load() == gtRunning {
		gt.rememberKill(err)
		panic(err)
	}
	gt.raiseKill(err)
	gt.Wait()
}

// raiseKill raises err in the running greenthread, remembering it as a kill; one that is
// already finishing (running its links) is as good as dead and is left alone. Hub context.
func (gt *GreenThread[T]) raiseKill(err error) {
	if gt.state.Load() != gtRunning {
		return
	}
	gt.rememberKill(err)
	gt.hub().Throw(gt.ref, err)
}

// rememberKill notes err as raised by Kill, so that Wait reports it as it is. Hub context.
func (gt *GreenThread[T]) rememberKill(err error) {
	x := gt.more()
	x.kills = append(x.kills, err)
}

// inContext runs f in h's context and waits for it: at once when the caller is in it, otherwise
// on the hub's goroutine between greenlets, parking or blocking the caller meanwhile. An
// interruption of that wait is raised in the caller; f still runs.
func inContext(h *hub.Hub, f func()) {
	if h.InContext() {
		f()
		return
	}
	w := hub.Prepare()
	token := w.Token()
	h.Call(func() {
		f()
		w.WakeToken(token)
	})
	err := w.Park(0)
	w.Release()
	if err != nil {
		raise(err)
	}
}
