package eventlet

import (
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/eventlet-go/eventlet/hub"
)

// ErrTimeout matches every *Timeout with errors.Is.
var ErrTimeout = errors.New("eventlet: timed out")

// Timeout states.
const (
	toPending int32 = iota
	toFired
	toCancelled
)

// Timeout is eventlet.Timeout: started by a greenthread, it raises itself (or the error it was
// made with) in that greenthread when it expires — at the blocking call the greenthread is parked
// in, or at its next one. A Timeout that is cancelled, or whose greenthread has finished, does
// nothing. The usual form is
//
//	t := eventlet.NewTimeout(time.Second)
//	defer t.Cancel()
//	... // blocking calls here panic with t after one second
//
// or WithTimeout, which turns the expiry into an error. A Timeout is an error (with
// Timeout() true, like a net.Error) that matches ErrTimeout.
//
// From a plain goroutine nothing can be interrupted: the Timeout only records its expiry
// (Expired), and WithTimeout runs its function in a greenthread instead.
type Timeout struct {
	d     time.Duration
	err   error
	state atomic.Int32
	task  *hub.Task   // the greenthread it interrupts (nil for a plain goroutine)...
	ref   hub.TaskRef // ...while this is current
	timer hub.Timer
	fired chan struct{} // closed on expiry, for plain goroutines
}

// NewTimeout starts a Timeout of d for the calling greenthread.
func NewTimeout(d time.Duration) *Timeout { return NewTimeoutError(d, nil) }

// NewTimeoutError starts a Timeout of d that raises err instead of itself (eventlet's
// Timeout(seconds, exception)).
func NewTimeoutError(d time.Duration, err error) *Timeout {
	t := &Timeout{d: d, err: err}
	t.timer.Init(t)
	t.task = hub.Current()
	when := hub.Now() + int64(d)
	if t.task != nil {
		t.ref = t.task.Ref()
	}
	if t.task == nil {
		t.fired = make(chan struct{})
		time.AfterFunc(d, t.OnTimer)
		return t
	}
	if d <= 0 {
		// Already expired: the next blocking call is interrupted, whatever wakes it first.
		t.state.Store(toFired)
		t.task.Defer(t.raised())
		return t
	}
	t.task.Hub().AddTimer(&t.timer, when)
	return t
}

// OnTimer is the expiry, called by the hub; it is not for users.
func (t *Timeout) OnTimer() {
	if !t.state.CompareAndSwap(toPending, toFired) {
		return
	}
	if t.task == nil {
		close(t.fired)
		return
	}
	t.task.Hub().Throw(t.ref, t.raised())
}

// raised is what the Timeout raises: itself, or the error it was made with.
func (t *Timeout) raised() error {
	if t.err != nil {
		return t.err
	}
	return t
}

// Cancel stops the Timeout if it has not expired yet; if it expired but its greenthread has not
// been interrupted yet (it was woken by something else first), the interruption is dropped. Safe
// to call more than once.
func (t *Timeout) Cancel() {
	if t.task == nil {
		t.state.CompareAndSwap(toPending, toCancelled)
		return
	}
	h := t.task.Hub()
	if t.state.CompareAndSwap(toPending, toCancelled) {
		h.Call(func() { h.RemoveTimer(&t.timer) })
		return
	}
	h.Call(func() {
		if task := t.ref.Task(); task != nil {
			task.Withdraw(t.raised())
		}
	})
}

// Pending reports whether the Timeout is still counting down.
func (t *Timeout) Pending() bool { return t.state.Load() == toPending }

// Expired reports whether the Timeout went off.
func (t *Timeout) Expired() bool { return t.state.Load() == toFired }

// Duration returns the Timeout's length.
func (t *Timeout) Duration() time.Duration { return t.d }

func (t *Timeout) Error() string {
	if t.err != nil {
		return fmt.Sprintf("timed out after %v (%v)", t.d, t.err)
	}
	return fmt.Sprintf("timed out after %v", t.d)
}

// Timeout reports true, as net.Error's method does.
func (t *Timeout) Timeout() bool { return true }

// Is makes every Timeout match ErrTimeout.
func (t *Timeout) Is(target error) bool { return target == ErrTimeout }

// WithTimeout runs fn and returns the *Timeout if it expired before fn returned, interrupting
// fn at the blocking call it was in; nil otherwise. A panic that is not this Timeout (an outer
// one, say) propagates. From a plain goroutine fn runs in a greenthread of the default hub, whose
// blocking calls the Timeout can interrupt, and the goroutine waits for it.
func WithTimeout(d time.Duration, fn func()) (err error) {
	if hub.Current() == nil {
		res, werr := Spawn(func() error { return WithTimeout(d, fn) }).Wait()
		var pe *PanicError
		if errors.As(werr, &pe) {
			panic(pe.Value)
		}
		if werr != nil {
			return werr
		}
		return res
	}
	t := NewTimeout(d)
	defer t.Cancel()
	defer func() {
		if r := recover(); r != nil {
			if r != any(t) {
				panic(r)
			}
			err = t
		}
	}()
	fn()
	return nil
}
