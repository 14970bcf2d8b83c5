package net

import (
	"context"
	"io"
	"os"
	"syscall"
	"time"

	"github.com/eventlet-go/eventlet/internal/netfd"
	"golang.org/x/sys/unix"
)

// TCPConn is net.TCPConn for green sockets.
type TCPConn struct {
	conn
}

func newTCPConn(fd *netFD, keepAliveIdle time.Duration, keepAliveCfg KeepAliveConfig) *TCPConn {
	setNoDelay(fd, true)
	if !keepAliveCfg.Enable && keepAliveIdle >= 0 {
		keepAliveCfg = KeepAliveConfig{Enable: true, Idle: keepAliveIdle}
	}
	c := &TCPConn{conn{fd}}
	if keepAliveCfg.Enable {
		c.SetKeepAliveConfig(keepAliveCfg)
	}
	return c
}

// ReadFrom implements io.ReaderFrom.
func (c *TCPConn) ReadFrom(r io.Reader) (int64, error) {
	if !c.ok() {
		return 0, syscall.EINVAL
	}
	n, err, handled := spliceFrom(c.fd, r)
	if !handled {
		n, err, handled = sendFile(c.fd, r)
	}
	if !handled {
		n, err = genericReadFrom(c, r)
	}
	if err != nil && err != io.EOF {
		err = &OpError{Op: "readfrom", Net: c.fd.net, Source: c.fd.laddr, Addr: c.fd.raddr, Err: err}
	}
	return n, err
}

// spliceFrom copies r to fd with splice(2) when r is a TCP or Unix stream connection (possibly in
// an io.LimitedReader), as net's does; handled is false when it did nothing and the caller should
// copy by other means.
func spliceFrom(fd *netFD, r io.Reader) (written int64, err error, handled bool) {
	remain := int64(1<<63 - 1) // to the end of the stream
	lr, limited := r.(*io.LimitedReader)
	if limited {
		remain, r = lr.N, lr.R
		if remain <= 0 {
			return 0, nil, true
		}
	}
	var src *netFD
	switch v := r.(type) {
	case *TCPConn:
		if v.ok() {
			src = v.fd
		}
	case *UnixConn:
		if v.ok() && v.fd.net == "unix" {
			src = v.fd
		}
	}
	if src == nil {
		return 0, nil, false
	}
	written, handled, err = netfd.Splice(&fd.pfd, &src.pfd, remain)
	if limited {
		lr.N -= written
	}
	return written, wrapSyscallError("splice", err), handled
}

// spliceTo copies the connection of fd to w with splice(2) when w is a Unix stream connection,
// as net's does; handled is false when it did nothing and the caller should copy by other means.
func spliceTo(w io.Writer, fd *netFD) (written int64, err error, handled bool) {
	uc, ok := w.(*UnixConn)
	if !ok || !uc.ok() || uc.fd.net != "unix" {
		return 0, nil, false
	}
	written, handled, err = netfd.Splice(&uc.fd.pfd, &fd.pfd, 1<<63-1)
	return written, wrapSyscallError("splice", err), handled
}

// sendFile copies r to fd with sendfile(2) when r is a file (an *os.File, or anything with a
// SyscallConn, possibly in an io.LimitedReader), as net's does; handled is false when it did
// nothing and the caller should copy by other means.
func sendFile(fd *netFD, r io.Reader) (written int64, err error, handled bool) {
	var remain int64 // 0: to the end of the file
	lr, limited := r.(*io.LimitedReader)
	if limited {
		remain, r = lr.N, lr.R
		if remain <= 0 {
			return 0, nil, true
		}
	}
	f, ok := r.(syscall.Conn)
	if !ok {
		return 0, nil, false
	}
	sc, err := f.SyscallConn()
	if err != nil {
		return 0, nil, false
	}
	var werr error
	err = sc.Read(func(src uintptr) bool {
		written, werr, handled = fd.pfd.SendFile(int(src), remain)
		return true
	})
	if err == nil {
		err = werr
	}
	if limited {
		lr.N = remain - written
	}
	return written, wrapSyscallError("sendfile", err), handled
}

// WriteTo implements io.WriterTo.
func (c *TCPConn) WriteTo(w io.Writer) (int64, error) {
	if !c.ok() {
		return 0, syscall.EINVAL
	}
	n, err, handled := spliceTo(w, c.fd)
	if !handled {
		n, err = genericWriteTo(c, w)
	}
	if err != nil && err != io.EOF {
		err = &OpError{Op: "writeto", Net: c.fd.net, Source: c.fd.laddr, Addr: c.fd.raddr, Err: err}
	}
	return n, err
}

// onlyWriter and onlyReader hide a connection's ReaderFrom/WriterTo, so io.Copy does not loop back.
type onlyWriter struct{ io.Writer }
type onlyReader struct{ io.Reader }

// genericReadFrom copies through c's own Write, as net's does: a failed write comes back as
// Write's OpError, which ReadFrom wraps once more ("readfrom tcp ...: write tcp ...: ...").
func genericReadFrom(c *TCPConn, r io.Reader) (int64, error) {
	return io.Copy(onlyWriter{c}, r)
}

// genericWriteTo copies through c's own Read, as net's does (see genericReadFrom).
func genericWriteTo(c *TCPConn, w io.Writer) (int64, error) {
	return io.Copy(w, onlyReader{c})
}

// CloseRead shuts down the reading side of the connection.
func (c *TCPConn) CloseRead() error {
	if !c.ok() {
		return syscall.EINVAL
	}
	if err := c.fd.closeRead(); err != nil {
		return &OpError{Op: "close", Net: c.fd.net, Source: c.fd.laddr, Addr: c.fd.raddr, Err: err}
	}
	return nil
}

// CloseWrite shuts down the writing side of the connection.
func (c *TCPConn) CloseWrite() error {
	if !c.ok() {
		return syscall.EINVAL
	}
	if err := c.fd.closeWrite(); err != nil {
		return &OpError{Op: "close", Net: c.fd.net, Source: c.fd.laddr, Addr: c.fd.raddr, Err: err}
	}
	return nil
}

func (c *TCPConn) setOptErr(err error) error {
	if err != nil {
		return &OpError{Op: "set", Net: c.fd.net, Source: c.fd.laddr, Addr: c.fd.raddr, Err: err}
	}
	return nil
}

// SetLinger sets SO_LINGER (negative: the default, close returns at once and the kernel sends
// the rest in the background).
func (c *TCPConn) SetLinger(sec int) error {
	if !c.ok() {
		return syscall.EINVAL
	}
	return c.setOptErr(setLinger(c.fd, sec))
}

// SetKeepAlive turns TCP keep-alive probes on or off.
func (c *TCPConn) SetKeepAlive(keepalive bool) error {
	if !c.ok() {
		return syscall.EINVAL
	}
	return c.setOptErr(setKeepAlive(c.fd, keepalive))
}

// SetKeepAlivePeriod sets the idle time before keep-alive probes.
func (c *TCPConn) SetKeepAlivePeriod(d time.Duration) error {
	if !c.ok() {
		return syscall.EINVAL
	}
	return c.setOptErr(setKeepAliveIdle(c.fd, d))
}

// SetKeepAliveConfig configures keep-alive probes (zero fields take net's defaults, negative ones
// leave the system's).
func (c *TCPConn) SetKeepAliveConfig(config KeepAliveConfig) error {
	if !c.ok() {
		return syscall.EINVAL
	}
	if err := setKeepAlive(c.fd, config.Enable); err != nil {
		return c.setOptErr(err)
	}
	if err := setKeepAliveIdle(c.fd, config.Idle); err != nil {
		return c.setOptErr(err)
	}
	if err := setKeepAliveInterval(c.fd, config.Interval); err != nil {
		return c.setOptErr(err)
	}
	return c.setOptErr(setKeepAliveCount(c.fd, config.Count))
}

// SetNoDelay sets TCP_NODELAY (on by default, as in net).
func (c *TCPConn) SetNoDelay(noDelay bool) error {
	if !c.ok() {
		return syscall.EINVAL
	}
	return c.setOptErr(setNoDelay(c.fd, noDelay))
}

// MultipathTCP reports whether the connection uses MPTCP; green connections never do.
func (c *TCPConn) MultipathTCP() (bool, error) {
	if !c.ok() {
		return false, syscall.EINVAL
	}
	return false, nil
}

// DialTCP connects to raddr on network ("tcp", "tcp4", "tcp6") from laddr, if not nil.
func DialTCP(network string, laddr, raddr *TCPAddr) (*TCPConn, error) {
	return dialTCP(context.Background(), nil, network, laddr, raddr)
}

func dialTCP(ctx context.Context, dialer *Dialer, network string, laddr, raddr *TCPAddr) (*TCPConn, error) {
	switch network {
	case "tcp", "tcp4", "tcp6":
	default:
		return nil, &OpError{Op: "dial", Net: network, Source: opAddr(laddr), Addr: opAddr(raddr), Err: UnknownNetworkError(network)}
	}
	if raddr == nil {
		return nil, &OpError{Op: "dial", Net: network, Source: opAddr(laddr), Addr: nil, Err: errMissingAddress}
	}
	sd := &sysDialer{network: network, address: raddr.String()}
	if dialer != nil {
		sd.Dialer = *dialer
	}
	c, err := sd.dialTCP(ctx, laddr, raddr)
	if err != nil {
		return nil, &OpError{Op: "dial", Net: network, Source: opAddr(laddr), Addr: opAddr(raddr), Err: err}
	}
	return c, nil
}

func (sd *sysDialer) dialTCP(ctx context.Context, laddr, raddr *TCPAddr) (*TCPConn, error) {
	fd, err := internetSocket(ctx, sd.network, laddr, raddr, unix.SOCK_STREAM, 0, "dial", sd.ctrl())
	// TCP can connect a socket to itself when the kernel picks the very port it dials (a
	// "simultaneous connect"); net retries then, and so do we.
	for i := 0; i < 2 && (laddr == nil || laddr.Port == 0) && (selfConnect(fd, err) || spuriousENOTAVAIL(err)); i++ {
		if err == nil {
			fd.Close()
		}
		fd, err = internetSocket(ctx, sd.network, laddr, raddr, unix.SOCK_STREAM, 0, "dial", sd.ctrl())
	}
	if err != nil {
		return nil, err
	}
	return newTCPConn(fd, sd.KeepAlive, sd.KeepAliveConfig), nil
}

func selfConnect(fd *netFD, err error) bool {
	if err != nil || fd.laddr == nil || fd.raddr == nil {
		return false
	}
	l, r := fd.laddr.(*TCPAddr), fd.raddr.(*TCPAddr)
	return l.Port == r.Port && l.IP.Equal(r.IP)
}

func spuriousENOTAVAIL(err error) bool {
	if op, ok := err.(*OpError); ok {
		err = op.Err
	}
	if sys, ok := err.(*os.SyscallError); ok {
		err = sys.Err
	}
	return err == syscall.EADDRNOTAVAIL
}

// internetSocket makes a TCP, UDP or raw IP socket of the family the addresses call for.
func internetSocket(ctx context.Context, net string, laddr, raddr Addr, sotype, proto int, mode string, ctrl ctrlFunc) (*netFD, error) {
	laddr, raddr = opAddr(laddr), opAddr(raddr)
	if mode == "dial" && laddr != nil && isWildcard(laddr) {
		laddr = nil
	}
	if mode == "dial" && raddr != nil && isWildcard(raddr) {
		raddr = toLocal(raddr, net)
	}
	family, ipv6only := favoriteAddrFamily(net, laddr, raddr, mode)
	return socket(ctx, net, family, sotype, proto, ipv6only, laddr, raddr, ctrl)
}

// TCPListener is net.TCPListener for green sockets: Accept parks a greenlet.
type TCPListener struct {
	fd *netFD
	lc ListenConfig
}

func (l *TCPListener) ok() bool { return l != nil && l.fd != nil }

// AcceptTCP waits for and returns the next connection.
func (l *TCPListener) AcceptTCP() (*TCPConn, error) {
	if !l.ok() {
		return nil, syscall.EINVAL
	}
	c, err := l.accept()
	if err != nil {
		return nil, &OpError{Op: "accept", Net: l.fd.net, Source: nil, Addr: l.fd.laddr, Err: err}
	}
	return c, nil
}

// Accept implements the Listener Accept method.
func (l *TCPListener) Accept() (Conn, error) {
	c, err := l.AcceptTCP()
	if err != nil {
		return nil, err
	}
	return c, nil
}

func (l *TCPListener) accept() (*TCPConn, error) {
	fd, err := l.fd.accept()
	if err != nil {
		return nil, err
	}
	return newTCPConn(fd, l.lc.KeepAlive, l.lc.KeepAliveConfig), nil
}

// Close stops listening; a parked Accept returns net.ErrClosed.
func (l *TCPListener) Close() error {
	if !l.ok() {
		return syscall.EINVAL
	}
	if err := l.fd.Close(); err != nil {
		return &OpError{Op: "close", Net: l.fd.net, Source: nil, Addr: l.fd.laddr, Err: err}
	}
	return nil
}

// Addr returns the listener's network address.
func (l *TCPListener) Addr() Addr { return l.fd.laddr }

// SetDeadline sets the deadline of Accept.
func (l *TCPListener) SetDeadline(t time.Time) error {
	if !l.ok() {
		return syscall.EINVAL
	}
	// Unwrapped, as net returns it: net.ErrClosed itself after Close.
	return l.fd.SetDeadline(t)
}

// SyscallConn returns a raw connection to the listening socket.
func (l *TCPListener) SyscallConn() (syscall.RawConn, error) {
	if !l.ok() {
		return nil, syscall.EINVAL
	}
	return newRawListener(l.fd), nil
}

// File returns a copy of the underlying os.File.
func (l *TCPListener) File() (*os.File, error) {
	if !l.ok() {
		return nil, syscall.EINVAL
	}
	f, err := l.fd.dup()
	if err != nil {
		return nil, &OpError{Op: "file", Net: l.fd.net, Source: nil, Addr: l.fd.laddr, Err: err}
	}
	return f, nil
}

// ListenTCP announces on laddr (nil or a zero port: the kernel picks).
func ListenTCP(network string, laddr *TCPAddr) (*TCPListener, error) {
	switch network {
	case "tcp", "tcp4", "tcp6":
	default:
		return nil, &OpError{Op: "listen", Net: network, Source: nil, Addr: opAddr(laddr), Err: UnknownNetworkError(network)}
	}
	if laddr == nil {
		laddr = &TCPAddr{}
	}
	sl := &sysListener{network: network, address: laddr.String()}
	ln, err := sl.listenTCP(context.Background(), laddr)
	if err != nil {
		return nil, &OpError{Op: "listen", Net: network, Source: nil, Addr: opAddr(laddr), Err: err}
	}
	return ln, nil
}

func (sl *sysListener) listenTCP(ctx context.Context, laddr *TCPAddr) (*TCPListener, error) {
	fd, err := internetSocket(ctx, sl.network, laddr, nil, unix.SOCK_STREAM, 0, "listen", sl.ctrl())
	if err != nil {
		return nil, err
	}
	return &TCPListener{fd: fd, lc: sl.ListenConfig}, nil
}
