package net

import (
	"context"
	"errors"
	stdnet "net"
	"time"
)

// net reports some failures with values of unexported types (its cancellation and timeout
// errors, its "missing address" sentinel). So that errors from green/net are the very same values
// — equal under ==, matched by errors.Is exactly as net's — they are taken from net itself at
// start-up, from calls that fail before touching the network: a dial with an address literal
// checks its context, and DialTCP its addresses, before making any socket.
var (
	errCanceled       = stdDialErr(canceledContext())
	errTimeout        = stdDialErr(expiredContext{context.Background()})
	errMissingAddress = stdMissingAddress()
)

func canceledContext() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}

// expiredContext is a context whose deadline has passed (its Err is DeadlineExceeded).
type expiredContext struct{ context.Context }

func (expiredContext) Deadline() (time.Time, bool) { return time.Unix(1, 0), true }
func (expiredContext) Done() <-chan struct{}       { return closedChan }
func (expiredContext) Err() error                  { return context.DeadlineExceeded }

var closedChan = func() chan struct{} { c := make(chan struct{}); close(c); return c }()

func stdDialErr(ctx context.Context) error {
	var d stdnet.Dialer
	_, err := d.DialContext(ctx, "tcp", "127.0.0.1:9")
	var op *OpError
	if errors.As(err, &op) {
		return op.Err
	}
	panic("green/net: cannot learn net's error values: " + err.Error())
}

func stdMissingAddress() error {
	_, err := stdnet.DialTCP("tcp", nil, nil)
	var op *OpError
	if errors.As(err, &op) {
		return op.Err
	}
	panic("green/net: cannot learn net's error values")
}

// mapErr turns a context's error into net's, as net does.
func mapErr(err error) error {
	switch err {
	case context.Canceled:
		return errCanceled
	case context.DeadlineExceeded:
		return errTimeout
	}
	return err
}

// errNoSuitableAddress is net's message for an address list with nothing the network accepts.
const errNoSuitableAddress = "no suitable address found"
