package behave

import (
	"context"
	"io"
	"net"
	"os"
	"syscall"
	"time"

	greennet "github.com/eventlet-go/eventlet/green/net"
)

// Net is an implementation of package net: the functions a check calls, typed so that net's
// and green/net's fit the same fields. Functions whose results have package-specific types
// return the interfaces below, which both packages' types satisfy.
type Net struct {
	Name string

	Dial         func(network, address string) (net.Conn, error)
	DialTimeout  func(network, address string, timeout time.Duration) (net.Conn, error)
	DialContext  func(ctx context.Context, d Dialer, network, address string) (net.Conn, error)
	Listen       func(network, address string) (net.Listener, error)
	ListenPacket func(network, address string) (net.PacketConn, error)

	DialTCP        func(network string, laddr, raddr *net.TCPAddr) (TCPConn, error)
	ListenTCP      func(network string, laddr *net.TCPAddr) (TCPListener, error)
	DialUDP        func(network string, laddr, raddr *net.UDPAddr) (UDPConn, error)
	ListenUDP      func(network string, laddr *net.UDPAddr) (UDPConn, error)
	DialUnix       func(network string, laddr, raddr *net.UnixAddr) (UnixConn, error)
	ListenUnix     func(network string, laddr *net.UnixAddr) (UnixListener, error)
	ListenUnixgram func(network string, laddr *net.UnixAddr) (UnixConn, error)

	LookupHost func(host string) ([]string, error)
	LookupPort func(network, service string) (int, error)
	LookupIP   func(host string) ([]net.IP, error)

	FileConn       func(f *os.File) (net.Conn, error)
	FileListener   func(f *os.File) (net.Listener, error)
	FilePacketConn func(f *os.File) (net.PacketConn, error)

	Pipe func() (net.Conn, net.Conn)
	// WriteBuffers writes *v to w as the package's Buffers.WriteTo does, consuming *v.
	WriteBuffers func(v *[][]byte, w io.Writer) (int64, error)
	// Zero returns zero values of the package's connection and listener types.
	Zero func() Zero
}

// Zero holds zero values (new(T)) of a package's connection and listener types.
type Zero struct {
	TCPConn      TCPConn
	UDPConn      UDPConn
	UnixConn     UnixConn
	TCPListener  TCPListener
	UnixListener UnixListener
}

// Dialer is the configuration of a Dialer that checks set.
type Dialer struct {
	Timeout   time.Duration
	Deadline  time.Time
	LocalAddr net.Addr
	Control   func(network, address string, c syscall.RawConn) error
}

// TCPConn is what net's and green/net's *TCPConn share.
type TCPConn interface {
	net.Conn
	io.ReaderFrom
	io.WriterTo
	CloseRead() error
	CloseWrite() error
	SetLinger(sec int) error
	SetNoDelay(noDelay bool) error
	SetKeepAlive(keepalive bool) error
	File() (*os.File, error)
	SyscallConn() (syscall.RawConn, error)
}

// UDPConn is what net's and green/net's *UDPConn share.
type UDPConn interface {
	net.Conn
	net.PacketConn
	ReadFromUDP(b []byte) (int, *net.UDPAddr, error)
	ReadMsgUDP(b, oob []byte) (n, oobn, flags int, addr *net.UDPAddr, err error)
	WriteToUDP(b []byte, addr *net.UDPAddr) (int, error)
	WriteMsgUDP(b, oob []byte, addr *net.UDPAddr) (n, oobn int, err error)
	File() (*os.File, error)
	SyscallConn() (syscall.RawConn, error)
}

// UnixConn is what net's and green/net's *UnixConn share.
type UnixConn interface {
	net.Conn
	net.PacketConn
	CloseRead() error
	CloseWrite() error
	ReadFromUnix(b []byte) (int, *net.UnixAddr, error)
	ReadMsgUnix(b, oob []byte) (n, oobn, flags int, addr *net.UnixAddr, err error)
	WriteToUnix(b []byte, addr *net.UnixAddr) (int, error)
	WriteMsgUnix(b, oob []byte, addr *net.UnixAddr) (n, oobn int, err error)
	File() (*os.File, error)
	SyscallConn() (syscall.RawConn, error)
}

// TCPListener is what net's and green/net's *TCPListener share.
type TCPListener interface {
	net.Listener
	SetDeadline(t time.Time) error
	File() (*os.File, error)
	SyscallConn() (syscall.RawConn, error)
}

// UnixListener is what net's and green/net's *UnixListener share.
type UnixListener interface {
	TCPListener
	SetUnlinkOnClose(unlink bool)
}

// as returns c as the interface I, or a nil I with err: never an I holding a typed nil.
func as[I, C any](c C, err error) (I, error) {
	var none I
	if err != nil {
		return none, err
	}
	return any(c).(I), nil
}

// StdlibNet is package net.
var StdlibNet = &Net{
	Name:        "net",
	Dial:        net.Dial,
	DialTimeout: net.DialTimeout,
	DialContext: func(ctx context.Context, d Dialer, network, address string) (net.Conn, error) {
		nd := net.Dialer{Timeout: d.Timeout, Deadline: d.Deadline, LocalAddr: d.LocalAddr, Control: d.Control}
		return nd.DialContext(ctx, network, address)
	},
	Listen:       net.Listen,
	ListenPacket: net.ListenPacket,
	DialTCP: func(network string, laddr, raddr *net.TCPAddr) (TCPConn, error) {
		return as[TCPConn](net.DialTCP(network, laddr, raddr))
	},
	ListenTCP: func(network string, laddr *net.TCPAddr) (TCPListener, error) {
		return as[TCPListener](net.ListenTCP(network, laddr))
	},
	DialUDP: func(network string, laddr, raddr *net.UDPAddr) (UDPConn, error) {
		return as[UDPConn](net.DialUDP(network, laddr, raddr))
	},
	ListenUDP: func(network string, laddr *net.UDPAddr) (UDPConn, error) {
		return as[UDPConn](net.ListenUDP(network, laddr))
	},
	DialUnix: func(network string, laddr, raddr *net.UnixAddr) (UnixConn, error) {
		return as[UnixConn](net.DialUnix(network, laddr, raddr))
	},
	ListenUnix: func(network string, laddr *net.UnixAddr) (UnixListener, error) {
		return as[UnixListener](net.ListenUnix(network, laddr))
	},
	ListenUnixgram: func(network string, laddr *net.UnixAddr) (UnixConn, error) {
		return as[UnixConn](net.ListenUnixgram(network, laddr))
	},
	LookupHost:     net.LookupHost,
	LookupPort:     net.LookupPort,
	LookupIP:       net.LookupIP,
	FileConn:       net.FileConn,
	FileListener:   net.FileListener,
	FilePacketConn: net.FilePacketConn,
	Pipe:           net.Pipe,
	WriteBuffers: func(v *[][]byte, w io.Writer) (int64, error) {
		return (*net.Buffers)(v).WriteTo(w)
	},
	Zero: func() Zero {
		return Zero{new(net.TCPConn), new(net.UDPConn), new(net.UnixConn), new(net.TCPListener), new(net.UnixListener)}
	},
}

// GreenNet is package green/net.
var GreenNet = &Net{
	Name:        "green/net",
	Dial:        greennet.Dial,
	DialTimeout: greennet.DialTimeout,
	DialContext: func(ctx context.Context, d Dialer, network, address string) (net.Conn, error) {
		gd := greennet.Dialer{Timeout: d.Timeout, Deadline: d.Deadline, LocalAddr: d.LocalAddr, Control: d.Control}
		return gd.DialContext(ctx, network, address)
	},
	Listen:       greennet.Listen,
	ListenPacket: greennet.ListenPacket,
	DialTCP: func(network string, laddr, raddr *net.TCPAddr) (TCPConn, error) {
		return as[TCPConn](greennet.DialTCP(network, laddr, raddr))
	},
	ListenTCP: func(network string, laddr *net.TCPAddr) (TCPListener, error) {
		return as[TCPListener](greennet.ListenTCP(network, laddr))
	},
	DialUDP: func(network string, laddr, raddr *net.UDPAddr) (UDPConn, error) {
		return as[UDPConn](greennet.DialUDP(network, laddr, raddr))
	},
	ListenUDP: func(network string, laddr *net.UDPAddr) (UDPConn, error) {
		return as[UDPConn](greennet.ListenUDP(network, laddr))
	},
	DialUnix: func(network string, laddr, raddr *net.UnixAddr) (UnixConn, error) {
		return as[UnixConn](greennet.DialUnix(network, laddr, raddr))
	},
	ListenUnix: func(network string, laddr *net.UnixAddr) (UnixListener, error) {
		return as[UnixListener](greennet.ListenUnix(network, laddr))
	},
	ListenUnixgram: func(network string, laddr *net.UnixAddr) (UnixConn, error) {
		return as[UnixConn](greennet.ListenUnixgram(network, laddr))
	},
	LookupHost:     greennet.LookupHost,
	LookupPort:     greennet.LookupPort,
	LookupIP:       greennet.LookupIP,
	FileConn:       greennet.FileConn,
	FileListener:   greennet.FileListener,
	FilePacketConn: greennet.FilePacketConn,
	Pipe:           greennet.Pipe,
	WriteBuffers: func(v *[][]byte, w io.Writer) (int64, error) {
		return (*greennet.Buffers)(v).WriteTo(w)
	},
	Zero: func() Zero {
		return Zero{new(greennet.TCPConn), new(greennet.UDPConn), new(greennet.UnixConn), new(greennet.TCPListener), new(greennet.UnixListener)}
	},
}
