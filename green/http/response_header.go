package http

import (
	"bufio"
	"github.com/eventlet-go/eventlet/green/time"
	"io"
	"strconv"
	"strings"
	"sync/atomic"
)

// bufferBeforeChunkingSize is how much body the server holds back before
// sending the header. A handler that finishes within it gets an automatic
// Content-Length; one that writes more gets chunked encoding (HTTP/1.1).
// It is at least the 512 bytes content sniffing needs.
const bufferBeforeChunkingSize = 2048

var (
	crlf       = []byte("\r\n")
	colonSpace = []byte(": ")
)

// chunkWriter is stage 2 of a response's output (see response): it
// settles and writes the header on the first write, then frames body
// writes as chunks when chunking.
type chunkWriter struct {
	res *response

	// snap is nil, or the snapshot of the handler's header taken when it
	// was logically written, which cw then owns and edits until it has
	// written the header.
	snap *headerSnapshot

	wroteHeader bool // the header went to the connection's buffer
	chunking    bool // the body is sent with chunked encoding

	sizeBuf [20]byte // a chunk size line
}

// Write writes p as body bytes (a chunk when chunking).
func (cw *chunkWriter) Write(p []byte) (n int, err error) {
	if !cw.wroteHeader {
		cw.writeHeader(p)
	}
	if cw.res.req.Method == "HEAD" {
		return len(p), nil
	}
	bw := cw.res.conn.bufw
	if cw.chunking {
		line := strconv.AppendInt(cw.sizeBuf[:0], int64(len(p)), 16)
		line = append(line, '\r', '\n')
		if _, err = bw.Write(line); err != nil {
			cw.res.conn.rwc.Close()
			return 0, err
		}
	}
	n, err = bw.Write(p)
	if cw.chunking && err == nil {
		_, err = bw.Write(crlf)
	}
	if err != nil {
		cw.res.conn.rwc.Close()
	}
	return n, err
}

func (cw *chunkWriter) flush() error {
	if !cw.wroteHeader {
		cw.writeHeader(nil)
	}
	return cw.res.conn.bufw.Flush()
}

// close ends the body: the last chunk and the trailers when chunking.
func (cw *chunkWriter) close() {
	if !cw.wroteHeader {
		cw.writeHeader(nil)
	}
	if cw.chunking {
		bw := cw.res.conn.bufw
		bw.WriteString("0\r\n")
		if trailers := cw.res.finalTrailers(); trailers != nil {
			trailers.Write(bw) // errors are noted by the conn's writer
		}
		bw.WriteString("\r\n")
	}
}

// finalTrailers collects the trailers the handler set, through
// TrailerPrefix keys or keys declared in the Trailer header.
func (w *response) finalTrailers() Header {
	var t Header
	for k, vv := range w.handlerHeader {
		if kk, found := strings.CutPrefix(k, TrailerPrefix); found {
			if t == nil {
				t = make(Header)
			}
			t[kk] = vv
		}
	}
	for _, k := range w.trailers {
		if t == nil {
			t = make(Header)
		}
		for _, v := range w.handlerHeader[k] {
			t.Add(k, v)
		}
	}
	return t
}

// declareTrailer notes a key of the Trailer response header, unless it
// may not be a trailer.
func (w *response) declareTrailer(k string) {
	k = CanonicalHeaderKey(k)
	if !validTrailerHeader(k) {
		return
	}
	w.trailers = append(w.trailers, k)
}

// extraHeader holds the headers writeHeader adds, written after the
// handler's without copying its map.
type extraHeader struct {
	contentType      string
	connection       string
	transferEncoding string
	date             []byte // written if not nil
	contentLength    []byte // written if not nil
}

var (
	headerContentLength = []byte("Content-Length: ")
	headerDate          = []byte("Date: ")
)

// write writes the extra headers: Date, Content-Length, then
// Content-Type, Connection and Transfer-Encoding.
func (h *extraHeader) write(w *bufio.Writer) {
	if h.date != nil {
		w.Write(headerDate)
		w.Write(h.date)
		w.Write(crlf)
	}
	if h.contentLength != nil {
		w.Write(headerContentLength)
		w.Write(h.contentLength)
		w.Write(crlf)
	}
	writeExtra(w, "Content-Type", h.contentType)
	writeExtra(w, "Connection", h.connection)
	writeExtra(w, "Transfer-Encoding", h.transferEncoding)
}

func writeExtra(w *bufio.Writer, key, value string) {
	if value != "" {
		w.WriteString(key)
		w.Write(colonSpace)
		w.WriteString(value)
		w.Write(crlf)
	}
}

// writeHeader settles the response header and writes it to the
// connection's buffer. p is the start of the body (not written here): it
// is sniffed for a Content-Type and, if the handler is done, its length
// becomes the Content-Length. It also decides whether the connection
// survives, and may first drain the unread request body.
func (cw *chunkWriter) writeHeader(p []byte) {
	if cw.wroteHeader {
		return
	}
	cw.wroteHeader = true

	w := cw.res
	keepAlivesEnabled := w.conn.server.doKeepAlives()
	isHEAD := w.req.Method == "HEAD"

	// The header to send is the snapshot taken when it was logically
	// written. Without one the handler never asked for the header, which
	// is then empty.
	header := cw.snap
	if header == nil {
		header = takeHeaderSnapshot(w.handlerHeader)
		cw.snap = header
	}
	var setHeader extraHeader

	// "Trailer:" keys are trailers, not headers (write leaves them out).
	trailers := false
	for _, kv := range header.kvs {
		if strings.HasPrefix(kv.key, TrailerPrefix) {
			trailers = true
			break
		}
	}
	for _, v := range header.values("Trailer") {
		trailers = true
		foreachHeaderElement(v, w.declareTrailer)
	}

	te := header.get("Transfer-Encoding")
	hasTE := te != ""

	// A handler done within the buffer gets a Content-Length, even 0
	// (which keeps HTTP/1.0 keep-alive working) — except for bodiless
	// statuses, HEAD without body bytes (the handler may have skipped the
	// body on purpose), trailers and an explicit Transfer-Encoding.
	if w.handlerDone.Load() && !trailers && !hasTE && bodyAllowedForStatus(w.status) && !header.has("Content-Length") && (!isHEAD || len(p) > 0) {
		w.contentLength = int64(len(p))
		setHeader.contentLength = strconv.AppendInt(w.clenBuf[:0], int64(len(p)), 10)
	}

	// HTTP/1.0 keep-alive needs a length and an explicit keep-alive.
	if w.wants10KeepAlive && keepAlivesEnabled {
		sentLength := header.get("Content-Length") != ""
		if sentLength && header.get("Connection") == "keep-alive" {
			w.closeAfterReply = false
		}
	}

	hasCL := w.contentLength != -1

	if w.wants10KeepAlive && (isHEAD || hasCL || !bodyAllowedForStatus(w.status)) {
		if !header.has("Connection") {
			setHeader.connection = "keep-alive"
		}
	} else if !w.req.ProtoAtLeast(1, 1) || w.wantsClose {
		w.closeAfterReply = true
	}

	if header.get("Connection") == "close" || !keepAlivesEnabled {
		w.closeAfterReply = true
	}

	// A 100-continue request whose body was not read to its end: the
	// client may or may not send it, so the connection cannot be trusted.
	if ecr, ok := w.req.Body.(*expectContinueReader); ok && !ecr.sawEOF.Load() {
		w.closeAfterReply = true
	}

	// Before answering, consume what is left of the request body (up to
	// a limit), since some clients only read once they sent everything.
	if w.req.ContentLength != 0 && !w.closeAfterReply && !w.fullDuplex {
		cw.discardRequestBody(header, &setHeader)
	}

	code := w.status
	if bodyAllowedForStatus(code) {
		haveType := header.has("Content-Type")
		// No sniffing of encoded bodies.
		hasCE := len(header.get("Content-Encoding")) > 0
		if !hasCE && !haveType && !hasTE && len(p) > 0 {
			setHeader.contentType = DetectContentType(p)
		}
	} else {
		for _, k := range suppressedHeaders(code) {
			header.del(k)
		}
	}

	if !header.has("Date") {
		setHeader.date = appendDate(w.dateBuf[:0])
	}

	if hasCL && hasTE && te != "identity" {
		w.conn.server.logf("http: WriteHeader called with both Transfer-Encoding of %q and a Content-Length of %d", te, w.contentLength)
		header.del("Content-Length")
		hasCL = false
	}

	switch {
	case w.req.Method == "HEAD" || !bodyAllowedForStatus(code) || code == StatusNoContent:
		header.del("Transfer-Encoding")
	case hasCL:
		header.del("Transfer-Encoding")
	case w.req.ProtoAtLeast(1, 1):
		if hasTE && te == "identity" {
			// Unframed body ended by closing the connection (the
			// Server-Sent Events recipe).
			cw.chunking = false
			w.closeAfterReply = true
			header.del("Transfer-Encoding")
		} else {
			cw.chunking = true
			setHeader.transferEncoding = "chunked"
			if hasTE && te == "chunked" {
				header.del("Transfer-Encoding") // sent by setHeader
			}
		}
	default:
		// HTTP/1.0 without a length: the body ends with the connection.
		w.closeAfterReply = true
		header.del("Transfer-Encoding")
	}

	if cw.chunking {
		header.del("Content-Length")
	}
	if !w.req.ProtoAtLeast(1, 0) {
		return
	}

	// Say "Connection: close" when closing, unless the handler said it
	// already (with keep-alives on) or this switches protocols.
	delConnectionHeader := w.closeAfterReply &&
		(!keepAlivesEnabled || !hasToken(header.get("Connection"), "close")) &&
		!isProtocolSwitchResponse(w.status, header)
	if delConnectionHeader {
		header.del("Connection")
		if w.req.ProtoAtLeast(1, 1) {
			setHeader.connection = "close"
		}
	}

	bw := w.conn.bufw
	writeStatusLine(bw, w.req.ProtoAtLeast(1, 1), code, w.statusBuf[:])
	header.write(bw)
	cw.snap = nil
	header.release()
	setHeader.write(bw)
	bw.Write(crlf)
}

// discardRequestBody reads and drops what the handler left of the request
// body, up to maxPostHandlerReadBytes; if more is left, the connection
// will close with "Connection: close".
func (cw *chunkWriter) discardRequestBody(header *headerSnapshot, setHeader *extraHeader) {
	w := cw.res
	var discard, tooBig bool
	switch b := w.req.Body.(type) {
	case *expectContinueReader:
		// Only reached when its body was read to the end.
	case *requestBody:
		b.mu.Lock()
		switch {
		case b.closed:
			if !b.sawEOF {
				// Closed by the handler on an error.
				w.closeAfterReply = true
			}
		case b.unreadDataSizeLocked() >= maxPostHandlerReadBytes:
			tooBig = true
		default:
			discard = true
		}
		b.mu.Unlock()
	default:
		discard = true
	}

	if discard {
		_, err := io.CopyN(io.Discard, w.reqBody, maxPostHandlerReadBytes+1)
		switch err {
		case nil:
			tooBig = true
		case ErrBodyReadAfterClose:
		case io.EOF:
			if w.reqBody.Close() != nil {
				w.closeAfterReply = true
			}
		default:
			// A read timeout or broken framing: what remains on the
			// wire is not a request.
			w.closeAfterReply = true
		}
	}

	if tooBig {
		w.requestTooLarge()
		header.del("Connection")
		setHeader.connection = "close"
	}
}

// writeStatusLine writes "HTTP/1.x code text\r\n"; unknown codes get the
// text "status code N".
func writeStatusLine(bw *bufio.Writer, is11 bool, code int, scratch []byte) {
	if is11 {
		bw.WriteString("HTTP/1.1 ")
	} else {
		bw.WriteString("HTTP/1.0 ")
	}
	if text := StatusText(code); text != "" {
		bw.Write(strconv.AppendInt(scratch[:0], int64(code), 10))
		bw.WriteByte(' ')
		bw.WriteString(text)
		bw.WriteString("\r\n")
		return
	}
	var num [3]byte
	bw.Write(strconv.AppendInt(num[:0], int64(code), 10))
	bw.WriteString(" status code ")
	bw.Write(strconv.AppendInt(num[:0], int64(code), 10))
	bw.WriteString("\r\n")
}

// appendDate appends the current time in TimeFormat.
func appendDate(b []byte) []byte {
	now := time.Now()
	sec := now.Unix()
	if d := dateCache.Load(); d != nil && d.sec == sec {
		return append(b, d.text...)
	}
	d := &formattedDate{sec: sec, text: now.UTC().AppendFormat(nil, TimeFormat)}
	dateCache.Store(d)
	return append(b, d.text...)
}

// dateCache holds the Date header of the current second: formatting it is a measurable part of
// answering a small request, and it changes once a second.
var dateCache atomic.Pointer[formattedDate]

type formattedDate struct {
	sec  int64
	text []byte
}
