// Package httpdiff is the differential conformance suite of green/http:
// the same handlers served by net/http and by green/http, the same
// clients' work done by net/http's client and green/http's, and the
// answers compared.
//
// The server half (TestServerDifferential) sends every request of the
// corpus (Corpus: well-formed, odd and hostile requests — framing and
// request-smuggling shapes, bad versions, control characters, huge
// headers, trickling senders, timeouts) over TCP to both servers and
// requires the same bytes back, with Date values and multipart
// boundaries blanked, the same fate of the connection (a probe request is
// sent after the expected answers: answered, or the connection closed),
// and the same error log. TestConnStateSequences, TestShutdownGraceful and
// the other behaviour tests compare what cannot be seen in bytes: connection
// states, graceful shutdown, cancellation of request contexts when the
// client leaves, timeouts, TLS. FuzzServers feeds random bytes to both;
// its seed corpus (the corpus) runs as a normal test, and
//
//	go test -run XXX -fuzz FuzzServers ./conformance/httpdiff
//
// explores further.
//
// The client half (TestClientDifferential) runs scenarios — bodies,
// headers, redirects, gzip, cookies, timeouts and their error strings,
// proxies, TLS, broken servers — with a net/http client and a green/http
// client configured alike, against the same net/http servers, and
// compares the results with go-cmp, error messages included.
//
// # What the suite does not compare, and why
//
// The differences that remain between the packages are listed, with their
// reasons, in green/http's documentation. The suite works around these:
//
//   - Each server gets the MaxBytesReader, MaxBytesHandler and
//     TimeoutHandler of its own package (see Limits): net/http's
//     MaxBytesReader reaches its server through an unexported method, and
//     net/http's TimeoutHandler waits in a plain select, which would stall
//     a hub.
//   - The fuzz target half-closes its connection after the bytes and
//     serves only the request dump: otherwise whether a handler sees its
//     context cancelled would race with the client's close, in net/http as
//     in green/http.
//   - HTTP/2 is not compared: green/http does not speak it, and the
//     clients are configured so that net/http's does not either.
package httpdiff
