package behave_test

import (
	"bytes"
	"io"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/eventlet-go/eventlet/conformance/behave"
)

// TestClosedConn: every method of a closed connection fails (or not) as net's does.
func TestClosedConn(t *testing.T) {
	forStreams(t, func(e *behave.Env, c, _ net.Conn) {
		e.Record("Close", c.Close())
		buf := make([]byte, 8)
		n, err := c.Read(buf)
		e.Record("Read", n, err)
		n, err = c.Read(nil)
		e.Record("Read empty", n, err)
		n, err = c.Write([]byte("x"))
		e.Record("Write", n, err)
		n, err = c.Write(nil)
		e.Record("Write empty", n, err)
		e.Record("Close again", c.Close())
		e.Record("SetDeadline", c.SetDeadline(time.Now()))
		e.Record("SetReadDeadline", c.SetReadDeadline(time.Now()))
		e.Record("SetWriteDeadline", c.SetWriteDeadline(time.Now()))
		e.Record("addresses", c.LocalAddr(), c.RemoteAddr())
		hc := c.(interface {
			CloseRead() error
			CloseWrite() error
			SetReadBuffer(int) error
			SetWriteBuffer(int) error
		})
		e.Record("CloseRead", hc.CloseRead())
		e.Record("CloseWrite", hc.CloseWrite())
		e.Record("SetReadBuffer", hc.SetReadBuffer(4096))
		e.Record("SetWriteBuffer", hc.SetWriteBuffer(4096))
		if tc, ok := c.(behave.TCPConn); ok {
			e.Record("SetNoDelay", tc.SetNoDelay(false))
			e.Record("SetLinger", tc.SetLinger(0))
			e.Record("SetKeepAlive", tc.SetKeepAlive(true))
			n, err := tc.ReadFrom(bytes.NewReader([]byte("abc")))
			e.Record("ReadFrom", n, err)
			n, err = tc.WriteTo(io.Discard)
			e.Record("WriteTo", n, err)
		}
	})
}

// TestEOF: the peer's Close reads as a bare io.EOF after the data it sent, every time.
func TestEOF(t *testing.T) {
	forStreams(t, func(e *behave.Env, c, s net.Conn) {
		n, err := s.Write([]byte("hello"))
		e.Record("Write", n, err)
		e.Record("Close", s.Close())
		buf := make([]byte, 64)
		n, err = c.Read(buf)
		e.Record("Read", buf[:n], err)
		n, err = c.Read(buf)
		e.Record("Read at EOF", n, err, err == io.EOF)
		n, err = c.Read(buf)
		e.Record("Read at EOF again", n, err, err == io.EOF)
		n, err = c.Read(nil)
		e.Record("Read empty at EOF", n, err)
	})
}

// TestEOFWhileParked: a Read parked when the peer closes returns io.EOF.
func TestEOFWhileParked(t *testing.T) {
	forStreams(t, func(e *behave.Env, c, s net.Conn) {
		var n int
		var err error
		wait := e.Go(func() { n, err = c.Read(make([]byte, 8)) })
		e.Settle()
		e.Record("Close", s.Close())
		wait()
		e.Record("Read", n, err, err == io.EOF)
	})
}

// TestReset: a peer that closes with SO_LINGER 0 resets the connection; reads and writes then
// fail as they do under net.
func TestReset(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		c, s := tcpPair(e)
		e.Record("SetLinger", s.SetLinger(0))
		e.Record("Close", s.Close())
		buf := make([]byte, 8)
		n, err := c.Read(buf)
		e.Record("Read", n, err)
		n, err = c.Read(buf)
		e.Record("Read again", n, err)
		n, err = c.Write([]byte("x"))
		e.Record("Write", n, err)
	})
}

// TestResetWhileParked: a Read parked when the peer resets returns ECONNRESET.
func TestResetWhileParked(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		c, s := tcpPair(e)
		var n int
		var err error
		wait := e.Go(func() { n, err = c.Read(make([]byte, 8)) })
		e.Settle()
		e.Record("SetLinger", s.SetLinger(0))
		e.Record("Close", s.Close())
		wait()
		e.Record("Read", n, err)
	})
}

// TestWriteAfterPeerClosed: writing to a peer that has closed succeeds once (the kernel takes
// the bytes and the peer answers with a reset) and then fails with EPIPE, as under net.
func TestWriteAfterPeerClosed(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		c, s := tcpPair(e)
		e.Record("Close", s.Close())
		n, err := c.Read(make([]byte, 8))
		e.Record("Read", n, err)
		n, err = c.Write([]byte("x"))
		e.Record("Write", n, err)
		n, err = c.Write([]byte("y"))
		e.Record("Write again", n, err)
	})
}

// TestZeroLength: empty reads and writes on an open connection return at once without error.
func TestZeroLength(t *testing.T) {
	forStreams(t, func(e *behave.Env, c, _ net.Conn) {
		n, err := c.Read(nil)
		e.Record("Read", n, err)
		n, err = c.Write(nil)
		e.Record("Write", n, err)
		n, err = c.Write([]byte{})
		e.Record("Write empty slice", n, err)
	})
}

// TestLargeTransfer: 4 MiB written in one call arrives whole and in order, while the reader
// drains it concurrently, and the writer's count is all of it.
func TestLargeTransfer(t *testing.T) {
	forStreams(t, func(e *behave.Env, c, s net.Conn) {
		want := make([]byte, 4<<20)
		for i := range want {
			want[i] = byte(i * 7)
		}
		var n int
		var err error
		wait := e.Go(func() {
			n, err = c.Write(want)
			c.Close()
		})
		got, rerr := io.ReadAll(s)
		wait()
		e.Record("Write", n, err)
		e.Record("ReadAll", len(got), bytes.Equal(got, want), rerr)
	})
}

// TestNilConn: the methods of zero connections and listeners fail with EINVAL, as net's do.
func TestNilConn(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		z := e.Net.Zero()
		for _, c := range []struct {
			name string
			c    net.Conn
		}{{"TCPConn", z.TCPConn}, {"UDPConn", z.UDPConn}, {"UnixConn", z.UnixConn}} {
			n, err := c.c.Read(make([]byte, 1))
			e.Record(c.name+" Read", n, err, err == syscall.EINVAL)
			n, err = c.c.Write([]byte("x"))
			e.Record(c.name+" Write", n, err)
			e.Record(c.name+" Close", c.c.Close())
			e.Record(c.name+" SetDeadline", c.c.SetDeadline(time.Time{}))
			e.Record(c.name+" addresses", c.c.LocalAddr() == nil, c.c.RemoteAddr() == nil)
		}
		for _, l := range []struct {
			name string
			l    net.Listener
		}{{"TCPListener", z.TCPListener}, {"UnixListener", z.UnixListener}} {
			c, err := l.l.Accept()
			e.Record(l.name+" Accept", c == nil, err)
			e.Record(l.name+" Close", l.l.Close())
		}
	})
}

// TestReadFromFile: TCPConn.ReadFrom copies a file (whole, or as much as an io.LimitedReader
// allows) and fails on a reset connection as net's does (net uses sendfile(2) for files).
func TestReadFromFile(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		c, s := tcpPair(e)
		want := bytes.Repeat([]byte("0123456789abcdef"), 1<<16) // 1 MiB
		path := filepath.Join(e.TempDir(), "data")
		e.Must(os.WriteFile(path, want, 0o600))
		f, err := os.Open(path)
		e.Must(err)
		defer f.Close()

		var got []byte
		var rerr error
		wait := e.Go(func() { got, rerr = io.ReadAll(io.LimitReader(s, int64(len(want)+1000))) })
		n, err := c.ReadFrom(f)
		e.Record("ReadFrom file", n, err)
		_, err = f.Seek(0, io.SeekStart)
		e.Must(err)
		lr := &io.LimitedReader{R: f, N: 1000}
		n, err = c.ReadFrom(lr)
		e.Record("ReadFrom LimitedReader", n, err, lr.N)
		wait()
		e.Record("peer received", len(got), bytes.Equal(got[:len(want)], want), rerr)

		e.Record("peer SetLinger", s.SetLinger(0))
		e.Record("peer Close", s.Close())
		m, err := c.Read(make([]byte, 1))
		e.Record("Read reset", m, err)
		_, err = f.Seek(0, io.SeekStart)
		e.Must(err)
		n, err = c.ReadFrom(f)
		e.Record("ReadFrom file to a reset conn", n, err)
		e.Record("Close", c.Close())
		n, err = c.ReadFrom(f)
		e.Record("ReadFrom file to a closed conn", n, err)
	})
}

// TestCopyBetweenConns: TCPConn.ReadFrom from another connection and TCPConn.WriteTo a Unix one
// (net splices both) copy everything, or as much as an io.LimitedReader allows, and fail as
// net's do when the source is reset.
func TestCopyBetweenConns(t *testing.T) {
	for _, tt := range []struct {
		name string
		src  func(e *behave.Env) (src, peer net.Conn)
	}{
		{"from tcp", func(e *behave.Env) (net.Conn, net.Conn) { c, s := tcpPair(e); return s, c }},
		{"from unix", func(e *behave.Env) (net.Conn, net.Conn) { c, s := unixPair(e); return s, c }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			behave.Compare(t, func(e *behave.Env) {
				src, feeder := tt.src(e)
				dst, sink := tcpPair(e)
				want := bytes.Repeat([]byte("splice me "), 100000)
				var got []byte
				var rerr error
				readDone := e.Go(func() { got, rerr = io.ReadAll(sink) })
				feedDone := e.Go(func() {
					feeder.Write(want)
					feeder.(halfCloser).CloseWrite()
				})
				n, err := dst.ReadFrom(src)
				feedDone()
				e.Record("ReadFrom", n, err)
				e.Record("Close", dst.Close())
				readDone()
				e.Record("received", len(got), bytes.Equal(got, want), rerr)
			})
		})
	}
	t.Run("WriteTo unix", func(t *testing.T) {
		behave.Compare(t, func(e *behave.Env) {
			src, feeder := tcpPair(e)
			dst, sink := unixPair(e)
			want := bytes.Repeat([]byte("splice me "), 100000)
			var got []byte
			var rerr error
			readDone := e.Go(func() { got, rerr = io.ReadAll(sink) })
			feedDone := e.Go(func() {
				feeder.Write(want)
				feeder.CloseWrite()
			})
			n, err := src.WriteTo(dst)
			feedDone()
			e.Record("WriteTo", n, err)
			e.Record("Close", dst.Close())
			readDone()
			e.Record("received", len(got), bytes.Equal(got, want), rerr)
		})
	})
	t.Run("LimitedReader", func(t *testing.T) {
		behave.Compare(t, func(e *behave.Env) {
			src, feeder := tcpPair(e)
			dst, sink := tcpPair(e)
			n, err := feeder.Write(bytes.Repeat([]byte("x"), 5000))
			e.Record("feed", n, err)
			lr := &io.LimitedReader{R: src, N: 3000}
			m, err := dst.ReadFrom(lr)
			e.Record("ReadFrom", m, err, lr.N)
			got := make([]byte, 3000)
			k, err := io.ReadFull(sink, got)
			e.Record("received", k, err)
		})
	})
	behave.Compare(t, func(e *behave.Env) {
		src, feeder := tcpPair(e)
		dst, _ := tcpPair(e)
		e.Record("feeder SetLinger", feeder.SetLinger(0))
		e.Record("feeder Close", feeder.Close())
		n, err := dst.ReadFrom(src)
		e.Record("ReadFrom a reset conn", n, err)
	})
}

// TestCloseWhileParked: Close wakes a Read and a Write parked on the connection (the Write on a
// full socket buffer) with net.ErrClosed, the Write with the count of what it wrote.
func TestCloseWhileParked(t *testing.T) {
	forStreams(t, func(e *behave.Env, c, _ net.Conn) {
		var rn, wn int
		var rerr, werr error
		big := make([]byte, 64<<20)
		readDone := e.Go(func() { rn, rerr = c.Read(make([]byte, 8)) })
		writeDone := e.Go(func() { wn, werr = c.Write(big) })
		e.Settle()
		e.Record("Close", c.Close())
		readDone()
		writeDone()
		e.Record("Read", rn, rerr)
		e.Record("Write", wn < len(big), werr)
	})
}
