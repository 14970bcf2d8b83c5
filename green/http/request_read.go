package http

import (
	"bufio"
	"errors"
	"fmt"
	"github.com/eventlet-go/eventlet/green/sync"
	"io"
	"net/textproto"
	"net/url"
	"strconv"
	"strings"
)

// errTooLarge reports request headers past Server.MaxHeaderBytes.
var errTooLarge = errors.New("http: request too large")

// statusError is a bad request answered with code and an explanatory text.
type statusError struct {
	code int
	text string
}

func (e statusError) Error() string { return StatusText(e.code) + ": " + e.text }

func badRequestError(text string) error { return statusError{StatusBadRequest, text} }

// unsupportedTEError reports a Transfer-Encoding other than one "chunked",
// answered with 501.
type unsupportedTEError struct{ err string }

func (e *unsupportedTEError) Error() string { return e.err }

var textprotoReaderPool sync.Pool

func newTextprotoReader(br *bufio.Reader) *textproto.Reader {
	if v := textprotoReaderPool.Get(); v != nil {
		tr := v.(*textproto.Reader)
		tr.R = br
		return tr
	}
	return textproto.NewReader(br)
}

func putTextprotoReader(r *textproto.Reader) {
	r.R = nil
	textprotoReaderPool.Put(r)
}

// readRequestHead parses a request line and header block from b into req
// and frames its body into body, exactly as net/http's ReadRequest does,
// except that the Host header is reported in the returned headInfo and
// may be left out of req.Header (the server removes it anyway). Plain
// heads take readRequestHeadFast, which fills u and points req.URL to it;
// the rest take net/textproto. The first line's read error is returned
// as is; later, io.EOF becomes io.ErrUnexpectedEOF.
func readRequestHead(b *bufio.Reader, req *Request, body *requestBody, u *url.URL) (info headInfo, err error) {
	if b.Buffered() == 0 {
		// A connection's first request: fill the buffer so that the fast path sees the head.
		// With nothing buffered, an error here is the very one reading the request line gets.
		if _, err := b.Peek(1); err != nil {
			return info, err
		}
	}
	if !readRequestHeadFast(b, req, u, &info) {
		if info, err = readRequestHeadSlow(b, req); err != nil {
			return info, err
		}
	}

	// An absolute request URI's host wins over the Host header.
	req.Host = req.URL.Host
	if req.Host == "" {
		req.Host = info.host
	}

	if hp, ok := req.Header["Pragma"]; ok && len(hp) > 0 && hp[0] == "no-cache" {
		if _, ok := req.Header["Cache-Control"]; !ok {
			req.Header["Cache-Control"] = []string{"no-cache"}
		}
	}

	req.Close = shouldClose(req.ProtoMajor, req.ProtoMinor, req.Header, false)

	if err := frameRequestBody(req, b, body); err != nil {
		return info, err
	}

	if isH2Upgrade(req) {
		// Neither chunked nor declared; a handler may hijack, and the
		// server must not read another request.
		req.ContentLength = -1
		req.Close = true
	}
	return info, nil
}

// readRequestHeadSlow reads the request line and header block with
// net/textproto, as net/http does, Host header included.
func readRequestHeadSlow(b *bufio.Reader, req *Request) (info headInfo, err error) {
	tp := newTextprotoReader(b)
	defer putTextprotoReader(tp)

	var s string
	if s, err = tp.ReadLine(); err != nil {
		return info, err
	}
	defer func() {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
	}()

	var ok bool
	req.Method, req.RequestURI, req.Proto, ok = parseRequestLine(s)
	if !ok {
		return info, fmt.Errorf("malformed HTTP request %q", s)
	}
	if !validHeaderFieldName(req.Method) {
		return info, fmt.Errorf("invalid method %q", req.Method)
	}
	rawurl := req.RequestURI
	if req.ProtoMajor, req.ProtoMinor, ok = ParseHTTPVersion(req.Proto); !ok {
		return info, fmt.Errorf("malformed HTTP version %q", req.Proto)
	}

	// CONNECT carries an authority ("host:port"), or for net/rpc a path.
	justAuthority := req.Method == "CONNECT" && !strings.HasPrefix(rawurl, "/")
	if justAuthority {
		rawurl = "http://" + rawurl
	}
	if req.URL, err = url.ParseRequestURI(rawurl); err != nil {
		return info, err
	}
	if justAuthority {
		req.URL.Scheme = ""
	}

	mimeHeader, err := tp.ReadMIMEHeader()
	if err != nil {
		return info, err
	}
	req.Header = Header(mimeHeader)
	hosts := req.Header["Host"]
	if len(hosts) > 1 {
		return info, errors.New("too many Host headers")
	}
	if info.hosts = len(hosts); info.hosts > 0 {
		info.host = hosts[0]
	}
	return info, nil
}

// parseRequestLine splits "GET /foo HTTP/1.1" into its three parts.
func parseRequestLine(line string) (method, requestURI, proto string, ok bool) {
	method, rest, ok1 := strings.Cut(line, " ")
	requestURI, proto, ok2 := strings.Cut(rest, " ")
	if !ok1 || !ok2 {
		return "", "", "", false
	}
	return method, requestURI, proto, true
}

// isH2Upgrade reports whether req is the HTTP/2 client preface.
func isH2Upgrade(req *Request) bool {
	return req.Method == "PRI" && len(req.Header) == 0 && req.URL.Path == "*" && req.Proto == "HTTP/2.0"
}

// frameRequestBody applies the request body framing rules: a single
// "Transfer-Encoding: chunked" (HTTP/1.1 and later; other codings are
// refused), else Content-Length (duplicates must agree), else no body.
// It sets ContentLength, TransferEncoding, Trailer and Body.
func frameRequestBody(req *Request, b *bufio.Reader, body *requestBody) error {
	major, minor := req.ProtoMajor, req.ProtoMinor
	if major == 0 && minor == 0 {
		major, minor = 1, 1
	}
	header := req.Header

	chunked := false
	if raw, present := header["Transfer-Encoding"]; present {
		delete(header, "Transfer-Encoding")
		// Transfer-Encoding is ignored on HTTP/1.0 requests.
		if major > 1 || (major == 1 && minor >= 1) {
			if len(raw) != 1 {
				return &unsupportedTEError{fmt.Sprintf("too many transfer encodings: %q", raw)}
			}
			if !equalFoldASCII(raw[0], "chunked") {
				return &unsupportedTEError{fmt.Sprintf("unsupported transfer encoding: %q", raw[0])}
			}
			chunked = true
		}
	}

	contentLens := header["Content-Length"]
	if len(contentLens) > 1 {
		first := textproto.TrimString(contentLens[0])
		for _, ct := range contentLens[1:] {
			if first != textproto.TrimString(ct) {
				return fmt.Errorf("http: message cannot contain multiple Content-Length headers; got %q", contentLens)
			}
		}
		header.Del("Content-Length")
		header.Add("Content-Length", first)
		contentLens = header["Content-Length"]
	}
	var n int64
	if len(contentLens) > 0 {
		var err error
		if n, err = parseContentLength(contentLens[0]); err != nil {
			return err
		}
	}
	realLength := int64(0)
	switch {
	case chunked:
		header.Del("Content-Length")
		realLength = -1
	case len(contentLens) > 0:
		realLength = n
	}

	trailer, err := fixTrailer(header, chunked)
	if err != nil {
		return err
	}

	body.br = b
	body.closing = req.Close
	switch {
	case chunked:
		body.chunked = newChunkedReader(b)
		req.Body = body
		req.TransferEncoding = []string{"chunked"}
	case realLength > 0:
		body.remaining = realLength
		req.Body = body
	default:
		req.Body = NoBody
	}
	req.ContentLength = realLength
	req.Trailer = trailer
	return nil
}

// parseContentLength parses a Content-Length value: digits only, no sign,
// below 2^63.
func parseContentLength(raw string) (int64, error) {
	cl := textproto.TrimString(raw)
	if cl == "" {
		return 0, fmt.Errorf("invalid empty Content-Length %q", cl)
	}
	n, err := strconv.ParseUint(cl, 10, 63)
	if err != nil {
		return 0, fmt.Errorf("bad Content-Length %q", cl)
	}
	return int64(n), nil
}

// fixTrailer turns a chunked message's Trailer header into the keys of
// its Trailer map. Framing headers may not be announced as trailers.
func fixTrailer(header Header, chunked bool) (Header, error) {
	vv, ok := header["Trailer"]
	if !ok || !chunked {
		// Without chunking, Trailer stays an ordinary header.
		return nil, nil
	}
	header.Del("Trailer")

	trailer := make(Header)
	var err error
	for _, v := range vv {
		foreachHeaderElement(v, func(key string) {
			key = CanonicalHeaderKey(key)
			switch key {
			case "Transfer-Encoding", "Trailer", "Content-Length":
				if err == nil {
					err = fmt.Errorf("bad trailer key %q", key)
					return
				}
			}
			trailer[key] = nil
		})
	}
	if err != nil {
		return nil, err
	}
	if len(trailer) == 0 {
		return nil, nil
	}
	return trailer, nil
}

// http1ServerSupportsRequest reports whether the request's version is
// served: HTTP/1.x, and the HTTP/2 preface for handlers that upgrade.
func http1ServerSupportsRequest(req *Request) bool {
	if req.ProtoMajor == 1 {
		return true
	}
	return req.ProtoMajor == 2 && req.ProtoMinor == 0 && req.Method == "PRI" && req.RequestURI == "*"
}

// numLeadingCRorLF counts the CR and LF bytes that start v.
func numLeadingCRorLF(v []byte) (n int) {
	for _, b := range v {
		if b != '\r' && b != '\n' {
			break
		}
		n++
	}
	return n
}
