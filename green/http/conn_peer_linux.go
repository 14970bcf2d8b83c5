//go:build linux

package http

import (
	"crypto/tls"
	"net"
	"syscall"

	"golang.org/x/sys/unix"
)

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
		var b [1]byte
		n, _, err := unix.Recvfrom(int(fd), b[:], unix.MSG_PEEK|unix.MSG_DONTWAIT)
		stale = n > 0 || (n == 0 && err == nil) || (err != nil && err != unix.EAGAIN)
		return true
	})
	return stale || err != nil
}
