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
}

func (r *readiness) init(c *conn) {
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
}

// proceed is the RawConn.Read callback: the first call asks to wait for
// readability, the second ends the wait.
func (r *readiness) proceed(uintptr) bool {
	if !r.waited {
		r.waited = true
		return false
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
	c.ready.waited = false
	return c.ready.raw.Read(c.ready.check)
}
