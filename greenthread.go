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
type GreenThread[T any] struct {
	ref     hub.TaskRef // its task, from the hub's pool: valid while ref is current
	fn      func() T
	err     error
	waiters hub.WaitQueue
	extra   *gtExtra[T] // what links and kills need, made on first use
	mu      sync.Mutex
	state   atomic.Int32
	result  T
}

// gtExtra holds the rarely used part of a GreenThread, so that spawning allocates less.
type gtExtra[T any] struct {
	links  []func(*GreenThread[T])
	kills  []error // what Kill raised in it, so that Wait reports them as they are
	linker uintptr // the goroutine running its links, while finishing
}

// more returns the greenthread's extra part, making it. gt.mu is held.
func (gt *GreenThread[T]) more() *gtExtra[T] {
	if gt.extra == nil {
		gt.extra = new(gtExtra[T])
	}
	return gt.extra
}

// task returns the greenthread's hub task (for its own use: the task may have been reused once
// the greenthread is dead).
func (gt *GreenThread[T]) task() *hub.Task { return gt.ref.Unchecked() }

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
		return // killed before it started: the killer finished it
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

// killedWith reports whether r is an error Kill raised in the greenthread.
func (gt *GreenThread[T]) killedWith(r any) bool {
	err, ok := r.(error)
	if !ok {
		return false
	}
	gt.mu.Lock()
	defer gt.mu.Unlock()
	if gt.extra == nil {
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
// resolves links before its waiters resume.
func (gt *GreenThread[T]) finish(v T, err error) {
	gt.mu.Lock()
	gt.result, gt.err = v, err
	gt.fn = nil
	if x := gt.extra; x != nil && len(x.links) > 0 {
		gt.state.Store(gtFinishing)
		x.linker = gid.Get()
		for len(x.links) > 0 {
			links := x.links
			x.links = nil
			gt.mu.Unlock()
			for _, f := range links {
				f(gt)
			}
			gt.mu.Lock()
		}
		x.linker = 0
	}
	gt.state.Store(gtDead)
	gt.waiters.WakeAll()
	gt.mu.Unlock()
}

// Wait blocks until the greenthread finishes and returns its result. A greenthread that panicked
// returns a *PanicError; one that was killed, the error it was killed with (ErrGreenletExit
// unless Kill said otherwise, or the *Timeout that expired in it).
func (gt *GreenThread[T]) Wait() (T, error) {
	if gt.state.Load() != gtDead {
		gt.mu.Lock()
		switch {
		case gt.state.Load() == gtDead:
			gt.mu.Unlock()
		case gt.state.Load() == gtFinishing && gt.extra != nil && gt.extra.linker == gid.Get():
			gt.mu.Unlock() // a link asking for the outcome it is called with
		default:
			w := hub.Prepare()
			gt.waiters.PushBack(w)
			gt.mu.Unlock()
			if err := w.Park(0); err != nil {
				gt.mu.Lock()
				gt.waiters.Remove(w)
				gt.mu.Unlock()
				w.Release()
				raise(err)
			}
			w.Release()
		}
	}
	return gt.result, gt.err
}

// Dead reports whether the greenthread has finished (or was killed before it started).
func (gt *GreenThread[T]) Dead() bool { return gt.state.Load() == gtDead }

// Kill raises ErrGreenletExit in the greenthread and waits until it is dead. A greenthread
// killed before it started never runs. Killing a dead greenthread does nothing; a greenthread
// that kills itself unwinds at once.
func (gt *GreenThread[T]) Kill() { Kill(gt, nil) }

// Cancel kills the greenthread only if it has not started yet, and reports whether it did.
func (gt *GreenThread[T]) Cancel() bool { return gt.cancel(ErrGreenletExit) }

func (gt *GreenThread[T]) cancel(err error) bool {
	if !gt.state.CompareAndSwap(gtPending, gtDead) {
		return false
	}
	var zero T
	gt.state.Store(gtRunning) // finish stores gtDead under the lock, with the outcome
	gt.finish(zero, err)
	return true
}

// Link arranges for f to be called with the greenthread when it finishes — at once, in the
// caller, if it already has; otherwise in the greenthread as it exits.
func (gt *GreenThread[T]) Link(f func(*GreenThread[T])) {
	gt.mu.Lock()
	if gt.state.Load() != gtDead {
		x := gt.more()
		x.links = append(x.links, f)
		gt.mu.Unlock()
		return
	}
	gt.mu.Unlock()
	f(gt)
}

// Unlink removes a function given to Link (the same func value) and reports whether it was
// linked.
func (gt *GreenThread[T]) Unlink(f func(*GreenThread[T])) bool {
	id := funcID(f)
	gt.mu.Lock()
	defer gt.mu.Unlock()
	if gt.extra == nil {
		return false
	}
	x := gt.extra
	for i, l := range x.links {
		if funcID(l) == id {
			x.links = append(x.links[:i], x.links[i+1:]...)
			return true
		}
	}
	return false
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
	if gt.cancel(err) || gt.Dead() {
		return
	}
	if gt.state.Load() == gtFinishing { // running its links: as good as dead
		gt.Wait()
		return
	}
	gt.mu.Lock()
	x := gt.more()
	x.kills = append(x.kills, err)
	gt.mu.Unlock()
	if cur := hub.Current(); cur != nil && cur.Ref() == gt.ref {
		panic(err)
	}
	gt.task().Hub().Throw(gt.ref, err)
	gt.Wait()
}
