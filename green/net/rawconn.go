package net

import (
	"syscall"
)

// rawConn is a connection's syscall.RawConn: Read and Write call f until it reports done,
// parking the greenlet while the socket is not ready. Errors are net's: an OpError naming the
// descriptor's local address (Control) or both its addresses (Read, Write).
type rawConn struct{ fd *netFD }

func newRawConn(fd *netFD) *rawConn { return &rawConn{fd: fd} }

func (c *rawConn) ok() bool { return c != nil && c.fd != nil }

// Control calls f with the descriptor.
func (c *rawConn) Control(f func(uintptr)) error {
	if !c.ok() {
		return syscall.EINVAL
	}
	if err := c.fd.pfd.RawControl(f); err != nil {
		return &OpError{Op: "raw-control", Net: c.fd.net, Source: nil, Addr: c.fd.laddr, Err: err}
	}
	return nil
}

// Read calls f until it returns true, waiting for readability in between.
func (c *rawConn) Read(f func(uintptr) bool) error {
	if !c.ok() {
		return syscall.EINVAL
	}
	if err := c.fd.pfd.RawRead(f); err != nil {
		return &OpError{Op: "raw-read", Net: c.fd.net, Source: c.fd.laddr, Addr: c.fd.raddr, Err: err}
	}
	return nil
}

// Write calls f until it returns true, waiting for writability in between.
func (c *rawConn) Write(f func(uintptr) bool) error {
	if !c.ok() {
		return syscall.EINVAL
	}
	if err := c.fd.pfd.RawWrite(f); err != nil {
		return &OpError{Op: "raw-write", Net: c.fd.net, Source: c.fd.laddr, Addr: c.fd.raddr, Err: err}
	}
	return nil
}

// rawListener is a listener's syscall.RawConn: only Control works, as in net.
type rawListener struct{ rawConn }

func newRawListener(fd *netFD) *rawListener { return &rawListener{rawConn{fd: fd}} }

// Read fails with EINVAL: a listening socket has nothing to read.
func (l *rawListener) Read(func(uintptr) bool) error { return syscall.EINVAL }

// Write fails with EINVAL: a listening socket cannot be written.
func (l *rawListener) Write(func(uintptr) bool) error { return syscall.EINVAL }
