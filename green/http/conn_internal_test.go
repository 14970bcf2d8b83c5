package http

import (
	"bufio"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
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
}

func (l *recordingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &recordingConn{Conn: c, l: l, inflight: new(atomic.Int32)}, nil
}

func (c *recordingConn) Read(p []byte) (int, error) {
	c.inflight.Add(1)
	defer c.inflight.Add(-1)
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

// nextRead waits for the next Read the server starts.
func nextRead(t *testing.T, l *recordingListener) readEvent {
	t.Helper()
	select {
	case ev := <-l.reads:
		return ev
	case <-time.After(5 * time.Second):
		t.Fatal("the server started no read")
		return readEvent{}
	}
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

// TestIdleConnHoldsNoBuffer checks that between requests the server waits
// for the next one with a one-byte read, its bufio buffers given back.
func TestIdleConnHoldsNoBuffer(t *testing.T) {
	ln := listenRecording(t)
	srv := &Server{Handler: HandlerFunc(func(w ResponseWriter, r *Request) { io.WriteString(w, "ok") })}
	go srv.Serve(ln)
	defer srv.Close()

	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if ev := nextRead(t, ln); ev.size != 1 {
		t.Errorf("new connection: first read has a %d-byte buffer, want a 1-byte wait", ev.size)
	}
	br := bufio.NewReader(conn)
	for i := range 3 {
		io.WriteString(conn, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
		resp, err := ReadResponse(br, nil)
		if err != nil {
			t.Fatal(err)
		}
		io.ReadAll(resp.Body)
		// The reads so far belong to the request just served; the last
		// one started is the idle wait.
		var last readEvent
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
			ev := nextRead(t, ln)
			last = ev
			if ev.size == 1 {
				break
			}
		}
		if last.size != 1 {
			t.Fatalf("request %d: idle wait reads with a %d-byte buffer, want 1", i, last.size)
		}
		drainReads(ln)
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
				<-release
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

// hookListener reports each accepted recordingConn.
type hookListener struct {
	*recordingListener
	accepted func(*recordingConn)
}

func (l *hookListener) Accept() (net.Conn, error) {
	c, err := l.recordingListener.Accept()
	if err == nil {
		l.accepted(c.(*recordingConn))
	}
	return c, err
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
