package netfd

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// A socket's blocking mode belongs to its open file description, which every duplicate of the
// descriptor shares: os.File.Fd on the File of a connection (or on a file handed to
// FileConn/FileListener, or to a child process through os/exec's ExtraFiles) puts this socket in
// blocking mode too. Under net a blocking syscall then blocks one thread; here it would stall the
// hub and every greenlet on it. So the data syscalls pass MSG_DONTWAIT, which makes each call
// non-blocking whatever the mode, and the calls that have no such flag (accept4, a RawConn's
// function) put a shared descriptor back in non-blocking mode first.

// recv and send never block, so for small buffers they go to the kernel as raw syscalls: the
// runtime's entersyscall/exitsyscall pair (handing the processor on for a call that might block)
// costs as much as a short recv. A large buffer is a long copy, during which a raw syscall would
// hold off the garbage collector's stop-the-world, so those, and sendmsg's vectors, take the
// ordinary path. Each path is a direct call: the compiler keeps a buffer alive across a syscall
// only when its pointer is converted in the call expression of the syscall function itself.
const rawSyscallMax = 64 << 10

// recv is read(2) that never blocks.
func recv(fd int, p []byte) (int, error) { return transfer(unix.SYS_RECVFROM, fd, p) }

// send is write(2) that never blocks.
func send(fd int, p []byte) (int, error) { return transfer(unix.SYS_SENDTO, fd, p) }

// transfer is recvfrom(2) or sendto(2) on p with MSG_DONTWAIT and no address.
func transfer(trap uintptr, fd int, p []byte) (int, error) {
	var n uintptr
	var errno unix.Errno
	if len(p) <= rawSyscallMax {
		n, _, errno = unix.RawSyscall6(trap, uintptr(fd), uintptr(unsafe.Pointer(unsafe.SliceData(p))), uintptr(len(p)), unix.MSG_DONTWAIT, 0, 0)
	} else {
		n, _, errno = unix.Syscall6(trap, uintptr(fd), uintptr(unsafe.Pointer(unsafe.SliceData(p))), uintptr(len(p)), unix.MSG_DONTWAIT, 0, 0)
	}
	if errno != 0 {
		return -1, errno
	}
	return int(n), nil
}

// writev is writev(2) over prepared iovecs that never blocks: sendmsg(2) without an address.
func writev(fd int, iov []unix.Iovec) (int, error) {
	var msg unix.Msghdr
	msg.Iov = &iov[0]
	msg.SetIovlen(len(iov))
	n, _, errno := unix.Syscall(unix.SYS_SENDMSG, uintptr(fd), uintptr(unsafe.Pointer(&msg)), unix.MSG_DONTWAIT)
	if errno != 0 {
		return 0, errno
	}
	return int(n), nil
}

// readable reports whether a read would not wait: data, end of stream or an error is there. It
// peeks, taking nothing.
func (fd *FD) readable() bool { return Readable(fd.Sysfd) }

// Readable reports whether a read of the socket sysfd would not wait: data, end of stream or an
// error is there. It peeks at one byte without taking it or waiting, and without decoding the
// sender's address as unix.Recvfrom would (which allocates).
func Readable(sysfd int) bool {
	var b [1]byte
	_, _, errno := unix.RawSyscall6(unix.SYS_RECVFROM, uintptr(sysfd), uintptr(unsafe.Pointer(&b[0])), 1, unix.MSG_PEEK|unix.MSG_DONTWAIT, 0, 0)
	return errno != unix.EAGAIN
}

// ensureNonblock puts a shared descriptor back in non-blocking mode, as net.FileConn and
// net.FileListener do to the file they are given. Another process may still change the mode
// between this and the syscall that follows; nothing can close that window for accept4.
func (fd *FD) ensureNonblock() {
	if !fd.Shared.Load() {
		return
	}
	if fl, err := unix.FcntlInt(uintptr(fd.Sysfd), unix.F_GETFL, 0); err == nil && fl&unix.O_NONBLOCK == 0 {
		unix.SetNonblock(fd.Sysfd, true)
	}
}
