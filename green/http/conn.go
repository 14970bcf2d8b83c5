package http

import (
	"bufio"
	"context"
	"crypto/tls"
	"fmt"
	"github.com/eventlet-go/eventlet/green/net"
	"github.com/eventlet-go/eventlet/green/sync"
	"github.com/eventlet-go/eventlet/green/time"
	"io"
	"runtime"
	"sync/atomic"
)

// conn is the server side of one connection, served by one greenthread
// running serve: read a request, run the handler, write the response,
// wait for the next request, until either side wants to close.
type conn struct {
	server     *Server
	rwc        net.Conn // the connection itself, as given to Hijack
	remoteAddr string   // rwc.RemoteAddr().String(), the Request.RemoteAddr
	tlsState   *tls.ConnectionState
	ctx        context.Context // parent of every request's context

	werr error // the first write error

	r     connReader
	ready readiness
	bufr  *bufio.Reader // reads r; nil while idle
	bufw  *bufio.Writer // writes checkConnErrorWriter{c}; nil while idle

	lastMethod string // of the previous request

	curReq   atomic.Pointer[response] // the request being served
	curState atomic.Uint64            // unix time << 8 | ConnState

	mu sync.Mutex // serialises hijacking
	// hijackedv is set, with mu held, once the connection is handed over; read without the lock
	// (several times a request).
	hijackedv atomic.Bool
}

func newConn(s *Server, rwc net.Conn) *conn {
	c := &conn{server: s, rwc: rwc}
	c.r.init(c)
	return c
}

func (c *conn) hijacked() bool { return c.hijackedv.Load() }

// hijackLocked hands the connection over; c.mu must be held. A byte read
// ahead by the peer watch is moved into the returned reader.
func (c *conn) hijackLocked() (rwc net.Conn, buf *bufio.ReadWriter, err error) {
	if c.hijackedv.Load() {
		return nil, nil, ErrHijacked
	}
	c.r.abortWatch()
	c.hijackedv.Store(true)
	rwc = c.rwc
	rwc.SetDeadline(time.Time{})
	if c.r.hasByte {
		if _, err := c.bufr.Peek(c.bufr.Buffered() + 1); err != nil {
			return nil, nil, fmt.Errorf("unexpected Peek failure reading buffered byte: %v", err)
		}
	}
	c.bufw.Reset(rwc)
	buf = bufio.NewReadWriter(c.bufr, c.bufw)
	c.setState(StateHijacked, true)
	return rwc, buf, nil
}

// stampSet is the time stamp of states whose time Shutdown never compares: set, not zero.
const stampSet = 1

// setState records the connection's state for Shutdown and reports it to
// the ConnState hook if runHook.
func (c *conn) setState(state ConnState, runHook bool) {
	srv := c.server
	switch state {
	case StateNew:
		srv.trackConn(c, true)
	case StateHijacked, StateClosed:
		srv.trackConn(c, false)
	}
	// Shutdown reads the time a connection became new (one with no request for 5 seconds counts
	// as idle); of the other states it asks only whether the stamp is set (zero: not yet, as in
	// net/http), and an active connection's does not matter. Reading the clock costs measurably
	// on every request, so only StateNew reads it.
	var unixSec int64
	switch state {
	case StateNew:
		unixSec = time.Now().Unix()
	case StateActive:
	default:
		unixSec = stampSet
	}
	c.curState.Store(uint64(unixSec<<8) | uint64(state))
	if !runHook {
		return
	}
	if hook := srv.ConnState; hook != nil {
		hook(c.rwc, state)
	}
}

func (c *conn) getState() (state ConnState, unixSec int64) {
	packed := c.curState.Load()
	return ConnState(packed & 0xff), int64(packed >> 8)
}

// acquireBuffers takes the connection's reader and writer from the pools.
func (c *conn) acquireBuffers() {
	if c.bufr == nil {
		c.bufr = newBufioReader(&c.r)
	}
	if c.bufw == nil {
		c.bufw = newBufioWriterSize(checkConnErrorWriter{c}, 4<<10)
	}
}

// finalFlush flushes the writer and returns both buffers to the pools.
func (c *conn) finalFlush() {
	if c.bufr != nil {
		putBufioReader(c.bufr)
		c.bufr = nil
	}
	if c.bufw != nil {
		c.bufw.Flush()
		putBufioWriter(c.bufw)
		c.bufw = nil
	}
}

func (c *conn) close() {
	c.finalFlush()
	c.rwc.Close()
}

// rstAvoidanceDelay is how long closeWriteAndWait lingers after its FIN,
// so the client reads the last response before a reset.
const rstAvoidanceDelay = 500 * time.Millisecond

// closeWriteAndWait flushes, half-closes a TCP connection and lingers,
// for a client that may still be sending a body we refuse to read.
func (c *conn) closeWriteAndWait() {
	c.finalFlush()
	if tcp, ok := c.rwc.(interface{ CloseWrite() error }); ok {
		tcp.CloseWrite()
	}
	time.Sleep(rstAvoidanceDelay)
}

// awaitNextRequest waits for the next request on a kept-alive connection.
// Unless a pipelined request is already buffered, the wait holds no
// buffer: it returns them to the pools and waits for the connection to
// become readable. It then waits for four bytes, as net/http does, and
// reports whether they came.
func (c *conn) awaitNextRequest() bool {
	if c.bufr.Buffered() == 0 {
		c.finalFlush()
		if c.awaitReadable() != nil {
			return false
		}
		c.acquireBuffers()
	}
	_, err := c.bufr.Peek(4)
	return err == nil
}

// checkConnErrorWriter writes to the connection, recording the first
// error and cancelling the request in flight.
type checkConnErrorWriter struct{ c *conn }

func (w checkConnErrorWriter) Write(p []byte) (n int, err error) {
	n, err = w.c.rwc.Write(p)
	if err != nil && w.c.werr == nil {
		w.c.werr = err
		if cur := w.c.curReq.Load(); cur != nil {
			cur.ctx.cancel()
		}
	}
	return n, err
}

// isCommonNetReadError reports errors that mean the client left or timed
// out while we read a request: not worth an answer.
func isCommonNetReadError(err error) bool {
	if err == io.EOF {
		return true
	}
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		return true
	}
	if oe, ok := err.(*net.OpError); ok && oe.Op == "read" {
		return true
	}
	return false
}

// serve is the life of the connection.
func (c *conn) serve(ctx context.Context) {
	if ra := c.rwc.RemoteAddr(); ra != nil {
		c.remoteAddr = ra.String()
	}
	c.ctx = context.WithValue(ctx, LocalAddrContextKey, c.rwc.LocalAddr())
	var inFlight *response
	defer func() {
		if err := recover(); err != nil && err != ErrAbortHandler {
			buf := make([]byte, 64<<10)
			buf = buf[:runtime.Stack(buf, false)]
			c.server.logf("http: panic serving %v: %v\n%s", c.remoteAddr, err, buf)
		}
		if inFlight != nil {
			inFlight.ctx.cancel()
			inFlight.disableWriteContinue()
		}
		if !c.hijacked() {
			if inFlight != nil {
				c.r.abortWatch()
				inFlight.reqBody.Close()
			}
			c.close()
			c.setState(StateClosed, true)
		}
	}()

	if tlsConn, ok := c.rwc.(*tls.Conn); ok {
		if !c.handshake(tlsConn) {
			return
		}
		if proto := c.tlsState.NegotiatedProtocol; proto != "" && proto != "http/1.1" && proto != "http/1.0" {
			if fn := c.server.TLSNextProto[proto]; fn != nil {
				// Active, without hooks, so closeIdleConns leaves it be.
				c.setState(StateActive, false)
				fn(c.server, tlsConn, alpnHandler{c.ctx, tlsConn, c.server})
			}
			return
		}
	}
	if c.tlsState == nil {
		if tc, ok := c.rwc.(interface{ ConnectionState() tls.ConnectionState }); ok {
			st := tc.ConnectionState()
			c.tlsState = &st
		}
	}

	c.ready.init(c)
	if d := c.server.readHeaderTimeout(); d > 0 {
		c.rwc.SetReadDeadline(time.Now().Add(d))
	}
	if !c.server.protocols().HTTP1() {
		return
	}
	if c.awaitReadable() != nil {
		return
	}
	c.acquireBuffers()

	for {
		w, err := c.readRequest()
		if c.r.remain != c.server.initialReadLimitSize() {
			// Bytes came off the wire for this request: active.
			c.setState(StateActive, true)
		}
		if c.server.shuttingDown() {
			return
		}
		if err != nil {
			c.answerBadRequest(err)
			return
		}

		req := w.req
		if hasToken(headerGet(req.Header, "Expect"), "100-continue") {
			if req.ProtoAtLeast(1, 1) && req.ContentLength != 0 {
				req.Body = &expectContinueReader{readCloser: req.Body, resp: w}
				w.canWriteContinue.Store(true)
			}
		} else if headerGet(req.Header, "Expect") != "" {
			w.sendExpectationFailed()
			return
		}

		c.curReq.Store(w)
		if b, ok := w.reqBody.(*requestBody); ok {
			b.notifyEOF(w)
		}

		inFlight = w
		c.r.allowWatch()
		c.server.handlerFor(req).ServeHTTP(w, req)
		inFlight = nil
		w.ctx.cancel()
		if c.hijacked() {
			c.r.releaseConn()
			return
		}
		w.finishRequest()
		c.rwc.SetWriteDeadline(time.Time{})
		if !w.shouldReuseConnection() {
			if w.requestBodyLimitHit || w.closedRequestBodyEarly() {
				c.closeWriteAndWait()
			}
			return
		}
		c.setState(StateIdle, true)
		c.curReq.Store(nil)

		if !c.server.doKeepAlives() {
			// Shutting down: the client may have been told nothing,
			// but that is HTTP/1.1.
			return
		}

		if d := c.server.idleTimeout(); d > 0 {
			c.rwc.SetReadDeadline(time.Now().Add(d))
		} else {
			c.rwc.SetReadDeadline(time.Time{})
		}
		// The read-header timeout starts with the next request's first
		// bytes, not with the idle wait.
		if !c.awaitNextRequest() {
			return
		}
		if d := c.server.readHeaderTimeout(); d > 0 {
			c.rwc.SetReadDeadline(time.Now().Add(d))
		} else {
			c.rwc.SetReadDeadline(time.Time{})
		}
	}
}

// handshake runs the TLS handshake under the handshake timeout. A client
// speaking plain HTTP to the TLS port gets a 400 in plain HTTP.
func (c *conn) handshake(tlsConn *tls.Conn) bool {
	tlsTO := c.server.tlsHandshakeTimeout()
	if tlsTO > 0 {
		dl := time.Now().Add(tlsTO)
		c.rwc.SetReadDeadline(dl)
		c.rwc.SetWriteDeadline(dl)
	}
	if err := tlsConn.HandshakeContext(c.ctx); err != nil {
		var reason string
		if re, ok := err.(tls.RecordHeaderError); ok && re.Conn != nil && tlsRecordHeaderLooksLikeHTTP(re.RecordHeader) {
			io.WriteString(re.Conn, "HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n")
			re.Conn.Close()
			reason = "client sent an HTTP request to an HTTPS server"
		} else {
			reason = err.Error()
		}
		c.server.logf("http: TLS handshake error from %s: %v", c.rwc.RemoteAddr(), reason)
		return false
	}
	if tlsTO > 0 {
		c.rwc.SetReadDeadline(time.Time{})
		c.rwc.SetWriteDeadline(time.Time{})
	}
	st := tlsConn.ConnectionState()
	c.tlsState = &st
	return true
}

// tlsRecordHeaderLooksLikeHTTP reports whether a TLS record header is
// really the start of a plain HTTP request.
func tlsRecordHeaderLooksLikeHTTP(hdr [5]byte) bool {
	switch string(hdr[:]) {
	case "GET /", "HEAD ", "POST ", "PUT /", "OPTIO":
		return true
	}
	return false
}

// answerBadRequest writes the answer to a request that could not be read,
// straight to the connection, which then closes.
func (c *conn) answerBadRequest(err error) {
	const errorHeaders = "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"
	switch {
	case err == errTooLarge:
		// The client may still be sending; linger so it can read this.
		const publicErr = "431 Request Header Fields Too Large"
		io.WriteString(c.rwc, "HTTP/1.1 "+publicErr+errorHeaders+publicErr)
		c.closeWriteAndWait()
	case isUnsupportedTE(err):
		// The coding is not echoed, against cross-site scripting.
		io.WriteString(c.rwc, "HTTP/1.1 501 Not Implemented"+errorHeaders+"Unsupported transfer encoding")
	case isCommonNetReadError(err):
		// The client left: no answer.
	default:
		if v, ok := err.(statusError); ok {
			text := fmt.Sprintf("%d %s: %s", v.code, StatusText(v.code), v.text)
			io.WriteString(c.rwc, "HTTP/1.1 "+text+errorHeaders+text)
			return
		}
		const publicErr = "400 Bad Request"
		io.WriteString(c.rwc, "HTTP/1.1 "+publicErr+errorHeaders+publicErr)
	}
}

func isUnsupportedTE(err error) bool {
	_, ok := err.(*unsupportedTEError)
	return ok
}

// handlerFor picks the handler of req: the server's (DefaultServeMux if
// nil), except for "OPTIONS *", answered by the server unless told not to.
func (s *Server) handlerFor(req *Request) Handler {
	if !s.DisableGeneralOptionsHandler && req.RequestURI == "*" && req.Method == "OPTIONS" {
		return globalOptionsHandler{}
	}
	if s.Handler == nil {
		return DefaultServeMux
	}
	return s.Handler
}

// globalOptionsHandler answers "OPTIONS *": 200 with no body, reading at
// most 4 KiB of a request body before closing the connection.
type globalOptionsHandler struct{}

func (globalOptionsHandler) ServeHTTP(w ResponseWriter, r *Request) {
	w.Header().Set("Content-Length", "0")
	if r.ContentLength != 0 {
		io.Copy(io.Discard, MaxBytesReader(w, r.Body, 4<<10))
	}
}

// alpnHandler serves requests coming from a TLSNextProto handler, filling
// in what such requests may lack.
type alpnHandler struct {
	ctx    context.Context
	c      *tls.Conn
	server *Server
}

// BaseContext gives x/net/http2 the connection's context.
func (h alpnHandler) BaseContext() context.Context { return h.ctx }

func (h alpnHandler) ServeHTTP(rw ResponseWriter, req *Request) {
	if req.TLS == nil {
		st := h.c.ConnectionState()
		req.TLS = &st
	}
	if req.Body == nil {
		req.Body = NoBody
	}
	if req.RemoteAddr == "" {
		req.RemoteAddr = h.c.RemoteAddr().String()
	}
	h.server.handlerFor(req).ServeHTTP(rw, req)
}
