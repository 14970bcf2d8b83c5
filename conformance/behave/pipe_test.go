package behave_test

import (
	"net"
	"testing"
	"time"

	"github.com/eventlet-go/eventlet/conformance/behave"
)

// pipe returns the two ends of e.Net.Pipe, closed when the check ends.
func pipe(e *behave.Env) (a, b net.Conn) {
	a, b = e.Net.Pipe()
	e.Defer(func() { a.Close(); b.Close() })
	return a, b
}

// TestPipeTransfer: a Write is read in as many Reads as the reader's buffer needs, and returns
// once all of it was read; an empty Write is matched by an empty Read.
func TestPipeTransfer(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		a, b := pipe(e)
		var n int
		var err error
		wait := e.Go(func() { n, err = a.Write([]byte("hello")) })
		buf := make([]byte, 3)
		m, rerr := b.Read(buf)
		e.Record("Read", buf[:m], rerr)
		m, rerr = b.Read(buf)
		e.Record("Read rest", buf[:m], rerr)
		wait()
		e.Record("Write", n, err)

		wait = e.Go(func() { n, err = a.Write(nil) })
		m, rerr = b.Read(buf)
		wait()
		e.Record("Read of an empty Write", m, rerr)
		e.Record("empty Write", n, err)

		wait = e.Go(func() { n, err = b.Write([]byte("back")) })
		m, rerr = a.Read(make([]byte, 16))
		wait()
		e.Record("reverse", m, rerr, n, err)
	})
}

// TestPipeClose: reads of a closed pipe's peer return io.EOF, operations on a closed end
// io.ErrClosedPipe, Close is idempotent.
func TestPipeClose(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		a, b := pipe(e)
		e.Record("Close", a.Close())
		e.Record("Close again", a.Close())
		n, err := a.Read(make([]byte, 4))
		e.Record("Read closed", n, err)
		n, err = a.Write([]byte("x"))
		e.Record("Write closed", n, err)
		n, err = b.Read(make([]byte, 4))
		e.Record("peer Read", n, err)
		n, err = b.Write([]byte("x"))
		e.Record("peer Write", n, err)
		e.Record("SetDeadline closed", a.SetDeadline(time.Now()))
		e.Record("peer SetReadDeadline", b.SetReadDeadline(time.Now()))
		e.Record("addresses", a.LocalAddr(), a.RemoteAddr())
	})
}

// TestPipeCloseWhileParked: Close wakes a parked Read or Write: the closed end's with
// io.ErrClosedPipe, the peer's Read with io.EOF.
func TestPipeCloseWhileParked(t *testing.T) {
	for _, tt := range []struct {
		name   string
		op     func(a net.Conn) (int, error)
		closer func(a, b net.Conn) error
	}{
		{"Read, own Close", read4, func(a, _ net.Conn) error { return a.Close() }},
		{"Read, peer Close", read4, func(_, b net.Conn) error { return b.Close() }},
		{"Write, own Close", write4, func(a, _ net.Conn) error { return a.Close() }},
		{"Write, peer Close", write4, func(_, b net.Conn) error { return b.Close() }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			behave.Compare(t, func(e *behave.Env) {
				a, b := pipe(e)
				var n int
				var err error
				wait := e.Go(func() { n, err = tt.op(a) })
				e.Settle()
				e.Record("Close", tt.closer(a, b))
				wait()
				e.Record("woken", n, err)
			})
		})
	}
}

func read4(c net.Conn) (int, error)  { return c.Read(make([]byte, 4)) }
func write4(c net.Conn) (int, error) { return c.Write([]byte("abcd")) }

// TestPipeDeadlines: deadlines of a pipe fail operations with os.ErrDeadlineExceeded in an
// OpError, before, while and after they park; a Write cut short by its deadline reports what
// was read of it.
func TestPipeDeadlines(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		a, b := pipe(e)
		e.Record("SetReadDeadline past", a.SetReadDeadline(past))
		n, err := a.Read(make([]byte, 4))
		e.Record("Read", n, err)
		e.Record("SetWriteDeadline past", a.SetWriteDeadline(past))
		n, err = a.Write([]byte("x"))
		e.Record("Write", n, err)
		e.Record("SetDeadline none", a.SetDeadline(time.Time{}))

		e.Record("SetReadDeadline soon", a.SetReadDeadline(time.Now().Add(20*time.Millisecond)))
		n, err = a.Read(make([]byte, 4))
		e.Record("Read expires", n, err)
		e.Record("SetReadDeadline none", a.SetReadDeadline(time.Time{}))

		wait := e.Go(func() { n, err = a.Read(make([]byte, 4)) })
		e.Settle()
		e.Record("SetReadDeadline past while parked", a.SetReadDeadline(past))
		wait()
		e.Record("parked Read", n, err)

		wait = e.Go(func() { n, err = a.Write([]byte("0123456789")) })
		buf := make([]byte, 3)
		m, rerr := b.Read(buf)
		e.Record("peer Read", buf[:m], rerr)
		e.Settle()
		e.Record("SetWriteDeadline past while parked", a.SetWriteDeadline(past))
		wait()
		e.Record("parked Write", n, err)
	})
}
