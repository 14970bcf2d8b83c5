package http

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"github.com/eventlet-go/eventlet/green/net"
	"github.com/eventlet-go/eventlet/green/sync"
	"github.com/eventlet-go/eventlet/green/time"
	"io"
	"maps"
	"net/http/httptrace"
	"net/url"
	"sync/atomic"
)

// Transport is an HTTP/1.1 [RoundTripper] with a keep-alive connection
// pool, TLS through crypto/tls, proxies (plain requests to HTTP proxies,
// CONNECT tunnels for HTTPS) and transparent gzip; see
// [net/http.Transport], whose fields it has and honours. Everything runs
// in the calling greenthread: dialing, writing the request, reading the
// response; a greenthread is added only to watch a cancellable context
// while a request is in flight.
//
// It does not speak HTTP/2 (ForceAttemptHTTP2, HTTP2, TLSNextProto and
// an HTTP2 entry in Protocols are accepted and ignored; "h2" is removed
// from the offered ALPN protocols) nor SOCKS5 proxies.
type Transport struct {
	// Proxy returns the proxy for a request, nil for none. See
	// ProxyFromEnvironment.
	Proxy func(*Request) (*url.URL, error)

	// OnProxyConnectResponse is called with the proxy's answer to CONNECT.
	OnProxyConnectResponse func(ctx context.Context, proxyURL *url.URL, connectReq *Request, connectRes *Response) error

	// DialContext dials TCP connections; if nil, Dial is used, and if
	// that is nil too, a zero net.Dialer.
	DialContext func(ctx context.Context, network, addr string) (net.Conn, error)

	// Dial is the context-less DialContext. Deprecated in net/http.
	Dial func(network, addr string) (net.Conn, error)

	// DialTLSContext dials HTTPS connections (without proxy), the TLS
	// handshake included; if nil, DialTLS, else DialContext plus TLS.
	DialTLSContext func(ctx context.Context, network, addr string) (net.Conn, error)

	// DialTLS is the context-less DialTLSContext. Deprecated in net/http.
	DialTLS func(network, addr string) (net.Conn, error)

	// TLSClientConfig configures TLS; it is cloned per connection.
	TLSClientConfig *tls.Config

	// TLSHandshakeTimeout bounds the TLS handshake; zero means none.
	TLSHandshakeTimeout time.Duration

	// DisableKeepAlives uses a connection for one request only.
	DisableKeepAlives bool

	// DisableCompression stops the transport from asking for gzip and
	// decoding it.
	DisableCompression bool

	// MaxIdleConns bounds the idle connections over all hosts; zero means
	// no limit.
	MaxIdleConns int

	// MaxIdleConnsPerHost bounds the idle connections per host; zero
	// means DefaultMaxIdleConnsPerHost.
	MaxIdleConnsPerHost int

	// MaxConnsPerHost bounds the connections per host, dialing, active
	// and idle; requests past it wait. Zero means no limit.
	MaxConnsPerHost int

	// IdleConnTimeout closes connections idle that long; zero means never.
	IdleConnTimeout time.Duration

	// ResponseHeaderTimeout bounds the wait for the response header once
	// the request is written; zero means none.
	ResponseHeaderTimeout time.Duration

	// ExpectContinueTimeout bounds the wait for "100 Continue" before a
	// request with "Expect: 100-continue" sends its body anyway.
	ExpectContinueTimeout time.Duration

	// TLSNextProto is accepted for compatibility and unused: there is no
	// ALPN protocol upgrade.
	TLSNextProto map[string]func(authority string, c *tls.Conn) RoundTripper

	// ProxyConnectHeader is sent with CONNECT requests.
	ProxyConnectHeader Header

	// GetProxyConnectHeader returns the header for a CONNECT request; it
	// takes precedence over ProxyConnectHeader.
	GetProxyConnectHeader func(ctx context.Context, proxyURL *url.URL, target string) (Header, error)

	// MaxResponseHeaderBytes bounds a response header; zero means a
	// default (10 MB in net/http; the same here).
	MaxResponseHeaderBytes int64

	// WriteBufferSize and ReadBufferSize size the connection buffers;
	// zero means 4 KiB.
	WriteBufferSize int
	ReadBufferSize  int

	// ForceAttemptHTTP2, HTTP2 and Protocols are accepted for
	// compatibility; the transport speaks HTTP/1.1 only.
	ForceAttemptHTTP2 bool
	HTTP2             *HTTP2Config
	Protocols         *Protocols

	pool connPool

	altMu    sync.Mutex
	altProto map[string]RoundTripper // by scheme, from RegisterProtocol

	reqMu       sync.Mutex
	reqCanceler map[*Request]*transportRequest // in flight, for CancelRequest
}

// DefaultTransport is the Transport used by DefaultClient and by a Client
// whose Transport is nil, configured as net/http's DefaultTransport.
var DefaultTransport RoundTripper = &Transport{
	Proxy: ProxyFromEnvironment,
	DialContext: (&net.Dialer{
		Timeout:   30 * time.Second,
		KeepAlive: 30 * time.Second,
	}).DialContext,
	ForceAttemptHTTP2:     true,
	MaxIdleConns:          100,
	IdleConnTimeout:       90 * time.Second,
	TLSHandshakeTimeout:   10 * time.Second,
	ExpectContinueTimeout: 1 * time.Second,
}

// Errors of the transport, worded as net/http's.
var (
	errRequestCanceled     = errors.New("net/http: request canceled")
	errRequestCanceledConn = errors.New("net/http: request canceled while waiting for connection")
	errTimeout             = &timeoutError{"net/http: timeout awaiting response headers"}
	errServerClosedIdle    = errors.New("http: server closed idle connection")
	errCannotRewind        = errors.New("net/http: cannot rewind body after connection loss")
	errReadOnClosedResBody = errors.New("http: read on closed response body")
)

// timeoutError is a timeout, reported as net/http reports it: a net.Error
// whose Timeout is true and that is context.DeadlineExceeded for errors.Is.
type timeoutError struct{ err string }

func (e *timeoutError) Error() string     { return e.err }
func (e *timeoutError) Timeout() bool     { return true }
func (e *timeoutError) Temporary() bool   { return true }
func (e *timeoutError) Is(err error) bool { return err == context.DeadlineExceeded }

// transportReadFromServerError is a failure to read the first byte of a
// response.
type transportReadFromServerError struct{ err error }

func (e transportReadFromServerError) Unwrap() error { return e.err }
func (e transportReadFromServerError) Error() string {
	return fmt.Sprintf("net/http: Transport failed to read from server: %v", e.err)
}

// nothingWrittenError is a failure before any byte of the request went out.
type nothingWrittenError struct{ error }

func (e nothingWrittenError) Unwrap() error { return e.error }

// transportRequest is one call of RoundTrip: the request being sent (its
// body wrapped to be rewound), where it stands, and how to cancel it.
type transportRequest struct {
	*Request
	orig  *Request
	ctx   context.Context
	extra Header // headers the transport adds

	mu        sync.Mutex // guards the fields below
	pc        *persistConn
	cancelErr error         // set by CancelRequest or a legacy Cancel channel
	canceled  chan struct{} // closed with cancelErr
	bodyErr   error         // the request body's read error
}

func (tr *transportRequest) extraHeaders() Header {
	if tr.extra == nil {
		tr.extra = make(Header)
	}
	return tr.extra
}

// cancel cancels the request with err, interrupting its connection.
func (tr *transportRequest) cancel(err error) {
	tr.mu.Lock()
	if tr.cancelErr != nil {
		tr.mu.Unlock()
		return
	}
	tr.cancelErr = err
	close(tr.canceled)
	pc := tr.pc
	tr.mu.Unlock()
	if pc != nil {
		pc.cancel(err)
	}
}

// cause returns why the request was cancelled, or nil.
func (tr *transportRequest) cause() error {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	if tr.cancelErr != nil {
		return tr.cancelErr
	}
	if tr.ctx.Err() != nil {
		return context.Cause(tr.ctx)
	}
	return nil
}

func (tr *transportRequest) setBodyError(err error) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	if tr.bodyErr == nil {
		tr.bodyErr = err
	}
}

func (tr *transportRequest) attach(pc *persistConn) {
	tr.mu.Lock()
	tr.pc = pc
	err := tr.cancelErr
	tr.mu.Unlock()
	if err != nil {
		pc.cancel(err)
	}
}

// RoundTrip sends req and returns its response, as net/http's Transport
// does, retrying on a fresh connection when a reused one turns out to be
// dead and the request can be replayed.
func (t *Transport) RoundTrip(req *Request) (*Response, error) {
	if req.URL == nil {
		closeBody(req)
		return nil, errors.New("http: nil Request.URL")
	}
	if req.Header == nil {
		closeBody(req)
		return nil, errors.New("http: nil Request.Header")
	}
	scheme := req.URL.Scheme
	isHTTP := scheme == "http" || scheme == "https"
	if isHTTP {
		if err := validateHeaders(req.Header); err != "" {
			closeBody(req)
			return nil, fmt.Errorf("net/http: invalid header %s", err)
		}
		if err := validateHeaders(req.Trailer); err != "" {
			closeBody(req)
			return nil, fmt.Errorf("net/http: invalid trailer %s", err)
		}
	}

	origReq := req
	req = setupRewindBody(req)

	if alt := t.alternateRoundTripper(req); alt != nil {
		if resp, err := alt.RoundTrip(req); err != ErrSkipAltProtocol {
			return resp, err
		}
		var err error
		if req, err = rewindBody(req); err != nil {
			return nil, err
		}
	}
	if !isHTTP {
		closeBody(req)
		return nil, fmt.Errorf("unsupported protocol scheme %q", scheme)
	}
	if req.Method != "" && !validHeaderFieldName(req.Method) {
		closeBody(req)
		return nil, fmt.Errorf("net/http: invalid method %q", req.Method)
	}
	if req.URL.Host == "" {
		closeBody(req)
		return nil, errors.New("http: no Host in request URL")
	}

	treq := &transportRequest{orig: origReq, ctx: req.Context(), canceled: make(chan struct{})}
	t.trackRequest(origReq, treq)
	for {
		if err := treq.cause(); err != nil {
			closeBody(req)
			t.untrackRequest(origReq)
			return nil, err
		}
		treq.Request = req
		treq.extra = nil
		cm, err := t.connectMethodForRequest(req)
		if err != nil {
			closeBody(req)
			t.untrackRequest(origReq)
			return nil, err
		}
		trace := httptrace.ContextClientTrace(treq.ctx)
		if trace != nil && trace.GetConn != nil {
			trace.GetConn(cm.addr())
		}
		pc, err := t.getConn(treq, cm)
		if err != nil {
			closeBody(req)
			t.untrackRequest(origReq)
			return nil, err
		}
		if trace != nil && trace.GotConn != nil {
			info := httptrace.GotConnInfo{Conn: pc.conn, Reused: pc.reused}
			if pc.reused && !pc.idleAt.IsZero() {
				info.WasIdle = true
				info.IdleTime = time.Since(pc.idleAt)
			}
			trace.GotConn(info)
		}
		resp, err := pc.roundTrip(treq)
		if err == nil {
			resp.Request = origReq
			return resp, nil
		}
		if !pc.shouldRetryRequest(req, err) {
			t.untrackRequest(origReq)
			if e, ok := err.(nothingWrittenError); ok {
				err = e.error
			}
			if e, ok := err.(transportReadFromServerError); ok {
				err = e.err
			}
			if b, ok := req.Body.(*rewindableBody); ok && !b.didClose.Load() {
				closeBody(req)
			}
			return nil, err
		}
		if req, err = rewindBody(req); err != nil {
			t.untrackRequest(origReq)
			return nil, err
		}
	}
}

// validateHeaders returns what is wrong with a header map, or "".
func validateHeaders(hdrs Header) string {
	for k, vv := range hdrs {
		if !validHeaderFieldName(k) {
			return fmt.Sprintf("field name %q", k)
		}
		for _, v := range vv {
			if !validHeaderFieldValue(v) {
				return fmt.Sprintf("field value for %q", k)
			}
		}
	}
	return ""
}

// rewindableBody tracks whether a request body was read or closed, to know
// whether a retry needs Request.GetBody.
type rewindableBody struct {
	io.ReadCloser
	didRead  bool
	didClose atomic.Bool
}

func (r *rewindableBody) Read(p []byte) (int, error) {
	r.didRead = true
	return r.ReadCloser.Read(p)
}

func (r *rewindableBody) Close() error {
	r.didClose.Store(true)
	return r.ReadCloser.Close()
}

func setupRewindBody(req *Request) *Request {
	if req.Body == nil || req.Body == NoBody {
		return req
	}
	newReq := *req
	newReq.Body = &rewindableBody{ReadCloser: req.Body}
	return &newReq
}

// rewindBody returns req ready to be sent again: untouched if its body
// was never used, else with a fresh body from GetBody.
func rewindBody(req *Request) (*Request, error) {
	if req.Body == nil || req.Body == NoBody {
		return req, nil
	}
	b := req.Body.(*rewindableBody)
	if !b.didRead && !b.didClose.Load() {
		return req, nil
	}
	if !b.didClose.Load() {
		closeBody(req)
	}
	if req.GetBody == nil {
		return nil, errCannotRewind
	}
	body, err := req.GetBody()
	if err != nil {
		return nil, err
	}
	newReq := *req
	newReq.Body = &rewindableBody{ReadCloser: body}
	return &newReq, nil
}

// isReplayable reports whether req may be sent twice: idempotent, and
// with no body or a way to get it again.
func isReplayable(r *Request) bool {
	if r.Body == nil || r.Body == NoBody || r.GetBody != nil {
		switch valueOrDefault(r.Method, "GET") {
		case "GET", "HEAD", "OPTIONS", "TRACE":
			return true
		}
		if headerHas(r.Header, "Idempotency-Key") || headerHas(r.Header, "X-Idempotency-Key") {
			return true
		}
	}
	return false
}

// RegisterProtocol makes the transport use rt for URLs of scheme. It
// panics if the scheme is already registered.
func (t *Transport) RegisterProtocol(scheme string, rt RoundTripper) {
	t.altMu.Lock()
	defer t.altMu.Unlock()
	if _, exists := t.altProto[scheme]; exists {
		panic("protocol " + scheme + " already registered")
	}
	if t.altProto == nil {
		t.altProto = make(map[string]RoundTripper)
	}
	t.altProto[scheme] = rt
}

func (t *Transport) alternateRoundTripper(req *Request) RoundTripper {
	t.altMu.Lock()
	defer t.altMu.Unlock()
	return t.altProto[req.URL.Scheme]
}

// CancelRequest cancels an in-flight request: it fails with "net/http:
// request canceled". Deprecated in net/http in favour of contexts.
func (t *Transport) CancelRequest(req *Request) {
	t.reqMu.Lock()
	treq := t.reqCanceler[req]
	t.reqMu.Unlock()
	if treq != nil {
		treq.cancel(errRequestCanceled)
	}
}

func (t *Transport) trackRequest(req *Request, treq *transportRequest) {
	t.reqMu.Lock()
	defer t.reqMu.Unlock()
	if t.reqCanceler == nil {
		t.reqCanceler = make(map[*Request]*transportRequest)
	}
	t.reqCanceler[req] = treq
}

func (t *Transport) untrackRequest(req *Request) {
	t.reqMu.Lock()
	defer t.reqMu.Unlock()
	delete(t.reqCanceler, req)
}

// Clone returns a copy of t's exported configuration, with a fresh pool.
func (t *Transport) Clone() *Transport {
	t2 := &Transport{
		Proxy:                  t.Proxy,
		OnProxyConnectResponse: t.OnProxyConnectResponse,
		DialContext:            t.DialContext,
		Dial:                   t.Dial,
		DialTLSContext:         t.DialTLSContext,
		DialTLS:                t.DialTLS,
		TLSHandshakeTimeout:    t.TLSHandshakeTimeout,
		DisableKeepAlives:      t.DisableKeepAlives,
		DisableCompression:     t.DisableCompression,
		MaxIdleConns:           t.MaxIdleConns,
		MaxIdleConnsPerHost:    t.MaxIdleConnsPerHost,
		MaxConnsPerHost:        t.MaxConnsPerHost,
		IdleConnTimeout:        t.IdleConnTimeout,
		ResponseHeaderTimeout:  t.ResponseHeaderTimeout,
		ExpectContinueTimeout:  t.ExpectContinueTimeout,
		ProxyConnectHeader:     t.ProxyConnectHeader.Clone(),
		GetProxyConnectHeader:  t.GetProxyConnectHeader,
		MaxResponseHeaderBytes: t.MaxResponseHeaderBytes,
		ForceAttemptHTTP2:      t.ForceAttemptHTTP2,
		WriteBufferSize:        t.WriteBufferSize,
		ReadBufferSize:         t.ReadBufferSize,
	}
	if t.TLSClientConfig != nil {
		t2.TLSClientConfig = t.TLSClientConfig.Clone()
	}
	if t.TLSNextProto != nil {
		t2.TLSNextProto = maps.Clone(t.TLSNextProto)
	}
	if t.HTTP2 != nil {
		h2 := *t.HTTP2
		t2.HTTP2 = &h2
	}
	if t.Protocols != nil {
		p := *t.Protocols
		t2.Protocols = &p
	}
	t.altMu.Lock()
	t2.altProto = maps.Clone(t.altProto)
	t.altMu.Unlock()
	return t2
}

func (t *Transport) maxHeaderResponseSize() int64 {
	if t.MaxResponseHeaderBytes != 0 {
		return t.MaxResponseHeaderBytes
	}
	return 10 << 20
}

func (t *Transport) readBufferSize() int {
	if t.ReadBufferSize > 0 {
		return t.ReadBufferSize
	}
	return 4 << 10
}

func (t *Transport) writeBufferSize() int {
	if t.WriteBufferSize > 0 {
		return t.WriteBufferSize
	}
	return 4 << 10
}
