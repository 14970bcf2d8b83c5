package netfd

import (
	"io"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/eventlet-go/eventlet/hub"
	"golang.org/x/sys/unix"
)

// maxRW caps one read or write on a stream, as internal/poll does (some kernels fail larger ones).
const maxRW = 1 << 30

// FD is a non-blocking socket registered with a hub.
type FD struct {
	mu fdMutex
	// Sysfd is the descriptor; -1 once closed.
	Sysfd int
	pd    *hub.PollDesc
	// IsStream: reads and writes may be split (TCP, unix stream). ZeroReadIsEOF: a zero-byte read
	// means the peer closed its side (not so for datagrams).
	IsStream      bool
	ZeroReadIsEOF bool
	// ShortReadDrains: a read that returns less than asked leaves nothing queued, so until the
	// next edge the socket has nothing to read. True of TCP — except at the urgent mark, where a
	// read stops early; urgent data makes the PollDesc Unannounced, which Read checks; not of
	// unix streams, whose reads stop early at a message carrying descriptors or other credentials.
	ShortReadDrains bool
	// short: the last Read returned less than asked on a ShortReadDrains socket, so the socket
	// was drained then; under the read lock.
	short bool
	// iovecs is Writev's scratch space, kept between calls; the write lock guards it.
	iovecs []unix.Iovec
	// Shared: another descriptor shares this one's open file description (Dup made one, or
	// this one was made from a file), so its blocking mode may change under it (os.File.Fd sets
	// blocking mode). See nowait.go.
	Shared atomic.Bool
}

// Init registers fd.Sysfd, already non-blocking, with the caller's hub (the default hub for a
// plain goroutine).
func (fd *FD) Init() error {
	h := hub.CurrentHub()
	if h == nil {
		h = hub.Default()
	}
	pd, err := h.Register(fd.Sysfd)
	if err != nil {
		return err
	}
	fd.pd = pd
	return nil
}

// Close makes every operation in progress return net.ErrClosed and returns once they have and
// the descriptor is closed. Closing twice returns net.ErrClosed.
func (fd *FD) Close() error {
	if !fd.mu.increfAndClose() {
		return errClosing
	}
	if fd.pd != nil {
		fd.pd.Evict()
	}
	fd.mu.waitOthers()
	fd.mu.decref()
	return fd.destroy()
}

// destroy closes the descriptor once nothing uses it.
func (fd *FD) destroy() error {
	if fd.pd != nil {
		fd.pd.Release()
	}
	err := unix.Close(fd.Sysfd)
	fd.Sysfd = -1
	return err
}

func (fd *FD) incref() error {
	if !fd.mu.incref() {
		return errClosing
	}
	return nil
}

func (fd *FD) decref() { fd.mu.decref() }

func (fd *FD) readLock() error  { return fd.mu.rwlock(readLock) }
func (fd *FD) readUnlock()      { fd.mu.rwunlock(readLock) }
func (fd *FD) writeLock() error { return fd.mu.rwlock(writeLock) }
func (fd *FD) writeUnlock()     { fd.mu.rwunlock(writeLock) }
func (fd *FD) prepare(m hub.Mode) error {
	return waitErr(fd.pd.Prepare(m))
}

// wait waits for readiness for m. A read wait consumes the edge that may be the only news of
// bytes a later Read must fetch, so it forgets short; every read wait holds the read lock.
func (fd *FD) wait(m hub.Mode) error {
	if m == hub.Read {
		fd.short = false
	}
	return waitErr(fd.pd.Wait(m))
}

// eofError turns a zero-byte read of a stream into io.EOF.
func (fd *FD) eofError(n int, err error) error {
	if n == 0 && err == nil && fd.ZeroReadIsEOF {
		return io.EOF
	}
	return err
}

// Read reads into p, waiting while nothing is ready.
func (fd *FD) Read(p []byte) (int, error) {
	if err := fd.readLock(); err != nil {
		return 0, err
	}
	defer fd.readUnlock()
	if len(p) == 0 {
		// A zero-byte read returns at once, without trying (as internal/poll does).
		return 0, nil
	}
	if err := fd.prepare(hub.Read); err != nil {
		return 0, err
	}
	if fd.IsStream && len(p) > maxRW {
		p = p[:maxRW]
	}
	if fd.short && !fd.pd.Unannounced() {
		// Drained by the last Read: only an edge since then can have brought data, so wait for
		// one (at once if it came) rather than spend a syscall on EAGAIN.
		if err := fd.wait(hub.Read); err != nil {
			return 0, err
		}
	}
	for {
		n, err := recv(fd.Sysfd, p)
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
		fd.short = fd.ShortReadDrains && err == nil && n > 0 && n < len(p)
		return n, fd.eofError(n, err)
	}
}

// WaitReadable waits, reading nothing, until the descriptor is readable (data, the end of the
// stream, an error) or closed, or its read deadline passes. After a Read that came back short the
// socket was drained, and every later arrival makes an edge the hub keeps, so it waits without a
// syscall — unless the PollDesc is Unannounced (a hang-up or urgent data), or an edge is
// pending that no wait consumed (the Read may have taken its bytes without waiting): then, as when
// the socket may hold data, it peeks first. So a caller that parks here holding nothing does not
// wake to find nothing and park again holding its buffers.
func (fd *FD) WaitReadable() error {
	if err := fd.readLock(); err != nil {
		return err
	}
	defer fd.readUnlock()
	if err := fd.prepare(hub.Read); err != nil {
		return err
	}
	if fd.short && fd.pd.TakeReady(hub.Read) {
		fd.short = false // the edge is taken: the next Read must try the socket
	}
	if !fd.short || fd.pd.Unannounced() {
		if fd.readable() {
			return nil
		}
	}
	return fd.wait(hub.Read)
}

// Write writes all of p, waiting while the socket buffer is full.
func (fd *FD) Write(p []byte) (int, error) {
	if err := fd.writeLock(); err != nil {
		return 0, err
	}
	defer fd.writeUnlock()
	if err := fd.prepare(hub.Write); err != nil {
		return 0, err
	}
	var nn int
	for {
		end := len(p)
		if fd.IsStream && end-nn > maxRW {
			end = nn + maxRW
		}
		n, err := send(fd.Sysfd, p[nn:end])
		if n > 0 {
			nn += n
		}
		if nn == len(p) {
			return nn, err
		}
		switch err {
		case syscall.EINTR:
			continue
		case syscall.EAGAIN:
			if err = fd.wait(hub.Write); err == nil {
				continue
			}
		}
		if err != nil {
			return nn, err
		}
		if n == 0 {
			return nn, io.ErrUnexpectedEOF
		}
	}
}

// maxVec is the most buffers one writev(2) takes (Linux's UIO_MAXIOV); more go out in further
// calls.
const maxVec = 1024

// Writev writes the buffers with writev(2) (sendmsg(2), see nowait.go), consuming *v as it goes, as internal/poll does for
// net.Buffers: at most maxVec non-empty buffers (and, on a stream, maxRW bytes of one buffer) per
// call, waiting while the socket buffer is full.
func (fd *FD) Writev(v *[][]byte) (int64, error) {
	if err := fd.writeLock(); err != nil {
		return 0, err
	}
	defer fd.writeUnlock()
	if err := fd.prepare(hub.Write); err != nil {
		return 0, err
	}
	iov := fd.iovecs[:0]
	defer func() {
		clear(iov) // drop the pointers into the caller's buffers
		fd.iovecs = iov[:0]
	}()
	var n int64
	var err error
	for len(*v) > 0 {
		iov = appendIovecs(iov[:0], *v, fd.IsStream)
		if len(iov) == 0 {
			break
		}
		var wrote int
		wrote, err = writev(fd.Sysfd, iov)
		n += int64(wrote)
		consume(v, int64(wrote))
		if err == syscall.EINTR {
			continue
		}
		if err == syscall.EAGAIN {
			if err = fd.wait(hub.Write); err == nil {
				continue
			}
		}
		if err != nil {
			break
		}
		if wrote == 0 {
			err = io.ErrUnexpectedEOF
			break
		}
	}
	return n, err
}

// appendIovecs appends the iovecs of one writev(2) of v to iov: the non-empty buffers, up to
// maxVec of them, the last cut to maxRW on a stream.
func appendIovecs(iov []unix.Iovec, v [][]byte, stream bool) []unix.Iovec {
	for _, b := range v {
		if len(b) == 0 {
			continue
		}
		vec := unix.Iovec{Base: &b[0]}
		if stream && len(b) > maxRW {
			vec.SetLen(maxRW)
			return append(iov, vec)
		}
		vec.SetLen(len(b))
		if iov = append(iov, vec); len(iov) == maxVec {
			break
		}
	}
	return iov
}

// consume drops n bytes from the front of *v, and the buffers it empties.
func consume(v *[][]byte, n int64) {
	for len(*v) > 0 {
		l := int64(len((*v)[0]))
		if l > n {
			(*v)[0] = (*v)[0][n:]
			return
		}
		n -= l
		(*v)[0] = nil
		*v = (*v)[1:]
	}
}

// Accept accepts a connection: the new descriptor (non-blocking, close-on-exec) and the peer's
// address. errcall names the failing syscall for the caller's os.SyscallError. EMFILE and ENFILE
// come back to the caller, who should back off, rather than be retried here. On a shared
// descriptor it first puts the descriptor back in non-blocking mode (see Shared).
func (fd *FD) Accept() (s int, rsa unix.Sockaddr, errcall string, err error) {
	if err := fd.readLock(); err != nil {
		return -1, nil, "", err
	}
	defer fd.readUnlock()
	if err := fd.prepare(hub.Read); err != nil {
		return -1, nil, "", err
	}
	fd.ensureNonblock()
	for {
		s, rsa, err = unix.Accept4(fd.Sysfd, unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC)
		if err == nil {
			return s, rsa, "", nil
		}
		switch err {
		case syscall.EINTR, syscall.ECONNABORTED:
			// A connection reset before it was accepted: take the next one.
			continue
		case syscall.EAGAIN:
			if err = fd.wait(hub.Read); err == nil {
				continue
			}
			return -1, nil, "", err
		}
		return -1, nil, "accept4", err
	}
}

// Connect connects to sa, waiting for a non-blocking connect to complete (or for deadline).
// errcall names the failing syscall. It returns the peer address the kernel reports, if any.
func (fd *FD) Connect(sa unix.Sockaddr, deadline time.Time) (peer unix.Sockaddr, errcall string, err error) {
	switch err := unix.Connect(fd.Sysfd, sa); err {
	case syscall.EINPROGRESS, syscall.EALREADY, syscall.EINTR:
	case nil, syscall.EISCONN:
		return nil, "", nil
	default:
		return nil, "connect", err
	}
	if !deadline.IsZero() {
		fd.pd.SetDeadline(hub.Write, deadline)
		defer fd.pd.SetDeadline(hub.Write, time.Time{})
	}
	for {
		if err := fd.wait(hub.Write); err != nil {
			return nil, "", err
		}
		nerr, err := unix.GetsockoptInt(fd.Sysfd, unix.SOL_SOCKET, unix.SO_ERROR)
		if err != nil {
			return nil, "getsockopt", err
		}
		switch err := syscall.Errno(nerr); err {
		case syscall.EINPROGRESS, syscall.EALREADY, syscall.EINTR:
		case syscall.EISCONN:
			return nil, "", nil
		case 0:
			if peer, err := unix.Getpeername(fd.Sysfd); err == nil {
				return peer, "", nil
			}
		default:
			return nil, "connect", err
		}
	}
}

// SetDeadline sets the deadline of m (hub.Read, hub.Write or hub.Both).
func (fd *FD) SetDeadline(m hub.Mode, t time.Time) error {
	if t.IsZero() && !fd.mu.closed() && fd.pd.NoDeadline(m) {
		return nil // servers clear deadlines on every request: nothing to do, nothing to lock
	}
	if err := fd.incref(); err != nil {
		return err
	}
	defer fd.decref()
	fd.pd.SetDeadline(m, t)
	return nil
}

// Shutdown shuts down one or both directions (unix.SHUT_RD, SHUT_WR, SHUT_RDWR).
func (fd *FD) Shutdown(how int) error {
	if err := fd.incref(); err != nil {
		return err
	}
	defer fd.decref()
	return unix.Shutdown(fd.Sysfd, how)
}

// Dup returns a blocking-mode-independent duplicate of the descriptor, close-on-exec. errcall
// names the failing syscall.
func (fd *FD) Dup() (int, string, error) {
	if err := fd.incref(); err != nil {
		return -1, "", err
	}
	defer fd.decref()
	nfd, err := unix.FcntlInt(uintptr(fd.Sysfd), unix.F_DUPFD_CLOEXEC, 0)
	if err != nil {
		return -1, "fcntl", err
	}
	fd.Shared.Store(true)
	return nfd, "", nil
}

// NotifyReadable runs f once, in the hub's context, when the descriptor is or becomes readable
// (or is closed): so that an idle connection needs no parked greenlet. Whether it is readable now
// is asked of the socket (a peek), not of the last readiness edge, which a Read that did not wait
// leaves behind. It waits for a Read in progress to return first.
func (fd *FD) NotifyReadable(f func()) error {
	if err := fd.readLock(); err != nil {
		return err
	}
	defer fd.readUnlock()
	fd.short = false // the probe forgets the last edge
	fd.pd.NotifyReadableProbe(f, fd.readable)
	return nil
}
