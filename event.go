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
	sends   uint64        // Sends so far: a waiter queued now is woken by send number sends+1
	woken   []delivery[T] // what sends handed to woken waiters that have not taken it yet
}

// delivery is the outcome of one Send, kept for the waiters it woke until each has taken it, so
// a Reset (and another Send) before they run cannot change what they get.
type delivery[T any] struct {
	send  uint64
	value T
	err   error
	left  int // woken waiters that have not taken it yet
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
	e.sends++
	if n := e.waiters.WakeAll(); n > 0 {
		e.woken = append(e.woken, delivery[T]{send: e.sends, value: v, err: err, left: n})
	}
}

// take returns what send number n handed to a waiter it woke. Called under e.mu.
func (e *Event[T]) take(n uint64) (T, error) {
	for i := range e.woken {
		d := &e.woken[i]
		if d.send != n {
			continue
		}
		v, err := d.value, d.err
		if d.left--; d.left == 0 {
			e.woken = append(e.woken[:i], e.woken[i+1:]...)
			clear(e.woken[len(e.woken):cap(e.woken)])
		}
		return v, err
	}
	panic("eventlet: Event waiter woken by no send")
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
		mine := e.sends + 1
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
		v, err := e.take(mine)
		e.mu.Unlock()
		return v, err, true
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
