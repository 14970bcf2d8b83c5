package behave_test

import (
	"net"
	"path/filepath"
	"testing"
	"time"

	"github.com/eventlet-go/eventlet/conformance/behave"
)

// listeners are the stream listeners every listener check runs over, named <listener>.
var listeners = []struct {
	name   string
	listen func(e *behave.Env) net.Listener
}{
	{"tcp", listener},
	{"unix", func(e *behave.Env) net.Listener {
		ln, err := e.Net.Listen("unix", filepath.Join(e.TempDir(), "sock"))
		e.Must(err)
		e.Defer(func() { ln.Close() })
		return ln
	}},
}

// forListeners compares check over every kind of stream listener, as a subtest each.
func forListeners(t *testing.T, check func(e *behave.Env, ln net.Listener)) {
	t.Helper()
	for _, l := range listeners {
		t.Run(l.name, func(t *testing.T) {
			behave.Compare(t, func(e *behave.Env) { check(e, l.listen(e)) })
		})
	}
}

// TestListenerCloseWhileAccepting: Close wakes a parked Accept with net.ErrClosed.
func TestListenerCloseWhileAccepting(t *testing.T) {
	forListeners(t, func(e *behave.Env, ln net.Listener) {
		var c net.Conn
		var err error
		wait := e.Go(func() { c, err = ln.Accept() })
		e.Settle()
		e.Record("Close", ln.Close())
		wait()
		e.Record("Accept", c == nil, err)
	})
}

// TestClosedListener: every method of a closed listener fails (or not) as net's does.
func TestClosedListener(t *testing.T) {
	forListeners(t, func(e *behave.Env, ln net.Listener) {
		addr := ln.Addr()
		e.Record("Close", ln.Close())
		c, err := ln.Accept()
		e.Record("Accept", c == nil, err)
		e.Record("Close again", ln.Close())
		e.Record("Addr", ln.Addr(), ln.Addr() == addr)
		l := ln.(behave.TCPListener)
		e.Record("SetDeadline", l.SetDeadline(time.Now()))
		f, err := l.File()
		e.Record("File", f == nil, err)
		rc, err := l.SyscallConn()
		e.Record("SyscallConn", err)
		e.Record("Control", rc.Control(func(uintptr) {}))
		c, err = e.Net.Dial(addr.Network(), addr.String())
		e.Record("Dial", c == nil, err)
	})
}

// TestAcceptAddresses: an accepted connection's addresses are its dialer's, reversed.
func TestAcceptAddresses(t *testing.T) {
	forListeners(t, func(e *behave.Env, ln net.Listener) {
		c, err := e.Net.Dial(ln.Addr().Network(), ln.Addr().String())
		e.Must(err)
		defer c.Close()
		s, err := ln.Accept()
		e.Must(err)
		defer s.Close()
		e.Name(c.LocalAddr(), "client")
		e.Record("client", c.LocalAddr(), c.RemoteAddr())
		e.Record("server", s.LocalAddr(), s.RemoteAddr())
	})
}
