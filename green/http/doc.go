// Package http mirrors net/http for eventlet-go: a program that imports it
// instead of "net/http" gets an HTTP/1.1 server and client whose blocking
// runs on greenthreads.
//
// Every exported name of net/http exists here with the same kind. What
// does not block is net/http's own: Handler, HandlerFunc, ServeMux,
// Request, Response, Header, Cookie, ResponseWriter and the other data
// types are aliases, the helpers (Error, Redirect, FileServer,
// ServeContent, StripPrefix...) are thin wrappers, and the errors are the
// very same values. So every http.Handler, router and middleware written
// for net/http runs unchanged.
//
// What touches the network is this package's own code:
//
//   - [Server] (and [ListenAndServe], [Serve] and their TLS forms) is an
//     HTTP/1.1 server serving each connection on one greenthread. It
//     answers like net/http, byte for byte where net/http is
//     deterministic: request parsing and its 400, 414/431, 501 and 505
//     answers, framing rules, keep-alive, pipelining, Expect:
//     100-continue, automatic Content-Length and chunking, content
//     sniffing, trailers, Hijack, Flush, panics, graceful Shutdown,
//     timeouts. The conformance/httpdiff suite checks this against
//     net/http with a corpus of raw requests and a fuzz target. Request
//     heads are read with net/textproto, as net/http reads them, except
//     plain ones (printable ASCII, CRLF line ends, already buffered), which
//     a faster parser takes only where it gives the very same Request.
//   - [Transport] is an HTTP/1.1 client transport with a keep-alive pool,
//     TLS, proxies and transparent gzip; [Client] is net/http's Client
//     logic (redirects, cookies) over it, with Timeout handled without
//     extra goroutines. [DefaultClient], [Get], [Head], [Post] and
//     [PostForm] use them.
//   - [TimeoutHandler], [MaxBytesReader], [MaxBytesHandler],
//     [NewFileTransport] and [NewFileTransportFS] have their own versions,
//     which work with this package's ResponseWriter and never block a hub.
//
// An idle keep-alive connection holds no buffers, and a handler that never
// looks at its request's context costs no background read: the watch for
// a departing client starts when the context's Done or Err is first asked
// for (or CloseNotify is called).
//
// # Differences from net/http
//
// These are the known differences; each is kept because the net/http
// behaviour cannot be reproduced from outside net/http, or would cost the
// hub its point.
//
//   - HTTP/2 is not spoken, by the server or the client. A TLS server
//     offers only "http/1.1" (plus what TLSConfig.NextProtos lists) and a
//     connection that negotiates another protocol goes to TLSNextProto if
//     it names one, else is closed. The client removes "h2" from the ALPN
//     protocols it offers. Server.HTTP2, Transport.HTTP2,
//     Transport.ForceAttemptHTTP2 and Transport.TLSNextProto are accepted
//     and ignored; of Protocols only HTTP1 is honoured.
//   - A handler that calls net/http's MaxBytesReader (rather than this
//     package's) cannot tell this server that the limit was hit: net/http
//     does so through an unexported method. The response then lacks
//     "Connection: close" and the server drains up to 256 KiB of the rest
//     of the body, as for any unread body. This package's MaxBytesReader
//     behaves exactly as net/http's does with net/http's server.
//   - The value under ServerContextKey is this package's *Server, and
//     TLSNextProto functions receive it.
//   - Request.Context() of a server request is this package's own context
//     type, not context's: it behaves the same (Done, Err, Value,
//     Deadline, cancellation of derived contexts, context.Cause), but
//     callbacks registered with context.AfterFunc run when the request is
//     cancelled on the greenthread that cancels it.
//   - NewFileTransport's response body is buffered in memory instead of
//     being streamed through a pipe.
//   - The Transport dials in the requesting greenthread with the
//     request's context; net/http dials on its own and keeps a connection
//     whose requester gave up for the next request.
//   - A GET, HEAD, DELETE, OPTIONS, PROPFIND or SEARCH request with a body
//     of unknown length has its first byte read to tell an empty body from
//     a chunked one; net/http gives up on that read after 200ms and sends
//     the body chunked, this Transport waits for the byte.
//   - Host names must be ASCII (Punycode): the IDNA conversion net/http
//     does for Unicode host names needs golang.org/x/text, which this
//     module does not depend on.
//   - SOCKS5 proxies are not supported (an error names the scheme).
//   - Of httptrace.ClientTrace, the hooks GetConn, GotConn,
//     TLSHandshakeStart, TLSHandshakeDone, WroteRequest,
//     GotFirstResponseByte, Got100Continue, Got1xxResponse,
//     Wait100Continue and PutIdleConn are called; WroteHeaderField and
//     WroteHeaders are not, and the DNS and connect hooks depend on the
//     dialer.
//   - GODEBUG settings of net/http (httplaxcontentlength, http2server,
//     http2client...) are not consulted.
package http
