package behave_test

import (
	"net"
	"path/filepath"
	"testing"

	"github.com/eventlet-go/eventlet/conformance/behave"
)

// TestListenErrors: Listen and ListenPacket fail as net's do.
func TestListenErrors(t *testing.T) {
	for _, tt := range []struct {
		name    string
		network string
		address func(e *behave.Env) string
	}{
		{"address in use", "tcp", func(e *behave.Env) string { return listener(e).Addr().String() }},
		{"address in use tcp4", "tcp4", func(e *behave.Env) string { return listener(e).Addr().String() }},
		{"unknown network", "tcpx", literal("127.0.0.1:0")},
		{"packet network", "udp", literal("127.0.0.1:0")},
		{"missing port", "tcp", literal("127.0.0.1")},
		{"invalid port", "tcp", literal("127.0.0.1:65536")},
		{"unresolvable name", "tcp", literal("no-such-host.invalid:0")},
		{"address not local", "tcp", literal("192.0.2.1:0")},
		{"wrong family", "tcp6", literal("127.0.0.1:0")},
		{"unix no such directory", "unix", literal("/nonexistent/behave.sock")},
		{"unix path in use", "unix", liveUnixSocket},
		{"unixgram as stream", "unixgram", literal("/nonexistent/behave.sock")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			behave.Compare(t, func(e *behave.Env) {
				ln, err := e.Net.Listen(tt.network, tt.address(e))
				if ln != nil {
					ln.Close()
				}
				e.Record("Listen", ln == nil, err)
			})
		})
	}
}

// liveUnixSocket returns the path of a Unix socket someone listens on.
func liveUnixSocket(e *behave.Env) string {
	path := filepath.Join(e.TempDir(), "live")
	ln, err := e.Net.Listen("unix", path)
	e.Must(err)
	e.Defer(func() { ln.Close() })
	return path
}

// TestListenPacketErrors: ListenPacket fails as net's does.
func TestListenPacketErrors(t *testing.T) {
	for _, tt := range []struct {
		name    string
		network string
		address func(e *behave.Env) string
	}{
		{"address in use", "udp", func(e *behave.Env) string {
			c, err := e.Net.ListenPacket("udp", "127.0.0.1:0")
			e.Must(err)
			e.Defer(func() { c.Close() })
			e.Name(c.LocalAddr(), "packet")
			return c.LocalAddr().String()
		}},
		{"stream network", "tcp", literal("127.0.0.1:0")},
		{"unknown network", "udpx", literal("127.0.0.1:0")},
		{"missing port", "udp", literal("127.0.0.1")},
		{"unixgram no such directory", "unixgram", literal("/nonexistent/behave.sock")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			behave.Compare(t, func(e *behave.Env) {
				c, err := e.Net.ListenPacket(tt.network, tt.address(e))
				if c != nil {
					c.Close()
				}
				e.Record("ListenPacket", c == nil, err)
			})
		})
	}
}

// TestListenTypedErrors: ListenTCP, ListenUDP, ListenUnix and ListenUnixgram reject bad
// arguments as net's do.
func TestListenTypedErrors(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		l, err := e.Net.ListenTCP("udp", nil)
		e.Record("ListenTCP udp", l == nil, err)
		u, err := e.Net.ListenUDP("tcp", nil)
		e.Record("ListenUDP tcp", u == nil, err)
		x, err := e.Net.ListenUnix("unixgram", &net.UnixAddr{Name: "/nonexistent", Net: "unixgram"})
		e.Record("ListenUnix unixgram", x == nil, err)
		x, err = e.Net.ListenUnix("unix", nil)
		e.Record("ListenUnix nil", x == nil, err)
		g, err := e.Net.ListenUnixgram("unix", &net.UnixAddr{Name: "/nonexistent", Net: "unix"})
		e.Record("ListenUnixgram unix", g == nil, err)
		g, err = e.Net.ListenUnixgram("unixgram", nil)
		e.Record("ListenUnixgram nil", g == nil, err)
	})
}

// TestListenAddr: a listener's address is what net's reports, for the forms of address a
// program gives.
func TestListenAddr(t *testing.T) {
	for _, tt := range []struct{ network, address string }{
		{"tcp", "127.0.0.1:0"},
		{"tcp4", ":0"},
		{"tcp", ":0"},
		{"tcp6", "[::1]:0"},
		{"tcp", "localhost:0"},
	} {
		t.Run(tt.network+" "+tt.address, func(t *testing.T) {
			behave.Compare(t, func(e *behave.Env) {
				ln, err := e.Net.Listen(tt.network, tt.address)
				e.Must(err)
				defer ln.Close()
				a := ln.Addr().(*net.TCPAddr)
				e.Record("Addr", a.Network(), a.IP.String(), a.Zone, len(a.IP), a.Port != 0)
			})
		})
	}
}
