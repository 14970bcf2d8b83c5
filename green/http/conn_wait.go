package http

import (
	"crypto/tls"
	"syscall"
)

// readiness waits for a connection to become readable through the
// runtime's poller, without a system call of its own and without a
// buffer. It is resolved once per connection so that waiting allocates
// nothing.
type readiness struct {
	raw    syscall.RawConn // nil: the connection has no descriptor to wait on
	waited bool
	check  func(uintptr) bool // r.proceed, bound once
	// green: the connection's own wait (green/net's WaitReadable), which usually needs no
	// syscall; nil for other connections, which wait through RawConn with a peek.
	green interface{ WaitReadable() error }
}

func (r *readiness) init(c *conn) {
	if !canPollReadable {
		return
	}
	if _, isTLS := c.rwc.(*tls.Conn); isTLS {
		// Readable bytes may be half a TLS record: TLS reads ahead.
		return
	}
	sc, ok := c.rwc.(syscall.Conn)
	if !ok {
		return
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return
	}
	r.raw = raw
	r.check = r.proceed
	r.green, _ = c.rwc.(interface{ WaitReadable() error })
}

// proceed is the RawConn.Read callback. RawConn.Read forgets any
// readiness the poller saw before it was called, so the first call must
// look at the socket (a non-consuming peek); if nothing is there, it asks
// to wait, and the call after the wake-up ends the wait.
func (r *readiness) proceed(fd uintptr) bool {
	if !r.waited {
		r.waited = true
		return peekOne(fd)
	}
	return true
}

// awaitReadable waits, holding no buffer, until the connection has
// something to read (or is closed, or hits its deadline: the read that
// follows reports that). It is the one function to swap for the hub's
// readiness callback, which lets the connection's greenthread end while
// the connection is idle. Connections without a descriptor to wait on
// (TLS, wrappers) read one byte ahead into the connReader instead.
func (c *conn) awaitReadable() error {
	if c.ready.raw == nil {
		return c.r.readAhead()
	}
	if c.ready.green != nil {
		return c.ready.green.WaitReadable()
	}
	c.ready.waited = false
	return c.ready.raw.Read(c.ready.check)
}
