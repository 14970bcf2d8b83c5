package http

import (
	"bufio"
	"context"
	"crypto/tls"
	"encoding/base64"
	"errors"
	"github.com/eventlet-go/eventlet/green/net"
	"github.com/eventlet-go/eventlet/green/time"
	"io"
	"net/http/httptrace"
	"net/url"
	"slices"
	"strings"
)

// connectMethod is how a request reaches its server: directly, or through
// an HTTP(S) proxy that forwards it (plain HTTP targets) or tunnels it
// with CONNECT (HTTPS targets).
type connectMethod struct {
	proxyURL     *url.URL
	targetScheme string // "http" or "https"
	targetAddr   string // host:port of the target
}

func (t *Transport) connectMethodForRequest(req *Request) (cm connectMethod, err error) {
	cm.targetScheme = req.URL.Scheme
	cm.targetAddr = canonicalAddr(req.URL)
	if t.Proxy != nil {
		cm.proxyURL, err = t.Proxy(req)
	}
	return cm, err
}

// canonicalAddr is the URL's host:port, with the scheme's default port.
func canonicalAddr(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = schemePort(u.Scheme)
	}
	return net.JoinHostPort(u.Hostname(), port)
}

func schemePort(scheme string) string {
	switch scheme {
	case "http":
		return "80"
	case "https":
		return "443"
	case "socks5", "socks5h":
		return "1080"
	}
	return ""
}

func (cm *connectMethod) key() connKey {
	proxy := ""
	addr := cm.targetAddr
	if cm.proxyURL != nil {
		proxy = cm.proxyURL.String()
		if (cm.proxyURL.Scheme == "http" || cm.proxyURL.Scheme == "https") && cm.targetScheme == "http" {
			addr = ""
		}
	}
	return connKey{proxy: proxy, scheme: cm.targetScheme, addr: addr}
}

// scheme is the scheme of the first hop: the proxy's, or the target's.
func (cm *connectMethod) scheme() string {
	if cm.proxyURL != nil {
		return cm.proxyURL.Scheme
	}
	return cm.targetScheme
}

// addr is where to dial: the proxy if any, else the target.
func (cm *connectMethod) addr() string {
	if cm.proxyURL != nil {
		return canonicalAddr(cm.proxyURL)
	}
	return cm.targetAddr
}

// proxyAuth is the Proxy-Authorization value for the proxy's userinfo.
func (cm *connectMethod) proxyAuth() string {
	if cm.proxyURL == nil || cm.proxyURL.User == nil {
		return ""
	}
	password, _ := cm.proxyURL.User.Password()
	return "Basic " + basicAuth(cm.proxyURL.User.Username(), password)
}

func basicAuth(username, password string) string {
	return base64.StdEncoding.EncodeToString([]byte(username + ":" + password))
}

// tlsHost is the server name for TLS with the target.
func (cm *connectMethod) tlsHost() string {
	h := cm.targetAddr
	if host, _, err := net.SplitHostPort(h); err == nil {
		return host
	}
	return h
}

// tlsHandshakeTimeoutError is the error of a TLS handshake past
// TLSHandshakeTimeout.
type tlsHandshakeTimeoutError struct{}

func (tlsHandshakeTimeoutError) Timeout() bool   { return true }
func (tlsHandshakeTimeoutError) Temporary() bool { return true }
func (tlsHandshakeTimeoutError) Error() string   { return "net/http: TLS handshake timeout" }

// dial opens a TCP connection with the configured dialer.
func (t *Transport) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	if t.DialContext != nil {
		c, err := t.DialContext(ctx, network, addr)
		if c == nil && err == nil {
			err = errors.New("net/http: Transport.DialContext hook returned (nil, nil)")
		}
		return c, err
	}
	if t.Dial != nil {
		c, err := t.Dial(network, addr)
		if c == nil && err == nil {
			err = errors.New("net/http: Transport.Dial hook returned (nil, nil)")
		}
		return c, err
	}
	var d net.Dialer
	return d.DialContext(ctx, network, addr)
}

func (t *Transport) hasCustomTLSDialer() bool {
	return t.DialTLS != nil || t.DialTLSContext != nil
}

func (t *Transport) customDialTLS(ctx context.Context, network, addr string) (net.Conn, error) {
	var c net.Conn
	var err error
	if t.DialTLSContext != nil {
		c, err = t.DialTLSContext(ctx, network, addr)
	} else {
		c, err = t.DialTLS(network, addr)
	}
	if c == nil && err == nil {
		err = errors.New("net/http: Transport.DialTLS or DialTLSContext returned (nil, nil)")
	}
	return c, err
}

// dialConn opens a connection ready to carry requests for cm: dialed,
// tunnelled through the proxy and TLS-wrapped as needed. Dial errors
// through a proxy are wrapped as net/http wraps them, in a
// "proxyconnect" *net.OpError.
func (t *Transport) dialConn(ctx context.Context, cm connectMethod) (*persistConn, error) {
	pc := &persistConn{t: t, key: cm.key()}
	wrapErr := func(err error) error {
		if cm.proxyURL != nil {
			return &net.OpError{Op: "proxyconnect", Net: "tcp", Err: err}
		}
		return err
	}

	if cm.scheme() == "https" && t.hasCustomTLSDialer() {
		conn, err := t.customDialTLS(ctx, "tcp", cm.addr())
		if err != nil {
			return nil, wrapErr(err)
		}
		pc.conn = conn
		if tc, ok := conn.(*tls.Conn); ok {
			if err := tc.HandshakeContext(ctx); err != nil {
				conn.Close()
				return nil, err
			}
			cs := tc.ConnectionState()
			pc.tlsState = &cs
		}
	} else {
		conn, err := t.dial(ctx, "tcp", cm.addr())
		if err != nil {
			return nil, wrapErr(err)
		}
		pc.conn = conn
		if cm.scheme() == "https" {
			host, _, err := net.SplitHostPort(cm.addr())
			if err != nil {
				conn.Close()
				return nil, wrapErr(err)
			}
			if err := pc.addTLS(ctx, host); err != nil {
				return nil, wrapErr(err)
			}
		}
	}

	switch {
	case cm.proxyURL == nil:
	case cm.proxyURL.Scheme != "http" && cm.proxyURL.Scheme != "https":
		pc.conn.Close()
		return nil, errors.New("net/http: unsupported proxy scheme " + cm.proxyURL.Scheme)
	case cm.targetScheme == "http":
		pc.isProxy = true
		pc.proxyAuth = cm.proxyAuth()
	case cm.targetScheme == "https":
		if err := t.connectTunnel(ctx, pc, cm); err != nil {
			return nil, err
		}
		if err := pc.addTLS(ctx, cm.tlsHost()); err != nil {
			return nil, err
		}
	}

	pc.br = bufio.NewReaderSize(pc, t.readBufferSize())
	pc.bw = bufio.NewWriterSize(persistConnWriter{pc}, t.writeBufferSize())
	return pc, nil
}

// connectTunnel asks the proxy to CONNECT to the target. The exchange is
// bounded by a minute, as in net/http; an answer other than 200 fails
// with the status text.
func (t *Transport) connectTunnel(ctx context.Context, pc *persistConn, cm connectMethod) error {
	conn := pc.conn
	var hdr Header
	if t.GetProxyConnectHeader != nil {
		var err error
		if hdr, err = t.GetProxyConnectHeader(ctx, cm.proxyURL, cm.targetAddr); err != nil {
			conn.Close()
			return err
		}
	} else {
		hdr = t.ProxyConnectHeader
	}
	if hdr == nil {
		hdr = make(Header)
	}
	if pa := cm.proxyAuth(); pa != "" {
		hdr = hdr.Clone()
		hdr.Set("Proxy-Authorization", pa)
	}
	connectReq := &Request{
		Method: "CONNECT",
		URL:    &url.URL{Opaque: cm.targetAddr},
		Host:   cm.targetAddr,
		Header: hdr,
	}
	connectReq = connectReq.WithContext(ctx)

	deadline := time.Now().Add(time.Minute)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	conn.SetDeadline(deadline)
	stop := watchCancel(ctx, nil, func() { conn.SetDeadline(aLongTimeAgo) }, nil)
	bw := bufio.NewWriter(conn)
	err := writeRequest(bw, connectReq, false, nil, nil)
	var resp *Response
	if err == nil {
		br := bufio.NewReader(&io.LimitedReader{R: conn, N: t.maxHeaderResponseSize()})
		resp, err = ReadResponse(br, connectReq)
	}
	stop()
	conn.SetDeadline(time.Time{})
	if err != nil {
		conn.Close()
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if isTimeout(err) && time.Now().After(deadline) {
			return context.DeadlineExceeded
		}
		return err
	}
	if t.OnProxyConnectResponse != nil {
		if err := t.OnProxyConnectResponse(ctx, cm.proxyURL, connectReq, resp); err != nil {
			conn.Close()
			return err
		}
	}
	if resp.StatusCode != 200 {
		conn.Close()
		_, text, ok := strings.Cut(resp.Status, " ")
		if !ok {
			return errors.New("unknown status code")
		}
		return errors.New(text)
	}
	return nil
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// addTLS runs a TLS client handshake over pc's connection, bounded by
// TLSHandshakeTimeout. HTTP/2 is not offered.
func (pc *persistConn) addTLS(ctx context.Context, name string) error {
	cfg := &tls.Config{}
	if pc.t.TLSClientConfig != nil {
		cfg = pc.t.TLSClientConfig.Clone()
	}
	if cfg.ServerName == "" {
		cfg.ServerName = name
	}
	cfg.NextProtos = slices.DeleteFunc(slices.Clone(cfg.NextProtos), func(p string) bool { return p == "h2" })
	plain := pc.conn
	tlsConn := tls.Client(plain, cfg)
	trace := httptrace.ContextClientTrace(ctx)
	if trace != nil && trace.TLSHandshakeStart != nil {
		trace.TLSHandshakeStart()
	}
	d := pc.t.TLSHandshakeTimeout
	if d != 0 {
		plain.SetDeadline(time.Now().Add(d))
	}
	err := tlsConn.HandshakeContext(ctx)
	if d != 0 {
		plain.SetDeadline(time.Time{})
	}
	if err != nil {
		plain.Close()
		if d != 0 && isTimeout(err) && ctx.Err() == nil {
			err = tlsHandshakeTimeoutError{}
		}
		if trace != nil && trace.TLSHandshakeDone != nil {
			trace.TLSHandshakeDone(tls.ConnectionState{}, err)
		}
		return err
	}
	cs := tlsConn.ConnectionState()
	if trace != nil && trace.TLSHandshakeDone != nil {
		trace.TLSHandshakeDone(cs, nil)
	}
	pc.tlsState = &cs
	pc.conn = tlsConn
	return nil
}
