//go:build linux

package hub

import (
	"errors"
	"unsafe"

	"golang.org/x/sys/unix"
)

// poller is the hub's view of epoll: fds are registered once, edge-triggered, for reading and
// writing at the same time; each event carries a token the hub chose at registration. An eventfd
// registered with token 0 lets other goroutines interrupt a blocking wait.
type poller struct {
	epfd    int
	evfd    int
	events  []unix.EpollEvent
	noWait2 bool // the kernel lacks epoll_pwait2: timeouts are rounded up to milliseconds
}

func newPoller() (*poller, error) {
	epfd, err := unix.EpollCreate1(unix.EPOLL_CLOEXEC)
	if err != nil {
		return nil, err
	}
	evfd, err := unix.Eventfd(0, unix.EFD_NONBLOCK|unix.EFD_CLOEXEC)
	if err != nil {
		unix.Close(epfd)
		return nil, err
	}
	p := &poller{epfd: epfd, evfd: evfd, events: make([]unix.EpollEvent, 256)}
	ev := unix.EpollEvent{Events: unix.EPOLLIN}
	if err := unix.EpollCtl(epfd, unix.EPOLL_CTL_ADD, evfd, &ev); err != nil {
		p.close()
		return nil, err
	}
	return p, nil
}

func (p *poller) close() {
	unix.Close(p.evfd)
	unix.Close(p.epfd)
}

// add registers fd for edge-triggered read and write readiness.
func (p *poller) add(fd int, token uint64) error {
	ev := unix.EpollEvent{Events: unix.EPOLLIN | unix.EPOLLOUT | unix.EPOLLRDHUP | unix.EPOLLPRI | unix.EPOLLET}
	*(*uint64)(unsafe.Pointer(&ev.Fd)) = token
	return unix.EpollCtl(p.epfd, unix.EPOLL_CTL_ADD, fd, &ev)
}

// del unregisters fd. A closed fd leaves epoll by itself; del is for fds that stay open.
func (p *poller) del(fd int) error {
	return unix.EpollCtl(p.epfd, unix.EPOLL_CTL_DEL, fd, nil)
}

// wake interrupts a blocking wait. Safe from any goroutine.
func (p *poller) wake() {
	var one = [8]byte{1}
	for {
		_, err := unix.Write(p.evfd, one[:])
		if err != unix.EINTR {
			return // EAGAIN: the counter is already non-zero, a wake is pending anyway
		}
	}
}

// drainWake resets the eventfd after it fired.
func (p *poller) drainWake() {
	var buf [8]byte
	unix.Read(p.evfd, buf[:])
}

// wait waits for events, up to timeout nanoseconds (negative: forever; 0: just look), and
// returns how many are in p.events.
func (p *poller) wait(timeout int64) (int, error) {
	var n int
	var err error
	switch {
	case timeout == 0:
		r, _, e := unix.RawSyscall6(unix.SYS_EPOLL_PWAIT, uintptr(p.epfd), uintptr(unsafe.Pointer(&p.events[0])), uintptr(len(p.events)), 0, 0, 0)
		n, err = int(r), errnoErr(e)
	case !p.noWait2:
		var tsp uintptr
		var ts unix.Timespec
		if timeout > 0 {
			ts = unix.NsecToTimespec(timeout)
			tsp = uintptr(unsafe.Pointer(&ts))
		}
		r, _, e := unix.Syscall6(unix.SYS_EPOLL_PWAIT2, uintptr(p.epfd), uintptr(unsafe.Pointer(&p.events[0])), uintptr(len(p.events)), tsp, 0, 0)
		n, err = int(r), errnoErr(e)
		if errors.Is(err, unix.ENOSYS) {
			p.noWait2 = true
			return p.wait(timeout)
		}
	default:
		ms := -1
		if timeout > 0 {
			ms = int((timeout + 999_999) / 1_000_000)
		}
		n, err = unix.EpollWait(p.epfd, p.events, ms)
	}
	if err == unix.EINTR {
		return 0, nil
	}
	return n, err
}

// event returns the token and readiness of event i of the last wait; sticky reports a condition
// that no later edge will announce again: the peer hung up, the socket failed, or urgent data
// came (reads then stop early at its mark, leaving bytes that arrived before the edge).
func (p *poller) event(i int) (token uint64, readable, writable, sticky bool) {
	ev := &p.events[i]
	token = *(*uint64)(unsafe.Pointer(&ev.Fd))
	const rd = unix.EPOLLIN | unix.EPOLLPRI | unix.EPOLLRDHUP | unix.EPOLLHUP | unix.EPOLLERR
	const wr = unix.EPOLLOUT | unix.EPOLLHUP | unix.EPOLLERR
	const st = unix.EPOLLPRI | unix.EPOLLRDHUP | unix.EPOLLHUP | unix.EPOLLERR
	return token, ev.Events&rd != 0, ev.Events&wr != 0, ev.Events&st != 0
}

func errnoErr(e unix.Errno) error {
	if e == 0 {
		return nil
	}
	return e
}
