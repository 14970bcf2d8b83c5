package http_test

import (
	"bytes"
	"context"
	"errors"
	"github.com/eventlet-go/eventlet"
	"github.com/eventlet-go/eventlet/green/net"
	"github.com/eventlet-go/eventlet/green/sync"
	"github.com/eventlet-go/eventlet/green/time"
	"io"
	"log"
	stdhttp "net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	http "github.com/eventlet-go/eventlet/green/http"
)

// waitFor bounds waits for events that should come at once.
const waitFor = 5 * time.Second

// connCounter counts a server's connections by state.
type connCounter struct {
	mu     sync.Mutex
	counts map[stdhttp.ConnState]int
	closed chan struct{}
}

func newConnCounter() *connCounter {
	return &connCounter{counts: map[stdhttp.ConnState]int{}, closed: make(chan struct{}, 100)}
}

func (c *connCounter) hook(_ net.Conn, s stdhttp.ConnState) {
	c.mu.Lock()
	c.counts[s]++
	c.mu.Unlock()
	if s == stdhttp.StateClosed {
		c.closed <- struct{}{}
	}
}

func (c *connCounter) count(s stdhttp.ConnState) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.counts[s]
}

func (c *connCounter) waitClosed(t *testing.T, n int) {
	t.Helper()
	for range n {
		select {
		case <-c.closed:
		case <-time.After(waitFor):
			t.Fatalf("server saw %d of %d connections close", c.count(stdhttp.StateClosed), n)
		}
	}
}

// newServer starts a net/http test server counting connections.
func newServer(t *testing.T, h stdhttp.Handler, configure ...func(*stdhttp.Server)) (*httptest.Server, *connCounter) {
	t.Helper()
	cc := newConnCounter()
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ConnState = cc.hook
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	for _, f := range configure {
		f(srv.Config)
	}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, cc
}

func mustGet(t *testing.T, c *http.Client, url string) string {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var okHandler = stdhttp.HandlerFunc(func(w stdhttp.ResponseWriter, r *stdhttp.Request) { io.WriteString(w, "ok") })

func TestTransportReusesConnection(t *testing.T) {
	srv, cc := newServer(t, okHandler)
	c := &http.Client{Transport: &http.Transport{}}
	for range 5 {
		mustGet(t, c, srv.URL)
	}
	if n := cc.count(stdhttp.StateNew); n != 1 {
		t.Errorf("5 sequential requests used %d connections, want 1", n)
	}
}

func TestTransportMaxIdleConnsPerHost(t *testing.T) {
	var arrived sync.WaitGroup
	arrived.Add(3)
	release := make(chan struct{})
	srv, cc := newServer(t, stdhttp.HandlerFunc(func(w stdhttp.ResponseWriter, r *stdhttp.Request) {
		arrived.Done()
		<-release
	}))
	c := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
	var done sync.WaitGroup
	for range 3 {
		done.Add(1)
		go func() {
			defer done.Done()
			mustGet(t, c, srv.URL)
		}()
	}
	arrived.Wait() // three connections are busy at once
	close(release)
	done.Wait()
	cc.waitClosed(t, 2)
	if n := cc.count(stdhttp.StateClosed); n != 2 {
		t.Errorf("%d connections closed, want 2 (one kept idle)", n)
	}
	c.CloseIdleConnections()
	cc.waitClosed(t, 1)
}

func TestTransportIdleConnTimeout(t *testing.T) {
	srv, cc := newServer(t, okHandler)
	c := &http.Client{Transport: &http.Transport{IdleConnTimeout: 20 * time.Millisecond}}
	mustGet(t, c, srv.URL)
	cc.waitClosed(t, 1)
	mustGet(t, c, srv.URL)
	if n := cc.count(stdhttp.StateNew); n != 2 {
		t.Errorf("%d connections, want 2 (the first timed out)", n)
	}
}

// TestTransportStaleIdleConn checks that a connection the server closed
// while idle is not used: even a request that cannot be retried succeeds.
func TestTransportStaleIdleConn(t *testing.T) {
	srv, cc := newServer(t, stdhttp.HandlerFunc(func(w stdhttp.ResponseWriter, r *stdhttp.Request) {
		io.Copy(w, r.Body)
	}), func(s *stdhttp.Server) { s.IdleTimeout = 20 * time.Millisecond })
	c := &http.Client{Transport: &http.Transport{}}
	mustGet(t, c, srv.URL)
	cc.waitClosed(t, 1)
	// A body of unknown length and no GetBody: not replayable.
	body := io.MultiReader(strings.NewReader("posted"))
	resp, err := c.Post(srv.URL, "text/plain", body)
	if err != nil {
		t.Fatalf("POST after the server closed the idle connection: %v", err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != "posted" {
		t.Errorf("body %q", b)
	}
}

func slowServer(t *testing.T) (*httptest.Server, chan struct{}) {
	entered := make(chan struct{}, 10)
	srv, _ := newServer(t, stdhttp.HandlerFunc(func(w stdhttp.ResponseWriter, r *stdhttp.Request) {
		entered <- struct{}{}
		<-r.Context().Done()
	}))
	return srv, entered
}

func TestTransportCancelRequest(t *testing.T) {
	srv, entered := slowServer(t)
	tr := &http.Transport{}
	req, _ := http.NewRequest("GET", srv.URL, nil)
	go func() {
		<-entered
		tr.CancelRequest(req)
	}()
	_, err := tr.RoundTrip(req)
	if err == nil || err.Error() != "net/http: request canceled" {
		t.Errorf("err = %v, want net/http: request canceled", err)
	}
}

func TestTransportLegacyCancelChannel(t *testing.T) {
	srv, entered := slowServer(t)
	req, _ := http.NewRequest("GET", srv.URL, nil)
	cancel := make(chan struct{})
	req.Cancel = cancel
	go func() {
		<-entered
		close(cancel)
	}()
	_, err := (&http.Transport{}).RoundTrip(req)
	if err == nil || err.Error() != "net/http: request canceled" {
		t.Errorf("err = %v, want net/http: request canceled", err)
	}
}

func TestTransportMaxConnsPerHostWaits(t *testing.T) {
	srv, entered := slowServer(t)
	tr := &http.Transport{MaxConnsPerHost: 1}
	ctx1, cancel1 := context.WithCancel(context.Background())
	first := make(chan error, 1)
	go func() {
		req, _ := http.NewRequestWithContext(ctx1, "GET", srv.URL, nil)
		_, err := tr.RoundTrip(req)
		first <- err
	}()
	<-entered
	ctx2, cancel2 := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel2()
	req, _ := http.NewRequestWithContext(ctx2, "GET", srv.URL, nil)
	if _, err := tr.RoundTrip(req); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("second request waiting for the only connection: err = %v, want deadline exceeded", err)
	}
	cancel1()
	if err := <-first; !errors.Is(err, context.Canceled) {
		t.Errorf("first request: err = %v, want context canceled", err)
	}
}

func TestTransportRegisterProtocolFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "f.txt"), []byte("file body"), 0o600); err != nil {
		t.Fatal(err)
	}
	tr := &http.Transport{}
	tr.RegisterProtocol("file", http.NewFileTransport(http.Dir(dir)))
	c := &http.Client{Transport: tr}
	if got := mustGet(t, c, "file:///f.txt"); got != "file body" {
		t.Errorf("file:///f.txt = %q", got)
	}
	resp, err := c.Get("file:///missing")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 404 || resp.Proto != "HTTP/1.0" || !resp.Close {
		t.Errorf("missing file: %s %s close=%v", resp.Status, resp.Proto, resp.Close)
	}
	defer func() {
		if recover() == nil {
			t.Error("registering a scheme twice did not panic")
		}
	}()
	tr.RegisterProtocol("file", http.NewFileTransport(http.Dir(dir)))
}

func TestTransportCloneHasOwnPool(t *testing.T) {
	srv, cc := newServer(t, okHandler)
	tr := &http.Transport{MaxIdleConnsPerHost: 3, DisableCompression: true}
	clone := tr.Clone()
	if clone.MaxIdleConnsPerHost != 3 || !clone.DisableCompression {
		t.Errorf("clone lost settings: %+v", clone)
	}
	mustGet(t, &http.Client{Transport: tr}, srv.URL)
	mustGet(t, &http.Client{Transport: clone}, srv.URL)
	if n := cc.count(stdhttp.StateNew); n != 2 {
		t.Errorf("%d connections, want one per transport", n)
	}
}

func TestClientConn(t *testing.T) {
	srv, _ := newServer(t, okHandler)
	addr := strings.TrimPrefix(srv.URL, "http://")
	cc, err := (&http.Transport{}).NewClientConn(context.Background(), "http", addr)
	if err != nil {
		t.Fatal(err)
	}
	hooked := make(chan struct{}, 10)
	cc.SetStateHook(func(*http.ClientConn) { hooked <- struct{}{} })
	if cc.Available() != 1 || cc.InFlight() != 0 {
		t.Fatalf("fresh: available %d in flight %d", cc.Available(), cc.InFlight())
	}
	if err := cc.Reserve(); err != nil {
		t.Fatal(err)
	}
	if cc.Available() != 0 || cc.InFlight() != 1 {
		t.Errorf("reserved: available %d in flight %d", cc.Available(), cc.InFlight())
	}
	if cc.Reserve() == nil {
		t.Error("second Reserve succeeded")
	}
	req, _ := http.NewRequest("GET", "http://elsewhere.invalid/", nil)
	resp, err := cc.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != "ok" {
		t.Errorf("body %q", b)
	}
	select {
	case <-hooked:
	case <-time.After(waitFor):
		t.Error("state hook not called when the request completed")
	}
	if cc.Available() != 1 || cc.InFlight() != 0 {
		t.Errorf("after response: available %d in flight %d", cc.Available(), cc.InFlight())
	}
	cc.Close()
	if cc.Err() == nil || cc.Available() != 0 {
		t.Errorf("after Close: err %v available %d", cc.Err(), cc.Available())
	}
	if _, err := (&http.Transport{}).NewClientConn(context.Background(), "ftp", addr); err == nil {
		t.Error("ftp scheme accepted")
	}
}

func TestTimeoutHandlerLateWrite(t *testing.T) {
	lateErr, answered := make(chan error, 1), make(chan struct{})
	h := http.TimeoutHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		eventlet.RecvValue(answered) // the 503 is out: this write is late for sure
		_, err := io.WriteString(w, "late")
		eventlet.Send(lateErr, err)
	}), 10*time.Millisecond, "slow")
	srv, _ := newServer(t, h)
	got := mustGet(t, &http.Client{}, srv.URL)
	close(answered)
	if got != "slow" {
		t.Errorf("body %q", got)
	}
	if err := <-lateErr; err != http.ErrHandlerTimeout {
		t.Errorf("late write: %v, want ErrHandlerTimeout", err)
	}
}

// tempErrListener fails its first Accept with a temporary error.
type tempErrListener struct {
	net.Listener
	once sync.Once
}

type tempErr struct{}

func (tempErr) Error() string   { return "temporarily out of descriptors" }
func (tempErr) Timeout() bool   { return false }
func (tempErr) Temporary() bool { return true }

func (l *tempErrListener) Accept() (net.Conn, error) {
	var fail bool
	l.once.Do(func() { fail = true })
	if fail {
		return nil, tempErr{}
	}
	return l.Listener.Accept()
}

func TestServeRetriesTemporaryAcceptErrors(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var logBuf syncBuffer
	srv := &http.Server{Handler: okHandler, ErrorLog: log.New(&logBuf, "", 0)}
	go srv.Serve(&tempErrListener{Listener: ln})
	defer srv.Close()
	if got := mustGet(t, &http.Client{}, "http://"+ln.Addr().String()); got != "ok" {
		t.Errorf("body %q", got)
	}
	if want := "http: Accept error: temporarily out of descriptors; retrying in 5ms\n"; logBuf.String() != want {
		t.Errorf("log %q, want %q", logBuf.String(), want)
	}
}

func TestServeAfterShutdown(t *testing.T) {
	srv := &http.Server{Addr: "127.0.0.1:0"}
	srv.Shutdown(context.Background())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Serve(ln); err != http.ErrServerClosed {
		t.Errorf("Serve: %v", err)
	}
	if err := srv.ListenAndServe(); err != http.ErrServerClosed {
		t.Errorf("ListenAndServe: %v", err)
	}
	if err := srv.ListenAndServeTLS("", ""); err != http.ErrServerClosed {
		t.Errorf("ListenAndServeTLS: %v", err)
	}
}

// TestPanicClosesOnlyItsConnection checks that a handler panic ends its
// own connection and no other.
func TestPanicClosesOnlyItsConnection(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var logBuf syncBuffer
	srv := &http.Server{ErrorLog: log.New(&logBuf, "", 0), Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/panic" {
			panic("boom")
		}
		io.WriteString(w, "ok")
	})}
	go srv.Serve(ln)
	defer srv.Close()
	c := &http.Client{Transport: &http.Transport{}}
	defer c.CloseIdleConnections()
	mustGet(t, c, "http://"+ln.Addr().String()+"/")
	if _, err := (&http.Client{Transport: &http.Transport{}}).Get("http://" + ln.Addr().String() + "/panic"); err == nil {
		t.Error("the panicking handler's client got a response")
	}
	if got := mustGet(t, c, "http://"+ln.Addr().String()+"/"); got != "ok" {
		t.Errorf("other connection after the panic: %q", got)
	}
	if !strings.Contains(logBuf.String(), "http: panic serving") || !strings.Contains(logBuf.String(), "boom") {
		t.Errorf("panic not logged: %q", logBuf.String())
	}
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
