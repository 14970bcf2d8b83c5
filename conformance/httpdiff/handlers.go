package httpdiff

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/eventlet-go/eventlet"
)

// Limits gives a handler set the helpers of the package serving it that
// cannot be shared. MaxBytesReader: net/http's tells the response it hit
// its limit through an unexported method, which only net/http's own
// ResponseWriter has. TimeoutHandler: net/http's runs the handler on a
// goroutine and waits in a plain select, which would stall a hub.
type Limits struct {
	MaxBytesReader  func(w http.ResponseWriter, r io.ReadCloser, n int64) io.ReadCloser
	MaxBytesHandler func(h http.Handler, n int64) http.Handler
	TimeoutHandler  func(h http.Handler, dt time.Duration, msg string) http.Handler
}

// Handler returns the handler both servers run (handlers wait through
// eventlet's channel operations, which are the plain ones on goroutines
// and do not stall a hub on greenthreads): a set of endpoints, each
// exercising one part of the server (body handling, framing, flushing,
// trailers, hijacking, panics...), and a default endpoint that dumps the
// request as the server parsed it, so that parsing differences show in
// the answer. It is written against net/http's types, which are also
// green/http's.
func Handler(lim Limits) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/hello", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "Hello, World!\n")
	})
	mux.HandleFunc("/echo", func(w http.ResponseWriter, r *http.Request) {
		io.Copy(w, r.Body)
	})
	mux.HandleFunc("/noread", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ignored your body")
	})
	mux.HandleFunc("/readsome", func(w http.ResponseWriter, r *http.Request) {
		buf := make([]byte, 4)
		n, err := io.ReadFull(r.Body, buf)
		fmt.Fprintf(w, "read %q %v", buf[:n], err)
	})
	mux.HandleFunc("/closebody", func(w http.ResponseWriter, r *http.Request) {
		err := r.Body.Close()
		_, rerr := r.Body.Read(make([]byte, 1))
		fmt.Fprintf(w, "close=%v read=%v", err, rerr)
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		if n == 0 {
			n = 5000
		}
		io.WriteString(w, strings.Repeat("x", n))
	})
	mux.HandleFunc("/flush", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "first ")
		w.(http.Flusher).Flush()
		io.WriteString(w, "second")
	})
	mux.HandleFunc("/flushempty", func(w http.ResponseWriter, r *http.Request) {
		w.(http.Flusher).Flush()
	})
	mux.HandleFunc("/cl", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", r.URL.Query().Get("cl"))
		io.WriteString(w, r.URL.Query().Get("body"))
	})
	mux.HandleFunc("/status", func(w http.ResponseWriter, r *http.Request) {
		code, _ := strconv.Atoi(r.URL.Query().Get("code"))
		for k, v := range r.URL.Query() {
			if strings.HasPrefix(k, "h-") {
				w.Header()[http.CanonicalHeaderKey(k[2:])] = v
			}
		}
		w.WriteHeader(code)
		io.WriteString(w, r.URL.Query().Get("body"))
	})
	mux.HandleFunc("/early", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Link", "</style.css>; rel=preload")
		w.WriteHeader(http.StatusEarlyHints)
		w.WriteHeader(http.StatusEarlyHints)
		io.WriteString(w, "after hints")
	})
	mux.HandleFunc("/trailers", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Trailer", "X-Sum, X-Count, Content-Length")
		w.WriteHeader(http.StatusOK)
		io.WriteString(w, "body")
		w.Header().Set("X-Sum", "42")
		w.Header().Set("X-Count", "1")
		w.Header().Set(http.TrailerPrefix+"X-Late", "late")
	})
	mux.HandleFunc("/headers", func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Zeta", "last")
		h.Add("Alpha", "one")
		h.Add("Alpha", "two")
		h["non-canonical"] = []string{"kept"}
		h.Set("Empty", "")
		http.SetCookie(w, &http.Cookie{Name: "a", Value: "b", Path: "/", HttpOnly: true})
		io.WriteString(w, "headers")
	})
	mux.HandleFunc("/sniff", func(w http.ResponseWriter, r *http.Request) {
		if ce := r.URL.Query().Get("ce"); ce != "" {
			w.Header().Set("Content-Encoding", ce)
		}
		io.WriteString(w, r.URL.Query().Get("body"))
	})
	mux.HandleFunc("/panic", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "partial")
		panic("handler panic")
	})
	mux.HandleFunc("/panicflushed", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "partial")
		w.(http.Flusher).Flush()
		panic("handler panic")
	})
	mux.HandleFunc("/abort", func(w http.ResponseWriter, r *http.Request) {
		panic(http.ErrAbortHandler)
	})
	mux.HandleFunc("/hijack", func(w http.ResponseWriter, r *http.Request) {
		conn, brw, err := w.(http.Hijacker).Hijack()
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		defer conn.Close()
		buffered := brw.Reader.Buffered()
		fmt.Fprintf(brw, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nhijacked, %d bytes buffered", buffered)
		brw.Flush()
	})
	mux.HandleFunc("/close", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Connection", "close")
		io.WriteString(w, "bye")
	})
	mux.HandleFunc("/keepalive", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Connection", "keep-alive")
		w.Header().Set("Content-Length", "2")
		io.WriteString(w, "ka")
	})
	mux.HandleFunc("/te", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Transfer-Encoding", r.URL.Query().Get("te"))
		if cl := r.URL.Query().Get("cl"); cl != "" {
			w.Header().Set("Content-Length", cl)
		}
		io.WriteString(w, "te body")
	})
	mux.HandleFunc("/maxbytes", func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(lim.MaxBytesReader(w, r.Body, 8))
		fmt.Fprintf(w, "%q %v", b, err)
	})
	mux.HandleFunc("/form", func(w http.ResponseWriter, r *http.Request) {
		err := r.ParseForm()
		keys := slices.Sorted(func(yield func(string) bool) {
			for k := range r.Form {
				if !yield(k) {
					return
				}
			}
		})
		fmt.Fprintf(w, "err=%v", err)
		for _, k := range keys {
			fmt.Fprintf(w, " %s=%q", k, r.Form[k])
		}
	})
	mux.HandleFunc("/trailer-echo", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "before=%v ", r.Trailer)
		b, err := io.ReadAll(r.Body)
		fmt.Fprintf(w, "body=%q err=%v after=%v", b, err, r.Trailer)
	})
	mux.HandleFunc("/twice", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusAccepted)
		w.WriteHeader(http.StatusTeapot)
		w.Header().Set("X-After", "ignored")
		io.WriteString(w, "twice")
	})
	mux.HandleFunc("/headerafter", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Before", "1")
		w.WriteHeader(http.StatusOK)
		w.Header().Set("X-After", "2")
		io.WriteString(w, "x")
	})
	mux.HandleFunc("/ctx", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "err=%v local=%v server=%v", r.Context().Err(),
			r.Context().Value(http.LocalAddrContextKey) != nil, r.Context().Value(http.ServerContextKey) != nil)
	})
	mux.HandleFunc("/fullduplex", func(w http.ResponseWriter, r *http.Request) {
		http.NewResponseController(w).EnableFullDuplex()
		io.WriteString(w, "duplex ")
		w.(http.Flusher).Flush()
		b, err := io.ReadAll(r.Body)
		fmt.Fprintf(w, "%q %v", b, err)
	})
	mux.HandleFunc("/controller", func(w http.ResponseWriter, r *http.Request) {
		rc := http.NewResponseController(w)
		e1 := rc.SetReadDeadline(time.Now().Add(time.Minute))
		e2 := rc.SetWriteDeadline(time.Now().Add(time.Minute))
		io.WriteString(w, "flushed ")
		e3 := rc.Flush()
		fmt.Fprintf(w, "read-deadline=%v write-deadline=%v flush=%v", e1, e2, e3)
	})
	mux.HandleFunc("/controller-hijack", func(w http.ResponseWriter, r *http.Request) {
		conn, brw, err := http.NewResponseController(w).Hijack()
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		defer conn.Close()
		brw.WriteString("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n")
		brw.Flush()
	})
	mux.HandleFunc("/writebeforeread", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "written ")
		w.(http.Flusher).Flush()
		b, err := io.ReadAll(r.Body)
		fmt.Fprintf(w, "%q %v", b, err)
	})
	mux.HandleFunc("/readfrom", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		w.(io.ReaderFrom).ReadFrom(strings.NewReader(strings.Repeat("<html>", n)))
	})
	mux.HandleFunc("/servecontent", func(w http.ResponseWriter, r *http.Request) {
		http.ServeContent(w, r, "file.txt", fixedTime, strings.NewReader("0123456789abcdef"))
	})
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/hello?x=1", http.StatusFound)
	})
	mux.HandleFunc("/error", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "99")
		http.Error(w, "nope", http.StatusForbidden)
	})
	mux.HandleFunc("/upgrade", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Connection", "Upgrade")
		w.Header().Set("Upgrade", "demo")
		w.WriteHeader(http.StatusSwitchingProtocols)
	})
	mux.Handle("/limited", lim.MaxBytesHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		fmt.Fprintf(w, "%d %v", len(b), err)
	}), 16))
	mux.Handle("/timeout/fast", lim.TimeoutHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Inner", "1")
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, "fast enough")
		w.WriteHeader(http.StatusAccepted)
	}), 5*time.Second, "too slow"))
	mux.Handle("/timeout/slow", lim.TimeoutHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		eventlet.RecvValue(r.Context().Done())
		io.WriteString(w, "late")
	}), 20*time.Millisecond, "too slow"))
	mux.Handle("/timeout/default", lim.TimeoutHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		eventlet.RecvValue(r.Context().Done())
	}), 20*time.Millisecond, ""))
	mux.Handle("/timeout/panic", lim.TimeoutHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		panic("inner panic")
	}), 5*time.Second, ""))
	mux.Handle("/strip/", http.StripPrefix("/strip", http.HandlerFunc(dump)))
	mux.HandleFunc("/", dump)
	return mux
}

// dump writes the request as parsed: method, URI, version, host, header
// (sorted), framing and body.
func dump(w http.ResponseWriter, r *http.Request) {
	var b strings.Builder
	fmt.Fprintf(&b, "method=%q uri=%q path=%q rawpath=%q query=%q proto=%q %d.%d host=%q\n",
		r.Method, r.RequestURI, r.URL.Path, r.URL.RawPath, r.URL.RawQuery, r.Proto, r.ProtoMajor, r.ProtoMinor, r.Host)
	fmt.Fprintf(&b, "url=%q scheme=%q urlhost=%q\n", r.URL.String(), r.URL.Scheme, r.URL.Host)
	keys := make([]string, 0, len(r.Header))
	for k := range r.Header {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "header %q=%q\n", k, r.Header[k])
	}
	fmt.Fprintf(&b, "contentlength=%d te=%q close=%v trailer=%v\n", r.ContentLength, r.TransferEncoding, r.Close, r.Trailer)
	body, err := io.ReadAll(r.Body)
	fmt.Fprintf(&b, "body=%q err=%v trailer=%v\n", body, err, r.Trailer)
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	io.WriteString(w, b.String())
}

// fixedTime is the modification time of served content.
var fixedTime = time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
