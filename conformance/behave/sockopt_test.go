package behave_test

import (
	"net"
	"syscall"
	"testing"

	"github.com/eventlet-go/eventlet/conformance/behave"
	"golang.org/x/sys/unix"
)

// sockopts reads, through c's RawConn, the options and descriptor flags net sets by default.
func sockopts(e *behave.Env, label string, c syscall.Conn, opts []sockopt) {
	e.T.Helper()
	rc, err := c.SyscallConn()
	e.Must(err)
	e.Must(rc.Control(func(fd uintptr) {
		for _, o := range opts {
			v, err := o.get(int(fd))
			e.Record(label+" "+o.name, v, err)
		}
	}))
}

// sockopt is one option or flag of a descriptor.
type sockopt struct {
	name string
	get  func(fd int) (int, error)
}

func opt(name string, level, opt int) sockopt {
	return sockopt{name, func(fd int) (int, error) { return unix.GetsockoptInt(fd, level, opt) }}
}

var (
	cloexec = sockopt{"FD_CLOEXEC", func(fd int) (int, error) {
		fl, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
		return fl & unix.FD_CLOEXEC, err
	}}
	nonblock = sockopt{"O_NONBLOCK", func(fd int) (int, error) {
		fl, err := unix.FcntlInt(uintptr(fd), unix.F_GETFL, 0)
		return fl & unix.O_NONBLOCK, err
	}}
	tcpConnOpts = []sockopt{
		cloexec, nonblock,
		opt("TCP_NODELAY", unix.IPPROTO_TCP, unix.TCP_NODELAY),
		opt("SO_KEEPALIVE", unix.SOL_SOCKET, unix.SO_KEEPALIVE),
		opt("TCP_KEEPIDLE", unix.IPPROTO_TCP, unix.TCP_KEEPIDLE),
		opt("TCP_KEEPINTVL", unix.IPPROTO_TCP, unix.TCP_KEEPINTVL),
		opt("TCP_KEEPCNT", unix.IPPROTO_TCP, unix.TCP_KEEPCNT),
	}
)

// TestDefaultSocketOptions: green sockets get net's defaults: close-on-exec and non-blocking
// descriptors, TCP_NODELAY and keep-alive (15 s, 15 s, 9 probes) on TCP connections dialed and
// accepted, SO_REUSEADDR on listeners, dual-stack wildcard listeners, SO_BROADCAST on UDP.
func TestDefaultSocketOptions(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		c, s := tcpPair(e)
		sockopts(e, "dialed", c, tcpConnOpts)
		sockopts(e, "accepted", s, tcpConnOpts)

		ln, err := e.Net.Listen("tcp", ":0")
		e.Must(err)
		defer ln.Close()
		sockopts(e, "listener", ln.(syscall.Conn), []sockopt{
			cloexec, nonblock,
			opt("SO_REUSEADDR", unix.SOL_SOCKET, unix.SO_REUSEADDR),
			opt("IPV6_V6ONLY", unix.IPPROTO_IPV6, unix.IPV6_V6ONLY),
			opt("SO_DOMAIN", unix.SOL_SOCKET, unix.SO_DOMAIN),
		})

		u, err := e.Net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
		e.Must(err)
		defer u.Close()
		sockopts(e, "udp", u, []sockopt{cloexec, nonblock, opt("SO_BROADCAST", unix.SOL_SOCKET, unix.SO_BROADCAST)})

		x, _ := unixPair(e)
		sockopts(e, "unix", x.(syscall.Conn), []sockopt{cloexec, nonblock})
	})
}

// TestSetSocketOptions: the setters of TCPConn change the options they name, as net's do.
func TestSetSocketOptions(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		c, _ := tcpPair(e)
		e.Record("SetNoDelay", c.SetNoDelay(false))
		e.Record("SetKeepAlive", c.SetKeepAlive(false))
		e.Record("SetLinger", c.SetLinger(7))
		sockopts(e, "after", c, []sockopt{
			opt("TCP_NODELAY", unix.IPPROTO_TCP, unix.TCP_NODELAY),
			opt("SO_KEEPALIVE", unix.SOL_SOCKET, unix.SO_KEEPALIVE),
			{"SO_LINGER", func(fd int) (int, error) {
				l, err := unix.GetsockoptLinger(fd, unix.SOL_SOCKET, unix.SO_LINGER)
				if err != nil {
					return 0, err
				}
				return int(l.Onoff)*1000 + int(l.Linger), nil
			}},
		})
	})
}
