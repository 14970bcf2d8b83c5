package net

import (
	"context"
	"errors"
	"os"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// UnixConn is net.UnixConn for green sockets.
type UnixConn struct {
	conn
}

func newUnixConn(fd *netFD) *UnixConn { return &UnixConn{conn{fd}} }

func sotypeToNet(sotype int) string {
	switch sotype {
	case unix.SOCK_STREAM:
		return "unix"
	case unix.SOCK_SEQPACKET:
		return "unixpacket"
	case unix.SOCK_DGRAM:
		return "unixgram"
	}
	panic("sotypeToNet unknown socket type")
}

func (c *UnixConn) readErr(err error) error {
	if err != nil {
		return &OpError{Op: "read", Net: c.fd.net, Source: c.fd.laddr, Addr: c.fd.raddr, Err: err}
	}
	return nil
}

// CloseRead shuts down the reading side of the connection.
func (c *UnixConn) CloseRead() error {
	if !c.ok() {
		return syscall.EINVAL
	}
	if err := c.fd.closeRead(); err != nil {
		return &OpError{Op: "close", Net: c.fd.net, Source: c.fd.laddr, Addr: c.fd.raddr, Err: err}
	}
	return nil
}

// CloseWrite shuts down the writing side of the connection.
func (c *UnixConn) CloseWrite() error {
	if !c.ok() {
		return syscall.EINVAL
	}
	if err := c.fd.closeWrite(); err != nil {
		return &OpError{Op: "close", Net: c.fd.net, Source: c.fd.laddr, Addr: c.fd.raddr, Err: err}
	}
	return nil
}

func (c *UnixConn) peerAddr(sa unix.Sockaddr) *UnixAddr {
	if s, ok := sa.(*unix.SockaddrUnix); ok && s.Name != "" {
		return &UnixAddr{Name: s.Name, Net: sotypeToNet(c.fd.sotype)}
	}
	return nil
}

// ReadFromUnix reads a packet and returns its sender (nil for an unnamed socket).
func (c *UnixConn) ReadFromUnix(b []byte) (int, *UnixAddr, error) {
	if !c.ok() {
		return 0, nil, syscall.EINVAL
	}
	n, sa, err := c.fd.readFrom(b)
	return n, c.peerAddr(sa), c.readErr(err)
}

// ReadFrom implements the PacketConn ReadFrom method.
func (c *UnixConn) ReadFrom(b []byte) (int, Addr, error) {
	n, addr, err := c.ReadFromUnix(b)
	if addr == nil {
		return n, nil, err
	}
	return n, addr, err
}

// ReadMsgUnix reads a message with ancillary data (file descriptors arrive close-on-exec).
func (c *UnixConn) ReadMsgUnix(b, oob []byte) (n, oobn, flags int, addr *UnixAddr, err error) {
	if !c.ok() {
		return 0, 0, 0, nil, syscall.EINVAL
	}
	var sa unix.Sockaddr
	n, oobn, flags, sa, err = c.fd.readMsg(b, oob, unix.MSG_CMSG_CLOEXEC)
	return n, oobn, flags, c.peerAddr(sa), c.readErr(err)
}

// WriteToUnix sends a packet to addr.
func (c *UnixConn) WriteToUnix(b []byte, addr *UnixAddr) (int, error) {
	if !c.ok() {
		return 0, syscall.EINVAL
	}
	n, err := c.writeTo(b, addr)
	if err != nil {
		err = &OpError{Op: "write", Net: c.fd.net, Source: c.fd.laddr, Addr: opAddr(addr), Err: err}
	}
	return n, err
}

func (c *UnixConn) writeTo(b []byte, addr *UnixAddr) (int, error) {
	if c.fd.isConnected {
		return 0, ErrWriteToConnected
	}
	if addr == nil {
		return 0, errMissingAddress
	}
	if addr.Net != sotypeToNet(c.fd.sotype) {
		return 0, syscall.EAFNOSUPPORT
	}
	return c.fd.writeTo(b, &unix.SockaddrUnix{Name: addr.Name})
}

// WriteTo implements the PacketConn WriteTo method.
func (c *UnixConn) WriteTo(b []byte, addr Addr) (int, error) {
	if !c.ok() {
		return 0, syscall.EINVAL
	}
	a, ok := addr.(*UnixAddr)
	if !ok {
		return 0, &OpError{Op: "write", Net: c.fd.net, Source: c.fd.laddr, Addr: addr, Err: syscall.EINVAL}
	}
	return c.WriteToUnix(b, a)
}

// WriteMsgUnix sends a message with ancillary data (file descriptors, credentials).
func (c *UnixConn) WriteMsgUnix(b, oob []byte, addr *UnixAddr) (n, oobn int, err error) {
	if !c.ok() {
		return 0, 0, syscall.EINVAL
	}
	n, oobn, err = c.writeMsg(b, oob, addr)
	if err != nil {
		err = &OpError{Op: "write", Net: c.fd.net, Source: c.fd.laddr, Addr: opAddr(addr), Err: err}
	}
	return
}

func (c *UnixConn) writeMsg(b, oob []byte, addr *UnixAddr) (int, int, error) {
	if c.fd.sotype == unix.SOCK_DGRAM && c.fd.isConnected {
		return 0, 0, ErrWriteToConnected
	}
	var sa unix.Sockaddr
	if addr != nil {
		if addr.Net != sotypeToNet(c.fd.sotype) {
			return 0, 0, syscall.EAFNOSUPPORT
		}
		sa = &unix.SockaddrUnix{Name: addr.Name}
	}
	return c.fd.writeMsg(b, oob, sa)
}

// DialUnix connects to raddr on network ("unix", "unixgram", "unixpacket") from laddr, if not nil.
func DialUnix(network string, laddr, raddr *UnixAddr) (*UnixConn, error) {
	return dialUnix(context.Background(), nil, network, laddr, raddr)
}

func dialUnix(ctx context.Context, dialer *Dialer, network string, laddr, raddr *UnixAddr) (*UnixConn, error) {
	switch network {
	case "unix", "unixgram", "unixpacket":
	default:
		return nil, &OpError{Op: "dial", Net: network, Source: opAddr(laddr), Addr: opAddr(raddr), Err: UnknownNetworkError(network)}
	}
	sd := &sysDialer{network: network, address: raddr.String()}
	if dialer != nil {
		sd.Dialer = *dialer
	}
	c, err := sd.dialUnix(ctx, laddr, raddr)
	if err != nil {
		return nil, &OpError{Op: "dial", Net: network, Source: opAddr(laddr), Addr: opAddr(raddr), Err: err}
	}
	return c, nil
}

func (sd *sysDialer) dialUnix(ctx context.Context, laddr, raddr *UnixAddr) (*UnixConn, error) {
	fd, err := unixSocket(ctx, sd.network, laddr, raddr, "dial", sd.ctrl())
	if err != nil {
		return nil, err
	}
	return newUnixConn(fd), nil
}

func unixSocket(ctx context.Context, net string, laddr, raddr *UnixAddr, mode string, ctrl ctrlFunc) (*netFD, error) {
	var sotype int
	switch net {
	case "unix":
		sotype = unix.SOCK_STREAM
	case "unixgram":
		sotype = unix.SOCK_DGRAM
	case "unixpacket":
		sotype = unix.SOCK_SEQPACKET
	default:
		return nil, UnknownNetworkError(net)
	}
	var la, ra Addr
	if laddr != nil {
		la = laddr
	}
	if raddr != nil {
		ra = raddr
	}
	switch mode {
	case "dial":
		if la != nil && isWildcard(la) {
			la = nil
		}
		if ra != nil && isWildcard(ra) {
			ra = nil
		}
		if ra == nil && (sotype != unix.SOCK_DGRAM || la == nil) {
			return nil, errMissingAddress
		}
	case "listen":
	default:
		return nil, errors.New("unknown mode: " + mode)
	}
	return socket(ctx, net, unix.AF_UNIX, sotype, 0, false, la, ra, ctrl)
}

// UnixListener is net.UnixListener for green sockets. Close removes the socket file it created
// (unless SetUnlinkOnClose(false)).
type UnixListener struct {
	fd         *netFD
	path       string
	unlink     bool
	unlinkOnce sync.Once
}

func (l *UnixListener) ok() bool { return l != nil && l.fd != nil }

// AcceptUnix waits for and returns the next connection.
func (l *UnixListener) AcceptUnix() (*UnixConn, error) {
	if !l.ok() {
		return nil, syscall.EINVAL
	}
	fd, err := l.fd.accept()
	if err != nil {
		return nil, &OpError{Op: "accept", Net: l.fd.net, Source: nil, Addr: l.fd.laddr, Err: err}
	}
	return newUnixConn(fd), nil
}

// Accept implements the Listener Accept method.
func (l *UnixListener) Accept() (Conn, error) {
	c, err := l.AcceptUnix()
	if err != nil {
		return nil, err
	}
	return c, nil
}

// Close stops listening and removes the socket file; a parked Accept returns net.ErrClosed.
func (l *UnixListener) Close() error {
	if !l.ok() {
		return syscall.EINVAL
	}
	// Remove then close, as net does: the name is ours until the socket goes.
	l.unlinkOnce.Do(func() {
		if l.path != "" && l.path[0] != '@' && l.unlink {
			unix.Unlink(l.path)
		}
	})
	if err := l.fd.Close(); err != nil {
		return &OpError{Op: "close", Net: l.fd.net, Source: nil, Addr: l.fd.laddr, Err: err}
	}
	return nil
}

// Addr returns the listener's network address.
func (l *UnixListener) Addr() Addr { return l.fd.laddr }

// SetDeadline sets the deadline of Accept.
func (l *UnixListener) SetDeadline(t time.Time) error {
	if !l.ok() {
		return syscall.EINVAL
	}
	// Unwrapped, as net returns it: net.ErrClosed itself after Close.
	return l.fd.SetDeadline(t)
}

// SyscallConn returns a raw connection to the listening socket.
func (l *UnixListener) SyscallConn() (syscall.RawConn, error) {
	if !l.ok() {
		return nil, syscall.EINVAL
	}
	return newRawListener(l.fd), nil
}

// File returns a copy of the underlying os.File.
func (l *UnixListener) File() (*os.File, error) {
	if !l.ok() {
		return nil, syscall.EINVAL
	}
	f, err := l.fd.dup()
	if err != nil {
		return nil, &OpError{Op: "file", Net: l.fd.net, Source: nil, Addr: l.fd.laddr, Err: err}
	}
	return f, nil
}

// SetUnlinkOnClose sets whether Close removes the socket file.
func (l *UnixListener) SetUnlinkOnClose(unlink bool) { l.unlink = unlink }

// ListenUnix announces on the Unix domain socket laddr ("unix" or "unixpacket").
func ListenUnix(network string, laddr *UnixAddr) (*UnixListener, error) {
	switch network {
	case "unix", "unixpacket":
	default:
		return nil, &OpError{Op: "listen", Net: network, Source: nil, Addr: opAddr(laddr), Err: UnknownNetworkError(network)}
	}
	if laddr == nil {
		return nil, &OpError{Op: "listen", Net: network, Source: nil, Addr: nil, Err: errMissingAddress}
	}
	sl := &sysListener{network: network, address: laddr.String()}
	ln, err := sl.listenUnix(context.Background(), laddr)
	if err != nil {
		return nil, &OpError{Op: "listen", Net: network, Source: nil, Addr: opAddr(laddr), Err: err}
	}
	return ln, nil
}

func (sl *sysListener) listenUnix(ctx context.Context, laddr *UnixAddr) (*UnixListener, error) {
	fd, err := unixSocket(ctx, sl.network, laddr, nil, "listen", sl.ctrl())
	if err != nil {
		return nil, err
	}
	return &UnixListener{fd: fd, path: fd.laddr.String(), unlink: true}, nil
}

// ListenUnixgram opens a "unixgram" socket on laddr.
func ListenUnixgram(network string, laddr *UnixAddr) (*UnixConn, error) {
	switch network {
	case "unixgram":
	default:
		return nil, &OpError{Op: "listen", Net: network, Source: nil, Addr: opAddr(laddr), Err: UnknownNetworkError(network)}
	}
	if laddr == nil {
		return nil, &OpError{Op: "listen", Net: network, Source: nil, Addr: nil, Err: errMissingAddress}
	}
	sl := &sysListener{network: network, address: laddr.String()}
	c, err := sl.listenUnixgram(context.Background(), laddr)
	if err != nil {
		return nil, &OpError{Op: "listen", Net: network, Source: nil, Addr: opAddr(laddr), Err: err}
	}
	return c, nil
}

func (sl *sysListener) listenUnixgram(ctx context.Context, laddr *UnixAddr) (*UnixConn, error) {
	fd, err := unixSocket(ctx, sl.network, laddr, nil, "listen", sl.ctrl())
	if err != nil {
		return nil, err
	}
	return newUnixConn(fd), nil
}
