package http

import (
	"context"
	"crypto/tls"
	"github.com/eventlet-go/eventlet/green/net"
	"github.com/eventlet-go/eventlet/green/sync"
	"github.com/eventlet-go/eventlet/green/time"
	"log"
	"math/rand/v2"
	"slices"
	"sync/atomic"
)

// A Server defines parameters for running an HTTP server; see
// [net/http.Server]. The zero value is a valid configuration.
//
// Unlike net/http's, this Server is its own HTTP/1.1 implementation: each
// accepted connection is served by one greenthread, which reads requests,
// runs the Handler and writes responses, parking on the hub whenever the
// connection has nothing to give. Handlers, ServeMux and every stdlib
// helper run unchanged. HTTP/2 is not spoken: a TLS connection that
// negotiates a protocol other than HTTP/1.x is handed to TLSNextProto if it
// names one, and closed otherwise.
type Server struct {
	// Addr is the TCP address to listen on, ":http" (or ":https") if empty.
	Addr string

	// Handler to invoke, DefaultServeMux if nil.
	Handler Handler

	// DisableGeneralOptionsHandler, if true, passes "OPTIONS *" requests to
	// the Handler instead of answering them with 200 and Content-Length 0.
	DisableGeneralOptionsHandler bool

	// TLSConfig optionally provides a TLS configuration for ServeTLS and
	// ListenAndServeTLS. It is cloned before use.
	TLSConfig *tls.Config

	// ReadTimeout is the maximum duration for reading an entire request,
	// including the body. Zero or negative means no timeout.
	ReadTimeout time.Duration

	// ReadHeaderTimeout is the time allowed to read request headers. If
	// zero, ReadTimeout is used; if both are zero there is no timeout.
	ReadHeaderTimeout time.Duration

	// WriteTimeout is the maximum duration before timing out writes of the
	// response. Zero or negative means no timeout.
	WriteTimeout time.Duration

	// IdleTimeout is how long to wait for the next request on a keep-alive
	// connection. If zero, ReadTimeout is used; if both are zero there is
	// no timeout.
	IdleTimeout time.Duration

	// MaxHeaderBytes bounds the bytes read while parsing the request line
	// and headers. If zero, DefaultMaxHeaderBytes is used.
	MaxHeaderBytes int

	// TLSNextProto optionally takes over TLS connections whose ALPN
	// protocol is not HTTP/1.x. The connection is closed when the function
	// returns.
	TLSNextProto map[string]func(*Server, *tls.Conn, Handler)

	// ConnState, if non-nil, is called when a connection changes state.
	ConnState func(net.Conn, ConnState)

	// ErrorLog receives errors accepting connections, unexpected handler
	// behaviour and panics. If nil, the log package's standard logger is used.
	ErrorLog *log.Logger

	// BaseContext optionally returns the base context for requests
	// accepted on a listener. It must not return nil.
	BaseContext func(net.Listener) context.Context

	// ConnContext optionally modifies the context of a new connection. It
	// must not return nil.
	ConnContext func(ctx context.Context, c net.Conn) context.Context

	// HTTP2 is accepted for compatibility and unused: this server speaks
	// HTTP/1.1 only.
	HTTP2 *HTTP2Config

	// Protocols is the set of protocols served. Only HTTP1 is honoured;
	// when it is false, connections are closed unanswered. Nil means HTTP/1.
	Protocols *Protocols

	inShutdown        atomic.Bool // true once Shutdown or Close was called
	disableKeepAlives atomic.Bool

	mu            sync.Mutex // guards the fields below
	listeners     map[*net.Listener]struct{}
	activeConn    map[*conn]struct{}
	onShutdown    []func()
	listenerGroup sync.WaitGroup // one count per Serve still accepting
}

// ListenAndServe listens on the TCP address addr and serves HTTP requests
// with handler (DefaultServeMux if nil). It always returns a non-nil error.
func ListenAndServe(addr string, handler Handler) error {
	server := &Server{Addr: addr, Handler: handler}
	return server.ListenAndServe()
}

// ListenAndServeTLS is like [ListenAndServe] but serves HTTPS with the
// certificate and key in certFile and keyFile.
func ListenAndServeTLS(addr, certFile, keyFile string, handler Handler) error {
	server := &Server{Addr: addr, Handler: handler}
	return server.ListenAndServeTLS(certFile, keyFile)
}

// Serve accepts connections on l and serves each on its own greenthread
// with handler (DefaultServeMux if nil). It always returns a non-nil error.
func Serve(l net.Listener, handler Handler) error {
	srv := &Server{Handler: handler}
	return srv.Serve(l)
}

// ServeTLS is like [Serve] but serves HTTPS with the certificate and key in
// certFile and keyFile.
func ServeTLS(l net.Listener, handler Handler, certFile, keyFile string) error {
	srv := &Server{Handler: handler}
	return srv.ServeTLS(l, certFile, keyFile)
}

// ListenAndServe listens on s.Addr (":http" if empty) and calls
// [Server.Serve]. It always returns a non-nil error; after Shutdown or
// Close, the error is ErrServerClosed.
func (s *Server) ListenAndServe() error {
	if s.shuttingDown() {
		return ErrServerClosed
	}
	addr := s.Addr
	if addr == "" {
		addr = ":http"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return s.Serve(ln)
}

// ListenAndServeTLS listens on s.Addr (":https" if empty) and calls
// [Server.ServeTLS]. It always returns a non-nil error; after Shutdown or
// Close, the error is ErrServerClosed.
func (s *Server) ListenAndServeTLS(certFile, keyFile string) error {
	if s.shuttingDown() {
		return ErrServerClosed
	}
	addr := s.Addr
	if addr == "" {
		addr = ":https"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	return s.ServeTLS(ln, certFile, keyFile)
}

// Serve accepts connections on l, serving each on a new greenthread. It
// always returns a non-nil error and closes l; after Shutdown or Close
// the error is ErrServerClosed. Temporary accept errors are logged and
// retried with a backoff of up to one second.
func (s *Server) Serve(l net.Listener) error {
	origListener := l
	l = &onceCloseListener{Listener: l}
	defer l.Close()

	if !s.trackListener(&l, true) {
		return ErrServerClosed
	}
	defer s.trackListener(&l, false)

	baseCtx := context.Background()
	if s.BaseContext != nil {
		baseCtx = s.BaseContext(origListener)
		if baseCtx == nil {
			panic("BaseContext returned a nil context")
		}
	}
	ctx := context.WithValue(baseCtx, ServerContextKey, s)

	var tempDelay time.Duration
	for {
		rw, err := l.Accept()
		if err != nil {
			if s.shuttingDown() {
				return ErrServerClosed
			}
			//lint:ignore SA1019 net/http retries exactly the errors that say Temporary
			if ne, ok := err.(net.Error); ok && ne.Temporary() {
				tempDelay = nextAcceptDelay(tempDelay)
				s.logf("http: Accept error: %v; retrying in %v", err, tempDelay)
				time.Sleep(tempDelay)
				continue
			}
			return err
		}
		tempDelay = 0
		connCtx := ctx
		if cc := s.ConnContext; cc != nil {
			connCtx = cc(connCtx, rw)
			if connCtx == nil {
				panic("ConnContext returned nil")
			}
		}
		c := newConn(s, rw)
		c.setState(StateNew, true) // before Serve can return
		spawn(func() { c.serve(connCtx) })
	}
}

// nextAcceptDelay doubles the pause after a temporary accept error,
// from 5ms up to one second.
func nextAcceptDelay(d time.Duration) time.Duration {
	if d == 0 {
		return 5 * time.Millisecond
	}
	return min(2*d, time.Second)
}

// ServeTLS accepts connections on l and serves HTTPS on them. The
// certificate comes from s.TLSConfig, or from certFile and keyFile when the
// config has none or when they are given. It always returns a non-nil
// error; after Shutdown or Close the error is ErrServerClosed.
func (s *Server) ServeTLS(l net.Listener, certFile, keyFile string) error {
	config := &tls.Config{}
	if s.TLSConfig != nil {
		config = s.TLSConfig.Clone()
	}
	config.NextProtos = adjustNextProtos(config.NextProtos, s.protocols())

	configHasCert := len(config.Certificates) > 0 || config.GetCertificate != nil || config.GetConfigForClient != nil
	if !configHasCert || certFile != "" || keyFile != "" {
		cert, err := tls.LoadX509KeyPair(certFile, keyFile)
		if err != nil {
			return err
		}
		config.Certificates = []tls.Certificate{cert}
	}
	return s.Serve(tls.NewListener(l, config))
}

// protocols is the set of protocols the server offers: s.Protocols if set;
// otherwise HTTP/1, plus HTTP/2 only when the user installed an "h2"
// TLSNextProto handler of their own.
func (s *Server) protocols() Protocols {
	if s.Protocols != nil {
		return *s.Protocols
	}
	var p Protocols
	p.SetHTTP1(true)
	if _, ok := s.TLSNextProto["h2"]; ok {
		p.SetHTTP2(true)
	}
	return p
}

// adjustNextProtos returns a copy of nextProtos listing "h2" and
// "http/1.1" exactly when protos enables them.
func adjustNextProtos(nextProtos []string, protos Protocols) []string {
	var have Protocols
	out := slices.DeleteFunc(slices.Clone(nextProtos), func(p string) bool {
		switch p {
		case "http/1.1":
			if !protos.HTTP1() {
				return true
			}
			have.SetHTTP1(true)
		case "h2":
			if !protos.HTTP2() {
				return true
			}
			have.SetHTTP2(true)
		}
		return false
	})
	if protos.HTTP2() && !have.HTTP2() {
		out = append(out, "h2")
	}
	if protos.HTTP1() && !have.HTTP1() {
		out = append(out, "http/1.1")
	}
	return out
}

// Close immediately closes every listener and every connection in state
// StateNew, StateActive or StateIdle. Hijacked connections are not
// touched. It returns the first error from closing a listener.
func (s *Server) Close() error {
	s.inShutdown.Store(true)
	s.mu.Lock()
	err := s.closeListenersLocked()
	// Wait outside the lock: the Serve loops remove themselves under it.
	s.mu.Unlock()
	s.listenerGroup.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.activeConn {
		c.rwc.Close()
		delete(s.activeConn, c)
	}
	return err
}

// shutdownPollIntervalMax caps the back-off between checks for quiescence
// during Shutdown.
const shutdownPollIntervalMax = 500 * time.Millisecond

// Shutdown gracefully shuts the server down: it closes the listeners,
// starts the functions given to RegisterOnShutdown, then closes idle
// connections as they become idle until none is left. It returns ctx's
// error if ctx ends first, otherwise the first error from closing a
// listener. Hijacked connections are neither closed nor waited for. A
// server that was shut down cannot be reused.
func (s *Server) Shutdown(ctx context.Context) error {
	s.inShutdown.Store(true)

	s.mu.Lock()
	lnerr := s.closeListenersLocked()
	for _, f := range s.onShutdown {
		spawn(f)
	}
	s.mu.Unlock()
	s.listenerGroup.Wait()

	interval := time.Millisecond
	for {
		if s.closeIdleConns() {
			return lnerr
		}
		// Poll with 10% jitter, doubling up to the maximum.
		wait := interval + rand.N(interval/10)
		interval = min(2*interval, shutdownPollIntervalMax)
		if err := sleepCtx(ctx, wait); err != nil {
			return err
		}
	}
}

// RegisterOnShutdown registers f to be started on its own greenthread
// when Shutdown is called, for instance to tell hijacked connections to
// wind down.
func (s *Server) RegisterOnShutdown(f func()) {
	s.mu.Lock()
	s.onShutdown = append(s.onShutdown, f)
	s.mu.Unlock()
}

// SetKeepAlivesEnabled turns HTTP keep-alives on or off. Turning them off
// also closes the connections that are idle right now.
func (s *Server) SetKeepAlivesEnabled(v bool) {
	if v {
		s.disableKeepAlives.Store(false)
		return
	}
	s.disableKeepAlives.Store(true)
	s.closeIdleConns()
}

// closeIdleConns closes every idle connection and reports whether no
// connection is left. A connection still in StateNew after five seconds
// counts as idle, so that a client that never sends a request cannot hold
// off a shutdown.
func (s *Server) closeIdleConns() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	quiescent := true
	for c := range s.activeConn {
		st, unixSec := c.getState()
		if st == StateNew && unixSec < time.Now().Unix()-5 {
			st = StateIdle
		}
		if st != StateIdle || unixSec == 0 {
			quiescent = false
			continue
		}
		c.rwc.Close()
		delete(s.activeConn, c)
	}
	return quiescent
}

func (s *Server) closeListenersLocked() error {
	var err error
	for ln := range s.listeners {
		if cerr := (*ln).Close(); cerr != nil && err == nil {
			err = cerr
		}
	}
	return err
}

// trackListener adds or removes a listener from the set Close and
// Shutdown close. Adding reports false once the server is shutting down.
// The key is a pointer to the Serve call's variable, since a Listener
// need not be comparable.
func (s *Server) trackListener(ln *net.Listener, add bool) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.listeners == nil {
		s.listeners = make(map[*net.Listener]struct{})
	}
	if add {
		if s.shuttingDown() {
			return false
		}
		s.listeners[ln] = struct{}{}
		s.listenerGroup.Add(1)
	} else {
		delete(s.listeners, ln)
		s.listenerGroup.Done()
	}
	return true
}

func (s *Server) trackConn(c *conn, add bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.activeConn == nil {
		s.activeConn = make(map[*conn]struct{})
	}
	if add {
		s.activeConn[c] = struct{}{}
	} else {
		delete(s.activeConn, c)
	}
}

func (s *Server) idleTimeout() time.Duration {
	if s.IdleTimeout != 0 {
		return s.IdleTimeout
	}
	return s.ReadTimeout
}

func (s *Server) readHeaderTimeout() time.Duration {
	if s.ReadHeaderTimeout != 0 {
		return s.ReadHeaderTimeout
	}
	return s.ReadTimeout
}

// tlsHandshakeTimeout is the smallest positive of the read-header, read
// and write timeouts, or zero for none.
func (s *Server) tlsHandshakeTimeout() time.Duration {
	var ret time.Duration
	for _, v := range [...]time.Duration{s.ReadHeaderTimeout, s.ReadTimeout, s.WriteTimeout} {
		if v > 0 && (ret == 0 || v < ret) {
			ret = v
		}
	}
	return ret
}

func (s *Server) maxHeaderBytes() int {
	if s.MaxHeaderBytes > 0 {
		return s.MaxHeaderBytes
	}
	return DefaultMaxHeaderBytes
}

// initialReadLimitSize is how many bytes a request's line and headers may
// take, with slack for what bufio reads ahead.
func (s *Server) initialReadLimitSize() int64 {
	return int64(s.maxHeaderBytes()) + 4096
}

func (s *Server) doKeepAlives() bool {
	return !s.disableKeepAlives.Load() && !s.shuttingDown()
}

func (s *Server) shuttingDown() bool {
	return s.inShutdown.Load()
}

func (s *Server) logf(format string, args ...any) {
	if s.ErrorLog != nil {
		s.ErrorLog.Printf(format, args...)
	} else {
		log.Printf(format, args...)
	}
}

// onceCloseListener protects a Listener from being closed twice, by Serve
// and by Close or Shutdown.
type onceCloseListener struct {
	net.Listener
	once     sync.Once
	closeErr error
}

func (oc *onceCloseListener) Close() error {
	oc.once.Do(func() { oc.closeErr = oc.Listener.Close() })
	return oc.closeErr
}
