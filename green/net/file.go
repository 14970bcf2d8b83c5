package net

import (
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// FileConn returns a copy of the network connection of the open file f, registered with the
// hub; closing either does not affect the other.
func FileConn(f *os.File) (Conn, error) {
	c, err := fileConn(f)
	if err != nil {
		return nil, &OpError{Op: "file", Net: "file+net", Source: nil, Addr: fileAddr(f.Name()), Err: err}
	}
	return c, nil
}

// FileListener returns a copy of the network listener of the open file f.
func FileListener(f *os.File) (Listener, error) {
	l, err := fileListener(f)
	if err != nil {
		return nil, &OpError{Op: "file", Net: "file+net", Source: nil, Addr: fileAddr(f.Name()), Err: err}
	}
	return l, nil
}

// FilePacketConn returns a copy of the packet network connection of the open file f.
func FilePacketConn(f *os.File) (PacketConn, error) {
	c, err := filePacketConn(f)
	if err != nil {
		return nil, &OpError{Op: "file", Net: "file+net", Source: nil, Addr: fileAddr(f.Name()), Err: err}
	}
	return c, nil
}

// newFileFD duplicates f's socket, makes the copy non-blocking and registers it.
func newFileFD(f *os.File) (*netFD, error) {
	s, err := unix.FcntlInt(f.Fd(), unix.F_DUPFD_CLOEXEC, 0)
	if err != nil {
		return nil, os.NewSyscallError("fcntl", err)
	}
	if err := unix.SetNonblock(s, true); err != nil {
		unix.Close(s)
		return nil, os.NewSyscallError("setnonblock", err)
	}
	sotype, err := unix.GetsockoptInt(s, unix.SOL_SOCKET, unix.SO_TYPE)
	if err != nil {
		unix.Close(s)
		return nil, os.NewSyscallError("getsockopt", err)
	}
	lsa, _ := unix.Getsockname(s)
	rsa, _ := unix.Getpeername(s)
	var family int
	switch lsa.(type) {
	case *unix.SockaddrInet4:
		family = unix.AF_INET
	case *unix.SockaddrInet6:
		family = unix.AF_INET6
	case *unix.SockaddrUnix:
		family = unix.AF_UNIX
	default:
		unix.Close(s)
		return nil, syscall.EPROTONOSUPPORT
	}
	fd := newFD(s, family, sotype, "")
	fd.pfd.Shared.Store(true) // f shares the open file description: its Fd may set blocking mode
	laddr := fd.addrFunc()(lsa)
	raddr := fd.addrFunc()(rsa)
	if laddr != nil {
		fd.net = laddr.Network()
	}
	if err := fd.init(); err != nil {
		fd.closeUnregistered()
		return nil, err
	}
	fd.setAddr(laddr, raddr)
	return fd, nil
}

func fileConn(f *os.File) (Conn, error) {
	fd, err := newFileFD(f)
	if err != nil {
		return nil, err
	}
	switch fd.laddr.(type) {
	case *TCPAddr:
		return newTCPConn(fd, defaultTCPKeepAliveIdle, KeepAliveConfig{}), nil
	case *UDPAddr:
		return newUDPConn(fd), nil
	case *IPAddr:
		return newIPConn(fd), nil
	case *UnixAddr:
		return newUnixConn(fd), nil
	}
	fd.Close()
	return nil, syscall.EINVAL
}

func fileListener(f *os.File) (Listener, error) {
	fd, err := newFileFD(f)
	if err != nil {
		return nil, err
	}
	switch laddr := fd.laddr.(type) {
	case *TCPAddr:
		return &TCPListener{fd: fd}, nil
	case *UnixAddr:
		return &UnixListener{fd: fd, path: laddr.Name, unlink: false}, nil
	}
	fd.Close()
	return nil, syscall.EINVAL
}

func filePacketConn(f *os.File) (PacketConn, error) {
	fd, err := newFileFD(f)
	if err != nil {
		return nil, err
	}
	switch fd.laddr.(type) {
	case *UDPAddr:
		return newUDPConn(fd), nil
	case *IPAddr:
		return newIPConn(fd), nil
	case *UnixAddr:
		return newUnixConn(fd), nil
	}
	fd.Close()
	return nil, syscall.EINVAL
}
