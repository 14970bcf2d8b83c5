package http

import (
	"bufio"
	"github.com/eventlet-go/eventlet/green/net"
	"github.com/eventlet-go/eventlet/green/sync"
	"github.com/eventlet-go/eventlet/green/time"
	"io"
	"net/url"
	"path"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
)

// response is the server side of one exchange: the ResponseWriter given
// to the handler, and the request's state (its context and body live
// inside it, so a request costs few allocations).
//
// Output flows through four stages: (1) the handler writes to w, a
// bufferBeforeChunkingSize bufio.Writer; (2) w flushes into cw, the
// chunkWriter, which on its first write settles the header (sniffing
// Content-Type, computing Content-Length when the handler finished within
// the buffer, choosing chunking) and frames chunks; (3) cw writes to the
// connection's bufio.Writer; (4) which writes to the net.Conn, recording
// the first error.
type response struct {
	conn             *conn
	req              *Request // &reqv
	reqv             Request
	url              url.URL       // reqv.URL, unless the head was parsed by net/textproto
	reqBody          io.ReadCloser // the body as read by the server, before any wrapping
	ctx              requestContext
	body             requestBody
	wroteHeader      bool // a non-1xx header has been (logically) written
	wants10KeepAlive bool // HTTP/1.0 with "Connection: keep-alive"
	wantsClose       bool // the request has "Connection: close"

	// canWriteContinue says whether a "100 Continue" may still be sent;
	// writeContinueMu is held while it is being written, so the body
	// reader that sends it and the handler's writes do not interleave.
	writeContinueMu  sync.Mutex
	canWriteContinue atomic.Bool

	w  *bufio.Writer // stage 1, writing to cw
	cw chunkWriter

	// handlerHeader is the map the handler mutates, even after
	// WriteHeader; cw takes a snapshot when it must.
	handlerHeader Header
	calledHeader  bool // the handler called Header

	written       int64 // body bytes written by the handler
	contentLength int64 // declared Content-Length, or -1
	status        int

	closeAfterReply     bool // close the connection after this response
	fullDuplex          bool // EnableFullDuplex: leave the body alone when writing
	requestBodyLimitHit bool // MaxBytesReader hit its limit: stop reading the connection

	trailers []string // trailer keys declared by the Trailer header

	handlerDone atomic.Bool // the handler returned
	observed    atomic.Bool // someone wants to know when the peer leaves

	dateBuf   [len(TimeFormat)]byte
	clenBuf   [10]byte
	statusBuf [3]byte

	closeNotifyMu        sync.Mutex // guards the two fields below
	closeNotifyCh        chan bool
	closeNotifyTriggered bool
}

// Header returns the response header map.
func (w *response) Header() Header {
	if w.cw.snap == nil && w.wroteHeader && !w.cw.wroteHeader {
		// The header was logically written but not yet sent: later
		// changes by the handler must not reach the wire.
		w.snapshotHeader()
	}
	w.calledHeader = true
	return w.handlerHeader
}

// WriteHeader sends a header with the given status code. 1xx codes other
// than 101 are sent at once and may be repeated; the first other code is
// final, and later calls are logged and ignored. Codes outside 100–999
// panic, as in net/http.
func (w *response) WriteHeader(code int) {
	if w.conn.hijacked() {
		caller := relevantCaller()
		w.conn.server.logf("http: response.WriteHeader on hijacked connection from %s (%s:%d)", caller.Function, path.Base(caller.File), caller.Line)
		return
	}
	if w.wroteHeader {
		caller := relevantCaller()
		w.conn.server.logf("http: superfluous response.WriteHeader call from %s (%s:%d)", caller.Function, path.Base(caller.File), caller.Line)
		return
	}
	checkWriteHeaderCode(code)

	if code < 101 || code > 199 {
		// A final status (or an explicit 100) ends the chance of an
		// automatic 100 Continue.
		w.disableWriteContinue()
	}

	if code >= 100 && code <= 199 && code != StatusSwitchingProtocols {
		writeStatusLine(w.conn.bufw, w.req.ProtoAtLeast(1, 1), code, w.statusBuf[:])
		w.handlerHeader.WriteSubset(w.conn.bufw, excludedHeadersNoBody)
		w.conn.bufw.Write(crlf)
		w.conn.bufw.Flush()
		return
	}

	w.wroteHeader = true
	w.status = code

	if w.calledHeader && w.cw.snap == nil {
		w.snapshotHeader()
	}

	if cl := headerGet(w.handlerHeader, "Content-Length"); cl != "" {
		v, err := strconv.ParseInt(cl, 10, 64)
		if err == nil && v >= 0 {
			w.contentLength = v
		} else {
			w.conn.server.logf("http: invalid Content-Length of %q", cl)
			w.handlerHeader.Del("Content-Length")
		}
	}
}

// snapshotHeader fixes the header to send as the handler's header now.
func (w *response) snapshotHeader() {
	w.cw.snap = takeHeaderSnapshot(w.handlerHeader)
}

// checkWriteHeaderCode panics on a status code that is not three digits.
func checkWriteHeaderCode(code int) {
	if code < 100 || code > 999 {
		panic("invalid WriteHeader code " + strconv.Itoa(code))
	}
}

// relevantCaller finds the first caller outside net/http and this
// package, for log messages about misuse.
func relevantCaller() runtime.Frame {
	pc := make([]uintptr, 16)
	n := runtime.Callers(1, pc)
	frames := runtime.CallersFrames(pc[:n])
	var frame runtime.Frame
	for {
		f, more := frames.Next()
		if !strings.HasPrefix(f.Function, "net/http.") && !strings.HasPrefix(f.Function, thisPackage+".") {
			return f
		}
		frame = f
		if !more {
			return frame
		}
	}
}

// thisPackage is this package's import path, as it appears in stack frames.
const thisPackage = "github.com/eventlet-go/eventlet/green/http"

// Write writes body bytes, sending a 200 header first if none was written.
func (w *response) Write(data []byte) (n int, err error) {
	return w.write(len(data), data, "")
}

// WriteString is Write for a string, without copying it.
func (w *response) WriteString(data string) (n int, err error) {
	return w.write(len(data), nil, data)
}

func (w *response) write(lenData int, dataB []byte, dataS string) (n int, err error) {
	if w.conn.hijacked() {
		if lenData > 0 {
			caller := relevantCaller()
			w.conn.server.logf("http: response.Write on hijacked connection from %s (%s:%d)", caller.Function, path.Base(caller.File), caller.Line)
		}
		return 0, ErrHijacked
	}
	w.disableWriteContinue()
	if !w.wroteHeader {
		w.WriteHeader(StatusOK)
	}
	if lenData == 0 {
		return 0, nil
	}
	if !bodyAllowedForStatus(w.status) {
		return 0, ErrBodyNotAllowed
	}
	w.written += int64(lenData) // counted even if the write fails
	if w.contentLength != -1 && w.written > w.contentLength {
		return 0, ErrContentLength
	}
	if dataB != nil {
		return w.w.Write(dataB)
	}
	return w.w.WriteString(dataS)
}

// disableWriteContinue stops the body reader from sending 100 Continue,
// waiting for one being written to finish. The reader clears
// canWriteContinue only once its 100 is flushed, so finding it clear
// means there is nothing to wait for.
func (w *response) disableWriteContinue() {
	if !w.canWriteContinue.Load() {
		return
	}
	w.writeContinueMu.Lock()
	w.canWriteContinue.Store(false)
	w.writeContinueMu.Unlock()
}

// requestTooLarge is called by MaxBytesReader when the handler read past
// its limit: the connection closes after this response, unread.
func (w *response) requestTooLarge() {
	w.closeAfterReply = true
	w.requestBodyLimitHit = true
	if !w.wroteHeader {
		w.Header().Set("Connection", "close")
	}
}

// Flush sends buffered data to the client.
func (w *response) Flush() {
	w.FlushError()
}

// FlushError sends buffered data to the client and reports a write error.
func (w *response) FlushError() error {
	if !w.wroteHeader {
		w.WriteHeader(StatusOK)
	}
	err := w.w.Flush()
	if e2 := w.cw.flush(); err == nil {
		err = e2
	}
	return err
}

// SetReadDeadline sets the connection's read deadline.
func (w *response) SetReadDeadline(deadline time.Time) error {
	return w.conn.rwc.SetReadDeadline(deadline)
}

// SetWriteDeadline sets the connection's write deadline.
func (w *response) SetWriteDeadline(deadline time.Time) error {
	return w.conn.rwc.SetWriteDeadline(deadline)
}

// EnableFullDuplex lets the handler read the request body while writing
// the response.
func (w *response) EnableFullDuplex() error {
	w.fullDuplex = true
	return nil
}

// copyBufPool holds the buffers of ReadFrom.
var copyBufPool = sync.Pool{New: func() any { return new([32 << 10]byte) }}

// writerOnly hides a writer's ReadFrom from io.Copy.
type writerOnly struct{ io.Writer }

// ReadFrom copies src into the body. Once the header is out and no
// chunking is needed, it hands src to the connection's own ReadFrom
// (sendfile or splice).
func (w *response) ReadFrom(src io.Reader) (n int64, err error) {
	bp := copyBufPool.Get().(*[32 << 10]byte)
	defer copyBufPool.Put(bp)
	buf := bp[:]

	rf, ok := w.conn.rwc.(io.ReaderFrom)
	if !ok {
		return io.CopyBuffer(writerOnly{w}, src, buf)
	}
	// Copy the first bytes through the buffers so the header waits for
	// data and the body can be sniffed.
	if !w.cw.wroteHeader {
		n0, err := io.CopyBuffer(writerOnly{w}, io.LimitReader(src, sniffLen), buf)
		n += n0
		if err != nil || n0 < sniffLen {
			return n, err
		}
	}
	w.w.Flush()
	w.cw.flush()

	if !w.cw.chunking && bodyAllowedForStatus(w.status) && w.req.Method != "HEAD" {
		n0, err := rf.ReadFrom(src)
		n += n0
		w.written += n0
		return n, err
	}
	n0, err := io.CopyBuffer(writerOnly{w}, src, buf)
	n += n0
	return n, err
}

// sniffLen is how many bytes DetectContentType looks at.
const sniffLen = 512

// Hijack hands the connection to the handler. The server forgets it: no
// response is written and the connection is not closed by the server.
func (w *response) Hijack() (rwc net.Conn, buf *bufio.ReadWriter, err error) {
	if w.handlerDone.Load() {
		panic("net/http: Hijack called after ServeHTTP finished")
	}
	w.disableWriteContinue()
	if w.wroteHeader {
		w.cw.flush()
	}
	c := w.conn
	c.mu.Lock()
	defer c.mu.Unlock()
	rwc, buf, err = c.hijackLocked()
	if err == nil {
		putBufioWriter(w.w)
		w.w = nil
	}
	return rwc, buf, err
}

// CloseNotify returns a channel that receives true once when the client
// goes away. Deprecated in net/http in favour of Request.Context.
func (w *response) CloseNotify() <-chan bool {
	w.closeNotifyMu.Lock()
	if w.handlerDone.Load() {
		w.closeNotifyMu.Unlock()
		panic("net/http: CloseNotify called after ServeHTTP finished")
	}
	if w.closeNotifyCh == nil {
		w.closeNotifyCh = make(chan bool, 1)
		if w.closeNotifyTriggered {
			w.closeNotifyCh <- true
		}
	}
	ch := w.closeNotifyCh
	w.closeNotifyMu.Unlock()
	w.observePeer()
	return ch
}

func (w *response) closeNotify() {
	w.closeNotifyMu.Lock()
	defer w.closeNotifyMu.Unlock()
	if w.closeNotifyTriggered {
		return
	}
	w.closeNotifyTriggered = true
	if w.closeNotifyCh != nil {
		w.closeNotifyCh <- true
	}
}

// observePeer records that the handler wants to hear of the client going
// away, and starts the peer watch now if the body is exhausted (else the
// body starts it when it reaches its end).
func (w *response) observePeer() {
	if w.observed.Swap(true) || w.handlerDone.Load() {
		return
	}
	if !requestBodyRemains(w.reqBody) {
		w.conn.r.startWatch()
	}
}

// bodyHitEOF is the request body's end-of-body hook.
func (w *response) bodyHitEOF() {
	if w.observed.Load() && !w.handlerDone.Load() {
		w.conn.r.startWatch()
	}
}

// requestBodyRemains reports whether reading rc might still yield data.
func requestBodyRemains(rc io.ReadCloser) bool {
	switch v := rc.(type) {
	case *requestBody:
		return v.bodyRemains()
	case *expectContinueReader:
		return requestBodyRemains(v.readCloser)
	}
	return false
}

// finishRequest completes the response after the handler returned: it
// sends the header if needed, flushes everything, stops the peer watch and
// closes (drains) the request body.
func (w *response) finishRequest() {
	w.handlerDone.Store(true)
	if !w.wroteHeader {
		w.WriteHeader(StatusOK)
	}
	w.w.Flush()
	putBufioWriter(w.w)
	w.cw.close()
	w.conn.bufw.Flush()

	w.conn.r.abortWatch()

	// Close the body whether or not the connection is reused, so its
	// bufio.Reader is safe to use again.
	w.reqBody.Close()

	if w.req.MultipartForm != nil {
		w.req.MultipartForm.RemoveAll()
	}
}

// shouldReuseConnection reports whether the connection may carry another
// request; called once the handler is done.
func (w *response) shouldReuseConnection() bool {
	if w.closeAfterReply {
		return false
	}
	if w.req.Method != "HEAD" && w.contentLength != -1 && bodyAllowedForStatus(w.status) && w.contentLength != w.written {
		// The body is shorter than declared: the client would misread
		// what follows.
		return false
	}
	if w.conn.werr != nil {
		return false
	}
	return !w.closedRequestBodyEarly()
}

func (w *response) closedRequestBodyEarly() bool {
	b, ok := w.req.Body.(*requestBody)
	return ok && b.didEarlyClose()
}

// sendExpectationFailed answers an Expect header other than 100-continue.
func (w *response) sendExpectationFailed() {
	w.Header().Set("Connection", "close")
	w.WriteHeader(StatusExpectationFailed)
	w.finishRequest()
}
