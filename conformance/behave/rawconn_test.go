package behave_test

import (
	"net"
	"syscall"
	"testing"
	"time"

	"github.com/eventlet-go/eventlet/conformance/behave"
)

// rawReader reads into buf with read(2) on a non-blocking descriptor, asking to wait on EAGAIN:
// the function a program gives syscall.RawConn.Read.
func rawReader(buf []byte, n *int, err *error) func(uintptr) bool {
	return func(fd uintptr) bool {
		*n, *err = syscall.Read(int(fd), buf)
		return *err != syscall.EAGAIN
	}
}

// TestSyscallConn: a connection's RawConn runs Control with the descriptor, and Read and Write
// call their function again once the socket is ready, waiting (parking) in between.
func TestSyscallConn(t *testing.T) {
	forStreams(t, func(e *behave.Env, c, s net.Conn) {
		rc, err := c.(syscall.Conn).SyscallConn()
		e.Must(err)
		var sotype int
		var operr error
		e.Record("Control", rc.Control(func(fd uintptr) {
			sotype, operr = syscall.GetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_TYPE)
		}))
		e.Record("SO_TYPE", sotype, operr)

		buf := make([]byte, 16)
		var n int
		var rerr, err2 error
		wait := e.Go(func() { err2 = rc.Read(rawReader(buf, &n, &rerr)) })
		e.Settle()
		m, werr := s.Write([]byte("raw"))
		e.Record("peer Write", m, werr)
		wait()
		e.Record("Read", err2, buf[:n], rerr)

		var wn int
		e.Record("Write", rc.Write(func(fd uintptr) bool {
			wn, werr = syscall.Write(int(fd), []byte("back"))
			return werr != syscall.EAGAIN
		}), wn, werr)
		m, err = s.Read(buf)
		e.Record("peer Read", buf[:m], err)
	})
}

// TestSyscallConnErrors: a RawConn's Read and Write fail with the connection's deadline and
// after Close, in net's OpErrors; a listener's RawConn only supports Control.
func TestSyscallConnErrors(t *testing.T) {
	forStreams(t, func(e *behave.Env, c, _ net.Conn) {
		rc, err := c.(syscall.Conn).SyscallConn()
		e.Must(err)
		calls := 0
		never := func(uintptr) bool { calls++; return false }
		e.Record("SetReadDeadline past", c.SetReadDeadline(past))
		e.Record("Read past deadline", rc.Read(never), calls)
		e.Record("SetReadDeadline soon", c.SetReadDeadline(time.Now().Add(20*time.Millisecond)))
		e.Record("Read expires", rc.Read(never), calls > 0)
		e.Record("SetWriteDeadline past", c.SetWriteDeadline(past))
		calls = 0
		e.Record("Write past deadline", rc.Write(never), calls)
		e.Record("SetDeadline none", c.SetDeadline(time.Time{}))

		var rerr error
		wait := e.Go(func() { rerr = rc.Read(never) })
		e.Settle()
		e.Record("Close", c.Close())
		wait()
		e.Record("Read woken by Close", rerr)
		e.Record("Control closed", rc.Control(func(uintptr) {}))
		e.Record("Read closed", rc.Read(never))
		e.Record("Write closed", rc.Write(never))
		rc2, err := c.(syscall.Conn).SyscallConn()
		e.Record("SyscallConn closed", rc2 != nil, err)
	})
}

// TestListenerSyscallConn: a listener's RawConn runs Control; its Read and Write fail with EINVAL.
func TestListenerSyscallConn(t *testing.T) {
	forListeners(t, func(e *behave.Env, ln net.Listener) {
		rc, err := ln.(syscall.Conn).SyscallConn()
		e.Must(err)
		var acc int
		var operr error
		e.Record("Control", rc.Control(func(fd uintptr) {
			acc, operr = syscall.GetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_ACCEPTCONN)
		}), acc, operr)
		e.Record("Read", rc.Read(func(uintptr) bool { return true }))
		e.Record("Write", rc.Write(func(uintptr) bool { return true }))
	})
}
