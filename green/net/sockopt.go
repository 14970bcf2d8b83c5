package net

import (
	"time"

	"golang.org/x/sys/unix"
)

// The defaults net uses for TCP keep-alive.
const (
	defaultTCPKeepAliveIdle     = 15 * time.Second
	defaultTCPKeepAliveInterval = 15 * time.Second
	defaultTCPKeepAliveCount    = 9
)

func boolint(b bool) int {
	if b {
		return 1
	}
	return 0
}

func setReadBuffer(fd *netFD, bytes int) error {
	return fd.setsockoptInt(unix.SOL_SOCKET, unix.SO_RCVBUF, bytes)
}

func setWriteBuffer(fd *netFD, bytes int) error {
	return fd.setsockoptInt(unix.SOL_SOCKET, unix.SO_SNDBUF, bytes)
}

func setKeepAlive(fd *netFD, keepalive bool) error {
	return fd.setsockoptInt(unix.SOL_SOCKET, unix.SO_KEEPALIVE, boolint(keepalive))
}

func setNoDelay(fd *netFD, noDelay bool) error {
	return fd.setsockoptInt(unix.IPPROTO_TCP, unix.TCP_NODELAY, boolint(noDelay))
}

// roundSeconds rounds d up to whole seconds, as the kernel expects.
func roundSeconds(d time.Duration) int {
	return int((d + time.Second - 1) / time.Second)
}

func setKeepAliveIdle(fd *netFD, d time.Duration) error {
	if d == 0 {
		d = defaultTCPKeepAliveIdle
	} else if d < 0 {
		return nil
	}
	return fd.setsockoptInt(unix.IPPROTO_TCP, unix.TCP_KEEPIDLE, roundSeconds(d))
}

func setKeepAliveInterval(fd *netFD, d time.Duration) error {
	if d == 0 {
		d = defaultTCPKeepAliveInterval
	} else if d < 0 {
		return nil
	}
	return fd.setsockoptInt(unix.IPPROTO_TCP, unix.TCP_KEEPINTVL, roundSeconds(d))
}

func setKeepAliveCount(fd *netFD, n int) error {
	if n == 0 {
		n = defaultTCPKeepAliveCount
	} else if n < 0 {
		return nil
	}
	return fd.setsockoptInt(unix.IPPROTO_TCP, unix.TCP_KEEPCNT, n)
}

func setLinger(fd *netFD, sec int) error {
	var l unix.Linger
	if sec >= 0 {
		l.Onoff = 1
		l.Linger = int32(sec)
	}
	var err error
	cerr := fd.pfd.RawControl(func(s uintptr) { err = unix.SetsockoptLinger(int(s), unix.SOL_SOCKET, unix.SO_LINGER, &l) })
	if cerr != nil {
		return cerr
	}
	return wrapSyscallError("setsockopt", err)
}

// listenerBacklog is the backlog net passes to listen(2): the kernel's somaxconn.
var listenerBacklog = maxListenerBacklog()

func maxListenerBacklog() int {
	b, err := readFileSmall("/proc/sys/net/core/somaxconn")
	if err != nil {
		return unix.SOMAXCONN
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + int(c-'0')
	}
	if n == 0 {
		return unix.SOMAXCONN
	}
	if n > 1<<16-1 {
		// Linux 4.1 and later store the backlog in 32 bits; older ones truncate to 16.
		maxBits := 16
		if major, minor := kernelVersion(); major > 4 || (major == 4 && minor >= 1) {
			maxBits = 32
		}
		if limit := 1<<maxBits - 1; n > limit {
			n = limit
		}
	}
	return n
}

// kernelVersion returns the running kernel's major and minor version numbers.
func kernelVersion() (major, minor int) {
	var u unix.Utsname
	if unix.Uname(&u) != nil {
		return 0, 0
	}
	var nums [2]int
	i := 0
	for _, c := range u.Release {
		switch {
		case c >= '0' && c <= '9':
			nums[i] = nums[i]*10 + int(c-'0')
		case c == '.' && i == 0:
			i++
		default:
			return nums[0], nums[1]
		}
	}
	return nums[0], nums[1]
}
