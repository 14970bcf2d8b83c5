package eventlet

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/eventlet-go/eventlet/hub"
)

// Event is eventlet.event.Event: a value, or an error, that any number of greenthreads (or
// goroutines) wait for and one sender delivers once. Reset makes it usable again. The zero Event
// is ready to use.
type Event[T any] struct {
	mu      sync.Mutex
	sent    atomic.Bool
	value   T
	err     error
	waiters hub.WaitQueue
}

// Send delivers v to every waiter, present and future, until Reset. Sending twice without a Reset
// in between panics, as eventlet asserts.
func (e *Event[T]) Send(v T) { e.send(v, nil) }

// SendError delivers err: waiters get the zero value and err.
func (e *Event[T]) SendError(err error) {
	var zero T
	e.send(zero, err)
}

func (e *Event[T]) send(v T, err error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.sent.Load() {
		panic("eventlet: Send on an Event that was already sent; Reset it first")
	}
	e.value, e.err = v, err
	e.sent.Store(true)
	e.waiters.WakeAll()
}

// Wait blocks until the Event is sent and returns what was sent.
func (e *Event[T]) Wait() (T, error) {
	v, err, _ := e.wait(0)
	return v, err
}

// WaitTimeout is Wait for at most d; when d passes first it returns the zero value and
// ErrTimeout.
func (e *Event[T]) WaitTimeout(d time.Duration) (T, error) {
	v, err, ok := e.wait(hub.Now() + int64(max(d, 1)))
	if !ok {
		return v, ErrTimeout
	}
	return v, err
}

func (e *Event[T]) wait(deadline int64) (T, error, bool) {
	e.mu.Lock()
	if !e.sent.Load() {
		w := hub.Prepare()
		e.waiters.PushBack(w)
		e.mu.Unlock()
		err := w.Park(deadline)
		e.mu.Lock()
		if err != nil {
			e.waiters.Remove(w)
			e.mu.Unlock()
			w.Release()
			if err == hub.ErrTimeout {
				var zero T
				return zero, nil, false
			}
			raise(err)
		}
		w.Release()
	}
	v, err := e.value, e.err
	e.mu.Unlock()
	return v, err, true
}

// Ready reports whether the Event has been sent (and not Reset since).
func (e *Event[T]) Ready() bool { return e.sent.Load() }

// HasError reports whether the Event was sent with SendError.
func (e *Event[T]) HasError() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.sent.Load() && e.err != nil
}

// Reset makes a sent Event unsent again, so it can be sent anew. Resetting an Event that was not
// sent panics, as eventlet asserts.
func (e *Event[T]) Reset() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.sent.Load() {
		panic("eventlet: Reset on an Event that was not sent")
	}
	var zero T
	e.value, e.err = zero, nil
	e.sent.Store(false)
}
