package netfd

import (
	"syscall"

	"github.com/eventlet-go/eventlet/hub"
	"golang.org/x/sys/unix"
)

// ReadFrom receives one datagram (or stream data) and its sender's address.
func (fd *FD) ReadFrom(p []byte) (int, unix.Sockaddr, error) {
	if err := fd.readLock(); err != nil {
		return 0, nil, err
	}
	defer fd.readUnlock()
	if err := fd.prepare(hub.Read); err != nil {
		return 0, nil, err
	}
	for {
		n, sa, err := unix.Recvfrom(fd.Sysfd, p, unix.MSG_DONTWAIT)
		if err != nil {
			n = 0
			if err == syscall.EINTR {
				continue
			}
			if err == syscall.EAGAIN {
				if err = fd.wait(hub.Read); err == nil {
					continue
				}
			}
		}
		return n, sa, fd.eofError(n, err)
	}
}

// ReadMsg receives a message with ancillary data; flags are recvmsg(2)'s.
func (fd *FD) ReadMsg(p, oob []byte, flags int) (n, oobn, rflags int, sa unix.Sockaddr, err error) {
	if err := fd.readLock(); err != nil {
		return 0, 0, 0, nil, err
	}
	defer fd.readUnlock()
	if err := fd.prepare(hub.Read); err != nil {
		return 0, 0, 0, nil, err
	}
	for {
		n, oobn, rflags, sa, err = unix.Recvmsg(fd.Sysfd, p, oob, flags|unix.MSG_DONTWAIT)
		if err != nil {
			if err == syscall.EINTR {
				continue
			}
			if err == syscall.EAGAIN {
				if err = fd.wait(hub.Read); err == nil {
					continue
				}
			}
		}
		return n, oobn, rflags, sa, fd.eofError(n, err)
	}
}

// WriteTo sends one datagram to sa.
func (fd *FD) WriteTo(p []byte, sa unix.Sockaddr) (int, error) {
	if err := fd.writeLock(); err != nil {
		return 0, err
	}
	defer fd.writeUnlock()
	if err := fd.prepare(hub.Write); err != nil {
		return 0, err
	}
	for {
		err := unix.Sendto(fd.Sysfd, p, unix.MSG_DONTWAIT, sa)
		if err == syscall.EINTR {
			continue
		}
		if err == syscall.EAGAIN {
			if err = fd.wait(hub.Write); err == nil {
				continue
			}
		}
		if err != nil {
			return 0, err
		}
		return len(p), nil
	}
}

// WriteMsg sends a message with ancillary data to sa (nil on a connected socket).
func (fd *FD) WriteMsg(p, oob []byte, sa unix.Sockaddr) (int, int, error) {
	if err := fd.writeLock(); err != nil {
		return 0, 0, err
	}
	defer fd.writeUnlock()
	if err := fd.prepare(hub.Write); err != nil {
		return 0, 0, err
	}
	for {
		n, err := unix.SendmsgN(fd.Sysfd, p, oob, sa, unix.MSG_DONTWAIT)
		if err == syscall.EINTR {
			continue
		}
		if err == syscall.EAGAIN {
			if err = fd.wait(hub.Write); err == nil {
				continue
			}
		}
		if err != nil {
			return n, 0, err
		}
		return n, len(oob), nil
	}
}
