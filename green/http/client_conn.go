package http

import (
	"context"
	"errors"
	"fmt"
	"github.com/eventlet-go/eventlet/green/net"
	"github.com/eventlet-go/eventlet/green/sync"
	"net/url"
)

// A ClientConn is one client connection to an HTTP server, outside the
// Transport's pool; see [net/http.ClientConn]. Over HTTP/1.1 it carries
// one request at a time: a RoundTrip waits for the previous response body
// to be done.
type ClientConn struct {
	pc    *persistConn
	avail chan struct{} // holds a token while a request may start

	mu       sync.Mutex // guards the fields below
	reserved bool
	inFlight bool

	hookMu      sync.Mutex // guards the fields below
	hook        func(*ClientConn)
	hookRunning bool
	lastAvail   int
	lastFlight  int
	lastClosed  bool
}

// NewClientConn dials a connection to address for scheme ("http" or
// "https"), through the proxy Proxy chooses, with the transport's dialer
// and TLS settings.
func (t *Transport) NewClientConn(ctx context.Context, scheme, address string) (*ClientConn, error) {
	switch scheme {
	case "http", "https":
	default:
		return nil, fmt.Errorf("net/http: invalid scheme %q", scheme)
	}
	host, port, err := net.SplitHostPort(address)
	if err != nil {
		return nil, err
	}
	if port == "" {
		port = schemePort(scheme)
	}
	var proxyURL *url.URL
	if t.Proxy != nil {
		req := (&Request{
			Method:     "GET",
			URL:        &url.URL{Scheme: scheme, Host: host, Path: "/"},
			Proto:      "HTTP/1.1",
			ProtoMajor: 1,
			ProtoMinor: 1,
			Header:     make(Header),
			Body:       NoBody,
			Host:       host,
		}).WithContext(ctx)
		if proxyURL, err = t.Proxy(req); err != nil {
			return nil, err
		}
	}
	cm := connectMethod{targetScheme: scheme, targetAddr: net.JoinHostPort(host, port), proxyURL: proxyURL}
	pc, err := t.dialConn(ctx, cm)
	if err != nil {
		return nil, err
	}
	cc := &ClientConn{pc: pc, avail: make(chan struct{}, 1), lastAvail: 1}
	cc.avail <- struct{}{}
	pc.clientConn = cc
	return cc, nil
}

// Close closes the connection, interrupting a request in flight.
func (cc *ClientConn) Close() error {
	defer cc.maybeRunStateHook()
	cc.pc.close(errors.New("ClientConn closed"))
	return nil
}

// Err returns why the connection can no longer be used, or nil.
func (cc *ClientConn) Err() error {
	cc.pc.mu.Lock()
	defer cc.pc.mu.Unlock()
	return cc.pc.closed
}

// Available reports how many requests may start now: 1 or 0.
func (cc *ClientConn) Available() int {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if cc.pc.isBroken() || cc.reserved || cc.inFlight {
		return 0
	}
	return 1
}

// InFlight reports how many requests are in flight or reserved: 1 or 0.
func (cc *ClientConn) InFlight() int {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if !cc.pc.isBroken() && (cc.reserved || cc.inFlight) {
		return 1
	}
	return 0
}

// Reserve reserves the connection for the next RoundTrip, or fails if it
// is busy or closed.
func (cc *ClientConn) Reserve() error {
	defer cc.maybeRunStateHook()
	if err := cc.Err(); err != nil {
		return err
	}
	cc.mu.Lock()
	defer cc.mu.Unlock()
	select {
	case <-cc.avail:
	default:
		return errors.New("connection is unavailable")
	}
	cc.reserved = true
	return nil
}

// Release gives back a reservation that will not be used.
func (cc *ClientConn) Release() {
	defer cc.maybeRunStateHook()
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if cc.reserved {
		cc.reserved = false
		cc.avail <- struct{}{}
	}
}

// RoundTrip sends req on this connection, whatever its URL says, after
// waiting for the connection to be free.
func (cc *ClientConn) RoundTrip(req *Request) (*Response, error) {
	defer cc.maybeRunStateHook()
	if err := validateClientConnRequest(req); err != nil {
		cc.Release()
		return nil, err
	}
	cc.mu.Lock()
	reserved := cc.reserved
	cc.mu.Unlock()
	if !reserved {
		if !waitReady(cc.avail, req.Context().Done(), req.Cancel, nil) {
			if err := req.Context().Err(); err != nil {
				return nil, context.Cause(req.Context())
			}
			return nil, errRequestCanceled
		}
	}
	if err := cc.Err(); err != nil {
		cc.free()
		return nil, err
	}
	cc.mu.Lock()
	cc.reserved = false
	cc.inFlight = true
	cc.mu.Unlock()

	treq := &transportRequest{Request: req, orig: req, ctx: req.Context(), canceled: make(chan struct{})}
	treq.attach(cc.pc)
	resp, err := cc.pc.roundTrip(treq)
	if err != nil {
		return nil, err
	}
	resp.Request = req
	return resp, nil
}

// free marks the connection idle again; called when a response is done.
func (cc *ClientConn) free() {
	cc.mu.Lock()
	if cc.inFlight {
		cc.inFlight = false
		cc.avail <- struct{}{}
	}
	cc.mu.Unlock()
	cc.maybeRunStateHook()
}

func validateClientConnRequest(req *Request) error {
	if req.URL == nil {
		return errors.New("http: nil Request.URL")
	}
	if req.Header == nil {
		return errors.New("http: nil Request.Header")
	}
	if err := validateHeaders(req.Header); err != "" {
		return fmt.Errorf("http: invalid header %s", err)
	}
	if err := validateHeaders(req.Trailer); err != "" {
		return fmt.Errorf("http: invalid trailer %s", err)
	}
	if req.Method != "" && !validHeaderFieldName(req.Method) {
		return fmt.Errorf("http: invalid method %q", req.Method)
	}
	if req.URL.Host == "" {
		return errors.New("http: no Host in request URL")
	}
	return nil
}

// SetStateHook arranges for f to be called when Available grows,
// InFlight shrinks or the connection fails; one call at a time. If the
// state changed since the connection was made, f is called at once.
func (cc *ClientConn) SetStateHook(f func(*ClientConn)) {
	cc.hookMu.Lock()
	cc.hook = f
	cc.hookMu.Unlock()
	cc.maybeRunStateHook()
}

// nextHook returns the hook to run if the state changed, marking it
// running.
func (cc *ClientConn) nextHook(stopRunning bool) func(*ClientConn) {
	cc.hookMu.Lock()
	defer cc.hookMu.Unlock()
	if stopRunning {
		cc.hookRunning = false
	}
	if cc.hook == nil || cc.hookRunning {
		return nil
	}
	avail, flight, closed := cc.Available(), cc.InFlight(), cc.Err() != nil
	var hook func(*ClientConn)
	if avail > cc.lastAvail || flight < cc.lastFlight || closed != cc.lastClosed {
		hook = cc.hook
		cc.hookRunning = true
	}
	cc.lastAvail, cc.lastFlight, cc.lastClosed = avail, flight, closed
	return hook
}

func (cc *ClientConn) maybeRunStateHook() {
	hook := cc.nextHook(false)
	if hook == nil {
		return
	}
	hook(cc)
	if hook = cc.nextHook(true); hook != nil {
		// The state changed again while the hook ran: keep calling it,
		// on another greenthread.
		spawn(func() {
			for hook != nil {
				hook(cc)
				hook = cc.nextHook(true)
			}
		})
	}
}
