package http

import (
	"bufio"
	"compress/gzip"
	"container/list"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"github.com/eventlet-go/eventlet/green/net"
	"github.com/eventlet-go/eventlet/green/sync"
	"github.com/eventlet-go/eventlet/green/time"
	"io"
	"math"
	"net/http/httptrace"
	"net/textproto"
)

// persistConn is one client connection. Its requests run one at a time
// in their callers' greenthreads: write the request, read the response,
// hand back the body; when the body reaches its end, the connection
// returns to the pool.
type persistConn struct {
	t        *Transport
	key      connKey
	conn     net.Conn
	tlsState *tls.ConnectionState
	br       *bufio.Reader // reads pc (the conn, under readLimit)
	bw       *bufio.Writer // writes persistConnWriter{pc}

	isProxy    bool        // requests go to an HTTP proxy, with absolute URIs
	clientConn *ClientConn // the ClientConn owning it, outside the pool
	proxyAuth  string      // Proxy-Authorization for such requests
	reused     bool        // served a request before

	nwrite    int64 // bytes written so far
	readLimit int64 // bytes the response header may still take
	sawEOF    bool  // the server closed its side

	// For a request whose body is written on its own greenthread:
	// writeDone receives the write's result (nil when the request was
	// written in line), and onContinue tells the writer that 100
	// Continue arrived.
	writeDone  chan error
	onContinue func()

	// Guarded by the pool's lock.
	idleAt    time.Time
	idleElem  *list.Element
	idleTimer *time.Timer

	mu         sync.Mutex // guards the fields below
	closed     error      // why the connection is closed; nil while open
	canceled   error      // why the request in flight was cancelled
	writeErr   error      // the concurrent write's failure
	headerRead bool       // the response header was read (no more header timeout)
}

// errCallerOwnsConn closes a persistConn whose conn was handed to the
// caller (a 101 Switching Protocols body): the conn itself stays open.
var errCallerOwnsConn = errors.New("read loop ending; caller owns writable underlying conn")

// Read reads the connection within the response header limit.
func (pc *persistConn) Read(p []byte) (n int, err error) {
	if pc.readLimit <= 0 {
		return 0, fmt.Errorf("read limit of %d bytes exhausted", pc.t.maxHeaderResponseSize())
	}
	if int64(len(p)) > pc.readLimit {
		p = p[:pc.readLimit]
	}
	n, err = pc.conn.Read(p)
	if err == io.EOF {
		pc.sawEOF = true
	}
	pc.readLimit -= int64(n)
	return n, err
}

// persistConnWriter writes to the connection, counting bytes.
type persistConnWriter struct{ pc *persistConn }

func (w persistConnWriter) Write(p []byte) (int, error) {
	n, err := w.pc.conn.Write(p)
	w.pc.nwrite += int64(n)
	return n, err
}

// cancel interrupts the request in flight: pending reads and writes fail
// at once, and the connection will not be reused.
func (pc *persistConn) cancel(err error) {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if pc.canceled == nil && pc.closed == nil {
		pc.canceled = err
		pc.conn.SetDeadline(aLongTimeAgo)
	}
}

func (pc *persistConn) canceledErr() error {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	return pc.canceled
}

// setReadDeadline sets the read deadline, unless a cancellation set it in
// the past already.
func (pc *persistConn) setReadDeadline(t time.Time) {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if pc.canceled == nil && pc.closed == nil {
		pc.conn.SetReadDeadline(t)
	}
}

func (pc *persistConn) isBroken() bool {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	return pc.closed != nil
}

// close closes the connection for the reason err and frees its slot in
// the pool. Later calls do nothing.
func (pc *persistConn) close(err error) {
	pc.mu.Lock()
	if pc.closed != nil {
		pc.mu.Unlock()
		return
	}
	pc.closed = err
	if err != errCallerOwnsConn {
		pc.conn.Close()
	}
	pc.mu.Unlock()
	if pc.clientConn != nil {
		pc.clientConn.maybeRunStateHook()
		return
	}
	pc.t.pool.removeIdle(pc)
	if pc.idleTimer != nil {
		pc.idleTimer.Stop()
	}
	pc.t.pool.release(pc.key)
}

// closeIfIdle is the idle timer's action.
func (pc *persistConn) closeIfIdle() {
	if pc.t.pool.removeIdle(pc) {
		pc.close(errIdleConnTimeout)
	}
}

func (pc *persistConn) idleExpired(timeout time.Duration) bool {
	return timeout > 0 && time.Since(pc.idleAt) >= timeout
}

// isStale reports whether an idle connection can no longer carry a
// request: the server sent something (a close, or bytes nobody asked for).
func (pc *persistConn) isStale() bool {
	return pc.br.Buffered() > 0 || peerClosed(pc.conn)
}

// roundTrip sends treq on the connection and reads the response header.
func (pc *persistConn) roundTrip(treq *transportRequest) (*Response, error) {
	req := treq.Request
	t := pc.t
	trace := httptrace.ContextClientTrace(treq.ctx)

	if pc.proxyAuth != "" {
		treq.extraHeaders().Set("Proxy-Authorization", pc.proxyAuth)
	}
	requestedGzip := false
	if !t.DisableCompression && req.Header.Get("Accept-Encoding") == "" &&
		req.Header.Get("Range") == "" && req.Method != "HEAD" {
		// gzip only: deflate is ambiguous; not for HEAD (an nginx bug)
		// nor ranges (a part of a gzip stream cannot be decoded).
		requestedGzip = true
		treq.extraHeaders().Set("Accept-Encoding", "gzip")
	}
	expectContinue := req.ProtoAtLeast(1, 1) && req.Body != nil && hasToken(headerGet(req.Header, "Expect"), "100-continue")
	if t.DisableKeepAlives && !wantsClose(req) && !isProtocolSwitchHeader(req.Header) {
		treq.extraHeaders().Set("Connection", "close")
	}

	stop := watchCancel(treq.ctx, treq.orig.Cancel,
		func() { treq.cancel(context.Cause(treq.ctx)) },
		func() { treq.cancel(errRequestCanceled) })
	fail := func(err error) (*Response, error) {
		stop()
		return nil, err
	}

	startBytesWritten := pc.nwrite
	var resp *Response
	var err error
	if bodyMayBlock(req) {
		resp, err = pc.writeWhileReading(treq, trace, expectContinue)
	} else {
		resp, err = pc.writeThenRead(treq, trace, expectContinue)
	}
	if err != nil {
		return fail(pc.mapRoundTripError(treq, startBytesWritten, err))
	}
	pc.readLimit = math.MaxInt64

	bodyWritable := resp.StatusCode == StatusSwitchingProtocols && isProtocolSwitchHeader(resp.Header)
	hasBody := req.Method != "HEAD" && resp.ContentLength != 0
	alive := !resp.Close && !req.Close && resp.StatusCode > 199 && !bodyWritable && !t.DisableKeepAlives
	if bodyWritable {
		resp.Body = &readWriteCloserBody{br: pc.br, ReadWriteCloser: pc.conn}
		pc.close(errCallerOwnsConn)
		stop()
		t.untrackRequest(treq.orig)
		return resp, nil
	}
	if !hasBody {
		pc.release(alive && !pc.sawEOF && pc.wroteRequest(), trace)
		stop()
		t.untrackRequest(treq.orig)
		return resp, nil
	}
	body := &bodyEOFSignal{body: resp.Body, pc: pc, treq: treq, alive: alive, stop: stop, trace: trace}
	resp.Body = body
	if requestedGzip && equalFoldASCII(resp.Header.Get("Content-Encoding"), "gzip") {
		resp.Body = &gzipReader{body: body}
		resp.Header.Del("Content-Encoding")
		resp.Header.Del("Content-Length")
		resp.ContentLength = -1
		resp.Uncompressed = true
	}
	return resp, nil
}

// release returns the connection to the pool if alive, else closes it.
func (pc *persistConn) release(alive bool, trace *httptrace.ClientTrace) {
	if cc := pc.clientConn; cc != nil {
		if !alive || pc.canceledErr() != nil {
			pc.close(errors.New("http: connection not reusable"))
		}
		cc.free()
		return
	}
	if alive && pc.canceledErr() == nil {
		err := pc.t.tryPutIdleConn(pc)
		if trace != nil && trace.PutIdleConn != nil && err != errKeepAlivesDisabled {
			trace.PutIdleConn(err)
		}
		if err == nil {
			return
		}
		pc.close(err)
		return
	}
	pc.close(errors.New("http: connection not reusable"))
}

// awaitContinue waits up to ExpectContinueTimeout for the server's
// answer to a request expecting 100-continue. It reports whether to send
// the body: yes on 100, on the timeout, or on a final answer when the
// connection stays open; no when the connection fails or will close. A
// final answer is returned to be used as the response.
func (pc *persistConn) awaitContinue(treq *transportRequest, trace *httptrace.ClientTrace) (send bool, final *Response) {
	deadline := time.Now().Add(pc.t.ExpectContinueTimeout)
	for {
		pc.setReadDeadline(deadline)
		_, err := pc.br.Peek(1)
		pc.setReadDeadline(time.Time{})
		if err != nil {
			return isTimeout(err) && pc.canceledErr() == nil, nil
		}
		pc.readLimit = pc.t.maxHeaderResponseSize()
		resp, err := ReadResponse(pc.br, treq.Request)
		if err != nil {
			return false, nil
		}
		switch code := resp.StatusCode; {
		case code == StatusContinue:
			if trace != nil && trace.Got100Continue != nil {
				trace.Got100Continue()
			}
			return true, nil
		case code >= 100 && code <= 199 && code != StatusSwitchingProtocols:
			if trace != nil && trace.Got1xxResponse != nil {
				if err := trace.Got1xxResponse(code, textproto.MIMEHeader(resp.Header)); err != nil {
					return false, nil
				}
			}
			continue
		}
		pc.finishResponse(resp)
		return !resp.Close && !treq.Close, resp
	}
}

// readResponse reads the final response header, skipping 1xx answers.
func (pc *persistConn) readResponse(treq *transportRequest, trace *httptrace.ClientTrace) (*Response, error) {
	pc.readLimit = pc.t.maxHeaderResponseSize()
	if _, err := pc.br.Peek(1); err != nil {
		return nil, transportReadFromServerError{err}
	}
	if trace != nil && trace.GotFirstResponseByte != nil {
		trace.GotFirstResponseByte()
	}
	for {
		resp, err := ReadResponse(pc.br, treq.Request)
		if err != nil {
			return nil, err
		}
		code := resp.StatusCode
		if code >= 100 && code <= 199 && code != StatusSwitchingProtocols {
			if code == StatusContinue {
				if pc.onContinue != nil {
					if trace != nil && trace.Got100Continue != nil {
						trace.Got100Continue()
					}
					pc.onContinue()
				}
				continue
			}
			if trace != nil && trace.Got1xxResponse != nil {
				if err := trace.Got1xxResponse(code, textproto.MIMEHeader(resp.Header)); err != nil {
					return nil, err
				}
				pc.readLimit = pc.t.maxHeaderResponseSize()
			}
			continue
		}
		pc.finishResponse(resp)
		return resp, nil
	}
}

func (pc *persistConn) finishResponse(resp *Response) {
	resp.TLS = pc.tlsState
}

// mapRoundTripError turns a failure of roundTrip into the error net/http
// would report: the cancellation cause first, then a request body read
// error, then the failure itself, marked as "nothing written" when no
// byte of the request went out (which makes it retryable).
func (pc *persistConn) mapRoundTripError(treq *transportRequest, startBytesWritten int64, err error) error {
	if cause := treq.cause(); cause != nil {
		return cause
	}
	treq.mu.Lock()
	bodyErr := treq.bodyErr
	treq.mu.Unlock()
	if bodyErr != nil {
		return bodyErr
	}
	if err == errServerClosedIdle {
		return err
	}
	if _, ok := err.(transportReadFromServerError); ok {
		if pc.nwrite == startBytesWritten {
			return nothingWrittenError{err}
		}
		return err
	}
	if pc.isBroken() {
		if pc.nwrite == startBytesWritten {
			return nothingWrittenError{err}
		}
		return fmt.Errorf("net/http: HTTP/1.x transport connection broken: %w", err)
	}
	return err
}

// shouldRetryRequest reports whether a request that failed on pc may be
// sent again on another connection: only after a reused connection died
// under it, and only if that is safe.
func (pc *persistConn) shouldRetryRequest(req *Request, err error) bool {
	if err == errMissingHost || !pc.reused {
		return false
	}
	if _, ok := err.(nothingWrittenError); ok {
		return outgoingLength(req) == 0 || req.GetBody != nil
	}
	if !isReplayable(req) {
		return false
	}
	if _, ok := err.(transportReadFromServerError); ok {
		return true
	}
	return err == errServerClosedIdle
}

func wantsClose(r *Request) bool {
	return r.Close || hasToken(headerGet(r.Header, "Connection"), "close")
}

func isProtocolSwitchHeader(h Header) bool {
	return h.Get("Upgrade") != "" && headerValuesContainsToken(h["Connection"], "Upgrade")
}

// bodyEOFSignal is a response body that gives its connection back to the
// pool at its end, or closes it when the body is closed early, fails or
// is cancelled.
type bodyEOFSignal struct {
	body  io.ReadCloser
	pc    *persistConn
	treq  *transportRequest
	alive bool // the connection may be reused after the body
	stop  func()
	trace *httptrace.ClientTrace

	mu     sync.Mutex // guards the fields below
	closed bool
	rerr   error // the first read error
	done   bool  // the connection was released
}

func (es *bodyEOFSignal) Read(p []byte) (n int, err error) {
	es.mu.Lock()
	closed, rerr := es.closed, es.rerr
	es.mu.Unlock()
	if closed {
		return 0, errReadOnClosedResBody
	}
	if rerr != nil {
		return 0, rerr
	}
	n, err = es.body.Read(p)
	if err != nil {
		es.mu.Lock()
		defer es.mu.Unlock()
		if es.rerr == nil {
			es.rerr = err
		}
		err = es.finishLocked(err)
	}
	return n, err
}

// finishLocked releases the connection once the body ended with err.
func (es *bodyEOFSignal) finishLocked(err error) error {
	if es.done {
		return err
	}
	es.done = true
	pc := es.pc
	if err == io.EOF {
		pc.release(es.alive && !pc.sawEOF && pc.wroteRequest(), es.trace)
	} else {
		pc.close(err)
		if cause := es.treq.cause(); cause != nil {
			err = cause
		}
	}
	es.stop()
	pc.t.untrackRequest(es.treq.orig)
	return err
}

// Close closes the body. Before its end, this closes the connection
// rather than reading the rest.
func (es *bodyEOFSignal) Close() error {
	es.mu.Lock()
	defer es.mu.Unlock()
	if es.closed {
		return nil
	}
	es.closed = true
	if es.rerr != io.EOF {
		if !es.done {
			es.done = true
			es.pc.close(errors.New("http: response body closed before its end"))
			es.stop()
			es.pc.t.untrackRequest(es.treq.orig)
		}
		return nil
	}
	return es.body.Close()
}

// gzipReader decodes a gzip body the transport asked for, creating the
// decoder on the first read.
type gzipReader struct {
	body *bodyEOFSignal
	zr   *gzip.Reader
	zerr error
}

func (gz *gzipReader) Read(p []byte) (n int, err error) {
	if gz.zerr != nil {
		return 0, gz.zerr
	}
	gz.body.mu.Lock()
	closed := gz.body.closed
	gz.body.mu.Unlock()
	if closed {
		return 0, errReadOnClosedResBody
	}
	if gz.zr == nil {
		gz.zr, err = gzip.NewReader(gz.body)
		if err != nil {
			gz.zerr = err
			return 0, err
		}
	}
	return gz.zr.Read(p)
}

func (gz *gzipReader) Close() error {
	return gz.body.Close()
}

// readWriteCloserBody is the body of a 101 Switching Protocols response:
// the connection itself, after what was already buffered.
type readWriteCloserBody struct {
	br *bufio.Reader
	io.ReadWriteCloser
}

func (b *readWriteCloserBody) Read(p []byte) (n int, err error) {
	if b.br != nil {
		if n := b.br.Buffered(); len(p) > n {
			p = p[:n]
		}
		n, err = b.br.Read(p)
		if b.br.Buffered() == 0 {
			b.br = nil
		}
		return n, err
	}
	return b.ReadWriteCloser.Read(p)
}
