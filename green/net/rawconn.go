package net

import (
	"syscall"
)

// rawConn is a connection's syscall.RawConn: Read and Write call f until it reports done,
// parking the greenlet while the socket is not ready.
type rawConn struct{ fd *netFD }

func newRawConn(fd *netFD) *rawConn { return &rawConn{fd: fd} }

func (c *rawConn) ok() bool { return c != nil && c.fd != nil }

func (c *rawConn) opErr(op string, err error) error {
	if err == nil {
		return nil
	}
	return &OpError{Op: op, Net: c.fd.net, Source: nil, Addr: c.fd.laddr, Err: err}
}

// Control calls f with the descriptor.
func (c *rawConn) Control(f func(uintptr)) error {
	if !c.ok() {
		return syscall.EINVAL
	}
	return c.opErr("raw-control", c.fd.pfd.RawControl(f))
}

// Read calls f until it returns true, waiting for readability in between.
func (c *rawConn) Read(f func(uintptr) bool) error {
	if !c.ok() {
		return syscall.EINVAL
	}
	return c.opErr("raw-read", c.fd.pfd.RawRead(f))
}

// Write calls f until it returns true, waiting for writability in between.
func (c *rawConn) Write(f func(uintptr) bool) error {
	if !c.ok() {
		return syscall.EINVAL
	}
	return c.opErr("raw-write", c.fd.pfd.RawWrite(f))
}
