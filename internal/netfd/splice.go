package netfd

import (
	"runtime"
	"sync"
	"syscall"

	"github.com/eventlet-go/eventlet/hub"
	"golang.org/x/sys/unix"
)

// maxSplice is the most one splice(2) moves into the pipe: the default largest pipe buffer
// (/proc/sys/fs/pipe-max-size), which each pipe asks for.
const maxSplice = 1 << 20

// Splice moves up to remain bytes from the stream socket src to the stream socket dst through a
// pipe, with splice(2), as internal/poll does for net's connections: src's data goes into the
// pipe (waiting while src has none) and from the pipe to dst (waiting while dst's buffer is
// full), never through user space. It stops at src's end of stream. handled is false when it did
// nothing and the caller should copy by other means: no pipe could be made, or the kernel cannot
// splice from src (EINVAL before any data moved). Errors are bare, as Read's and Write's.
func Splice(dst, src *FD, remain int64) (written int64, handled bool, err error) {
	p := getPipe()
	if p == nil {
		return 0, false, nil
	}
	defer putPipe(p)
	for err == nil && remain > 0 {
		var in int
		in, err = src.spliceIn(p.w, int(min(remain, maxSplice)))
		handled = handled || err != syscall.EINVAL
		if err != nil || in == 0 {
			break
		}
		p.data += in
		var out int
		out, err = dst.spliceOut(p.r, in)
		written += int64(out)
		remain -= int64(out)
		p.data -= out
	}
	if err != nil {
		return written, handled, err
	}
	return written, true, nil
}

// spliceIn moves up to max bytes from the socket into the empty pipe w, waiting while the socket
// has nothing; 0 and no error is the end of the stream.
func (fd *FD) spliceIn(w, max int) (int, error) {
	if err := fd.readLock(); err != nil {
		return 0, err
	}
	defer fd.readUnlock()
	if err := fd.prepare(hub.Read); err != nil {
		return 0, err
	}
	for {
		// The pipe is empty, so EAGAIN means the socket has nothing to read.
		n, err := unix.Splice(fd.Sysfd, nil, w, nil, max, unix.SPLICE_F_NONBLOCK)
		switch err {
		case syscall.EINTR:
			continue
		case syscall.EAGAIN:
			if err := fd.wait(hub.Read); err != nil {
				return 0, err
			}
			continue
		case nil:
			return int(n), nil
		}
		return 0, err
	}
}

// spliceOut moves the n bytes in the pipe r to the socket, waiting while its buffer is full.
func (fd *FD) spliceOut(r, n int) (int, error) {
	if err := fd.writeLock(); err != nil {
		return 0, err
	}
	defer fd.writeUnlock()
	if err := fd.prepare(hub.Write); err != nil {
		return 0, err
	}
	written := 0
	for written < n {
		m, err := unix.Splice(r, nil, fd.Sysfd, nil, n-written, unix.SPLICE_F_NONBLOCK)
		if m > 0 {
			written += int(m)
			continue
		}
		switch err {
		case syscall.EINTR:
			continue
		case syscall.EAGAIN:
			// The pipe holds data, so EAGAIN means the socket's buffer is full.
			if err := fd.wait(hub.Write); err != nil {
				return written, err
			}
			continue
		}
		return written, err
	}
	return written, nil
}

// splicePipe is a non-blocking pipe that Splice moves data through, and how much it holds.
type splicePipe struct {
	pipeFDs
	cleanup runtime.Cleanup
}

type pipeFDs struct {
	r, w int
	data int
}

func (p pipeFDs) close() {
	unix.Close(p.r)
	unix.Close(p.w)
}

// pipes keeps empty pipes between Splices; a pipe the pool drops is closed by its cleanup.
var pipes sync.Pool

// getPipe returns a pipe from the pool or a new one, or nil if none can be made.
func getPipe() *splicePipe {
	if p, ok := pipes.Get().(*splicePipe); ok {
		return p
	}
	var fds [2]int
	if err := unix.Pipe2(fds[:], unix.O_CLOEXEC|unix.O_NONBLOCK); err != nil {
		return nil
	}
	// A smaller buffer works too, with more calls: ignore a refusal.
	unix.FcntlInt(uintptr(fds[0]), unix.F_SETPIPE_SZ, maxSplice)
	p := &splicePipe{pipeFDs: pipeFDs{r: fds[0], w: fds[1]}}
	p.cleanup = runtime.AddCleanup(p, pipeFDs.close, p.pipeFDs)
	return p
}

// putPipe returns an empty pipe to the pool and closes one that still holds data.
func putPipe(p *splicePipe) {
	if p.data != 0 {
		p.cleanup.Stop()
		p.close()
		return
	}
	pipes.Put(p)
}
