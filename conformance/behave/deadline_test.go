package behave_test

import (
	"net"
	"testing"
	"time"

	"github.com/eventlet-go/eventlet/conformance/behave"
)

// past is a deadline that has passed.
var past = time.Unix(1, 0)

// TestPastDeadlineRead: a read deadline in the past fails Read before any syscall — the pending
// data stays in the socket for the Read after the deadline is cleared.
func TestPastDeadlineRead(t *testing.T) {
	forStreams(t, func(e *behave.Env, c, s net.Conn) {
		n, err := s.Write([]byte("pending"))
		e.Record("peer Write", n, err)
		e.Record("SetReadDeadline past", c.SetReadDeadline(past))
		buf := make([]byte, 64)
		n, err = c.Read(buf)
		e.Record("Read", n, err)
		n, err = c.Read(nil)
		e.Record("Read empty", n, err)
		e.Record("SetReadDeadline none", c.SetReadDeadline(time.Time{}))
		n, err = c.Read(buf)
		e.Record("Read after clearing", buf[:n], err)
	})
}

// TestPastDeadlineWrite: a write deadline in the past fails Write before any syscall: nothing
// reaches the peer.
func TestPastDeadlineWrite(t *testing.T) {
	forStreams(t, func(e *behave.Env, c, s net.Conn) {
		e.Record("SetWriteDeadline past", c.SetWriteDeadline(past))
		n, err := c.Write([]byte("lost"))
		e.Record("Write", n, err)
		e.Record("SetWriteDeadline none", c.SetWriteDeadline(time.Time{}))
		n, err = c.Write([]byte("sent"))
		e.Record("Write after clearing", n, err)
		buf := make([]byte, 64)
		n, err = s.Read(buf)
		e.Record("peer Read", buf[:n], err)
	})
}

// TestPastDeadlineAccept: a deadline in the past fails Accept though a connection is waiting,
// which the next Accept without deadline takes.
func TestPastDeadlineAccept(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		ln := listener(e).(behave.TCPListener)
		c, err := e.Net.Dial("tcp", ln.Addr().String())
		e.Must(err)
		defer c.Close()
		e.Record("SetDeadline past", ln.SetDeadline(past))
		a, err := ln.Accept()
		e.Record("Accept", a == nil, err)
		e.Record("SetDeadline none", ln.SetDeadline(time.Time{}))
		a, err = ln.Accept()
		e.Record("Accept after clearing", a == nil, err)
		if a != nil {
			a.Close()
		}
	})
}

// TestDeadlineExpires: a Read or Write parked past its deadline returns os.ErrDeadlineExceeded,
// and fails again at once while the deadline stays.
func TestDeadlineExpires(t *testing.T) {
	forStreams(t, func(e *behave.Env, c, s net.Conn) {
		e.Record("SetReadDeadline", c.SetReadDeadline(time.Now().Add(20*time.Millisecond)))
		buf := make([]byte, 8)
		n, err := c.Read(buf)
		e.Record("Read", n, err)
		n, err = c.Read(buf)
		e.Record("Read again", n, err)

		// Fill the socket buffers: the peer reads nothing. (How much the first write takes is
		// the kernel's business: now and then a Unix socket takes nothing, under net too.)
		e.Record("SetWriteDeadline", c.SetWriteDeadline(time.Now().Add(50*time.Millisecond)))
		big := make([]byte, 64<<20)
		n, err = c.Write(big)
		e.Record("Write", n < len(big), err)
		n, err = c.Write(big)
		e.Record("Write again", n, err)
	})
}

// TestDeadlineChangedWhileParked: moving the deadline of a parked Read into the past wakes it
// with os.ErrDeadlineExceeded at once; moving a near deadline away lets the Read outlive it and
// take data that arrives later.
func TestDeadlineChangedWhileParked(t *testing.T) {
	forStreams(t, func(e *behave.Env, c, s net.Conn) {
		var n int
		var err error
		buf := make([]byte, 8)
		wait := e.Go(func() { n, err = c.Read(buf) })
		e.Settle()
		e.Record("SetReadDeadline past", c.SetReadDeadline(past))
		wait()
		e.Record("Read", n, err)

		e.Record("SetReadDeadline soon", c.SetReadDeadline(time.Now().Add(30*time.Millisecond)))
		wait = e.Go(func() { n, err = c.Read(buf) })
		e.Settle()
		e.Record("SetReadDeadline none", c.SetReadDeadline(time.Time{}))
		e.Sleep(60 * time.Millisecond) // past the removed deadline
		m, werr := s.Write([]byte("late"))
		wait()
		e.Record("peer Write", m, werr)
		e.Record("Read after the old deadline", buf[:n], err)

		e.Record("SetReadDeadline none", c.SetReadDeadline(time.Time{}))
		wait = e.Go(func() { n, err = c.Read(buf) })
		e.Settle()
		e.Record("SetReadDeadline soon", c.SetReadDeadline(time.Now().Add(20*time.Millisecond)))
		wait()
		e.Record("Read with a deadline set while parked", n, err)
	})
}

// TestWriteDeadlineWhileParked: a Write parked on a full socket buffer returns
// os.ErrDeadlineExceeded, with the count of what it wrote (short), once its deadline is moved
// into the past.
func TestWriteDeadlineWhileParked(t *testing.T) {
	forStreams(t, func(e *behave.Env, c, s net.Conn) {
		var n int
		var err error
		big := make([]byte, 64<<20)
		wait := e.Go(func() { n, err = c.Write(big) })
		e.Settle()
		e.Record("SetWriteDeadline past", c.SetWriteDeadline(past))
		wait()
		e.Record("Write", n < len(big), err)
	})
}

// TestAcceptDeadline: Accept parked past its deadline returns a timeout; a deadline moved into
// the past wakes a parked Accept.
func TestAcceptDeadline(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		ln := listener(e).(behave.TCPListener)
		e.Record("SetDeadline", ln.SetDeadline(time.Now().Add(20*time.Millisecond)))
		c, err := ln.Accept()
		e.Record("Accept", c == nil, err)

		e.Record("SetDeadline none", ln.SetDeadline(time.Time{}))
		wait := e.Go(func() { c, err = ln.Accept() })
		e.Settle()
		e.Record("SetDeadline past", ln.SetDeadline(past))
		wait()
		e.Record("Accept woken", c == nil, err)
	})
}
