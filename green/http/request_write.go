package http

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/textproto"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// defaultUserAgent is sent when a request has no User-Agent header.
const defaultUserAgent = "Go-http-client/1.1"

var (
	errMissingHost  = errors.New("http: Request.Write on Request with no Host or URL set")
	errNonASCIIHost = errors.New("http: non-ASCII host names are not supported (no IDNA); use the Punycode form")
)

// reqWriteExcludeHeader are the headers writeRequest writes itself.
var reqWriteExcludeHeader = map[string]bool{
	"Host":              true,
	"User-Agent":        true,
	"Content-Length":    true,
	"Transfer-Encoding": true,
	"Trailer":           true,
}

var headerNewlineToSpace = strings.NewReplacer("\n", " ", "\r", " ")

// requestBodyReadError is an error reading the request body while writing
// the request: it is reported to the caller as is.
type requestBodyReadError struct{ error }

// outgoing is a request prepared for the wire: the framing decided from
// its Body, ContentLength and TransferEncoding as net/http decides it.
type outgoing struct {
	req           *Request
	method        string
	body          io.Reader // nil: no body
	contentLength int64     // -1: unknown (chunked, or until close)
	chunked       bool
	trailer       Header
	flushHeaders  bool // send the header before reading a slow body
}

// prepareOutgoing decides how req's body is framed. A GET-like request
// with a body of unknown length has one byte read from the body to see
// whether it is empty (net/http gives up on that read after 200ms; this
// read waits for the byte).
func prepareOutgoing(req *Request) (*outgoing, error) {
	if req.ContentLength != 0 && req.Body == nil {
		return nil, fmt.Errorf("http: Request.ContentLength=%d with nil Body", req.ContentLength)
	}
	o := &outgoing{req: req, method: valueOrDefault(req.Method, "GET"), trailer: req.Trailer}
	if req.Body != nil && req.Body != NoBody {
		o.body = req.Body
	}
	o.contentLength = outgoingLength(req)
	o.chunked = len(req.TransferEncoding) > 0 && req.TransferEncoding[0] == "chunked"
	if o.contentLength < 0 && len(req.TransferEncoding) == 0 && o.shouldSendChunked() {
		o.chunked = true
	}
	if o.contentLength != 0 && !isKnownInMemoryReader(o.body) {
		o.flushHeaders = true
	}
	if o.body == nil {
		o.chunked = false
	}
	if o.chunked {
		o.contentLength = -1
	} else {
		if o.body == nil {
			o.contentLength = 0
		}
		o.trailer = nil
	}
	return o, nil
}

// outgoingLength is the request body's length: 0 for none, -1 unknown.
func outgoingLength(r *Request) int64 {
	if r.Body == nil || r.Body == NoBody {
		return 0
	}
	if r.ContentLength != 0 {
		return r.ContentLength
	}
	return -1
}

func valueOrDefault(value, def string) string {
	if value != "" {
		return value
	}
	return def
}

// shouldSendChunked decides chunking for a body of unknown length.
func (o *outgoing) shouldSendChunked() bool {
	if o.contentLength >= 0 || o.body == nil {
		return false
	}
	if o.method == "CONNECT" {
		return false
	}
	if requestMethodUsuallyLacksBody(o.method) {
		o.probeBody()
		return o.body != nil
	}
	return true
}

func requestMethodUsuallyLacksBody(method string) bool {
	switch method {
	case "GET", "HEAD", "DELETE", "OPTIONS", "PROPFIND", "SEARCH":
		return true
	}
	return false
}

// probeBody reads one byte of a body of unknown length: at EOF the
// request has no body; otherwise the byte is put back in front.
func (o *outgoing) probeBody() {
	var b [1]byte
	n, err := o.body.Read(b[:])
	switch {
	case n == 0 && err == io.EOF:
		o.body = nil
		o.contentLength = 0
	case n == 1 && err != nil:
		o.body = io.MultiReader(bytes.NewReader(b[:]), errorReader{err})
	case n == 1:
		o.body = io.MultiReader(bytes.NewReader(b[:]), o.body)
	case err != nil:
		o.body = errorReader{err}
	}
}

type errorReader struct{ err error }

func (r errorReader) Read([]byte) (int, error) { return 0, r.err }

// isKnownInMemoryReader reports whether r never blocks.
func isKnownInMemoryReader(r io.Reader) bool {
	switch r := r.(type) {
	case *bytes.Reader, *bytes.Buffer, *strings.Reader:
		return true
	case *rewindableBody:
		return isKnownInMemoryReader(r.ReadCloser)
	}
	return false
}

// shouldSendContentLength reports whether the header carries a
// Content-Length: for a known non-zero length, and for an empty body of
// the methods servers expect one on.
func (o *outgoing) shouldSendContentLength() bool {
	if o.chunked {
		return false
	}
	if o.contentLength > 0 {
		return true
	}
	if o.contentLength < 0 {
		return false
	}
	if o.method == "POST" || o.method == "PUT" || o.method == "PATCH" {
		return true
	}
	te := o.req.TransferEncoding
	if len(te) == 1 && te[0] == "identity" {
		return o.method != "GET" && o.method != "HEAD"
	}
	return false
}

// writeRequest writes req to w as net/http's Request.Write does, with
// extra headers after the request's own. usingProxy writes the absolute
// URI. If waitForContinue is set, the header is flushed and the body
// sent only if it returns true. The body is closed in every case.
func writeRequest(w *bufio.Writer, req *Request, usingProxy bool, extra Header, waitForContinue func() bool) (err error) {
	closed := false
	defer func() {
		if !closed {
			if cerr := closeBody(req); cerr != nil && err == nil {
				err = cerr
			}
		}
	}()

	host := req.Host
	if host == "" {
		if req.URL == nil {
			return errMissingHost
		}
		host = req.URL.Host
	}
	if !isASCII(host) {
		return errNonASCIIHost
	}
	if !validHostHeader(host) {
		if usingProxy {
			return errors.New("http: invalid Host header")
		}
		host = ""
	}
	host = removeZone(host)

	ruri := req.URL.RequestURI()
	if usingProxy && req.URL.Scheme != "" && req.URL.Opaque == "" {
		ruri = req.URL.Scheme + "://" + host + ruri
	} else if req.Method == "CONNECT" && req.URL.Path == "" {
		ruri = host
		if req.URL.Opaque != "" {
			ruri = req.URL.Opaque
		}
	}
	if stringContainsCTLByte(ruri) {
		return errors.New("net/http: can't write control character in Request.URL")
	}

	w.WriteString(valueOrDefault(req.Method, "GET"))
	w.WriteByte(' ')
	w.WriteString(ruri)
	w.WriteString(" HTTP/1.1\r\nHost: ")
	w.WriteString(host)
	w.WriteString("\r\n")

	userAgent := defaultUserAgent
	if headerHas(req.Header, "User-Agent") {
		userAgent = req.Header.Get("User-Agent")
	}
	if userAgent != "" {
		userAgent = textproto.TrimString(headerNewlineToSpace.Replace(userAgent))
		w.WriteString("User-Agent: ")
		w.WriteString(userAgent)
		w.WriteString("\r\n")
	}

	o, err := prepareOutgoing(req)
	if err != nil {
		return err
	}
	if err := o.writeFramingHeader(w); err != nil {
		return err
	}
	if err := req.Header.WriteSubset(w, reqWriteExcludeHeader); err != nil {
		return err
	}
	if extra != nil {
		if err := extra.Write(w); err != nil {
			return err
		}
	}
	if _, err := w.WriteString("\r\n"); err != nil {
		return err
	}

	if waitForContinue != nil {
		if err := w.Flush(); err != nil {
			return err
		}
		if !waitForContinue() {
			closed = true
			closeBody(req)
			return nil
		}
	}
	if o.flushHeaders {
		if err := w.Flush(); err != nil {
			return err
		}
	}
	closed = true
	if err := o.writeBody(w); err != nil {
		return err
	}
	return w.Flush()
}

// writeFramingHeader writes Connection: close, Content-Length or
// Transfer-Encoding, and Trailer.
func (o *outgoing) writeFramingHeader(w *bufio.Writer) error {
	if o.req.Close && !hasToken(headerGet(o.req.Header, "Connection"), "close") {
		w.WriteString("Connection: close\r\n")
	}
	if o.shouldSendContentLength() {
		w.WriteString("Content-Length: ")
		w.WriteString(strconv.FormatInt(o.contentLength, 10))
		w.WriteString("\r\n")
	} else if o.chunked {
		w.WriteString("Transfer-Encoding: chunked\r\n")
	}
	if o.trailer != nil {
		keys := make([]string, 0, len(o.trailer))
		for k := range o.trailer {
			k = CanonicalHeaderKey(k)
			switch k {
			case "Transfer-Encoding", "Trailer", "Content-Length":
				return fmt.Errorf("invalid Trailer key %q", k)
			}
			keys = append(keys, k)
		}
		if len(keys) > 0 {
			slices.Sort(keys)
			w.WriteString("Trailer: " + strings.Join(keys, ",") + "\r\n")
		}
	}
	return nil
}

// writeBody writes the body with its framing, then closes it. A body
// shorter or longer than a declared ContentLength is an error.
func (o *outgoing) writeBody(w *bufio.Writer) (err error) {
	closer := o.req.Body
	closed := false
	defer func() {
		if !closed && closer != nil {
			if cerr := closer.Close(); cerr != nil && err == nil {
				err = cerr
			}
		}
	}()

	var ncopy int64
	if o.body != nil {
		switch {
		case o.chunked:
			_, err = copyBody(chunkWriterTo{w}, o.body)
			if err == nil {
				_, err = w.WriteString("0\r\n")
			}
		case o.contentLength == -1:
			ncopy, err = copyBody(w, o.body)
		default:
			ncopy, err = copyBody(w, io.LimitReader(o.body, o.contentLength))
			if err != nil {
				return err
			}
			var nextra int64
			nextra, err = copyBody(io.Discard, o.body)
			ncopy += nextra
		}
		if err != nil {
			return err
		}
	}
	if closer != nil {
		closed = true
		if err := closer.Close(); err != nil {
			return err
		}
	}
	if o.contentLength != -1 && o.contentLength != ncopy {
		return fmt.Errorf("http: ContentLength=%d with Body length %d", o.contentLength, ncopy)
	}
	if o.chunked {
		if o.trailer != nil {
			if err := o.trailer.Write(w); err != nil {
				return err
			}
		}
		_, err = w.WriteString("\r\n")
	}
	return err
}

// copyBody copies the body, marking read errors as requestBodyReadError.
func copyBody(dst io.Writer, src io.Reader) (int64, error) {
	n, err := io.Copy(dst, bodyErrorMarker{src})
	if m, ok := err.(markedReadError); ok {
		err = requestBodyReadError(m)
	}
	return n, err
}

type bodyErrorMarker struct{ r io.Reader }

type markedReadError struct{ error }

func (b bodyErrorMarker) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err != nil && err != io.EOF {
		err = markedReadError{err}
	}
	return n, err
}

// chunkWriterTo writes each Write as one chunk and flushes it, so a
// streamed body reaches the server as it is produced.
type chunkWriterTo struct{ w *bufio.Writer }

func (c chunkWriterTo) Write(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	var size [20]byte
	c.w.Write(strconv.AppendInt(size[:0], int64(len(p)), 16))
	c.w.WriteString("\r\n")
	n, err := c.w.Write(p)
	if err != nil {
		return n, err
	}
	c.w.WriteString("\r\n")
	return n, c.w.Flush()
}

func closeBody(r *Request) error {
	if r.Body == nil {
		return nil
	}
	return r.Body.Close()
}

// removeZone removes the IPv6 zone from a bracketed host.
func removeZone(host string) string {
	if !strings.HasPrefix(host, "[") {
		return host
	}
	i := strings.LastIndex(host, "]")
	if i < 0 {
		return host
	}
	j := strings.LastIndex(host[:i], "%")
	if j < 0 {
		return host
	}
	return host[:j] + host[i:]
}

func stringContainsCTLByte(s string) bool {
	for i := 0; i < len(s); i++ {
		if b := s[i]; b < ' ' || b == 0x7f {
			return true
		}
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
