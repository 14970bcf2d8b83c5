package behave_test

import (
	"net"
	"path/filepath"
	"testing"

	"github.com/eventlet-go/eventlet/conformance/behave"
)

// tcpPair returns the two ends of a loopback TCP connection made with e.Net, named <client> and
// <server> in records and closed when the check ends. The kernel completes the connection
// before Accept, so no helper is needed.
func tcpPair(e *behave.Env) (client, server behave.TCPConn) {
	e.T.Helper()
	ln, err := e.Net.Listen("tcp", "127.0.0.1:0")
	e.Must(err)
	defer ln.Close()
	c, err := e.Net.Dial("tcp", ln.Addr().String())
	e.Must(err)
	e.Defer(func() { c.Close() })
	s, err := ln.Accept()
	e.Must(err)
	e.Defer(func() { s.Close() })
	e.Name(c.LocalAddr(), "client")
	e.Name(s.LocalAddr(), "server")
	return c.(behave.TCPConn), s.(behave.TCPConn)
}

// unixPair is tcpPair over a Unix stream socket in a temporary directory.
func unixPair(e *behave.Env) (client, server behave.UnixConn) {
	e.T.Helper()
	ln, err := e.Net.Listen("unix", filepath.Join(e.TempDir(), "sock"))
	e.Must(err)
	defer ln.Close()
	c, err := e.Net.Dial("unix", ln.Addr().String())
	e.Must(err)
	e.Defer(func() { c.Close() })
	s, err := ln.Accept()
	e.Must(err)
	e.Defer(func() { s.Close() })
	return c.(behave.UnixConn), s.(behave.UnixConn)
}

// closedPort returns a loopback TCP address nothing listens on (a port just released), named
// <closed>.
func closedPort(e *behave.Env) string {
	e.T.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	e.Must(err)
	addr := ln.Addr().String()
	ln.Close()
	e.NameString(addr, "closed")
	return addr
}

// listener returns a loopback TCP listener made with e.Net, named <listener>, closed when the
// check ends.
func listener(e *behave.Env) net.Listener {
	e.T.Helper()
	ln, err := e.Net.Listen("tcp", "127.0.0.1:0")
	e.Must(err)
	e.Defer(func() { ln.Close() })
	e.Name(ln.Addr(), "listener")
	return ln
}

// streams are the stream connections every conn check runs over.
var streams = []struct {
	name string
	pair func(e *behave.Env) (client, server net.Conn)
}{
	{"tcp", func(e *behave.Env) (net.Conn, net.Conn) { c, s := tcpPair(e); return c, s }},
	{"unix", func(e *behave.Env) (net.Conn, net.Conn) { c, s := unixPair(e); return c, s }},
}

// forStreams compares check over every kind of stream connection, as a subtest each.
func forStreams(t *testing.T, check func(e *behave.Env, client, server net.Conn)) {
	t.Helper()
	for _, st := range streams {
		t.Run(st.name, func(t *testing.T) {
			behave.Compare(t, func(e *behave.Env) {
				c, s := st.pair(e)
				check(e, c, s)
			})
		})
	}
}
