//go:build linux

package http

import (
	"crypto/tls"
	"github.com/eventlet-go/eventlet/green/net"
	"syscall"

	"github.com/eventlet-go/eventlet/internal/netfd"
)

// peekOne looks at the socket without consuming or waiting: whether a
// byte (or the end of the stream, or an error) is there to be read.
func peekOne(fd uintptr) (ready bool) { return netfd.Readable(int(fd)) }

// canPollReadable reports that readiness can be waited for here.
const canPollReadable = true

// peerClosed reports, without blocking, whether the peer of an idle
// connection has closed it or sent it something: a one-byte MSG_PEEK that
// does not wait. A connection whose descriptor cannot be reached is
// assumed alive.
func peerClosed(c net.Conn) bool {
	if tc, ok := c.(*tls.Conn); ok {
		c = tc.NetConn()
	}
	sc, ok := c.(syscall.Conn)
	if !ok {
		return false
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return false
	}
	stale := false
	err = raw.Read(func(fd uintptr) bool {
		stale = peekOne(fd)
		return true
	})
	return stale || err != nil
}
