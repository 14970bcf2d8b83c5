package net

import (
	"io"
	"os"
	"syscall"
	"time"
)

// conn is what every green connection type shares, with net's conn's methods and errors.
type conn struct {
	fd *netFD
}

func (c *conn) ok() bool { return c != nil && c.fd != nil }

// Read implements the Conn Read method.
func (c *conn) Read(b []byte) (int, error) {
	if !c.ok() {
		return 0, syscall.EINVAL
	}
	n, err := c.fd.Read(b)
	if err != nil && err != io.EOF {
		err = &OpError{Op: "read", Net: c.fd.net, Source: c.fd.laddr, Addr: c.fd.raddr, Err: err}
	}
	return n, err
}

// Write implements the Conn Write method.
func (c *conn) Write(b []byte) (int, error) {
	if !c.ok() {
		return 0, syscall.EINVAL
	}
	n, err := c.fd.Write(b)
	if err != nil {
		err = &OpError{Op: "write", Net: c.fd.net, Source: c.fd.laddr, Addr: c.fd.raddr, Err: err}
	}
	return n, err
}

// Close closes the connection: parked reads and writes return net.ErrClosed.
func (c *conn) Close() error {
	if !c.ok() {
		return syscall.EINVAL
	}
	err := c.fd.Close()
	if err != nil {
		err = &OpError{Op: "close", Net: c.fd.net, Source: c.fd.laddr, Addr: c.fd.raddr, Err: err}
	}
	return err
}

// LocalAddr returns the local network address.
func (c *conn) LocalAddr() Addr {
	if !c.ok() {
		return nil
	}
	return c.fd.laddr
}

// RemoteAddr returns the remote network address.
func (c *conn) RemoteAddr() Addr {
	if !c.ok() {
		return nil
	}
	return c.fd.raddr
}

func (c *conn) setErr(err error) error {
	if err != nil {
		return &OpError{Op: "set", Net: c.fd.net, Source: nil, Addr: c.fd.laddr, Err: err}
	}
	return nil
}

// SetDeadline sets the read and write deadlines. A deadline in the past makes operations (also
// ones parked already) fail with os.ErrDeadlineExceeded; the zero Time removes it.
func (c *conn) SetDeadline(t time.Time) error {
	if !c.ok() {
		return syscall.EINVAL
	}
	return c.setErr(c.fd.SetDeadline(t))
}

// SetReadDeadline sets the read deadline.
func (c *conn) SetReadDeadline(t time.Time) error {
	if !c.ok() {
		return syscall.EINVAL
	}
	return c.setErr(c.fd.SetReadDeadline(t))
}

// SetWriteDeadline sets the write deadline.
func (c *conn) SetWriteDeadline(t time.Time) error {
	if !c.ok() {
		return syscall.EINVAL
	}
	return c.setErr(c.fd.SetWriteDeadline(t))
}

// SetReadBuffer sets the size of the kernel's receive buffer.
func (c *conn) SetReadBuffer(bytes int) error {
	if !c.ok() {
		return syscall.EINVAL
	}
	return c.setErr(setReadBuffer(c.fd, bytes))
}

// SetWriteBuffer sets the size of the kernel's send buffer.
func (c *conn) SetWriteBuffer(bytes int) error {
	if !c.ok() {
		return syscall.EINVAL
	}
	return c.setErr(setWriteBuffer(c.fd, bytes))
}

// File returns a copy of the underlying os.File; closing one does not affect the other.
func (c *conn) File() (*os.File, error) {
	if !c.ok() {
		return nil, syscall.EINVAL
	}
	f, err := c.fd.dup()
	if err != nil {
		err = &OpError{Op: "file", Net: c.fd.net, Source: c.fd.laddr, Addr: c.fd.raddr, Err: err}
	}
	return f, err
}

// SyscallConn returns a raw connection whose Read and Write park a greenlet while the socket is
// not ready.
func (c *conn) SyscallConn() (syscall.RawConn, error) {
	if !c.ok() {
		return nil, syscall.EINVAL
	}
	return newRawConn(c.fd), nil
}

// WaitReadable parks until the connection is readable (data, its end, an error), is closed, or
// hits its read deadline, reading nothing — so a server can wait for the next request on a
// keep-alive connection without holding a buffer. It usually costs no syscall. It is an
// eventlet-go extension (net's connections have no such method).
func (c *conn) WaitReadable() error {
	if !c.ok() {
		return syscall.EINVAL
	}
	if err := c.fd.pfd.WaitReadable(); err != nil {
		return &OpError{Op: "read", Net: c.fd.net, Source: c.fd.laddr, Addr: c.fd.raddr, Err: wrapSyscallError("recvfrom", err)}
	}
	return nil
}

// NotifyReadable arranges for f to run once, in the hub's context, when the connection is (or
// becomes) readable or is closed. A server uses it to keep an idle keep-alive connection without
// a parked greenthread: f spawns the greenthread that reads the next request. f must not block.
// It is an eventlet-go extension (net's connections have no such method).
func (c *conn) NotifyReadable(f func()) error {
	if !c.ok() {
		return syscall.EINVAL
	}
	return c.fd.pfd.NotifyReadable(f)
}
