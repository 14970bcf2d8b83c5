package behave_test

import (
	"net"
	"syscall"
	"testing"
	"time"

	"github.com/eventlet-go/eventlet/conformance/behave"
)

// udpPair returns a UDP socket bound to loopback (<a>) and another connected to it (<b>),
// closed when the check ends.
func udpPair(e *behave.Env) (a, b behave.UDPConn) {
	e.T.Helper()
	a, err := e.Net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	e.Must(err)
	e.Defer(func() { a.Close() })
	b, err = e.Net.DialUDP("udp4", nil, a.LocalAddr().(*net.UDPAddr))
	e.Must(err)
	e.Defer(func() { b.Close() })
	e.Name(a.LocalAddr(), "a")
	e.Name(b.LocalAddr(), "b")
	return a, b
}

// TestUDPTruncation: a datagram longer than the buffer is cut to it; ReadFrom reports no error,
// ReadMsgUDP reports MSG_TRUNC in its flags, and the rest of the datagram is gone.
func TestUDPTruncation(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		a, b := udpPair(e)
		for _, d := range []string{"0123456789", "abcdefghij", "next"} {
			n, err := b.Write([]byte(d))
			e.Record("Write", n, err)
		}
		small := make([]byte, 4)
		n, from, err := a.ReadFrom(small)
		e.Record("ReadFrom", small[:n], from, err)
		oob := make([]byte, 64)
		n, oobn, flags, from2, err := a.ReadMsgUDP(small, oob)
		e.Record("ReadMsgUDP", small[:n], oobn, flags&syscall.MSG_TRUNC != 0, from2, err)
		n, oobn, flags, from2, err = a.ReadMsgUDP(make([]byte, 64)[:10], oob)
		e.Record("ReadMsgUDP whole", n, oobn, flags, from2, err)
	})
}

// TestUDPReadFrom: ReadFromUDP, ReadFrom and Read name the sender as net's do; an empty
// datagram reads as zero bytes, not io.EOF.
func TestUDPReadFrom(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		a, b := udpPair(e)
		for _, d := range []string{"one", "two", "", "three"} {
			n, err := b.Write([]byte(d))
			e.Record("Write", n, err)
		}
		buf := make([]byte, 64)
		n, from, err := a.ReadFromUDP(buf)
		e.Record("ReadFromUDP", buf[:n], from, err)
		n, addr, err := a.ReadFrom(buf)
		e.Record("ReadFrom", buf[:n], addr, err)
		n, addr, err = a.ReadFrom(buf)
		e.Record("ReadFrom empty datagram", n, addr, err)
		n, err = a.Read(buf)
		e.Record("Read", buf[:n], err)
		n, err = a.WriteToUDP([]byte("back"), b.LocalAddr().(*net.UDPAddr))
		e.Record("WriteToUDP", n, err)
		n, err = b.Read(buf)
		e.Record("Read connected", buf[:n], err)
	})
}

// TestUDPWriteErrors: writing with the wrong kind of address, without an address, or to an
// address on a connected socket fails as net's does.
func TestUDPWriteErrors(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		a, b := udpPair(e)
		n, err := b.WriteTo([]byte("x"), a.LocalAddr())
		e.Record("WriteTo connected", n, err)
		n, err = b.WriteToUDP([]byte("x"), a.LocalAddr().(*net.UDPAddr))
		e.Record("WriteToUDP connected", n, err)
		n, oobn, err := b.WriteMsgUDP([]byte("x"), nil, a.LocalAddr().(*net.UDPAddr))
		e.Record("WriteMsgUDP connected", n, oobn, err)
		n, err = a.Write([]byte("x"))
		e.Record("Write unconnected", n, err)
		n, err = a.WriteToUDP([]byte("x"), nil)
		e.Record("WriteToUDP nil", n, err)
		n, oobn, err = a.WriteMsgUDP([]byte("x"), nil, nil)
		e.Record("WriteMsgUDP nil", n, oobn, err)
		n, err = a.WriteTo([]byte("x"), &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 9})
		e.Record("WriteTo a TCP address", n, err)
		n, err = a.WriteToUDP([]byte("x"), &net.UDPAddr{IP: net.IPv6loopback, Port: 9})
		e.Record("WriteToUDP IPv6 on udp4", n, err)
		n, err = a.WriteToUDP(make([]byte, 70000), b.LocalAddr().(*net.UDPAddr))
		e.Record("WriteToUDP too long", n, err)
	})
}

// TestUDPRefused: a connected UDP socket learns that nobody listens from the ICMP error, which
// its next read reports as ECONNREFUSED.
func TestUDPRefused(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		a, b := udpPair(e)
		e.Record("Close a", a.Close())
		n, err := b.Write([]byte("anyone?"))
		e.Record("Write", n, err)
		e.Record("SetReadDeadline", b.SetReadDeadline(time.Now().Add(time.Second)))
		n, err = b.Read(make([]byte, 8))
		e.Record("Read", n, err)
	})
}

// TestUDPDeadlines: ReadFrom times out and is woken by Close as a stream read is.
func TestUDPDeadlines(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		a, _ := udpPair(e)
		e.Record("SetReadDeadline past", a.SetReadDeadline(past))
		n, from, err := a.ReadFromUDP(make([]byte, 8))
		e.Record("ReadFromUDP", n, from == nil, err)
		e.Record("SetReadDeadline soon", a.SetReadDeadline(time.Now().Add(20*time.Millisecond)))
		n, addr, err := a.ReadFrom(make([]byte, 8))
		e.Record("ReadFrom", n, addr == nil, err)
		e.Record("SetReadDeadline none", a.SetReadDeadline(time.Time{}))
		wait := e.Go(func() { n, addr, err = a.ReadFrom(make([]byte, 8)) })
		e.Settle()
		e.Record("Close", a.Close())
		wait()
		e.Record("ReadFrom woken by Close", n, addr == nil, err)
		n, oobn, flags, from, err := a.ReadMsgUDP(make([]byte, 8), nil)
		e.Record("ReadMsgUDP closed", n, oobn, flags, from, err)
		n, err = a.WriteToUDP([]byte("x"), &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 9})
		e.Record("WriteToUDP closed", n, err)
	})
}

// TestListenPacketUDP: ListenPacket gives a UDP socket that exchanges datagrams with another.
func TestListenPacketUDP(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		a, err := e.Net.ListenPacket("udp", "127.0.0.1:0")
		e.Must(err)
		defer a.Close()
		b, err := e.Net.ListenPacket("udp4", "127.0.0.1:0")
		e.Must(err)
		defer b.Close()
		e.Name(a.LocalAddr(), "a")
		e.Name(b.LocalAddr(), "b")
		n, err := a.WriteTo([]byte("ping"), b.LocalAddr())
		e.Record("WriteTo", n, err)
		buf := make([]byte, 8)
		n, from, err := b.ReadFrom(buf)
		e.Record("ReadFrom", buf[:n], from, err)
		_, isUDP := a.(behave.UDPConn)
		e.Record("is a UDPConn", isUDP)
	})
}
