package netfd

import (
	"syscall"

	"github.com/eventlet-go/eventlet/hub"
	"golang.org/x/sys/unix"
)

// maxSendfile caps one sendfile(2) so that its count fits in an int32.
const maxSendfile = 1<<31 - 1

// SendFile copies from the descriptor src, from its current offset (which it advances), to the
// socket with sendfile(2), waiting while the socket buffer is full: size bytes, or to the end of
// src when size is 0. handled is false when SendFile did nothing and the caller should copy by
// other means: the socket is closed or past its write deadline (the fallback's write reports
// that), or the kernel cannot sendfile from src (a pipe, say) before anything was copied.
// Errors are bare, as Write's.
func (fd *FD) SendFile(src int, size int64) (written int64, err error, handled bool) {
	if err := fd.writeLock(); err != nil {
		return 0, err, false
	}
	defer fd.writeUnlock()
	if err := fd.prepare(hub.Write); err != nil {
		return 0, err, false
	}
	for {
		chunk := maxSendfile
		if size > 0 {
			chunk = int(min(size-written, int64(chunk)))
		}
		n, err := unix.Sendfile(fd.Sysfd, src, nil, chunk)
		if n > 0 {
			written += int64(n)
		}
		switch err {
		case nil:
			// Done at the end of src (nothing copied) or at size.
			if n == 0 || (size > 0 && written >= size) {
				return written, nil, true
			}
		case syscall.EAGAIN:
			if err := fd.wait(hub.Write); err != nil {
				return written, err, true
			}
		case syscall.EINTR:
		case syscall.ENOSYS, syscall.EOPNOTSUPP, syscall.EINVAL:
			// No sendfile for this pair of descriptors.
			return written, err, written > 0
		default:
			return written, err, true
		}
	}
}
