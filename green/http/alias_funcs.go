package http

import (
	"bufio"
	"context"
	"github.com/eventlet-go/eventlet/green/time"
	"io"
	"io/fs"
	"net/http"
	"net/url"
)

// The functions below do not block on the network themselves: each is a
// thin wrapper of its net/http twin and returns what the twin returns.

// AllowQuerySemicolons wraps h to accept ';' as a query separator; see
// [net/http.AllowQuerySemicolons].
func AllowQuerySemicolons(h Handler) Handler { return http.AllowQuerySemicolons(h) }

// CanonicalHeaderKey returns the canonical form of a header key; see
// [net/http.CanonicalHeaderKey].
func CanonicalHeaderKey(s string) string { return http.CanonicalHeaderKey(s) }

// DetectContentType sniffs the content type of data; see [net/http.DetectContentType].
func DetectContentType(data []byte) string { return http.DetectContentType(data) }

// Error replies with a plain-text error message and code; see [net/http.Error].
func Error(w ResponseWriter, error string, code int) { http.Error(w, error, code) }

// FS converts an [io/fs.FS] to a [FileSystem]; see [net/http.FS].
func FS(fsys fs.FS) FileSystem { return http.FS(fsys) }

// FileServer returns a handler serving files from root; see [net/http.FileServer].
func FileServer(root FileSystem) Handler { return http.FileServer(root) }

// FileServerFS returns a handler serving files from fsys; see [net/http.FileServerFS].
func FileServerFS(root fs.FS) Handler { return http.FileServerFS(root) }

// Handle registers handler for pattern in [DefaultServeMux]; see [net/http.Handle].
func Handle(pattern string, handler Handler) { http.Handle(pattern, handler) }

// HandleFunc registers handler for pattern in [DefaultServeMux]; see [net/http.HandleFunc].
func HandleFunc(pattern string, handler func(ResponseWriter, *Request)) {
	http.HandleFunc(pattern, handler)
}

// NewCrossOriginProtection returns a CSRF protection; see [net/http.NewCrossOriginProtection].
func NewCrossOriginProtection() *CrossOriginProtection { return http.NewCrossOriginProtection() }

// NewRequest builds a client request; see [net/http.NewRequest].
func NewRequest(method, url string, body io.Reader) (*Request, error) {
	return http.NewRequest(method, url, body)
}

// NewRequestWithContext builds a client request bound to ctx; see
// [net/http.NewRequestWithContext].
func NewRequestWithContext(ctx context.Context, method, url string, body io.Reader) (*Request, error) {
	return http.NewRequestWithContext(ctx, method, url, body)
}

// NewResponseController returns a controller for rw; see [net/http.NewResponseController].
func NewResponseController(rw ResponseWriter) *ResponseController {
	return http.NewResponseController(rw)
}

// NewServeMux allocates a new [ServeMux]; see [net/http.NewServeMux].
func NewServeMux() *ServeMux { return http.NewServeMux() }

// NotFound replies with a 404 error; see [net/http.NotFound].
func NotFound(w ResponseWriter, r *Request) { http.NotFound(w, r) }

// NotFoundHandler returns a handler answering 404; see [net/http.NotFoundHandler].
func NotFoundHandler() Handler { return http.NotFoundHandler() }

// ParseCookie parses a Cookie header value; see [net/http.ParseCookie].
func ParseCookie(line string) ([]*Cookie, error) { return http.ParseCookie(line) }

// ParseHTTPVersion parses an HTTP version string; see [net/http.ParseHTTPVersion].
func ParseHTTPVersion(vers string) (major, minor int, ok bool) {
	return http.ParseHTTPVersion(vers)
}

// ParseSetCookie parses a Set-Cookie header value; see [net/http.ParseSetCookie].
func ParseSetCookie(line string) (*Cookie, error) { return http.ParseSetCookie(line) }

// ParseTime parses an HTTP date; see [net/http.ParseTime].
func ParseTime(text string) (t time.Time, err error) { return http.ParseTime(text) }

// ProxyFromEnvironment returns the proxy for req from the environment; see
// [net/http.ProxyFromEnvironment].
func ProxyFromEnvironment(req *Request) (*url.URL, error) { return http.ProxyFromEnvironment(req) }

// ProxyURL returns a proxy function that always answers fixedURL; see [net/http.ProxyURL].
func ProxyURL(fixedURL *url.URL) func(*Request) (*url.URL, error) { return http.ProxyURL(fixedURL) }

// ReadRequest reads a request from b; see [net/http.ReadRequest]. It blocks
// only as much as b's underlying reader does.
func ReadRequest(b *bufio.Reader) (*Request, error) { return http.ReadRequest(b) }

// ReadResponse reads a response from r; see [net/http.ReadResponse]. It
// blocks only as much as r's underlying reader does.
func ReadResponse(r *bufio.Reader, req *Request) (*Response, error) {
	return http.ReadResponse(r, req)
}

// Redirect replies with a redirect to url; see [net/http.Redirect].
func Redirect(w ResponseWriter, r *Request, url string, code int) { http.Redirect(w, r, url, code) }

// RedirectHandler returns a handler redirecting every request; see [net/http.RedirectHandler].
func RedirectHandler(url string, code int) Handler { return http.RedirectHandler(url, code) }

// ServeContent replies with content, honouring range and conditional
// requests; see [net/http.ServeContent].
func ServeContent(w ResponseWriter, req *Request, name string, modtime time.Time, content io.ReadSeeker) {
	http.ServeContent(w, req, name, modtime, content)
}

// ServeFile replies with the named file or directory; see [net/http.ServeFile].
func ServeFile(w ResponseWriter, r *Request, name string) { http.ServeFile(w, r, name) }

// ServeFileFS replies with the named file of fsys; see [net/http.ServeFileFS].
func ServeFileFS(w ResponseWriter, r *Request, fsys fs.FS, name string) {
	http.ServeFileFS(w, r, fsys, name)
}

// SetCookie adds a Set-Cookie header to w; see [net/http.SetCookie].
func SetCookie(w ResponseWriter, cookie *Cookie) { http.SetCookie(w, cookie) }

// StatusText returns the text of a status code; see [net/http.StatusText].
func StatusText(code int) string { return http.StatusText(code) }

// StripPrefix wraps h to strip prefix from request paths; see [net/http.StripPrefix].
func StripPrefix(prefix string, h Handler) Handler { return http.StripPrefix(prefix, h) }
