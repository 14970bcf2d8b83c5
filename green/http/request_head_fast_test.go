package http

import (
	"bufio"
	"io"
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// parsedHead is what a head parser produced, for comparing the two paths.
type parsedHead struct {
	Method, RequestURI, Proto string
	ProtoMajor, ProtoMinor    int
	URL                       *url.URL
	Header                    Header
	Hosts                     int
	Host                      string
	Rest                      string // what is left in the reader
}

func bufferedReader(head string) *bufio.Reader {
	b := bufio.NewReaderSize(strings.NewReader(head), 4096)
	b.Peek(1) // as readRequestHead does: the head is buffered before parsing starts
	return b
}

func restOf(b *bufio.Reader) string {
	rest, _ := io.ReadAll(b)
	return string(rest)
}

// parseFast runs the fast path; ok is false when it declined.
func parseFast(t testing.TB, head string) (p parsedHead, ok bool) {
	b := bufferedReader(head)
	var req Request
	var u url.URL
	var info headInfo
	if !readRequestHeadFast(b, &req, &u, &info) {
		if b.Buffered() != min(len(head), 4096) {
			t.Fatalf("declined head %q, but consumed %d bytes of it", head, min(len(head), 4096)-b.Buffered())
		}
		if req.Method != "" || req.URL != nil || req.Header != nil || req.ProtoMajor != 0 || info != (headInfo{}) {
			t.Fatalf("declined head %q, but set req or info", head)
		}
		return p, false
	}
	if !info.checked {
		t.Fatalf("fast path took %q without marking it checked", head)
	}
	return parsedHead{req.Method, req.RequestURI, req.Proto, req.ProtoMajor, req.ProtoMinor,
		req.URL, req.Header, info.hosts, info.host, restOf(b)}, true
}

// parseSlow runs the net/textproto path, with the Host header moved out of the map as the fast
// path reports it; ok is false on an error.
func parseSlow(head string) (p parsedHead, ok bool) {
	b := bufferedReader(head)
	var req Request
	info, err := readRequestHeadSlow(b, &req)
	if err != nil {
		return p, false
	}
	delete(req.Header, "Host")
	return parsedHead{req.Method, req.RequestURI, req.Proto, req.ProtoMajor, req.ProtoMinor,
		req.URL, req.Header, info.hosts, info.host, restOf(b)}, true
}

// compareUserinfo compares the user information of absolute request targets, whose fields are
// unexported.
var compareUserinfo = cmp.Comparer(func(a, b *url.Userinfo) bool { return a.String() == b.String() })

// checkSameHead fails if the fast path took head and produced anything but what the slow path
// produces; it reports whether the fast path took it.
func checkSameHead(t testing.TB, head string) bool {
	fast, ok := parseFast(t, head)
	if !ok {
		return false
	}
	slow, ok := parseSlow(head)
	if !ok {
		t.Fatalf("fast path took %q, which net/textproto refuses", head)
	}
	if diff := cmp.Diff(slow, fast, compareUserinfo); diff != "" {
		t.Fatalf("head %q: fast path differs from net/textproto (-slow +fast):\n%s", head, diff)
	}
	return true
}

func TestFastHeadMatchesSlow(t *testing.T) {
	taken := []string{
		"GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n",
		"GET / HTTP/1.0\r\n\r\n",
		"GET /a/b/c.txt?x=1&y=%20z HTTP/1.1\r\nHost: h\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n",
		"POST /submit HTTP/1.1\r\nhost: h\r\ncontent-length: 5\r\ncontent-TYPE: text/plain\r\n\r\nhello" +
			"GET /next HTTP/1.1\r\nHost: h\r\n\r\n",
		"GET /x? HTTP/1.1\r\nHost: h\r\n\r\n",
		"GET /x?a?b HTTP/1.1\r\nHost: h\r\n\r\n",
		"GET /%41%2F HTTP/1.1\r\nHost: h\r\n\r\n", // net/url's own parse, inside the fast path
		"GET http://example.com/abs HTTP/1.1\r\nHost: other\r\n\r\n",
		"GET http://u:p@h/ HTTP/1.1\r\nHost: h\r\n\r\n",
		"GET * HTTP/1.1\r\nHost: h\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\r\nx-a: 2\r\nX-B:\r\nX-C: \t spaced \t \r\nWWW-Authenticate: x\r\n\r\n",
		"GET / HTTP/1.1\r\nHost:\r\n\r\n",
		"BREW /pot HTTP/1.1\r\nHost: h\r\nAccept-Additions: milk;q=0.5\r\n\r\n",
	}
	for _, head := range taken {
		if !checkSameHead(t, head) {
			t.Errorf("fast path declined the plain head %q", head)
		}
	}
	declined := []string{
		"GET / HTTP/1.1\nHost: h\n\n",                     // bare LF
		"GET / HTTP/1.1\r\nHost: h\r\n",                   // not all buffered
		"GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n b\r\n\r\n", // folded
		"GET / HTTP/1.1\r\n Host: h\r\n\r\n",              // leading space
		"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",    // two Host lines
		"GET / HTTP/1.1\r\nBad Name: x\r\n\r\n",
		"GET / HTTP/1.1\r\nNo-Colon\r\n\r\n",
		"GET / HTTP/1.1\r\n: empty name\r\n\r\n",
		"GET / HTTP/1.1\r\nX: a\x00b\r\nHost: h\r\n\r\n",
		"GET / HTTP/1.1\r\nX: caf\xc3\xa9\r\nHost: h\r\n\r\n",
		"GET /caf\xc3\xa9 HTTP/1.1\r\nHost: h\r\n\r\n",
		"GET / HTTP/1.2\r\nHost: h\r\n\r\n",
		"GET / HTTP/2.0\r\nHost: h\r\n\r\n",
		"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
		"CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n",
		"G@T / HTTP/1.1\r\nHost: h\r\n\r\n",
		"GET  / HTTP/1.1\r\nHost: h\r\n\r\n",
		"\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n",
		"GET /%zz HTTP/1.1\r\nHost: h\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: h\r\n" + strings.Repeat("X-Many: v\r\n", maxFastHeaders) + "\r\n",
	}
	for _, head := range declined {
		if checkSameHead(t, head) {
			t.Errorf("fast path took %q, which it should leave to net/textproto", head)
		}
	}
}

// TestFastHeadSharesOneString checks the point of the fast path: a plain head costs one string,
// the header map and its values, and nothing per line.
func TestFastHeadSharesOneString(t *testing.T) {
	const head = "GET /a?b=c HTTP/1.1\r\nHost: h\r\nUser-Agent: x\r\nAccept: */*\r\nX-Custom-Header: y\r\n\r\n"
	r := strings.NewReader(head)
	b := bufio.NewReaderSize(r, 4096)
	var req Request
	var u url.URL
	allocs := testing.AllocsPerRun(100, func() {
		r.Reset(head)
		b.Reset(r)
		b.Peek(1)
		var info headInfo
		if !readRequestHeadFast(b, &req, &u, &info) {
			t.Fatal("declined")
		}
	})
	// The head string, the map and its group, the values block.
	if allocs > 4 {
		t.Errorf("fast path made %v allocations for a plain head, want at most 4", allocs)
	}
}

func TestPlainRequestURIMatchesURL(t *testing.T) {
	check := func(uri string) bool {
		var u url.URL
		if !parsePlainRequestURI(uri, &u) {
			if u != (url.URL{}) {
				t.Fatalf("%q: declined but set the URL", uri)
			}
			return false
		}
		want, err := url.ParseRequestURI(uri)
		if err != nil {
			t.Fatalf("%q: taken by the fast path, refused by net/url: %v", uri, err)
		}
		if diff := cmp.Diff(want, &u); diff != "" {
			t.Fatalf("%q: (-net/url +fast):\n%s", uri, diff)
		}
		return true
	}
	for c := range 256 {
		s := string(rune(c))
		if c >= 0x80 {
			s = string([]byte{byte(c)})
		}
		for _, uri := range []string{"/" + s, "/a" + s + "b?q", "/?" + s, "/p?x=" + s + "?", s + "/"} {
			check(uri)
		}
	}
	for _, uri := range []string{"/", "/index.html", "/a/b;c=d,e@f:g$h&i+j=k~l_m-n.o", "/x?", "/x?a=1&b=2", "/x?a?b"} {
		if !check(uri) {
			t.Errorf("%q: declined, want the fast path", uri)
		}
	}
}

// TestFastHeadMatchesSlowOnGeneratedHeads compares the two paths on heads built from the pieces
// that decide between them: methods, targets and versions near the accepted ones, names that
// differ from Host by case or a byte, separators, values with escapes, control and non-ASCII
// bytes, folds and bare line feeds. A fixed seed keeps it repeatable.
func TestFastHeadMatchesSlowOnGeneratedHeads(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pick := func(choices ...string) string { return choices[r.IntN(len(choices))] }
	pieces := []string{"a", "Z", "0", "/", "//", "?", "#", "%", "%41", "%2F", "%zz", " ", "\t", ":", "@", "!",
		"*", "'", "(", ")", ";", ",", "=", "+", "&", "$", "~", "-", ".", "..", "\"", "<", "\\", "^", "`", "{", "|",
		"\x7f", "\x80", "\xc3\xa9", "\r", "\n", "\x00"}
	text := func(n int, plain bool) string {
		var b strings.Builder
		for i := r.IntN(n + 1); i > 0; i-- {
			p := pieces[r.IntN(len(pieces))]
			if plain && (p[0] < ' ' || p[0] >= 0x7f) {
				continue
			}
			b.WriteString(p)
		}
		return b.String()
	}
	const n = 20000
	taken := 0
	for range n {
		plain := r.IntN(4) != 0 // most heads avoid the bytes that always decline
		var b strings.Builder
		target := pick("/"+text(6, plain), "http://"+text(4, plain)+"/"+text(4, plain), text(6, plain), "*", "/")
		b.WriteString(pick("GET", "POST", "CONNECT", "PRI", "G T", "", "OPTIONS") + " " + target + " " +
			pick("HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/1.10", "http/1.1", "HTTP/1.1 ") + "\r\n")
		for range r.IntN(5) {
			name := pick("Host", "host", "HOST", "hOsT", "Hostx", "Hos", "Ho st", "Host ", " Host", "", "X", "x-a",
				"X-A", "Content-Length", "Transfer-Encoding", "Pragma", "Cache-Control", "Connection", "Expect")
			if r.IntN(5) == 0 {
				name = text(3, plain)
			}
			sep := ":"
			if r.IntN(10) == 0 {
				sep = text(2, plain)
			}
			eol := "\r\n"
			if !plain && r.IntN(20) == 0 {
				eol = "\n"
			}
			b.WriteString(name + sep + text(4, plain) + eol)
			if !plain && r.IntN(20) == 0 {
				b.WriteString(" " + text(2, plain) + "\r\n") // a folded line
			}
		}
		b.WriteString("\r\n")
		if checkSameHead(t, b.String()) {
			taken++
		}
	}
	// The comparison means something only if the fast path takes a fair share.
	if taken < n/50 {
		t.Errorf("the fast path took %d of %d generated heads; the generator no longer reaches it", taken, n)
	}
	t.Logf("fast path took %d of %d heads", taken, n)
}

func FuzzFastHead(f *testing.F) {
	f.Add("GET / HTTP/1.1\r\nHost: h\r\n\r\n")
	f.Add("POST /p?q HTTP/1.0\r\ncontent-length: 1\r\nX: a\r\nx: b\r\n\r\nz")
	f.Add("GET /a%20b HTTP/1.1\r\nHost: h\r\nX-Y:\t v \r\n\r\n")
	f.Add("GET http://u@h/x?y#z HTTP/1.1\r\nhOST: h\r\nPragma: no-cache\r\nX:\r\n\r\n")
	f.Add("OPTIONS * HTTP/1.1\r\nHost: h:80\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n")
	f.Fuzz(func(t *testing.T, head string) {
		checkSameHead(t, head)
	})
}

// BenchmarkReadRequestHead compares the two head parsers on the heads of a load generator (wrk)
// and a browser-like client: the fast path against net/textproto's, as readRequestHead would
// otherwise run it (request line, URL, header map).
func BenchmarkReadRequestHead(b *testing.B) {
	heads := []struct{ name, head string }{
		{"wrk", "GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n"},
		{"browser", "GET /static/app.js?v=3 HTTP/1.1\r\nHost: example.com\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64)\r\n" +
			"Accept: */*\r\nAccept-Language: en-US,en;q=0.5\r\nAccept-Encoding: gzip, deflate, br\r\nConnection: keep-alive\r\n" +
			"Referer: https://example.com/\r\nCookie: session=abc123; theme=dark\r\n\r\n"},
	}
	for _, h := range heads {
		r := strings.NewReader(h.head)
		br := bufio.NewReaderSize(r, 4096)
		reset := func() {
			r.Reset(h.head)
			br.Reset(r)
			br.Peek(1)
		}
		b.Run(h.name+"/textproto", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				reset()
				var req Request
				if _, err := readRequestHeadSlow(br, &req); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(h.name+"/fast", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				reset()
				var req Request
				var u url.URL
				var info headInfo
				if !readRequestHeadFast(br, &req, &u, &info) {
					b.Fatal("declined")
				}
			}
		})
	}
}
