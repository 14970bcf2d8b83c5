package httpdiff

import (
	"compress/gzip"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// clientServer is the server the client scenarios talk to: net/http's,
// so that only the clients differ.
func clientServer() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/echo", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, DescribeRequest(r))
	})
	mux.HandleFunc("/gzip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("X-Accept-Encoding", r.Header.Get("Accept-Encoding"))
		zw := gzip.NewWriter(w)
		io.WriteString(zw, strings.Repeat("compressible ", 100))
		zw.Close()
	})
	mux.HandleFunc("/badgzip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		io.WriteString(w, "not gzip at all")
	})
	mux.HandleFunc("/redirect/", func(w http.ResponseWriter, r *http.Request) {
		// /redirect/CODE/N redirects N times with CODE, then echoes.
		parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/redirect/"), "/")
		code, _ := strconv.Atoi(parts[0])
		left, _ := strconv.Atoi(parts[1])
		if left == 0 {
			io.WriteString(w, DescribeRequest(r))
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/redirect/%d/%d", code, left-1), code)
	})
	mux.HandleFunc("/redirect-loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/redirect-loop", http.StatusFound)
	})
	mux.HandleFunc("/redirect-noloc", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusFound)
	})
	mux.HandleFunc("/redirect-badloc", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "http://[::1%zz]/")
		w.WriteHeader(http.StatusFound)
	})
	mux.HandleFunc("/setcookie", func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "session", Value: "s1", Path: "/"})
		http.Redirect(w, r, "/echo", http.StatusFound)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(2 * time.Second):
		case <-r.Context().Done():
		}
		io.WriteString(w, "slow")
	})
	mux.HandleFunc("/slowbody", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "start ")
		w.(http.Flusher).Flush()
		select {
		case <-time.After(2 * time.Second):
		case <-r.Context().Done():
		}
		io.WriteString(w, "end")
	})
	mux.HandleFunc("/chunked", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Trailer", "X-T")
		io.WriteString(w, "part1 ")
		w.(http.Flusher).Flush()
		io.WriteString(w, "part2")
		w.Header().Set("X-T", "trailer value")
	})
	mux.HandleFunc("/close", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Connection", "close")
		io.WriteString(w, "closing")
	})
	mux.HandleFunc("/status/", func(w http.ResponseWriter, r *http.Request) {
		code, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/status/"))
		w.WriteHeader(code)
		io.WriteString(w, "status body")
	})
	mux.HandleFunc("/headers", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("X-Multi", "a")
		w.Header().Add("X-Multi", "b")
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"ok":true}`)
	})
	mux.HandleFunc("/expect", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("read") == "" {
			http.Error(w, "not reading", http.StatusForbidden)
			return
		}
		io.WriteString(w, DescribeRequest(r))
	})
	mux.HandleFunc("/early", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Link", "</a>")
		w.WriteHeader(http.StatusEarlyHints)
		io.WriteString(w, "after hints")
	})
	mux.HandleFunc("/raw/", func(w http.ResponseWriter, r *http.Request) {
		// /raw/NAME answers with hand-written bytes.
		conn, brw, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		switch strings.TrimPrefix(r.URL.Path, "/raw/") {
		case "garbage":
			brw.WriteString("garbage\r\n\r\n")
		case "eof":
		case "shortbody":
			brw.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc")
		case "badchunk":
			brw.WriteString("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
		case "http10":
			brw.WriteString("HTTP/1.0 200 OK\r\n\r\nuntil close")
		case "hugeheader":
			brw.WriteString("HTTP/1.1 200 OK\r\nX-Big: " + strings.Repeat("b", 11<<20) + "\r\n\r\n")
		case "switch":
			brw.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: demo\r\nConnection: Upgrade\r\n\r\nswitched")
		}
		brw.Flush()
	})
	mux.HandleFunc("/reject", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "too big", http.StatusRequestEntityTooLarge)
	})
	mux.HandleFunc("/conn", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, connID(r.RemoteAddr))
	})
	return mux
}

// conns numbers client connections by remote address, so scenarios can
// tell whether a connection was reused without exposing port numbers.
var conns = struct {
	sync.Mutex
	ids map[string]int
}{ids: map[string]int{}}

func connID(addr string) string {
	conns.Lock()
	defer conns.Unlock()
	id, ok := conns.ids[addr]
	if !ok {
		id = len(conns.ids) + 1
		conns.ids[addr] = id
	}
	return strconv.Itoa(id)
}

// proxyHandler is a small forward proxy: absolute-URI requests are
// answered with what the proxy saw; CONNECT opens a tunnel.
func proxyHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodConnect {
			fmt.Fprintf(w, "proxied %s %s auth=%q", r.Method, r.RequestURI, r.Header.Get("Proxy-Authorization"))
			return
		}
		if r.Host == "refused.invalid:443" {
			http.Error(w, "no", http.StatusForbidden)
			return
		}
		target, err := net.Dial("tcp", r.Host)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer target.Close()
		w.WriteHeader(http.StatusOK)
		conn, brw, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		brw.Flush()
		done := make(chan struct{}, 2)
		go func() { io.Copy(target, brw); done <- struct{}{} }()
		go func() { io.Copy(conn, target); done <- struct{}{} }()
		<-done
	})
}

// scenario sends requests with a client and returns what it got.
type scenario struct {
	name string
	cfg  func(env *clientEnv) ClientConfig
	run  func(env *clientEnv, c Client) []Result
}

// clientEnv is what scenarios talk to.
type clientEnv struct {
	url, tlsURL, proxyURL string
	tlsConfig             *tls.Config
}

func newRequest(method, url string, body io.Reader, header ...string) *http.Request {
	req, err := http.NewRequest("GET", url, body)
	if err != nil {
		panic(err)
	}
	req.Method = method // NewRequest would refuse invalid methods
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Add(header[i], header[i+1])
	}
	return req
}

func noConfig(*clientEnv) ClientConfig { return ClientConfig{} }

// onlyReader hides a reader's type, so the body's length is unknown.
type onlyReader struct{ io.Reader }

func scenarios() []scenario {
	var ss []scenario
	add := func(name string, cfg func(*clientEnv) ClientConfig, run func(*clientEnv, Client) []Result) {
		if cfg == nil {
			cfg = noConfig
		}
		ss = append(ss, scenario{name, cfg, run})
	}
	one := func(method, path string, body func() io.Reader, header ...string) func(*clientEnv, Client) []Result {
		return func(env *clientEnv, c Client) []Result {
			var b io.Reader
			if body != nil {
				b = body()
			}
			return []Result{Do(c, newRequest(method, env.url+path, b, header...))}
		}
	}
	str := func(s string) func() io.Reader { return func() io.Reader { return strings.NewReader(s) } }
	unknown := func(s string) func() io.Reader { return func() io.Reader { return onlyReader{strings.NewReader(s)} } }

	add("get", nil, one("GET", "/echo?q=1", nil))
	add("get-headers", nil, one("GET", "/echo", nil, "X-Custom", "v", "User-Agent", "custom-agent", "Accept-Encoding", "br"))
	add("get-empty-user-agent", nil, one("GET", "/echo", nil, "User-Agent", ""))
	add("get-range", nil, one("GET", "/echo", nil, "Range", "bytes=0-1"))
	add("head", nil, one("HEAD", "/echo", nil))
	add("head-gzip", nil, one("HEAD", "/gzip", nil))
	add("post", nil, one("POST", "/echo", str("posted body")))
	add("post-empty", nil, one("POST", "/echo", str("")))
	add("post-nil-body", nil, one("POST", "/echo", nil))
	add("post-unknown-length", nil, one("POST", "/echo", unknown("streamed body")))
	add("put-unknown-empty", nil, one("PUT", "/echo", unknown("")))
	add("get-unknown-body", nil, one("GET", "/echo", unknown("body on a get")))
	add("get-unknown-empty-body", nil, one("GET", "/echo", unknown("")))
	add("delete-body", nil, one("DELETE", "/echo", str("x")))
	add("options", nil, one("OPTIONS", "/echo", nil))
	add("custom-method", nil, one("PURGE", "/echo", nil))
	add("bad-method", nil, one("BAD METHOD", "/echo", nil))
	add("bad-header-name", nil, one("GET", "/echo", nil, "Bad Name", "v"))
	add("bad-header-value", nil, one("GET", "/echo", nil, "X", "a\nb"))
	add("trailers", nil, func(env *clientEnv, c Client) []Result {
		req := newRequest("POST", env.url+"/echo", unknown("with trailer")())
		req.Trailer = http.Header{"X-Trailer": {"tv"}}
		return []Result{Do(c, req)}
	})
	add("bad-trailer-key", nil, func(env *clientEnv, c Client) []Result {
		req := newRequest("POST", env.url+"/echo", unknown("x")())
		req.Trailer = http.Header{"Content-Length": {"1"}}
		return []Result{Do(c, req)}
	})
	add("content-length-mismatch", nil, func(env *clientEnv, c Client) []Result {
		req := newRequest("POST", env.url+"/echo", onlyReader{strings.NewReader("short")})
		req.ContentLength = 10
		return []Result{Do(c, req)}
	})
	add("content-length-longer", nil, func(env *clientEnv, c Client) []Result {
		req := newRequest("POST", env.url+"/echo", onlyReader{strings.NewReader("longer than said")})
		req.ContentLength = 4
		return []Result{Do(c, req)}
	})
	add("body-read-error", nil, func(env *clientEnv, c Client) []Result {
		req := newRequest("POST", env.url+"/echo", io.MultiReader(strings.NewReader("abc"), errorAfter{}))
		return []Result{Do(c, req)}
	})
	add("request-close", nil, func(env *clientEnv, c Client) []Result {
		req := newRequest("GET", env.url+"/echo", nil)
		req.Close = true
		return []Result{Do(c, req)}
	})
	add("host-override", nil, func(env *clientEnv, c Client) []Result {
		req := newRequest("GET", env.url+"/echo", nil)
		req.Host = "virtual.example"
		return []Result{Do(c, req)}
	})
	add("basic-auth-in-url", nil, func(env *clientEnv, c Client) []Result {
		u := strings.Replace(env.url, "http://", "http://user:pass@", 1)
		return []Result{Do(c, newRequest("GET", u+"/echo", nil))}
	})
	add("gzip", nil, one("GET", "/gzip", nil))
	add("gzip-disabled", func(*clientEnv) ClientConfig { return ClientConfig{DisableCompression: true} }, one("GET", "/gzip", nil))
	add("gzip-own-accept", nil, one("GET", "/gzip", nil, "Accept-Encoding", "gzip"))
	add("gzip-bad", nil, one("GET", "/badgzip", nil))
	add("chunked-trailer", nil, one("GET", "/chunked", nil))
	add("headers", nil, one("GET", "/headers", nil))
	add("status-204", nil, one("GET", "/status/204", nil))
	add("status-304", nil, one("GET", "/status/304", nil))
	add("status-404", nil, one("GET", "/status/404", nil))
	add("status-500", nil, one("GET", "/status/500", nil))
	add("early-hints", nil, one("GET", "/early", nil))
	for _, code := range []int{301, 302, 303, 307, 308} {
		add(fmt.Sprintf("redirect-%d-get", code), nil, one("GET", fmt.Sprintf("/redirect/%d/2", code), nil))
		add(fmt.Sprintf("redirect-%d-post", code), nil, one("POST", fmt.Sprintf("/redirect/%d/1", code), str("redirected body")))
		add(fmt.Sprintf("redirect-%d-post-unknown", code), nil, one("POST", fmt.Sprintf("/redirect/%d/1", code), unknown("no getbody")))
	}
	big := strings.Repeat("u", 4<<20)
	add("upload-rejected-early", nil, one("POST", "/reject", unknown(big)))
	add("upload-rejected-early-known", nil, one("POST", "/reject", str(big)))
	add("upload-large", nil, func(env *clientEnv, c Client) []Result {
		r := Do(c, newRequest("POST", env.url+"/echo", unknown(big)()))
		r.Body = fmt.Sprint(len(r.Body))
		return []Result{r}
	})
	add("upload-expect-rejected", func(*clientEnv) ClientConfig { return ClientConfig{ExpectContinueTimeout: time.Second} },
		func(env *clientEnv, c Client) []Result {
			r1 := Do(c, newRequest("POST", env.url+"/expect", unknown(big)(), "Expect", "100-continue"))
			r2 := Do(c, newRequest("GET", env.url+"/echo", nil))
			return []Result{r1, r2}
		})
	add("upload-expect-accepted", func(*clientEnv) ClientConfig { return ClientConfig{ExpectContinueTimeout: time.Second} },
		func(env *clientEnv, c Client) []Result {
			r := Do(c, newRequest("POST", env.url+"/expect?read=1", unknown(big)(), "Expect", "100-continue"))
			r.Body = fmt.Sprint(len(r.Body))
			return []Result{r}
		})
	add("redirect-loop", nil, one("GET", "/redirect-loop", nil))
	add("redirect-no-location", nil, one("GET", "/redirect-noloc", nil))
	add("redirect-bad-location", nil, one("GET", "/redirect-badloc", nil))
	add("redirect-check-stop", func(*clientEnv) ClientConfig {
		return ClientConfig{CheckRedirect: func(*http.Request, []*http.Request) error { return errors.New("stop here") }}
	}, one("GET", "/redirect/302/1", nil))
	add("redirect-use-last", func(*clientEnv) ClientConfig {
		return ClientConfig{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}, one("GET", "/redirect/302/1", nil))
	add("cookies", func(*clientEnv) ClientConfig {
		jar, _ := cookiejar.New(nil)
		return ClientConfig{Jar: jar}
	}, func(env *clientEnv, c Client) []Result {
		return []Result{Do(c, newRequest("GET", env.url+"/setcookie", nil)), Do(c, newRequest("GET", env.url+"/echo", nil))}
	})
	add("timeout-headers", func(*clientEnv) ClientConfig { return ClientConfig{Timeout: 100 * time.Millisecond} }, one("GET", "/slow", nil))
	add("timeout-body", func(*clientEnv) ClientConfig { return ClientConfig{Timeout: 300 * time.Millisecond} }, one("GET", "/slowbody", nil))
	add("timeout-not-hit", func(*clientEnv) ClientConfig { return ClientConfig{Timeout: 5 * time.Second} }, one("GET", "/echo", nil))
	add("response-header-timeout", func(*clientEnv) ClientConfig {
		return ClientConfig{ResponseHeaderTimeout: 100 * time.Millisecond}
	}, one("GET", "/slow", nil))
	add("context-deadline", nil, func(env *clientEnv, c Client) []Result {
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		return []Result{Do(c, newRequest("GET", env.url+"/slow", nil).WithContext(ctx))}
	})
	add("context-cancel", nil, func(env *clientEnv, c Client) []Result {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(100*time.Millisecond, cancel)
		return []Result{Do(c, newRequest("GET", env.url+"/slow", nil).WithContext(ctx))}
	})
	add("context-canceled-before", nil, func(env *clientEnv, c Client) []Result {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		return []Result{Do(c, newRequest("GET", env.url+"/echo", nil).WithContext(ctx))}
	})
	add("context-cancel-body", nil, func(env *clientEnv, c Client) []Result {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		resp, err := c.Do(newRequest("GET", env.url+"/slowbody", nil).WithContext(ctx))
		if err != nil {
			return []Result{{Err: err.Error()}}
		}
		buf := make([]byte, 6)
		io.ReadFull(resp.Body, buf)
		cancel()
		_, err = io.ReadAll(resp.Body)
		resp.Body.Close()
		return []Result{{Status: resp.Status, Body: string(buf), BodyErr: fmt.Sprint(err)}}
	})
	add("expect-continue-read", func(*clientEnv) ClientConfig { return ClientConfig{ExpectContinueTimeout: time.Second} },
		one("POST", "/expect?read=1", str("expected body"), "Expect", "100-continue"))
	add("expect-continue-rejected", func(*clientEnv) ClientConfig { return ClientConfig{ExpectContinueTimeout: time.Second} },
		func(env *clientEnv, c Client) []Result {
			r1 := Do(c, newRequest("POST", env.url+"/expect", strings.NewReader("never sent"), "Expect", "100-continue"))
			r2 := Do(c, newRequest("GET", env.url+"/echo", nil))
			return []Result{r1, r2}
		})
	add("expect-continue-no-timeout", nil, one("POST", "/expect?read=1", str("body"), "Expect", "100-continue"))
	add("malformed-response", nil, one("GET", "/raw/garbage", nil))
	add("eof-response", nil, one("GET", "/raw/eof", nil))
	add("short-body", nil, one("GET", "/raw/shortbody", nil))
	add("bad-chunk", nil, one("GET", "/raw/badchunk", nil))
	add("http10-response", nil, one("GET", "/raw/http10", nil))
	add("huge-response-header", nil, one("GET", "/raw/hugeheader", nil))
	add("switching-protocols", nil, one("GET", "/raw/switch", nil, "Connection", "Upgrade", "Upgrade", "demo"))
	add("keepalive-reuse", nil, func(env *clientEnv, c Client) []Result {
		a := Do(c, newRequest("GET", env.url+"/conn", nil))
		b := Do(c, newRequest("GET", env.url+"/conn", nil))
		return []Result{{Body: fmt.Sprint(a.Body == b.Body)}}
	})
	add("keepalive-after-close", nil, func(env *clientEnv, c Client) []Result {
		Do(c, newRequest("GET", env.url+"/close", nil))
		a := Do(c, newRequest("GET", env.url+"/conn", nil))
		b := Do(c, newRequest("GET", env.url+"/conn", nil))
		return []Result{{Body: fmt.Sprint(a.Body == b.Body)}}
	})
	add("keepalive-disabled", func(*clientEnv) ClientConfig { return ClientConfig{DisableKeepAlives: true} }, func(env *clientEnv, c Client) []Result {
		a := Do(c, newRequest("GET", env.url+"/conn", nil))
		b := Do(c, newRequest("GET", env.url+"/conn", nil))
		e := Do(c, newRequest("GET", env.url+"/echo", nil))
		return []Result{{Body: fmt.Sprint(a.Body == b.Body)}, e}
	})
	add("keepalive-unread-body-closed", nil, func(env *clientEnv, c Client) []Result {
		resp, err := c.Do(newRequest("GET", env.url+"/conn", nil))
		if err != nil {
			return []Result{{Err: err.Error()}}
		}
		resp.Body.Close()
		b := Do(c, newRequest("GET", env.url+"/conn", nil))
		return []Result{{Body: fmt.Sprint(b.Body != "")}}
	})
	add("close-idle", nil, func(env *clientEnv, c Client) []Result {
		a := Do(c, newRequest("GET", env.url+"/conn", nil))
		c.CloseIdleConnections()
		b := Do(c, newRequest("GET", env.url+"/conn", nil))
		return []Result{{Body: fmt.Sprint(a.Body == b.Body)}}
	})
	add("read-after-close", nil, func(env *clientEnv, c Client) []Result {
		resp, err := c.Do(newRequest("GET", env.url+"/echo", nil))
		if err != nil {
			return []Result{{Err: err.Error()}}
		}
		resp.Body.Close()
		_, err = resp.Body.Read(make([]byte, 1))
		return []Result{{BodyErr: fmt.Sprint(err)}}
	})
	add("max-conns-per-host", func(*clientEnv) ClientConfig { return ClientConfig{MaxConnsPerHost: 1} }, func(env *clientEnv, c Client) []Result {
		var wg sync.WaitGroup
		ids := make([]string, 4)
		for i := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ids[i] = Do(c, newRequest("GET", env.url+"/conn", nil)).Body
			}()
		}
		wg.Wait()
		same := true
		for _, id := range ids {
			same = same && id == ids[0]
		}
		return []Result{{Body: fmt.Sprint("one connection: ", same)}}
	})
	add("refused", nil, func(env *clientEnv, c Client) []Result {
		return []Result{Do(c, newRequest("GET", "http://127.0.0.1:1/", nil))}
	})
	add("no-host", nil, func(env *clientEnv, c Client) []Result {
		return []Result{Do(c, newRequest("GET", "http:///path", nil))}
	})
	add("bad-scheme", nil, func(env *clientEnv, c Client) []Result {
		return []Result{Do(c, newRequest("GET", "ftp://example.com/", nil))}
	})
	add("tls", func(env *clientEnv) ClientConfig { return ClientConfig{TLSClientConfig: env.tlsConfig} }, func(env *clientEnv, c Client) []Result {
		return []Result{Do(c, newRequest("GET", env.tlsURL+"/echo", nil)), Do(c, newRequest("GET", env.tlsURL+"/gzip", nil))}
	})
	add("tls-untrusted", nil, func(env *clientEnv, c Client) []Result {
		return []Result{Do(c, newRequest("GET", env.tlsURL+"/echo", nil))}
	})
	add("tls-to-plain", nil, func(env *clientEnv, c Client) []Result {
		return []Result{Do(c, newRequest("GET", strings.Replace(env.url, "http://", "https://", 1)+"/echo", nil))}
	})
	proxied := func(env *clientEnv) ClientConfig {
		u, _ := url.Parse(env.proxyURL)
		u.User = url.UserPassword("puser", "ppass")
		return ClientConfig{Proxy: http.ProxyURL(u), TLSClientConfig: env.tlsConfig}
	}
	add("proxy-http", proxied, one("GET", "/echo?via=proxy", nil))
	add("proxy-https-connect", proxied, func(env *clientEnv, c Client) []Result {
		return []Result{Do(c, newRequest("GET", env.tlsURL+"/echo", nil))}
	})
	add("proxy-connect-refused", proxied, func(env *clientEnv, c Client) []Result {
		return []Result{Do(c, newRequest("GET", "https://refused.invalid/", nil))}
	})
	add("proxy-unreachable", func(env *clientEnv) ClientConfig {
		u, _ := url.Parse("http://127.0.0.1:1")
		return ClientConfig{Proxy: http.ProxyURL(u)}
	}, one("GET", "/echo", nil))
	add("proxy-error", func(env *clientEnv) ClientConfig {
		return ClientConfig{Proxy: func(*http.Request) (*url.URL, error) { return nil, errors.New("no proxy for you") }}
	}, one("GET", "/echo", nil))
	return ss
}

// errorAfter is a reader that fails.
type errorAfter struct{}

func (errorAfter) Read([]byte) (int, error) { return 0, errors.New("body source broke") }

// TestClientDifferential runs every scenario with a net/http client and a
// green/http client configured alike, against the same net/http servers,
// and requires the same results: statuses, headers, bodies, trailers, what
// the server received, errors and their messages.
func TestClientDifferential(t *testing.T) {
	srv := httptest.NewServer(clientServer())
	defer srv.Close()
	tlsSrv := httptest.NewTLSServer(clientServer())
	defer tlsSrv.Close()
	proxy := httptest.NewServer(proxyHandler())
	defer proxy.Close()
	env := &clientEnv{
		url:       srv.URL,
		tlsURL:    tlsSrv.URL,
		proxyURL:  proxy.URL,
		tlsConfig: tlsSrv.Client().Transport.(*http.Transport).TLSClientConfig,
	}
	for _, s := range scenarios() {
		t.Run(s.name, func(t *testing.T) {
			t.Parallel()
			stdClient, greenClient := NewStdClient(s.cfg(env)), NewGreenClient(s.cfg(env))
			defer stdClient.CloseIdleConnections()
			defer greenClient.CloseIdleConnections()
			std := s.run(env, stdClient)
			green := s.run(env, greenClient)
			if diff := cmp.Diff(std, green); diff != "" {
				t.Errorf("net/http vs green/http client (-std +green):\n%s", diff)
			}
		})
	}
}
