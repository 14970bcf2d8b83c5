package net

import (
	"context"
	"os"
	"syscall"
	"time"

	"github.com/eventlet-go/eventlet/hub"
	"golang.org/x/sys/unix"
)

// ctrlFunc is a Dialer's or ListenConfig's Control, in its context form.
type ctrlFunc func(ctx context.Context, network, address string, c syscall.RawConn) error

// socket makes a socket as net's socket does: non-blocking and close-on-exec, with net's default
// options, and then — for a local address and no remote one — a listening or bound datagram
// socket, otherwise a connected one. ctrl, when set, sees the socket before bind or connect.
func socket(ctx context.Context, net string, family, sotype, proto int, ipv6only bool, laddr, raddr Addr, ctrl ctrlFunc) (*netFD, error) {
	s, err := unix.Socket(family, sotype|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, proto)
	if err != nil {
		return nil, os.NewSyscallError("socket", err)
	}
	if err := setDefaultSockopts(s, family, sotype, ipv6only); err != nil {
		unix.Close(s)
		return nil, err
	}
	fd := newFD(s, family, sotype, net)
	laddr, raddr = opAddr(laddr), opAddr(raddr)
	if laddr != nil && raddr == nil {
		switch sotype {
		case unix.SOCK_STREAM, unix.SOCK_SEQPACKET:
			if err := fd.listenStream(ctx, laddr, listenerBacklog, ctrl); err != nil {
				fd.closeUnregistered()
				return nil, err
			}
			return fd, nil
		case unix.SOCK_DGRAM:
			if err := fd.listenDatagram(ctx, laddr, ctrl); err != nil {
				fd.closeUnregistered()
				return nil, err
			}
			return fd, nil
		}
	}
	if err := fd.dial(ctx, laddr, raddr, ctrl); err != nil {
		fd.closeUnregistered()
		return nil, err
	}
	return fd, nil
}

// closeUnregistered closes a socket whether or not it got as far as the hub.
func (fd *netFD) closeUnregistered() {
	if err := fd.Close(); err != nil && fd.pfd.Sysfd >= 0 {
		unix.Close(fd.pfd.Sysfd)
	}
}

func setDefaultSockopts(s, family, sotype int, ipv6only bool) error {
	if family == unix.AF_INET6 && sotype != unix.SOCK_RAW {
		// Allow both IP versions even if the system default is otherwise.
		unix.SetsockoptInt(s, unix.IPPROTO_IPV6, unix.IPV6_V6ONLY, boolint(ipv6only))
	}
	if (sotype == unix.SOCK_DGRAM || sotype == unix.SOCK_RAW) && family != unix.AF_UNIX {
		return os.NewSyscallError("setsockopt", unix.SetsockoptInt(s, unix.SOL_SOCKET, unix.SO_BROADCAST, 1))
	}
	return nil
}

// ctrlNetwork is the network name Control functions see.
func (fd *netFD) ctrlNetwork() string {
	switch fd.net {
	case "unix", "unixgram", "unixpacket":
		return fd.net
	}
	switch fd.net[len(fd.net)-1] {
	case '4', '6':
		return fd.net
	}
	if fd.family == unix.AF_INET {
		return fd.net + "4"
	}
	return fd.net + "6"
}

func (fd *netFD) control(ctx context.Context, ctrl ctrlFunc, addr string) error {
	if ctrl == nil {
		return nil
	}
	return ctrl(ctx, fd.ctrlNetwork(), addr, newRawConn(fd))
}

func (fd *netFD) dial(ctx context.Context, laddr, raddr Addr, ctrl ctrlFunc) error {
	ctrlAddr := ""
	if raddr != nil {
		ctrlAddr = raddr.String()
	} else if laddr != nil {
		ctrlAddr = laddr.String()
	}
	if err := fd.control(ctx, ctrl, ctrlAddr); err != nil {
		return err
	}
	var lsa unix.Sockaddr
	var err error
	if laddr != nil {
		if lsa, err = toSockaddr(laddr, fd.family); err != nil {
			return err
		} else if lsa != nil {
			if err := unix.Bind(fd.pfd.Sysfd, lsa); err != nil {
				return os.NewSyscallError("bind", err)
			}
		}
	}
	if err := fd.init(); err != nil {
		return err
	}
	var crsa unix.Sockaddr
	if raddr != nil {
		rsa, err := toSockaddr(raddr, fd.family)
		if err != nil {
			return err
		}
		if crsa, err = fd.connect(ctx, rsa); err != nil {
			return err
		}
		fd.isConnected = true
	}
	lsa, _ = unix.Getsockname(fd.pfd.Sysfd)
	if crsa != nil {
		fd.setAddr(fd.addrFunc()(lsa), fd.addrFunc()(crsa))
	} else if rsa, _ := unix.Getpeername(fd.pfd.Sysfd); rsa != nil {
		fd.setAddr(fd.addrFunc()(lsa), fd.addrFunc()(rsa))
	} else {
		fd.setAddr(fd.addrFunc()(lsa), raddr)
	}
	return nil
}

// aLongTimeAgo is a deadline in the past, to abort a wait at once.
var aLongTimeAgo = time.Unix(1, 0)

// connect connects, honouring ctx's deadline and cancellation as net does.
func (fd *netFD) connect(ctx context.Context, ra unix.Sockaddr) (unix.Sockaddr, error) {
	select {
	case <-ctx.Done():
		return nil, mapErr(ctx.Err())
	default:
	}
	deadline, _ := ctx.Deadline()
	var stop func() bool
	if ctx.Done() != nil {
		stop = context.AfterFunc(ctx, func() { fd.pfd.SetDeadline(hub.Write, aLongTimeAgo) })
	}
	peer, errcall, err := fd.pfd.Connect(ra, deadline)
	if stop != nil && !stop() && err == nil {
		// Cancelled just as the connection completed: report the cancellation, as net does.
		return nil, mapErr(ctx.Err())
	}
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, mapErr(ctxErr)
		}
		if err == os.ErrDeadlineExceeded && !deadline.IsZero() {
			// The hub's timer for ctx's deadline fired before ctx's own timer marked it done:
			// the dial timed out all the same, and net reports that as its timeout error.
			return nil, errTimeout
		}
		if errcall != "" {
			err = os.NewSyscallError(errcall, err)
		}
		return nil, err
	}
	return peer, nil
}

func (fd *netFD) listenStream(ctx context.Context, laddr Addr, backlog int, ctrl ctrlFunc) error {
	if err := os.NewSyscallError("setsockopt", unix.SetsockoptInt(fd.pfd.Sysfd, unix.SOL_SOCKET, unix.SO_REUSEADDR, 1)); err != nil {
		return err
	}
	lsa, err := toSockaddr(laddr, fd.family)
	if err != nil {
		return err
	}
	if err := fd.control(ctx, ctrl, laddr.String()); err != nil {
		return err
	}
	if err := unix.Bind(fd.pfd.Sysfd, lsa); err != nil {
		return os.NewSyscallError("bind", err)
	}
	if err := unix.Listen(fd.pfd.Sysfd, backlog); err != nil {
		return os.NewSyscallError("listen", err)
	}
	if err := fd.init(); err != nil {
		return err
	}
	lsa, _ = unix.Getsockname(fd.pfd.Sysfd)
	fd.setAddr(fd.addrFunc()(lsa), nil)
	return nil
}

func (fd *netFD) listenDatagram(ctx context.Context, laddr Addr, ctrl ctrlFunc) error {
	if a, ok := laddr.(*UDPAddr); ok && a.IP != nil && a.IP.IsMulticast() {
		if err := os.NewSyscallError("setsockopt", unix.SetsockoptInt(fd.pfd.Sysfd, unix.SOL_SOCKET, unix.SO_REUSEADDR, 1)); err != nil {
			return err
		}
		// Bind the wildcard address of the family, so that the socket receives the group's
		// datagrams whatever the interface.
		wild := *a
		if fd.family == unix.AF_INET {
			wild.IP = IPv4zero
		} else {
			wild.IP = IPv6unspecified
		}
		laddr = &wild
	}
	lsa, err := toSockaddr(laddr, fd.family)
	if err != nil {
		return err
	}
	if err := fd.control(ctx, ctrl, laddr.String()); err != nil {
		return err
	}
	if err := unix.Bind(fd.pfd.Sysfd, lsa); err != nil {
		return os.NewSyscallError("bind", err)
	}
	if err := fd.init(); err != nil {
		return err
	}
	lsa, _ = unix.Getsockname(fd.pfd.Sysfd)
	fd.setAddr(fd.addrFunc()(lsa), nil)
	return nil
}
