package http

import (
	"context"
	"github.com/eventlet-go/eventlet/green/sync"
	"github.com/eventlet-go/eventlet/green/time"
)

// requestContext is the context of one server request. It is cancelled
// when the handler returns, when the client goes away, or when a write to
// the client fails — like net/http's. It differs only in being lazy: the
// peer watch that notices a departed client starts the first time the
// context is asked whether it is done (Done, Err, or a derived context
// registering with AfterFunc), so handlers that never ask pay nothing.
//
// Values and the deadline come from the connection's context.
type requestContext struct {
	parent context.Context
	w      *response // whose peer watch to start

	mu     sync.Mutex // guards the fields below
	done   chan struct{}
	err    error
	afters []*afterFunc
}

// afterFunc is a callback registered by a derived context.
type afterFunc struct {
	f func()
}

// closedDone is returned by Done once the context is cancelled before
// anyone asked for the channel.
var closedDone = func() chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}()

func (c *requestContext) reset(parent context.Context, w *response) {
	c.parent, c.w = parent, w
	c.done, c.err, c.afters = nil, nil, nil
}

// Deadline returns the connection context's deadline.
func (c *requestContext) Deadline() (time.Time, bool) { return c.parent.Deadline() }

// Value returns the connection context's value for key.
func (c *requestContext) Value(key any) any { return c.parent.Value(key) }

// Done returns a channel closed when the request is cancelled.
func (c *requestContext) Done() <-chan struct{} {
	c.mu.Lock()
	if c.done == nil {
		if c.err != nil {
			c.done = closedDone
		} else {
			c.done = make(chan struct{})
		}
	}
	d := c.done
	c.mu.Unlock()
	c.w.observePeer()
	return d
}

// Err returns context.Canceled once the request is cancelled, else nil.
func (c *requestContext) Err() error {
	c.w.observePeer()
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// AfterFunc arranges for f to run once the context is cancelled. The
// context package uses it to propagate cancellation to derived contexts
// without a goroutine. If the context is already cancelled, f runs on a
// new greenthread, since the caller may hold locks f takes.
func (c *requestContext) AfterFunc(f func()) (stop func() bool) {
	c.w.observePeer()
	a := &afterFunc{f: f}
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		spawn(f)
		return func() bool { return false }
	}
	c.afters = append(c.afters, a)
	c.mu.Unlock()
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		for i, x := range c.afters {
			if x == a {
				c.afters = append(c.afters[:i], c.afters[i+1:]...)
				return true
			}
		}
		return false
	}
}

// cancel cancels the context with context.Canceled; later calls do
// nothing. Registered callbacks run on the caller, after the lock is
// released.
func (c *requestContext) cancel() {
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		return
	}
	c.err = context.Canceled
	if c.done != nil {
		close(c.done)
	}
	afters := c.afters
	c.afters = nil
	c.mu.Unlock()
	for _, a := range afters {
		a.f()
	}
}

// String names the context for debugging, as context's own types do.
func (c *requestContext) String() string { return "http.requestContext" }
