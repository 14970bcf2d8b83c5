package http_test

import (
	"bufio"
	"bytes"
	"github.com/eventlet-go/eventlet/green/net"
	"io"
	stdhttp "net/http"
	"strconv"
	"testing"

	http "github.com/eventlet-go/eventlet/green/http"
)

var helloHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain")
	io.WriteString(w, "Hello, World!\n")
})

// BenchmarkServerHello measures one keep-alive request/response of a
// hello-world handler, net/http's server against this package's, with a
// raw client on one connection. Allocations include the client's, which
// allocates nothing.
func BenchmarkServerHello(b *testing.B) {
	servers := []struct {
		name  string
		serve func(net.Listener) func()
	}{
		{"net-http", func(ln net.Listener) func() {
			s := &stdhttp.Server{Handler: helloHandler}
			go s.Serve(ln)
			return func() { s.Close() }
		}},
		{"green-http", func(ln net.Listener) func() {
			s := &http.Server{Handler: helloHandler}
			go s.Serve(ln)
			return func() { s.Close() }
		}},
	}
	for _, srv := range servers {
		b.Run(srv.name, func(b *testing.B) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				b.Fatal(err)
			}
			defer srv.serve(ln)()
			conn, err := net.Dial("tcp", ln.Addr().String())
			if err != nil {
				b.Fatal(err)
			}
			defer conn.Close()
			br := bufio.NewReader(conn)
			req := []byte("GET / HTTP/1.1\r\nHost: bench\r\n\r\n")
			b.ReportAllocs()
			for b.Loop() {
				if _, err := conn.Write(req); err != nil {
					b.Fatal(err)
				}
				if err := skipResponse(br); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

var contentLength = []byte("Content-Length: ")

// skipResponse reads one response with a Content-Length body, without
// allocating.
func skipResponse(br *bufio.Reader) error {
	n := 0
	for {
		line, err := br.ReadSlice('\n')
		if err != nil {
			return err
		}
		if len(line) == 2 {
			break
		}
		if v, ok := bytes.CutPrefix(line, contentLength); ok {
			n, _ = strconv.Atoi(string(bytes.TrimSpace(v)))
		}
	}
	_, err := br.Discard(n)
	return err
}
