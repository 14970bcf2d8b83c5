package http

import (
	"bufio"
	"github.com/eventlet-go/eventlet/green/net"
	"github.com/eventlet-go/eventlet/green/time"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/eventlet-go/eventlet"
)

// readEvent is a Read call on a server connection: its buffer size.
type readEvent struct{ size int }

// recordingListener hands out connections that report each Read they
// start, and count the Reads in progress.
type recordingListener struct {
	net.Listener
	reads chan readEvent
}

type recordingConn struct {
	net.Conn
	l        *recordingListener
	inflight *atomic.Int32
	size     *atomic.Int64 // buffer size of the read in progress, 0 if none
}

func (l *recordingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &recordingConn{Conn: c, l: l, inflight: new(atomic.Int32), size: new(atomic.Int64)}, nil
}

func (c *recordingConn) Read(p []byte) (int, error) {
	c.inflight.Add(1)
	c.size.Store(int64(len(p)))
	defer func() {
		c.size.Store(0)
		c.inflight.Add(-1)
	}()
	select {
	case c.l.reads <- readEvent{len(p)}:
	default:
	}
	return c.Conn.Read(p)
}

func listenRecording(t *testing.T) *recordingListener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return &recordingListener{Listener: ln, reads: make(chan readEvent, 1000)}
}

func drainReads(l *recordingListener) {
	for {
		select {
		case <-l.reads:
		default:
			return
		}
	}
}

// rawRecordingConn is a recordingConn that exposes its descriptor, so the
// server waits on it through the poller.
type rawRecordingConn struct {
	*recordingConn
}

func (c rawRecordingConn) SyscallConn() (syscall.RawConn, error) {
	return c.Conn.(*net.TCPConn).SyscallConn()
}

// TestIdleConnHoldsNoBuffer checks that between requests (and before the
// first) the server waits without a buffer: through the poller when the
// connection has a descriptor (no Read at all until bytes come), else
// with a one-byte read.
func TestIdleConnHoldsNoBuffer(t *testing.T) {
	for _, raw := range []bool{false, true} {
		ln := listenRecording(t)
		srv := &Server{Handler: HandlerFunc(func(w ResponseWriter, r *Request) { io.WriteString(w, "ok") })}
		var sc atomic.Pointer[recordingConn]
		go srv.Serve(&hookListener{recordingListener: ln, accepted: func(c *recordingConn) { sc.Store(c) }, raw: raw})

		conn, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		br := bufio.NewReader(conn)
		for i := range 3 {
			idleWait(t, ln, &sc, raw, i)
			io.WriteString(conn, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
			resp, err := ReadResponse(br, nil)
			if err != nil {
				t.Fatal(err)
			}
			io.ReadAll(resp.Body)
			// Every read made to serve this request started before the
			// response was written: forget them.
			drainReads(ln)
		}
		conn.Close()
		srv.Close()
	}
}

// idleWait checks how the server waits for request i.
func idleWait(t *testing.T, ln *recordingListener, sc *atomic.Pointer[recordingConn], raw bool, i int) {
	t.Helper()
	if raw {
		// No read may start before the client sends: the wait is the
		// poller's. A wrong implementation would start a read at once;
		// the quiet period only bounds how long we look for it.
		select {
		case ev := <-ln.reads:
			t.Errorf("raw, request %d: a %d-byte read started on an idle connection", i, ev.size)
		case <-time.After(50 * time.Millisecond):
		}
		return
	}
	// Wait for the server to block in its idle read, then look at it.
	var c *recordingConn
	var size int64
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if c = sc.Load(); c != nil {
			if size = c.size.Load(); size != 0 {
				break
			}
		}
	}
	if size != 1 {
		t.Errorf("request %d: idle wait reads with a %d-byte buffer, want 1", i, size)
	}
}

// TestPeerWatchIsLazy checks that a handler that never asks whether its
// client left costs no background read, and that one that asks gets one.
func TestPeerWatchIsLazy(t *testing.T) {
	for _, observe := range []bool{false, true} {
		ln := listenRecording(t)
		entered, release := make(chan *recordingConn, 1), make(chan struct{})
		srv := &Server{
			Handler: HandlerFunc(func(w ResponseWriter, r *Request) {
				if observe {
					r.Context().Done()
				}
				entered <- nil
				eventlet.RecvValue(release)
			}),
			ConnContext: nil,
		}
		var conns atomic.Pointer[recordingConn]
		wrapped := &hookListener{recordingListener: ln, accepted: func(c *recordingConn) { conns.Store(c) }}
		go srv.Serve(wrapped)

		conn, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(conn, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
		<-entered
		drainReads(ln)
		sc := conns.Load()
		watching := false
		for deadline := time.Now().Add(time.Second); time.Now().Before(deadline) && !watching; time.Sleep(time.Millisecond) {
			// Polling for a read that, when expected, starts at once.
			watching = sc.inflight.Load() > 0
			if !observe {
				break
			}
		}
		if watching != observe {
			t.Errorf("observe=%v: background read running = %v", observe, watching)
		}
		close(release)
		conn.Close()
		srv.Close()
	}
}

// hookListener reports each accepted recordingConn, and hands it out as
// a rawRecordingConn if raw.
type hookListener struct {
	*recordingListener
	accepted func(*recordingConn)
	raw      bool
}

func (l *hookListener) Accept() (net.Conn, error) {
	c, err := l.recordingListener.Accept()
	if err != nil {
		return nil, err
	}
	rc := c.(*recordingConn)
	l.accepted(rc)
	if l.raw {
		return rawRecordingConn{rc}, nil
	}
	return rc, nil
}

// TestNoGoStatements checks that the package starts concurrency and waits
// on channels only through seam.go, the file that becomes the hub's: no
// go statement and no blocking select (one with a default case never
// waits) anywhere else.
func TestNoGoStatements(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || name == "seam.go" {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		var check func(n ast.Node) bool
		check = func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.GoStmt:
				t.Errorf("%s: go statement outside seam.go", fset.Position(n.Pos()))
			case *ast.SelectStmt:
				if !hasDefault(n) {
					t.Errorf("%s: blocking select outside seam.go", fset.Position(n.Pos()))
				}
				// A select with a default never waits: only the bodies
				// of its cases are inspected further.
				for _, c := range n.Body.List {
					for _, st := range c.(*ast.CommClause).Body {
						ast.Inspect(st, check)
					}
				}
				return false
			case *ast.UnaryExpr:
				if n.Op == token.ARROW {
					t.Errorf("%s: channel receive outside seam.go", fset.Position(n.Pos()))
				}
			}
			return true
		}
		ast.Inspect(f, check)
	}
}

func hasDefault(s *ast.SelectStmt) bool {
	for _, c := range s.Body.List {
		if c.(*ast.CommClause).Comm == nil {
			return true
		}
	}
	return false
}

// gatedListener hands each connection to the server only when told to.
type gatedListener struct {
	net.Listener
	gate chan struct{}
}

func (l *gatedListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		eventlet.RecvValue(l.gate) // Accept runs in the server's greenthread
	}
	return c, err
}

// TestRequestWaitingBeforeServe checks that bytes already waiting in the
// socket when the server starts waiting for them are seen (the poller
// will not announce them again).
func TestRequestWaitingBeforeServe(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	gl := &gatedListener{Listener: ln, gate: make(chan struct{})}
	srv := &Server{Handler: HandlerFunc(func(w ResponseWriter, r *Request) { io.WriteString(w, "ok") })}
	go srv.Serve(gl)
	defer srv.Close()

	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	// The request is in the server's socket before the server looks.
	time.Sleep(20 * time.Millisecond) // lets the bytes cross loopback; the test holds without it
	close(gl.gate)
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	resp, err := ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no response to a request that arrived before the server looked: %v", err)
	}
	resp.Body.Close()
}
