package httpdiff

import (
	"fmt"
	"strings"
	"time"
)

// Profiles are the server configurations the corpus uses, by name.
var Profiles = map[string]Profile{
	"":            {},
	"small":       {MaxHeaderBytes: 256},
	"timeouts":    {ReadHeaderTimeout: 150 * time.Millisecond, ReadTimeout: 300 * time.Millisecond},
	"nokeepalive": {DisableKeepAlives: true},
	"nooptions":   {DisableGeneralOptionsHandler: true},
}

// get is a well-formed HTTP/1.1 GET of path.
func get(path string) string {
	return "GET " + path + " HTTP/1.1\r\nHost: example.com\r\n\r\n"
}

// req builds a request from a request line, header lines and a body.
func req(line string, headers []string, body string) string {
	var b strings.Builder
	b.WriteString(line + "\r\n")
	for _, h := range headers {
		b.WriteString(h + "\r\n")
	}
	b.WriteString("\r\n")
	b.WriteString(body)
	return b.String()
}

// post is an HTTP/1.1 POST of body with a Content-Length.
func post(path, body string, headers ...string) string {
	hs := append([]string{"Host: example.com", fmt.Sprintf("Content-Length: %d", len(body))}, headers...)
	return req("POST "+path+" HTTP/1.1", hs, body)
}

// chunkedPost is an HTTP/1.1 POST with a chunked body given raw.
func chunkedPost(path, rawBody string, headers ...string) string {
	hs := append([]string{"Host: example.com", "Transfer-Encoding: chunked"}, headers...)
	return req("POST "+path+" HTTP/1.1", hs, rawBody)
}

func n(k int, m string) []string {
	ms := make([]string, k)
	for i := range ms {
		ms[i] = m
	}
	return ms
}

// Corpus returns the raw exchanges sent to both servers: well-formed
// requests exercising every server feature, odd but legal ones, and
// hostile ones (smuggling shapes, bad framing, bad versions, control
// characters, huge headers, trickling senders).
func Corpus() []Case {
	var cs []Case
	add := func(name, request string, opts ...func(*Case)) {
		c := Case{Name: name, Request: request}
		for _, o := range opts {
			o(&c)
		}
		cs = append(cs, c)
	}
	methods := func(ms ...string) func(*Case) { return func(c *Case) { c.Methods = ms } }
	trickle := func(c *Case) { c.Trickle = true }
	profile := func(p string) func(*Case) { return func(c *Case) { c.Profile = p } }
	halfClose := func(c *Case) { c.HalfClose = true }

	// Basics, versions and keep-alive.
	add("hello", get("/hello"))
	add("dump", get("/a/b?c=d&e=f"))
	add("http10", "GET /hello HTTP/1.0\r\n\r\n")
	add("http10-host", "GET / HTTP/1.0\r\nHost: h\r\n\r\n")
	add("http10-keepalive", "GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
	add("http10-keepalive-handler", "GET /keepalive HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
	add("http10-keepalive-big", "GET /big HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
	add("http10-keepalive-flush", "GET /flush HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
	add("http10-keepalive-204", "GET /status?code=204 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
	add("http10-post", "POST /echo HTTP/1.0\r\nContent-Length: 3\r\n\r\nabc")
	add("http10-te-ignored", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\nabc")
	add("http11-close", req("GET /hello HTTP/1.1", []string{"Host: x", "Connection: close"}, ""))
	add("http11-close-mixed", req("GET /hello HTTP/1.1", []string{"Host: x", "Connection: keep-alive, Close"}, ""))
	add("http12", "GET / HTTP/1.2\r\nHost: x\r\n\r\n")
	add("http19", "GET / HTTP/1.9\r\nHost: x\r\n\r\n")
	add("handler-close", get("/close"))
	add("nokeepalive", get("/hello"), profile("nokeepalive"))

	// HEAD.
	add("head-hello", "HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\n", methods("HEAD"))
	add("head-big", "HEAD /big HTTP/1.1\r\nHost: x\r\n\r\n", methods("HEAD"))
	add("head-cl", "HEAD /cl?cl=5&body=hello HTTP/1.1\r\nHost: x\r\n\r\n", methods("HEAD"))
	add("head-dump", "HEAD / HTTP/1.1\r\nHost: x\r\n\r\n", methods("HEAD"))
	add("head-empty", "HEAD /status?code=200 HTTP/1.1\r\nHost: x\r\n\r\n", methods("HEAD"))
	add("head-servecontent", "HEAD /servecontent HTTP/1.1\r\nHost: x\r\n\r\n", methods("HEAD"))
	add("head-http10", "HEAD /hello HTTP/1.0\r\n\r\n", methods("HEAD"))

	// Pipelining.
	add("pipeline-3", get("/hello")+get("/dump")+get("/hello"), methods(n(3, "GET")...))
	add("pipeline-post", post("/echo", "abc")+get("/hello"), methods("POST", "GET"))
	add("pipeline-chunked", chunkedPost("/echo", "3\r\nabc\r\n0\r\n\r\n")+get("/hello"), methods("POST", "GET"))
	add("pipeline-head", "HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\n"+get("/hello"), methods("HEAD", "GET"))
	add("pipeline-after-close", req("GET /hello HTTP/1.1", []string{"Host: x", "Connection: close"}, "")+get("/hello"), methods("GET", "GET"))
	add("pipeline-http10", "GET /hello HTTP/1.0\r\n\r\n"+get("/hello"), methods("GET", "GET"))
	add("pipeline-hijack", get("/hijack")+get("/hello"))
	add("post-crlf-tolerance", post("/echo", "abc")+"\r\n"+get("/hello"), methods("POST", "GET"))
	add("get-crlf-not-tolerated", get("/hello")+"\r\n"+get("/hello"), methods("GET", "GET"))
	add("leading-crlf", "\r\n"+get("/hello"))

	// Request bodies.
	add("post-echo", post("/echo", "hello body"))
	add("post-empty", post("/echo", ""))
	add("chunked-echo", chunkedPost("/echo", "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"))
	add("chunked-ext", chunkedPost("/echo", "5;name=value\r\nhello\r\n0;last\r\n\r\n"))
	add("chunked-ext-quoted", chunkedPost("/echo", "5;a=\"b;c\"\r\nhello\r\n0\r\n\r\n"))
	add("chunked-upper-hex", chunkedPost("/echo", "A\r\n0123456789\r\n0\r\n\r\n"))
	add("chunked-leading-zeros", chunkedPost("/echo", "0005\r\nhello\r\n0\r\n\r\n"))
	add("chunked-trailer-declared", chunkedPost("/trailer-echo", "3\r\nabc\r\n0\r\nX-T: v\r\n\r\n", "Trailer: X-T"))
	add("chunked-trailer-undeclared", chunkedPost("/trailer-echo", "3\r\nabc\r\n0\r\nX-U: v\r\n\r\n"))
	add("chunked-trailer-forbidden-decl", chunkedPost("/trailer-echo", "3\r\nabc\r\n0\r\n\r\n", "Trailer: Content-Length"))
	add("chunked-trailer-bad-line", chunkedPost("/trailer-echo", "3\r\nabc\r\n0\r\nbad trailer\r\n\r\n"))
	add("chunked-trailer-long", chunkedPost("/trailer-echo", "3\r\nabc\r\n0\r\nX-Long: "+strings.Repeat("a", 5000)+"\r\n\r\n"))
	add("chunked-trailer-eof", chunkedPost("/trailer-echo", "3\r\nabc\r\n0\r\nX-T: v"), halfClose)
	add("chunked-bad-size", chunkedPost("/echo", "zz\r\nhello\r\n0\r\n\r\n"))
	add("chunked-0x-size", chunkedPost("/echo", "0x5\r\nhello\r\n0\r\n\r\n"))
	add("chunked-size-space", chunkedPost("/echo", "5 \r\nhello\r\n0\r\n\r\n"))
	add("chunked-overflow", chunkedPost("/echo", "fffffffffffffffff\r\nhello\r\n0\r\n\r\n"))
	add("chunked-negative", chunkedPost("/echo", "-5\r\nhello\r\n0\r\n\r\n"))
	add("chunked-missing-crlf", chunkedPost("/echo", "5\r\nhelloXX0\r\n\r\n"))
	add("chunked-bare-lf", chunkedPost("/echo", "5\nhello\n0\n\n"))
	add("chunked-eof", chunkedPost("/echo", "5\r\nhel"), halfClose)
	add("chunked-no-last", chunkedPost("/echo", "5\r\nhello\r\n"), halfClose)
	add("chunked-huge-ext", chunkedPost("/echo", "5;"+strings.Repeat("x", 5000)+"\r\nhello\r\n0\r\n\r\n"))
	add("chunked-many-tiny", chunkedPost("/echo", strings.Repeat("1\r\na\r\n", 200)+"0\r\n\r\n"))
	add("cl-short-body", post("/echo", "abc")[:len(post("/echo", "abc"))-1], halfClose)
	add("readsome", post("/readsome", "0123456789"))
	add("readsome-chunked", chunkedPost("/readsome", "a\r\n0123456789\r\n0\r\n\r\n"))
	add("closebody", post("/closebody", "0123456789"))
	add("noread-small", post("/noread", "0123456789")+get("/hello"), methods("POST", "GET"))
	add("noread-chunked", chunkedPost("/noread", "a\r\n0123456789\r\n0\r\n\r\n")+get("/hello"), methods("POST", "GET"))
	add("noread-chunked-bad", chunkedPost("/noread", "zz\r\n0123456789\r\n0\r\n\r\n"))
	add("noread-large", post("/noread", strings.Repeat("b", 300<<10)))
	add("noread-large-chunked", chunkedPost("/noread", fmt.Sprintf("%x\r\n%s\r\n0\r\n\r\n", 300<<10, strings.Repeat("b", 300<<10))))
	add("noread-exactly-limit", post("/noread", strings.Repeat("b", 256<<10)))
	add("get-with-body", req("GET /echo HTTP/1.1", []string{"Host: x", "Content-Length: 4"}, "body"))
	add("maxbytes-over", post("/maxbytes", strings.Repeat("m", 20))+get("/hello"), methods("POST", "GET"))
	add("maxbytes-under", post("/maxbytes", "12345")+get("/hello"), methods("POST", "GET"))
	add("maxbytes-exact", post("/maxbytes", "12345678")+get("/hello"), methods("POST", "GET"))
	add("maxbytes-handler", post("/limited", strings.Repeat("m", 100))+get("/hello"), methods("POST", "GET"))
	add("form-urlencoded", post("/form?q=1", "a=1&b=2&a=3", "Content-Type: application/x-www-form-urlencoded"))
	add("form-semicolon", get("/form?a=1;b=2"))
	add("form-bad-escape", post("/form", "a=%zz", "Content-Type: application/x-www-form-urlencoded"))
	add("fullduplex", post("/fullduplex", "duplex body"))
	add("controller", get("/controller"))
	add("controller-http10", "GET /controller HTTP/1.0\r\n\r\n")
	add("controller-hijack", get("/controller-hijack"))
	add("write-before-read", post("/writebeforeread", "late body"))
	add("write-before-read-chunked", chunkedPost("/writebeforeread", "4\r\nlate\r\n0\r\n\r\n"))

	// Expect.
	add("expect-continue-read", post("/echo", "abc", "Expect: 100-continue"))
	add("expect-continue-noread", post("/noread", "abc", "Expect: 100-continue")+get("/hello"), methods("POST", "GET"))
	add("expect-continue-zero", post("/echo", "", "Expect: 100-continue")+get("/hello"), methods("POST", "GET"))
	add("expect-continue-http10", "POST /echo HTTP/1.0\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\nabc")
	add("expect-continue-case", post("/echo", "abc", "Expect: 100-Continue"))
	add("expect-other", post("/echo", "abc", "Expect: something"))
	add("expect-empty", post("/echo", "abc", "Expect: "))
	add("expect-continue-chunked", chunkedPost("/echo", "3\r\nabc\r\n0\r\n\r\n", "Expect: 100-continue"))
	add("expect-continue-write-first", post("/writebeforeread", "abc", "Expect: 100-continue"))

	// Response framing.
	add("big", get("/big"))
	add("big-2047", get("/big?n=2047"))
	add("big-2048", get("/big?n=2048"))
	add("big-2049", get("/big?n=2049"))
	add("big-http10", "GET /big HTTP/1.0\r\n\r\n")
	add("flush", get("/flush"))
	add("flush-empty", get("/flushempty"))
	add("cl-exact", get("/cl?cl=5&body=hello"))
	add("cl-short", get("/cl?cl=10&body=hello"))
	add("cl-long", get("/cl?cl=3&body=hello"))
	add("cl-invalid", get("/cl?cl=abc&body=hello"))
	add("cl-negative", get("/cl?cl=-1&body=hello"))
	add("cl-zero-body", get("/cl?cl=0&body=x"))
	add("te-identity", get("/te?te=identity"))
	add("te-chunked", get("/te?te=chunked"))
	add("te-gzip", get("/te?te=gzip"))
	add("te-chunked-cl", get("/te?te=chunked&cl=7"))
	add("te-identity-cl", get("/te?te=identity&cl=7"))
	add("te-identity-http10", "GET /te?te=identity HTTP/1.0\r\n\r\n")
	add("readfrom-small", get("/readfrom?n=10"))
	add("readfrom-large", get("/readfrom?n=1000"))
	add("readfrom-head", "HEAD /readfrom?n=1000 HTTP/1.1\r\nHost: x\r\n\r\n", methods("HEAD"))

	// Status codes and headers.
	for _, code := range []int{200, 201, 204, 205, 301, 304, 404, 418, 500, 599, 600, 999, 103, 150} {
		add(fmt.Sprintf("status-%d", code), get(fmt.Sprintf("/status?code=%d&body=x", code)))
	}
	add("status-204-headers", get("/status?code=204&h-content-length=5&h-transfer-encoding=chunked&h-content-type=x"))
	add("status-304-headers", get("/status?code=304&h-content-length=5&h-content-type=text/x&h-etag=abc"))
	add("status-101-upgrade", get("/upgrade"))
	add("status-101-plain", get("/status?code=101"))
	add("early-hints", get("/early"))
	add("early-hints-http10", "GET /early HTTP/1.0\r\n\r\n")
	add("trailers", get("/trailers"))
	add("trailers-http10", "GET /trailers HTTP/1.0\r\n\r\n")
	add("headers", get("/headers"))
	add("header-after-write", get("/headerafter"))
	add("writeheader-twice", get("/twice"))
	add("connection-keepalive-http11", get("/status?code=200&h-connection=keep-alive"))
	add("connection-close-header", get("/status?code=200&h-connection=close"))
	add("date-given", get("/status?code=200&h-date=yesterday"))
	add("sniff-html", get("/sniff?body=%3Chtml%3Ehi"))
	add("sniff-pdf", get("/sniff?body=%25PDF-1.4"))
	add("sniff-text", get("/sniff?body=plain"))
	add("sniff-empty", get("/sniff"))
	add("sniff-encoded", get("/sniff?ce=gzip&body=%3Chtml%3E"))
	add("servecontent", get("/servecontent"))
	add("servecontent-range", req("GET /servecontent HTTP/1.1", []string{"Host: x", "Range: bytes=2-5"}, ""))
	add("servecontent-multirange", req("GET /servecontent HTTP/1.1", []string{"Host: x", "Range: bytes=0-1,4-5"}, ""))
	add("servecontent-ims", req("GET /servecontent HTTP/1.1", []string{"Host: x", "If-Modified-Since: Thu, 02 Jan 2020 03:04:05 GMT"}, ""))
	add("servecontent-bad-range", req("GET /servecontent HTTP/1.1", []string{"Host: x", "Range: bytes=100-200"}, ""))
	add("redirect", get("/redirect"))
	add("error", get("/error"))
	add("ctx", get("/ctx"))
	add("timeout-handler-fast", get("/timeout/fast"))
	add("timeout-handler-slow", get("/timeout/slow"))
	add("timeout-handler-default", get("/timeout/default"))
	add("timeout-handler-panic", get("/timeout/panic"))

	// Panics and hijacking.
	add("panic", get("/panic"))
	add("panic-flushed", get("/panicflushed"))
	add("abort", get("/abort"))
	add("hijack", get("/hijack"))
	add("hijack-pipelined", get("/hijack")+"EXTRA BYTES")

	// OPTIONS *.
	add("options-star", "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n")
	add("options-star-body", req("OPTIONS * HTTP/1.1", []string{"Host: x", "Content-Length: 5"}, "hello")+get("/hello"), methods("OPTIONS", "GET"))
	add("options-star-bigbody", req("OPTIONS * HTTP/1.1", []string{"Host: x", "Content-Length: 5000"}, strings.Repeat("o", 5000)), methods("OPTIONS"))
	add("options-star-disabled", "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n", profile("nooptions"))
	add("options-path", "OPTIONS /hello HTTP/1.1\r\nHost: x\r\n\r\n")
	add("get-star", "GET * HTTP/1.1\r\nHost: x\r\n\r\n")

	// Host rules.
	add("host-missing", "GET / HTTP/1.1\r\n\r\n")
	add("host-missing-http10", "GET / HTTP/1.0\r\n\r\n")
	add("host-empty", "GET / HTTP/1.1\r\nHost:\r\n\r\n")
	add("host-twice", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")
	add("host-twice-same", "GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n")
	add("host-bad-char", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n")
	add("host-slash", "GET / HTTP/1.1\r\nHost: a/b\r\n\r\n")
	add("host-ipv6", "GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n")
	add("host-utf8", "GET / HTTP/1.1\r\nHost: ex\xc3\xa4mple.com\r\n\r\n")
	add("host-absolute-uri", "GET http://abs.example/x?y HTTP/1.1\r\nHost: other\r\n\r\n")
	add("host-absolute-uri-nohost", "GET http://abs.example/x HTTP/1.1\r\n\r\n")
	add("host-lowercase-key", "GET / HTTP/1.1\r\nhost: lower\r\n\r\n")
	add("connect-authority", "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n")
	add("connect-nohost", "CONNECT example.com:443 HTTP/1.1\r\n\r\n")
	add("connect-path", "CONNECT /rpc HTTP/1.1\r\nHost: x\r\n\r\n")
	add("connect-bad", "CONNECT :::: HTTP/1.1\r\nHost: x\r\n\r\n")

	// Request line.
	add("method-lowercase", "get / HTTP/1.1\r\nHost: x\r\n\r\n")
	add("method-custom", "PURGE / HTTP/1.1\r\nHost: x\r\n\r\n")
	add("method-bad", "G@T / HTTP/1.1\r\nHost: x\r\n\r\n")
	add("method-empty", " / HTTP/1.1\r\nHost: x\r\n\r\n")
	add("line-missing-proto", "GET /\r\nHost: x\r\n\r\n")
	add("line-only-method", "GET\r\n\r\n")
	add("line-double-space", "GET  / HTTP/1.1\r\nHost: x\r\n\r\n")
	add("line-trailing-space", "GET / HTTP/1.1 \r\nHost: x\r\n\r\n")
	add("line-tab", "GET\t/\tHTTP/1.1\r\nHost: x\r\n\r\n")
	add("line-bare-lf", "GET / HTTP/1.1\nHost: x\n\n")
	add("line-bare-cr", "GET / HTTP/1.1\rHost: x\r\r\n\r\n")
	add("line-nul", "GET /\x00 HTTP/1.1\r\nHost: x\r\n\r\n")
	add("line-ctl-in-uri", "GET /a\x01b HTTP/1.1\r\nHost: x\r\n\r\n")
	add("line-del-in-uri", "GET /a\x7fb HTTP/1.1\r\nHost: x\r\n\r\n")
	add("line-utf8-uri", "GET /caf\xc3\xa9 HTTP/1.1\r\nHost: x\r\n\r\n")
	add("line-bad-utf8-uri", "GET /\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n")
	add("uri-bad-escape", get("/%zz"))
	add("uri-escaped-slash", get("/a%2Fb"))
	add("uri-fragment", get("/a#frag"))
	add("uri-double-slash", get("//double"))
	add("uri-dotdot", get("/a/../b"))
	add("uri-relative", get("relative"))
	add("uri-empty-query", get("/?"))
	add("uri-strip", get("/strip/x"))
	add("uri-long", get("/"+strings.Repeat("u", 8000)))
	add("uri-long-small", get("/"+strings.Repeat("u", 400)), profile("small"))

	// Versions.
	add("version-20", "GET / HTTP/2.0\r\nHost: x\r\n\r\n")
	add("version-30", "GET / HTTP/3.0\r\nHost: x\r\n\r\n")
	add("version-09", "GET / HTTP/0.9\r\nHost: x\r\n\r\n")
	add("version-00", "GET / HTTP/0.0\r\nHost: x\r\n\r\n")
	add("version-lower", "GET / http/1.1\r\nHost: x\r\n\r\n")
	add("version-short", "GET / HTTP/1\r\nHost: x\r\n\r\n")
	add("version-long", "GET / HTTP/1.10\r\nHost: x\r\n\r\n")
	add("version-10-major", "GET / HTTP/10.0\r\nHost: x\r\n\r\n")
	add("version-garbage", "GET / FOO/1.1\r\nHost: x\r\n\r\n")
	add("version-00-te", "POST / HTTP/0.0\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n")
	add("h2-preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")
	add("h2-preface-headers", "PRI * HTTP/2.0\r\nHost: x\r\n\r\n")

	// Header syntax.
	add("header-space-in-name", "GET / HTTP/1.1\r\nHost: x\r\nBad Name: v\r\n\r\n")
	add("header-space-before-colon", "GET / HTTP/1.1\r\nHost: x\r\nName : v\r\n\r\n")
	add("header-no-colon", "GET / HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n")
	add("header-empty-name", "GET / HTTP/1.1\r\nHost: x\r\n: v\r\n\r\n")
	add("header-ctl-value", "GET / HTTP/1.1\r\nHost: x\r\nX: a\x01b\r\n\r\n")
	add("header-nul-value", "GET / HTTP/1.1\r\nHost: x\r\nX: a\x00b\r\n\r\n")
	add("header-del-value", "GET / HTTP/1.1\r\nHost: x\r\nX: a\x7fb\r\n\r\n")
	add("header-tab-value", "GET / HTTP/1.1\r\nHost: x\r\nX:\ta\tb\t\r\n\r\n")
	add("header-utf8-value", "GET / HTTP/1.1\r\nHost: x\r\nX: caf\xc3\xa9\r\n\r\n")
	add("header-utf8-name", "GET / HTTP/1.1\r\nHost: x\r\nCaf\xc3\xa9: v\r\n\r\n")
	add("header-obs-fold", "GET / HTTP/1.1\r\nHost: x\r\nX: a\r\n b\r\n\r\n")
	add("header-obs-fold-tab", "GET / HTTP/1.1\r\nHost: x\r\nX: a\r\n\tb\r\n\r\n")
	add("header-first-line-folded", "GET / HTTP/1.1\r\n Host: x\r\n\r\n")
	add("header-underscore", "GET / HTTP/1.1\r\nHost: x\r\nX_Under: v\r\n\r\n")
	add("header-repeated", "GET / HTTP/1.1\r\nHost: x\r\nX: 1\r\nx: 2\r\nX: 3\r\n\r\n")
	add("header-pragma", "GET / HTTP/1.1\r\nHost: x\r\nPragma: no-cache\r\n\r\n")
	add("header-pragma-cc", "GET / HTTP/1.1\r\nHost: x\r\nPragma: no-cache\r\nCache-Control: max-age=1\r\n\r\n")
	add("header-many", req("GET / HTTP/1.1", append([]string{"Host: x"}, manyHeaders(500)...), ""))
	add("header-huge", req("GET / HTTP/1.1", []string{"Host: x", "X-Huge: " + strings.Repeat("h", 1<<20+5000)}, ""))
	add("header-large-small-profile", req("GET / HTTP/1.1", []string{"Host: x", "X-Large: " + strings.Repeat("h", 600)}, ""), profile("small"))
	add("header-just-fits-small-profile", req("GET / HTTP/1.1", []string{"Host: x", "X-Fit: " + strings.Repeat("h", 100)}, ""), profile("small"))
	add("header-eof", "GET / HTTP/1.1\r\nHost: x\r\n", halfClose)
	add("line-eof", "GET / HTTP/1.1", halfClose)
	add("partial-eof", "G", halfClose)
	add("empty-eof", "", halfClose)

	// Content-Length and Transfer-Encoding rules (smuggling shapes).
	add("cl-plus", req("POST /echo HTTP/1.1", []string{"Host: x", "Content-Length: +3"}, "abc"))
	add("cl-negative-req", req("POST /echo HTTP/1.1", []string{"Host: x", "Content-Length: -3"}, "abc"))
	add("cl-spaces", req("POST /echo HTTP/1.1", []string{"Host: x", "Content-Length:  3 "}, "abc"))
	add("cl-leading-zeros", req("POST /echo HTTP/1.1", []string{"Host: x", "Content-Length: 003"}, "abc"))
	add("cl-empty", req("POST /echo HTTP/1.1", []string{"Host: x", "Content-Length:"}, "abc"))
	add("cl-comma", req("POST /echo HTTP/1.1", []string{"Host: x", "Content-Length: 3, 3"}, "abc"))
	add("cl-hex", req("POST /echo HTTP/1.1", []string{"Host: x", "Content-Length: 0x3"}, "abc"))
	add("cl-huge", req("POST /echo HTTP/1.1", []string{"Host: x", "Content-Length: 99999999999999999999"}, "abc"))
	add("cl-max", req("POST /noread HTTP/1.1", []string{"Host: x", "Content-Length: 9223372036854775807"}, "abc"))
	add("cl-dup-same", req("POST /echo HTTP/1.1", []string{"Host: x", "Content-Length: 3", "Content-Length: 3"}, "abc"))
	add("cl-dup-same-spaces", req("POST /echo HTTP/1.1", []string{"Host: x", "Content-Length: 3", "Content-Length:  3 "}, "abc"))
	add("cl-dup-differ", req("POST /echo HTTP/1.1", []string{"Host: x", "Content-Length: 3", "Content-Length: 4"}, "abcd"))
	add("cl-te", req("POST /echo HTTP/1.1", []string{"Host: x", "Content-Length: 4", "Transfer-Encoding: chunked"}, "3\r\nabc\r\n0\r\n\r\n"))
	add("te-cl", req("POST /echo HTTP/1.1", []string{"Host: x", "Transfer-Encoding: chunked", "Content-Length: 100"}, "3\r\nabc\r\n0\r\n\r\n")+get("/hello"), methods("POST", "GET"))
	add("te-cl-bad", req("POST /echo HTTP/1.1", []string{"Host: x", "Transfer-Encoding: chunked", "Content-Length: x"}, "3\r\nabc\r\n0\r\n\r\n"))
	add("te-uppercase", req("POST /echo HTTP/1.1", []string{"Host: x", "Transfer-Encoding: CHUNKED"}, "3\r\nabc\r\n0\r\n\r\n"))
	add("te-kelvin", req("POST /echo HTTP/1.1", []string{"Host: x", "Transfer-Encoding: chun\xe2\x84\xaaed"}, "3\r\nabc\r\n0\r\n\r\n"))
	add("te-identity-req", req("POST /echo HTTP/1.1", []string{"Host: x", "Transfer-Encoding: identity", "Content-Length: 3"}, "abc"))
	add("te-gzip-req", req("POST /echo HTTP/1.1", []string{"Host: x", "Transfer-Encoding: gzip"}, "abc"))
	add("te-gzip-chunked", req("POST /echo HTTP/1.1", []string{"Host: x", "Transfer-Encoding: gzip, chunked"}, "3\r\nabc\r\n0\r\n\r\n"))
	add("te-chunked-gzip", req("POST /echo HTTP/1.1", []string{"Host: x", "Transfer-Encoding: chunked, gzip"}, "3\r\nabc\r\n0\r\n\r\n"))
	add("te-twice", req("POST /echo HTTP/1.1", []string{"Host: x", "Transfer-Encoding: chunked", "Transfer-Encoding: chunked"}, "3\r\nabc\r\n0\r\n\r\n"))
	add("te-empty", req("POST /echo HTTP/1.1", []string{"Host: x", "Transfer-Encoding:", "Content-Length: 3"}, "abc"))
	add("te-space-colon", req("POST /echo HTTP/1.1", []string{"Host: x", "Transfer-Encoding : chunked", "Content-Length: 3"}, "abc"))
	add("te-tab-value", req("POST /echo HTTP/1.1", []string{"Host: x", "Transfer-Encoding:\tchunked"}, "3\r\nabc\r\n0\r\n\r\n"))
	add("te-vt-value", req("POST /echo HTTP/1.1", []string{"Host: x", "Transfer-Encoding: \x0bchunked", "Content-Length: 3"}, "abc"))
	add("te-folded", req("POST /echo HTTP/1.1", []string{"Host: x", "Transfer-Encoding:", " chunked"}, "3\r\nabc\r\n0\r\n\r\n"))
	add("te-http10-chunked", "POST /echo HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
	add("cl-pipeline-smuggle", req("POST /echo HTTP/1.1", []string{"Host: x", "Content-Length: 0"}, "")+"GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n", methods("POST", "GET"))

	// Slow senders.
	add("trickle-get", get("/hello"), trickle)
	add("trickle-post", post("/echo", "slow body"), trickle)
	add("trickle-chunked", chunkedPost("/echo", "3\r\nabc\r\n0\r\nX: y\r\n\r\n"), trickle)
	add("trickle-pipeline", get("/hello")+get("/dump"), trickle, methods("GET", "GET"))
	add("timeout-header", "GET / HTTP/1.1\r\nHost: x\r\n", profile("timeouts"))
	add("timeout-body", post("/echo", "abcdef")[:len(post("/echo", "abcdef"))-3], profile("timeouts"))
	add("timeout-ok", get("/hello"), profile("timeouts"))
	return cs
}

func manyHeaders(k int) []string {
	hs := make([]string, k)
	for i := range hs {
		hs[i] = fmt.Sprintf("X-H%d: %d", i, i)
	}
	return hs
}
