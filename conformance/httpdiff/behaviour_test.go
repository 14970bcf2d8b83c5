package httpdiff

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/eventlet-go/eventlet"
	ghttp "github.com/eventlet-go/eventlet/green/http"
	gnet "github.com/eventlet-go/eventlet/green/net"
)

// serverOpts configures a server of either package.
type serverOpts struct {
	handler           http.Handler
	connState         func(net.Conn, http.ConnState)
	readHeaderTimeout time.Duration
	writeTimeout      time.Duration
	idleTimeout       time.Duration
	baseContext       func(net.Listener) context.Context
	connContext       func(context.Context, net.Conn) context.Context
	certFile, keyFile string // serve TLS with these
}

// serverCtl is what both packages' Servers offer for their lifecycle.
type serverCtl interface {
	Shutdown(context.Context) error
	Close() error
	SetKeepAlivesEnabled(bool)
	RegisterOnShutdown(func())
}

// running is a server started by an impl.
type running struct {
	addr   string
	ctl    serverCtl
	served chan error // Serve's result
}

// impl starts a server of one package.
type impl struct {
	name  string
	start func(t *testing.T, o serverOpts) *running
}

var impls = []impl{
	{"net/http", func(t *testing.T, o serverOpts) *running {
		s := &http.Server{Handler: o.handler, ConnState: o.connState, ReadHeaderTimeout: o.readHeaderTimeout,
			WriteTimeout: o.writeTimeout, IdleTimeout: o.idleTimeout, BaseContext: o.baseContext,
			ConnContext: o.connContext, ErrorLog: log.New(io.Discard, "", 0)}
		return serve(t, o, s, net.Listen, s.Serve, s.ServeTLS)
	}},
	{"green/http", func(t *testing.T, o serverOpts) *running {
		s := &ghttp.Server{Handler: o.handler, ConnState: o.connState, ReadHeaderTimeout: o.readHeaderTimeout,
			WriteTimeout: o.writeTimeout, IdleTimeout: o.idleTimeout, BaseContext: o.baseContext,
			ConnContext: o.connContext, ErrorLog: log.New(io.Discard, "", 0)}
		return serve(t, o, s, gnet.Listen, s.Serve, s.ServeTLS)
	}},
}

// serve starts a server on a listener of its own package's kind: net/http on net's, green/http on
// green/net's (a stdlib connection read in a greenthread would stall the hub).
func serve(t *testing.T, o serverOpts, ctl serverCtl, listen func(network, address string) (net.Listener, error), plain func(net.Listener) error, withTLS func(net.Listener, string, string) error) *running {
	ln, err := listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r := &running{addr: ln.Addr().String(), ctl: ctl, served: make(chan error, 1)}
	go func() {
		if o.certFile != "" {
			r.served <- withTLS(ln, o.certFile, o.keyFile)
		} else {
			r.served <- plain(ln)
		}
	}()
	t.Cleanup(func() { ctl.Close() })
	return r
}

// forBoth runs body against each server package and compares the
// observations it returns.
func forBoth[T any](t *testing.T, body func(t *testing.T, im impl) T) {
	t.Helper()
	var got []T
	for _, im := range impls {
		got = append(got, body(t, im))
	}
	if diff := cmp.Diff(got[0], got[1]); diff != "" {
		t.Errorf("net/http vs green/http (-std +green):\n%s", diff)
	}
}

// waitFor is a generous bound on an event that should come at once.
const waitFor = 5 * time.Second

func recvOrTimeout[T any](t *testing.T, ch <-chan T, what string) (T, bool) {
	t.Helper()
	select {
	case v := <-ch:
		return v, true
	case <-time.After(waitFor):
		var zero T
		return zero, false
	}
}

// stateLog records ConnState transitions.
type stateLog struct {
	mu     sync.Mutex
	states []string
	closed chan struct{}
}

func newStateLog() *stateLog { return &stateLog{closed: make(chan struct{}, 16)} }

func (l *stateLog) hook(_ net.Conn, s http.ConnState) {
	l.mu.Lock()
	l.states = append(l.states, s.String())
	l.mu.Unlock()
	if s == http.StateClosed || s == http.StateHijacked {
		l.closed <- struct{}{}
	}
}

func (l *stateLog) get() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.states...)
}

// rawExchange writes s and reads one response.
func rawExchange(conn net.Conn, br *bufio.Reader, s string) (*http.Response, string, error) {
	if _, err := io.WriteString(conn, s); err != nil {
		return nil, "", err
	}
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		return nil, "", err
	}
	b, err := io.ReadAll(resp.Body)
	return resp, string(b), err
}

func TestConnStateSequences(t *testing.T) {
	hello := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/hijack" {
			c, _, _ := w.(http.Hijacker).Hijack()
			c.Close()
			return
		}
		io.WriteString(w, "hi")
	})
	cases := []struct {
		name     string
		requests []string
	}{
		{"one", []string{"GET / HTTP/1.1\r\nHost: x\r\n\r\n"}},
		{"keepalive-two", []string{"GET / HTTP/1.1\r\nHost: x\r\n\r\n", "GET / HTTP/1.1\r\nHost: x\r\n\r\n"}},
		{"close", []string{"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"}},
		{"bad", []string{"BAD\r\n\r\n"}},
		{"hijack", []string{"GET /hijack HTTP/1.1\r\nHost: x\r\n\r\n"}},
		{"none", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			forBoth(t, func(t *testing.T, im impl) []string {
				log := newStateLog()
				srv := im.start(t, serverOpts{handler: hello, connState: log.hook})
				conn, err := net.Dial("tcp", srv.addr)
				if err != nil {
					t.Fatal(err)
				}
				br := bufio.NewReader(conn)
				for _, r := range c.requests {
					rawExchange(conn, br, r)
				}
				conn.Close()
				if _, ok := recvOrTimeout(t, log.closed, "close"); !ok {
					t.Errorf("%s: connection never closed or hijacked", im.name)
				}
				return log.get()
			})
		})
	}
}

// TestContextCanceledWhenClientLeaves checks that a handler's context
// ends when its client disconnects, whether the handler looks at it from
// the start, after reading the body, or through a derived context.
func TestContextCanceledWhenClientLeaves(t *testing.T) {
	cases := []struct {
		name    string
		request string
		wait    func(r *http.Request) error
	}{
		{"done", "GET / HTTP/1.1\r\nHost: x\r\n\r\n", func(r *http.Request) error {
			eventlet.RecvValue(r.Context().Done())
			return r.Context().Err()
		}},
		{"after-body", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc", func(r *http.Request) error {
			io.ReadAll(r.Body)
			eventlet.RecvValue(r.Context().Done())
			return r.Context().Err()
		}},
		{"derived", "GET / HTTP/1.1\r\nHost: x\r\n\r\n", func(r *http.Request) error {
			ctx, cancel := context.WithCancel(r.Context())
			defer cancel()
			eventlet.RecvValue(ctx.Done())
			return context.Cause(ctx)
		}},
		{"after-func", "GET / HTTP/1.1\r\nHost: x\r\n\r\n", func(r *http.Request) error {
			fired := make(chan struct{})
			context.AfterFunc(r.Context(), func() { close(fired) })
			eventlet.RecvValue(fired)
			return r.Context().Err()
		}},
		{"poll-err", "GET / HTTP/1.1\r\nHost: x\r\n\r\n", func(r *http.Request) error {
			for r.Context().Err() == nil {
				eventlet.Sleep(time.Millisecond) // polling is the behaviour under test
			}
			return r.Context().Err()
		}},
		{"close-notify", "GET / HTTP/1.1\r\nHost: x\r\n\r\n", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			forBoth(t, func(t *testing.T, im impl) string {
				result := make(chan string, 1)
				h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if c.wait == nil {
						//lint:ignore SA1019 the deprecated CloseNotifier is mirrored and must work
						v := eventlet.RecvValue(w.(http.CloseNotifier).CloseNotify())
						result <- fmt.Sprint("notified ", v)
						return
					}
					result <- fmt.Sprint(c.wait(r))
				})
				srv := im.start(t, serverOpts{handler: h})
				conn, err := net.Dial("tcp", srv.addr)
				if err != nil {
					t.Fatal(err)
				}
				io.WriteString(conn, c.request)
				time.Sleep(50 * time.Millisecond) // let the handler start waiting; not needed for correctness
				conn.Close()
				got, ok := recvOrTimeout(t, result, "cancellation")
				if !ok {
					return "handler never saw the client leave"
				}
				return got
			})
		})
	}
}

// TestContextCanceledAfterHandler checks that a request context retained
// past the handler is cancelled when the handler returns.
func TestContextCanceledAfterHandler(t *testing.T) {
	forBoth(t, func(t *testing.T, im impl) string {
		ctxs := make(chan context.Context, 1)
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctxs <- r.Context()
			io.WriteString(w, "ok")
		})
		srv := im.start(t, serverOpts{handler: h})
		resp, err := http.Get("http://" + srv.addr + "/")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		ctx := <-ctxs
		select {
		case <-ctx.Done():
		case <-time.After(waitFor):
			return "not cancelled"
		}
		return fmt.Sprint(ctx.Err(), " ", context.Cause(ctx))
	})
}

func TestShutdownGraceful(t *testing.T) {
	forBoth(t, func(t *testing.T, im impl) []string {
		var events []string
		var mu sync.Mutex
		note := func(s string) {
			mu.Lock()
			events = append(events, s)
			mu.Unlock()
		}
		entered, release := make(chan struct{}), make(chan struct{})
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/slow" {
				close(entered)
				eventlet.RecvValue(release)
			}
			io.WriteString(w, "done "+r.URL.Path)
		})
		srv := im.start(t, serverOpts{handler: h})
		onShutdown := make(chan struct{})
		srv.ctl.RegisterOnShutdown(func() { close(onShutdown) })

		// An idle keep-alive connection, and a busy one.
		idle, _ := net.Dial("tcp", srv.addr)
		idleBR := bufio.NewReader(idle)
		rawExchange(idle, idleBR, "GET /idle HTTP/1.1\r\nHost: x\r\n\r\n")
		slowResp := make(chan string, 1)
		go func() {
			resp, err := http.Get("http://" + srv.addr + "/slow")
			if err != nil {
				slowResp <- "error " + err.Error()
				return
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			slowResp <- string(b)
		}()
		<-entered

		shutdownDone := make(chan error, 1)
		go func() { shutdownDone <- srv.ctl.Shutdown(context.Background()) }()

		if err, ok := recvOrTimeout(t, srv.served, "serve"); ok {
			note("serve returned: " + fmt.Sprint(err))
		}
		if _, ok := recvOrTimeout(t, onShutdown, "onShutdown"); ok {
			note("on-shutdown hook ran")
		}
		// The idle connection is closed by the server.
		idle.SetReadDeadline(time.Now().Add(waitFor))
		_, err := idleBR.ReadByte()
		note("idle connection: " + fmt.Sprint(err))
		// New connections are refused.
		if _, err := net.Dial("tcp", srv.addr); err != nil {
			note("new connection refused")
		}
		select {
		case err := <-shutdownDone:
			note("shutdown returned early: " + fmt.Sprint(err))
		default:
			note("shutdown waits for the busy request")
		}
		close(release)
		if s, ok := recvOrTimeout(t, slowResp, "slow response"); ok {
			note("busy request answered: " + s)
		}
		if err, ok := recvOrTimeout(t, shutdownDone, "shutdown"); ok {
			note("shutdown returned: " + fmt.Sprint(err))
		}
		return events
	})
}

func TestShutdownContextExpires(t *testing.T) {
	forBoth(t, func(t *testing.T, im impl) string {
		entered, release := make(chan struct{}), make(chan struct{})
		defer close(release)
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			close(entered)
			eventlet.RecvValue(release)
		})
		srv := im.start(t, serverOpts{handler: h})
		go http.Get("http://" + srv.addr + "/")
		<-entered
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		return fmt.Sprint(srv.ctl.Shutdown(ctx))
	})
}

func TestCloseInterruptsActive(t *testing.T) {
	forBoth(t, func(t *testing.T, im impl) []string {
		entered := make(chan struct{})
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			close(entered)
			eventlet.RecvValue(r.Context().Done())
		})
		srv := im.start(t, serverOpts{handler: h})
		conn, _ := net.Dial("tcp", srv.addr)
		io.WriteString(conn, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
		<-entered
		cerr := srv.ctl.Close()
		conn.SetReadDeadline(time.Now().Add(waitFor))
		_, rerr := conn.Read(make([]byte, 1))
		serveErr, _ := recvOrTimeout(t, srv.served, "serve")
		return []string{fmt.Sprint(cerr), fmt.Sprint(rerr == io.EOF || errors.Is(rerr, net.ErrClosed) || strings.Contains(fmt.Sprint(rerr), "reset")), fmt.Sprint(serveErr)}
	})
}

func TestKeepAlivesDisabledAtRuntime(t *testing.T) {
	forBoth(t, func(t *testing.T, im impl) []string {
		srv := im.start(t, serverOpts{handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "x") })})
		idle, _ := net.Dial("tcp", srv.addr)
		idleBR := bufio.NewReader(idle)
		rawExchange(idle, idleBR, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
		srv.ctl.SetKeepAlivesEnabled(false)
		idle.SetReadDeadline(time.Now().Add(waitFor))
		_, idleErr := idleBR.ReadByte()
		resp, err := http.Get("http://" + srv.addr + "/")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return []string{fmt.Sprint(idleErr), fmt.Sprint(resp.Close), resp.Header.Get("Connection")}
	})
}

func TestIdleTimeoutClosesConnection(t *testing.T) {
	forBoth(t, func(t *testing.T, im impl) string {
		srv := im.start(t, serverOpts{idleTimeout: 50 * time.Millisecond,
			handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "x") })})
		conn, _ := net.Dial("tcp", srv.addr)
		br := bufio.NewReader(conn)
		rawExchange(conn, br, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
		conn.SetReadDeadline(time.Now().Add(waitFor))
		_, err := br.ReadByte()
		return fmt.Sprint(err)
	})
}

func TestWriteTimeout(t *testing.T) {
	forBoth(t, func(t *testing.T, im impl) string {
		srv := im.start(t, serverOpts{writeTimeout: 50 * time.Millisecond,
			handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				eventlet.Sleep(200 * time.Millisecond) // outlive the write deadline
				io.WriteString(w, "too late")
			})})
		conn, _ := net.Dial("tcp", srv.addr)
		io.WriteString(conn, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
		conn.SetReadDeadline(time.Now().Add(waitFor))
		b, err := io.ReadAll(conn)
		return fmt.Sprintf("%q %v", b, err)
	})
}

func TestContextsFromServer(t *testing.T) {
	type key string
	forBoth(t, func(t *testing.T, im impl) string {
		got := make(chan string, 1)
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx := r.Context()
			got <- fmt.Sprint(ctx.Value(key("base")), " ", ctx.Value(key("conn")), " ",
				ctx.Value(http.LocalAddrContextKey) != nil, " ", ctx.Value(http.ServerContextKey) != nil)
		})
		srv := im.start(t, serverOpts{handler: h,
			baseContext: func(net.Listener) context.Context { return context.WithValue(context.Background(), key("base"), "b") },
			connContext: func(ctx context.Context, c net.Conn) context.Context { return context.WithValue(ctx, key("conn"), "c") },
		})
		resp, err := http.Get("http://" + srv.addr + "/")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return <-got
	})
}

func TestServeTLS(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "tls=%v proto=%s", r.TLS != nil, r.Proto)
	})
	certFile, keyFile := testCert(t)
	forBoth(t, func(t *testing.T, im impl) []string {
		srv := im.start(t, serverOpts{handler: h, certFile: certFile, keyFile: keyFile})
		client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
		defer client.CloseIdleConnections()
		resp, err := client.Get("https://" + srv.addr + "/")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		// Plain HTTP sent to the TLS port.
		conn, _ := net.Dial("tcp", srv.addr)
		io.WriteString(conn, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
		conn.SetReadDeadline(time.Now().Add(waitFor))
		plain, _ := io.ReadAll(conn)
		return []string{resp.Proto, string(b), string(plain)}
	})
}

// testCert writes a self-signed certificate for 127.0.0.1 and returns the
// paths of the certificate and key files.
func testCert(t *testing.T) (certFile, keyFile string) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "httpdiff"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	return certFile, keyFile
}
