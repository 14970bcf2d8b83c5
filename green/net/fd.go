package net

import (
	"os"
	"syscall"
	"time"

	"github.com/eventlet-go/eventlet/hub"
	"github.com/eventlet-go/eventlet/internal/netfd"
	"golang.org/x/sys/unix"
)

// netFD is a socket with its network, family, type and addresses: net's netFD over the green fd
// layer. Its methods return errors as net's netFD does (errnos wrapped in os.SyscallError); the
// exported types wrap them once more in OpError.
type netFD struct {
	pfd         netfd.FD
	family      int
	sotype      int
	isConnected bool
	net         string
	laddr       Addr
	raddr       Addr
}

func newFD(sysfd, family, sotype int, net string) *netFD {
	return &netFD{
		pfd: netfd.FD{
			Sysfd:         sysfd,
			IsStream:      sotype == syscall.SOCK_STREAM,
			ZeroReadIsEOF: sotype != syscall.SOCK_DGRAM && sotype != syscall.SOCK_RAW,
			ShortReadDrains: sotype == syscall.SOCK_STREAM &&
				(family == syscall.AF_INET || family == syscall.AF_INET6),
		},
		family: family,
		sotype: sotype,
		net:    net,
	}
}

func (fd *netFD) init() error { return fd.pfd.Init() }

func (fd *netFD) setAddr(laddr, raddr Addr) {
	fd.laddr = laddr
	fd.raddr = raddr
}

// wrapSyscallError wraps an errno in os.SyscallError naming the syscall, as net does.
func wrapSyscallError(name string, err error) error {
	if _, ok := err.(syscall.Errno); ok {
		err = os.NewSyscallError(name, err)
	}
	return err
}

func (fd *netFD) Read(p []byte) (int, error) {
	n, err := fd.pfd.Read(p)
	return n, wrapSyscallError("read", err)
}

func (fd *netFD) Write(p []byte) (int, error) {
	n, err := fd.pfd.Write(p)
	return n, wrapSyscallError("write", err)
}

func (fd *netFD) writeBuffers(v *[][]byte) (int64, error) {
	n, err := fd.pfd.Writev(v)
	return n, wrapSyscallError("writev", err)
}

func (fd *netFD) readFrom(p []byte) (int, unix.Sockaddr, error) {
	n, sa, err := fd.pfd.ReadFrom(p)
	return n, sa, wrapSyscallError("recvfrom", err)
}

func (fd *netFD) readMsg(p, oob []byte, flags int) (n, oobn, rflags int, sa unix.Sockaddr, err error) {
	n, oobn, rflags, sa, err = fd.pfd.ReadMsg(p, oob, flags)
	return n, oobn, rflags, sa, wrapSyscallError("recvmsg", err)
}

func (fd *netFD) writeTo(p []byte, sa unix.Sockaddr) (int, error) {
	n, err := fd.pfd.WriteTo(p, sa)
	return n, wrapSyscallError("sendto", err)
}

func (fd *netFD) writeMsg(p, oob []byte, sa unix.Sockaddr) (int, int, error) {
	n, oobn, err := fd.pfd.WriteMsg(p, oob, sa)
	return n, oobn, wrapSyscallError("sendmsg", err)
}

func (fd *netFD) Close() error { return fd.pfd.Close() }

func (fd *netFD) shutdown(how int) error {
	return wrapSyscallError("shutdown", fd.pfd.Shutdown(how))
}

func (fd *netFD) closeRead() error  { return fd.shutdown(unix.SHUT_RD) }
func (fd *netFD) closeWrite() error { return fd.shutdown(unix.SHUT_WR) }

func (fd *netFD) SetDeadline(t time.Time) error      { return fd.pfd.SetDeadline(hub.Both, t) }
func (fd *netFD) SetReadDeadline(t time.Time) error  { return fd.pfd.SetDeadline(hub.Read, t) }
func (fd *netFD) SetWriteDeadline(t time.Time) error { return fd.pfd.SetDeadline(hub.Write, t) }

// accept returns the next connection, registered with the caller's hub.
func (fd *netFD) accept() (*netFD, error) {
	d, rsa, errcall, err := fd.pfd.Accept()
	if err != nil {
		if errcall != "" {
			err = wrapSyscallError(errcall, err)
		}
		return nil, err
	}
	nfd := newFD(d, fd.family, fd.sotype, fd.net)
	if err := nfd.init(); err != nil {
		unix.Close(d)
		return nil, err
	}
	lsa, _ := unix.Getsockname(nfd.pfd.Sysfd)
	nfd.setAddr(nfd.addrFunc()(lsa), nfd.addrFunc()(rsa))
	return nfd, nil
}

// dup returns a blocking *os.File sharing the socket, as net's File methods do.
func (fd *netFD) dup() (*os.File, error) {
	ns, errcall, err := fd.pfd.Dup()
	if err != nil {
		if errcall != "" {
			err = wrapSyscallError(errcall, err)
		}
		return nil, err
	}
	return os.NewFile(uintptr(ns), fd.name()), nil
}

// name is the file name net gives a socket's os.File.
func (fd *netFD) name() string {
	var ls, rs string
	if fd.laddr != nil {
		ls = fd.laddr.String()
	}
	if fd.raddr != nil {
		rs = fd.raddr.String()
	}
	return fd.net + ":" + ls + "->" + rs
}

// setsockoptInt sets an integer socket option.
func (fd *netFD) setsockoptInt(level, name, v int) error {
	var err error
	cerr := fd.pfd.RawControl(func(s uintptr) { err = unix.SetsockoptInt(int(s), level, name, v) })
	if cerr != nil {
		return cerr
	}
	return wrapSyscallError("setsockopt", err)
}
