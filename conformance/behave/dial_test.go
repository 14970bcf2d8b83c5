package behave_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/eventlet-go/eventlet/conformance/behave"
)

// TestDialErrors: Dial and DialTimeout fail as net's do for every kind of bad target.
func TestDialErrors(t *testing.T) {
	for _, tt := range []struct {
		name    string
		network string
		address func(e *behave.Env) string
	}{
		{"refused", "tcp", closedPort},
		{"refused tcp4", "tcp4", closedPort},
		{"missing port", "tcp", literal("127.0.0.1")},
		{"bad address", "tcp", literal("[::1")},
		{"too many colons", "tcp", literal("127.0.0.1:80:80")},
		{"invalid port", "tcp", literal("127.0.0.1:99999")},
		{"negative port", "tcp", literal("127.0.0.1:-1")},
		{"unknown service", "tcp", literal("127.0.0.1:no-such-service")},
		{"unresolvable name", "tcp", literal("no-such-host.invalid:80")},
		{"empty address", "tcp", literal("")},
		{"unknown network", "tcpx", literal("127.0.0.1:80")},
		{"ip without protocol", "ip", literal("127.0.0.1")},
		{"unknown protocol", "ip4:no-such-protocol", literal("127.0.0.1")},
		{"wrong family", "tcp6", literal("127.0.0.1:80")},
		{"udp missing port", "udp", literal("127.0.0.1")},
		{"unix no such file", "unix", literal("/nonexistent/behave.sock")},
		{"unix refused", "unix", deadUnixSocket},
		{"unixgram no such file", "unixgram", literal("/nonexistent/behave.sock")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			behave.Compare(t, func(e *behave.Env) {
				addr := tt.address(e)
				c, err := e.Net.Dial(tt.network, addr)
				e.Record("Dial", c == nil, err)
				c, err = e.Net.DialTimeout(tt.network, addr, time.Minute)
				e.Record("DialTimeout", c == nil, err)
			})
		})
	}
}

// literal returns an address that does not depend on the run.
func literal(s string) func(*behave.Env) string { return func(*behave.Env) string { return s } }

// deadUnixSocket returns the path of a Unix socket file nobody listens on any more.
func deadUnixSocket(e *behave.Env) string {
	path := filepath.Join(e.TempDir(), "dead")
	ln, err := e.Net.ListenUnix("unix", &net.UnixAddr{Name: path, Net: "unix"})
	e.Must(err)
	ln.SetUnlinkOnClose(false)
	e.Must(ln.Close())
	return path
}

// TestDialTypedErrors: DialTCP, DialUDP and DialUnix reject bad arguments as net's do.
func TestDialTypedErrors(t *testing.T) {
	loop := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 9}
	behave.Compare(t, func(e *behave.Env) {
		c, err := e.Net.DialTCP("udp", nil, loop)
		e.Record("DialTCP udp", c == nil, err)
		c, err = e.Net.DialTCP("tcp", nil, nil)
		e.Record("DialTCP nil raddr", c == nil, err)
		c, err = e.Net.DialTCP("tcp", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)}, &net.TCPAddr{IP: net.IPv6loopback, Port: 9})
		e.Record("DialTCP mixed families", c == nil, err)
		u, err := e.Net.DialUDP("tcp", nil, &net.UDPAddr{IP: loop.IP, Port: 9})
		e.Record("DialUDP tcp", u == nil, err)
		u, err = e.Net.DialUDP("udp", nil, nil)
		e.Record("DialUDP nil raddr", u == nil, err)
		x, err := e.Net.DialUnix("tcp", nil, &net.UnixAddr{Name: "/nonexistent", Net: "unix"})
		e.Record("DialUnix tcp", x == nil, err)
		x, err = e.Net.DialUnix("unix", nil, &net.UnixAddr{Name: "/nonexistent", Net: "unix"})
		e.Record("DialUnix no such file", x == nil, err)
	})
}

// TestDialerErrors: a Dialer's local address, context and deadline fail a dial as net's do.
func TestDialerErrors(t *testing.T) {
	errControl := errors.New("control says no")
	for _, tt := range []struct {
		name   string
		dialer func(e *behave.Env) behave.Dialer
		ctx    func(e *behave.Env) context.Context
	}{
		{"mismatched local address", func(*behave.Env) behave.Dialer {
			return behave.Dialer{LocalAddr: &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)}}
		}, background},
		{"local address of the other family", func(*behave.Env) behave.Dialer {
			return behave.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv6loopback}}
		}, background},
		{"local address in use", func(e *behave.Env) behave.Dialer {
			return behave.Dialer{LocalAddr: listener(e).Addr()}
		}, background},
		{"cancelled context", func(*behave.Env) behave.Dialer { return behave.Dialer{} }, cancelled},
		{"expired context", func(*behave.Env) behave.Dialer { return behave.Dialer{} }, expired},
		{"past Deadline", func(*behave.Env) behave.Dialer {
			return behave.Dialer{Deadline: time.Now().Add(-time.Second)}
		}, background},
		{"Control fails", func(*behave.Env) behave.Dialer {
			return behave.Dialer{Control: func(string, string, syscall.RawConn) error { return errControl }}
		}, background},
	} {
		t.Run(tt.name, func(t *testing.T) {
			behave.Compare(t, func(e *behave.Env) {
				ln := listener(e)
				c, err := e.Net.DialContext(tt.ctx(e), tt.dialer(e), "tcp", ln.Addr().String())
				if c != nil {
					c.Close()
				}
				e.Record("DialContext", c == nil, err, errors.Is(err, errControl))
			})
		})
	}
}

func background(*behave.Env) context.Context { return context.Background() }

func cancelled(*behave.Env) context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}

func expired(e *behave.Env) context.Context {
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	e.Defer(cancel)
	return ctx
}

// TestDialControl: Control sees the network and address net shows it, and a raw connection that
// works.
func TestDialControl(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		ln := listener(e)
		var network, address string
		var ctrlErr, optErr error
		d := behave.Dialer{Control: func(n, a string, c syscall.RawConn) error {
			network, address = n, a
			ctrlErr = c.Control(func(fd uintptr) {
				optErr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_KEEPALIVE, 1)
			})
			return nil
		}}
		c, err := e.Net.DialContext(context.Background(), d, "tcp", ln.Addr().String())
		e.Must(err)
		c.Close()
		e.Record("Control", network, address, ctrlErr, optErr)
	})
}

// TestDialCancelWhileConnecting: cancelling the context of a dial that cannot complete (the
// listener's backlog is full, so the SYN is dropped) ends it with net's cancellation error.
func TestDialCancelWhileConnecting(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		addr := fullBacklog(e)
		ctx, cancel := context.WithCancel(context.Background())
		var c net.Conn
		var err error
		wait := e.Go(func() { c, err = e.Net.DialContext(ctx, behave.Dialer{}, "tcp", addr) })
		e.Settle()
		cancel()
		wait()
		e.Record("DialContext", c == nil, err)
	})
}

// TestDialTimeoutWhileConnecting: a dial that cannot complete ends at its timeout with a
// timeout error. Which one is a race in net itself (its poller's deadline and the context's timer
// expire together): net's own timeout error (errors.Is context.DeadlineExceeded) or the poller's
// (errors.Is os.ErrDeadlineExceeded); the message and Timeout() do not vary, and that is what is
// compared.
func TestDialTimeoutWhileConnecting(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		addr := fullBacklog(e)
		c, err := e.Net.DialTimeout("tcp", addr, 50*time.Millisecond)
		var ne net.Error
		timeout := errors.As(err, &ne) && ne.Timeout()
		either := errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded)
		e.Record("DialTimeout", c == nil, fmt.Sprint(err), timeout, either)
	})
}

// fullBacklog returns the address of a listener that accepts nothing and whose accept queue is
// full, so a new connection's SYN goes unanswered and a dial stays in progress. It is a raw
// socket with a backlog of 0 filled by stdlib dials (whatever e.Net is), named <full>.
func fullBacklog(e *behave.Env) string {
	e.T.Helper()
	s, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
	e.Must(err)
	e.Defer(func() { syscall.Close(s) })
	e.Must(syscall.Bind(s, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}))
	e.Must(syscall.Listen(s, 0))
	sa, err := syscall.Getsockname(s)
	e.Must(err)
	addr := (&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: sa.(*syscall.SockaddrInet4).Port}).String()
	e.NameString(addr, "full")
	// With a backlog of 0 the queue holds one connection: fill it and its SYN queue until a dial
	// times out.
	for i := 0; i < 8; i++ {
		c, err := net.DialTimeout("tcp", addr, 100*time.Millisecond)
		if err != nil {
			return addr
		}
		e.Defer(func() { c.Close() })
	}
	e.T.Fatalf("setup: the backlog of %s never filled", addr)
	return ""
}
