package http

import (
	"github.com/eventlet-go/eventlet/green/net"
	"github.com/eventlet-go/eventlet/green/sync"
	"github.com/eventlet-go/eventlet/green/time"
	"io"
	"math"
)

// aLongTimeAgo is a read deadline in the past, used to wake a pending read.
var aLongTimeAgo = time.Unix(1, 0)

// connReader is the reader under a connection's bufio.Reader. It bounds
// how much a request's line and headers may read, turns read errors into
// the cancellation of the current request's context, and runs the peer
// watch: a one-byte read in the background while a handler runs, which
// notices a client that goes away (or the first byte of a pipelined
// request, kept in byteBuf).
//
// The watch is started only when something observes it — the request's
// context is asked for Done or Err, or CloseNotify is called — and only
// once the request body has been read to its end, so a handler that never
// looks costs no extra read. startWatch and abortWatch are the two places
// to swap when the hub offers a readiness callback.
type connReader struct {
	rwc net.Conn

	mu        sync.Mutex // guards the fields below
	conn      *conn      // nil once a hijacking handler returned
	hasByte   bool       // byteBuf holds a byte read ahead
	byteBuf   [1]byte
	inRead    bool          // a Read or the watch is in progress
	aborted   bool          // the watch is being stopped by a past deadline
	mayWatch  bool          // a handler runs: the watch may start
	remain    int64         // bytes this reader may still deliver
	watchDone chan struct{} // non-nil while the peer watch runs; closed when it ends
}

func (cr *connReader) init(c *conn) {
	cr.rwc = c.rwc
	cr.conn = c
	cr.remain = math.MaxInt64
}

func (cr *connReader) setReadLimit(remain int64) { cr.remain = remain }
func (cr *connReader) setInfiniteReadLimit()     { cr.remain = math.MaxInt64 }
func (cr *connReader) hitReadLimit() bool        { return cr.remain <= 0 }

// releaseConn detaches the reader from its conn after a hijack, turning it
// into a plain pass-through to the net.Conn.
func (cr *connReader) releaseConn() {
	cr.mu.Lock()
	cr.conn = nil
	cr.mu.Unlock()
}

// Read reads from the connection, or returns the byte read ahead.
func (cr *connReader) Read(p []byte) (n int, err error) {
	cr.mu.Lock()
	if cr.conn == nil {
		cr.mu.Unlock()
		return cr.rwc.Read(p)
	}
	if cr.inRead {
		hijacked := cr.conn.hijacked()
		cr.mu.Unlock()
		if hijacked {
			panic("invalid Body.Read call. After hijacked, the original Request must not be used")
		}
		panic("invalid concurrent Body.Read call")
	}
	if cr.hitReadLimit() {
		cr.mu.Unlock()
		return 0, io.EOF
	}
	if len(p) == 0 {
		cr.mu.Unlock()
		return 0, nil
	}
	if int64(len(p)) > cr.remain {
		p = p[:cr.remain]
	}
	if cr.hasByte {
		p[0] = cr.byteBuf[0]
		cr.hasByte = false
		if cr.remain != math.MaxInt64 {
			// The byte was read ahead while waiting for the request;
			// it counts against the request's limit like any other.
			cr.remain--
		}
		cr.mu.Unlock()
		return 1, nil
	}
	cr.inRead = true
	cr.mu.Unlock()
	n, err = cr.rwc.Read(p)

	cr.mu.Lock()
	cr.inRead = false
	if err != nil {
		cr.handleReadErrorLocked()
	}
	cr.remain -= int64(n)
	cr.mu.Unlock()
	return n, err
}

// handleReadErrorLocked reacts to a failed read: whatever the error, the
// peer is gone for the current request, whose context is cancelled and
// whose CloseNotify channel fires.
func (cr *connReader) handleReadErrorLocked() {
	if cr.conn == nil {
		return
	}
	if w := cr.conn.curReq.Load(); w != nil {
		w.ctx.cancel()
		w.closeNotify()
	}
}

// readAhead waits, holding no buffer, until the peer sends one byte (kept
// for the next Read) or the read fails. It is the connection's idle wait.
func (cr *connReader) readAhead() error {
	cr.mu.Lock()
	if cr.hasByte {
		cr.mu.Unlock()
		return nil
	}
	cr.inRead = true
	cr.mu.Unlock()
	n, err := cr.rwc.Read(cr.byteBuf[:])
	cr.mu.Lock()
	cr.inRead = false
	if n == 1 {
		cr.hasByte = true
		err = nil
	} else if err != nil {
		cr.handleReadErrorLocked()
	} else {
		err = io.ErrNoProgress
	}
	cr.mu.Unlock()
	return err
}

// allowWatch lets the peer watch start, while a handler runs.
func (cr *connReader) allowWatch() {
	cr.mu.Lock()
	cr.mayWatch = true
	cr.mu.Unlock()
}

// startWatch starts the peer watch unless a byte is already held, the
// watch runs, or no handler runs any more. The caller guarantees the
// request body is exhausted.
func (cr *connReader) startWatch() {
	cr.mu.Lock()
	defer cr.mu.Unlock()
	if cr.conn == nil || cr.hasByte || cr.inRead || !cr.mayWatch {
		return
	}
	cr.inRead = true
	done := make(chan struct{})
	cr.watchDone = done
	cr.rwc.SetReadDeadline(time.Time{})
	spawn(func() { cr.watch(done) })
}

func (cr *connReader) watch(done chan struct{}) {
	n, err := cr.rwc.Read(cr.byteBuf[:])
	cr.mu.Lock()
	if n == 1 {
		// The first byte of a pipelined request: keep it. Pipelining does
		// not cancel the context of the request being served.
		cr.hasByte = true
	}
	if ne, ok := err.(net.Error); ok && cr.aborted && ne.Timeout() {
		// The deadline set by abortWatch, not the peer.
	} else if err != nil {
		cr.handleReadErrorLocked()
	}
	cr.aborted = false
	cr.inRead = false
	cr.watchDone = nil
	cr.mu.Unlock()
	close(done)
}

// abortWatch stops a running peer watch, waits for it to end, and keeps
// another from starting until allowWatch.
func (cr *connReader) abortWatch() {
	cr.mu.Lock()
	cr.mayWatch = false
	done := cr.watchDone
	if done == nil {
		cr.mu.Unlock()
		return
	}
	cr.aborted = true
	cr.rwc.SetReadDeadline(aLongTimeAgo)
	cr.mu.Unlock()
	recv(done)
	cr.rwc.SetReadDeadline(time.Time{})
}
