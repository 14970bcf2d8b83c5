package behave_test

import (
	"net"
	"os"
	"testing"

	"github.com/eventlet-go/eventlet/conformance/behave"
)

// TestConnFile: File returns a duplicate named as net names it; a connection made from it with
// FileConn talks to the same peer; closing one leaves the others working.
func TestConnFile(t *testing.T) {
	forStreams(t, func(e *behave.Env, c, s net.Conn) {
		f, err := c.(interface{ File() (*os.File, error) }).File()
		e.Must(err)
		e.Record("Name", f.Name())
		fc, err := e.Net.FileConn(f)
		e.Record("FileConn", err)
		e.Record("File Close", f.Close())
		defer fc.Close()
		e.Record("FileConn addresses", fc.LocalAddr(), fc.RemoteAddr())
		n, err := fc.Write([]byte("via file"))
		e.Record("FileConn Write", n, err)
		buf := make([]byte, 16)
		n, err = s.Read(buf)
		e.Record("peer Read", buf[:n], err)
		e.Record("Close", c.Close())
		n, err = s.Write([]byte("still"))
		e.Record("peer Write", n, err)
		n, err = fc.Read(buf)
		e.Record("FileConn Read", buf[:n], err)
		f, err = c.(interface{ File() (*os.File, error) }).File()
		e.Record("File after Close", f == nil, err)
	})
}

// TestFileConnKinds: FileConn, FileListener and FilePacketConn turn the files of each kind of
// socket into connections of the matching type, and fail on other files as net's do.
func TestFileConnKinds(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		ln := listener(e).(behave.TCPListener)
		lf, err := ln.File()
		e.Must(err)
		defer lf.Close()
		fl, err := e.Net.FileListener(lf)
		e.Record("FileListener", err)
		e.Record("FileListener Addr", fl.Addr())
		e.Record("FileListener Close", fl.Close())

		a, _ := udpPair(e)
		uf, err := a.File()
		e.Must(err)
		defer uf.Close()
		pc, err := e.Net.FilePacketConn(uf)
		e.Record("FilePacketConn", err)
		_, isUDP := pc.(behave.UDPConn)
		e.Record("FilePacketConn is a UDPConn", isUDP, pc.LocalAddr())
		e.Record("FilePacketConn Close", pc.Close())
		uc, err := e.Net.FileConn(uf)
		e.Record("FileConn of UDP", err, uc.LocalAddr())
		e.Record("FileConn of UDP Close", uc.Close())

		dev, err := os.Open(os.DevNull)
		e.Must(err)
		defer dev.Close()
		c, err := e.Net.FileConn(dev)
		e.Record("FileConn /dev/null", c == nil, err)
		l, err := e.Net.FileListener(dev)
		e.Record("FileListener /dev/null", l == nil, err)
		p, err := e.Net.FilePacketConn(dev)
		e.Record("FilePacketConn /dev/null", p == nil, err)
	})
}

// TestFileFdBlocking: os.File.Fd puts the descriptor of a connection's File in blocking mode,
// and with it the connection's own (they share one open file description); the connection still
// reads what its peer sends while it waits, and accepts what arrives while it waits.
func TestFileFdBlocking(t *testing.T) {
	forStreams(t, func(e *behave.Env, c, s net.Conn) {
		f, err := c.(interface{ File() (*os.File, error) }).File()
		e.Must(err)
		defer f.Close()
		f.Fd()
		buf := make([]byte, 16)
		var n int
		var rerr error
		wait := e.Go(func() { n, rerr = c.Read(buf) })
		e.Settle()
		m, werr := s.Write([]byte("late"))
		e.Record("peer Write", m, werr)
		wait()
		e.Record("Read", buf[:n], rerr)
		m, werr = c.Write([]byte("reply"))
		e.Record("Write", m, werr)
	})
}

// TestListenerFileFdBlocking: a listener whose File's Fd was taken (to hand it to a child
// process, say) still accepts connections that arrive while it waits.
func TestListenerFileFdBlocking(t *testing.T) {
	forListeners(t, func(e *behave.Env, ln net.Listener) {
		f, err := ln.(behave.TCPListener).File()
		e.Must(err)
		defer f.Close()
		f.Fd()
		var c net.Conn
		var aerr error
		wait := e.Go(func() { c, aerr = ln.Accept() })
		e.Settle()
		d, err := e.Net.Dial(ln.Addr().Network(), ln.Addr().String())
		e.Must(err)
		defer d.Close()
		wait()
		if c != nil {
			c.Close()
		}
		e.Record("Accept", c == nil, aerr)
	})
}
