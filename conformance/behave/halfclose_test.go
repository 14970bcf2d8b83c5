package behave_test

import (
	"io"
	"net"
	"testing"

	"github.com/eventlet-go/eventlet/conformance/behave"
)

// halfCloser is what net's TCPConn and UnixConn have for half-closing.
type halfCloser interface {
	CloseRead() error
	CloseWrite() error
}

// TestCloseWrite: CloseWrite reads as io.EOF at the peer, which can still answer; writing after
// CloseWrite fails with EPIPE; closing the write side twice is harmless.
func TestCloseWrite(t *testing.T) {
	forStreams(t, func(e *behave.Env, c, s net.Conn) {
		n, err := c.Write([]byte("request"))
		e.Record("Write", n, err)
		e.Record("CloseWrite", c.(halfCloser).CloseWrite())
		got, err := io.ReadAll(s)
		e.Record("peer ReadAll", got, err)
		n, err = s.Write([]byte("reply"))
		e.Record("peer Write", n, err)
		buf := make([]byte, 64)
		n, err = c.Read(buf)
		e.Record("Read reply", buf[:n], err)
		n, err = c.Write([]byte("more"))
		e.Record("Write after CloseWrite", n, err)
		e.Record("CloseWrite again", c.(halfCloser).CloseWrite())
		e.Record("peer Close", s.Close())
		n, err = c.Read(buf)
		e.Record("Read at EOF", n, err)
	})
}

// TestCloseWriteWhileParked: a Read parked at the peer when CloseWrite is called returns io.EOF.
func TestCloseWriteWhileParked(t *testing.T) {
	forStreams(t, func(e *behave.Env, c, s net.Conn) {
		var n int
		var err error
		wait := e.Go(func() { n, err = s.Read(make([]byte, 8)) })
		e.Settle()
		e.Record("CloseWrite", c.(halfCloser).CloseWrite())
		wait()
		e.Record("peer Read", n, err)
	})
}

// TestCloseRead: after CloseRead, Read returns io.EOF while writing still works.
func TestCloseRead(t *testing.T) {
	forStreams(t, func(e *behave.Env, c, s net.Conn) {
		e.Record("CloseRead", c.(halfCloser).CloseRead())
		n, err := c.Read(make([]byte, 8))
		e.Record("Read", n, err)
		n, err = c.Write([]byte("still"))
		e.Record("Write", n, err)
		buf := make([]byte, 8)
		n, err = s.Read(buf)
		e.Record("peer Read", buf[:n], err)
	})
}
