//lint:file-ignore SA1019 deprecated names of net/http are mirrored too, for API parity.

package http

import "net/http"

// Errors and sentinels, bound to net/http's very values so that == and
// errors.Is match errors from either package.
var (
	ErrAbortHandler         = http.ErrAbortHandler
	ErrBodyNotAllowed       = http.ErrBodyNotAllowed
	ErrBodyReadAfterClose   = http.ErrBodyReadAfterClose
	ErrContentLength        = http.ErrContentLength
	ErrHandlerTimeout       = http.ErrHandlerTimeout
	ErrHeaderTooLong        = http.ErrHeaderTooLong
	ErrHijacked             = http.ErrHijacked
	ErrLineTooLong          = http.ErrLineTooLong
	ErrMissingBoundary      = http.ErrMissingBoundary
	ErrMissingContentLength = http.ErrMissingContentLength
	ErrMissingFile          = http.ErrMissingFile
	ErrNoCookie             = http.ErrNoCookie
	ErrNoLocation           = http.ErrNoLocation
	ErrNotMultipart         = http.ErrNotMultipart
	ErrNotSupported         = http.ErrNotSupported
	ErrSchemeMismatch       = http.ErrSchemeMismatch
	ErrServerClosed         = http.ErrServerClosed
	ErrShortBody            = http.ErrShortBody
	ErrSkipAltProtocol      = http.ErrSkipAltProtocol
	ErrUnexpectedTrailer    = http.ErrUnexpectedTrailer
	ErrUseLastResponse      = http.ErrUseLastResponse
	ErrWriteAfterFlush      = http.ErrWriteAfterFlush
)

// ServerContextKey is the context key under which a handler finds the
// *[Server] serving it; see [net/http.ServerContextKey]. The value stored
// is this package's *Server.
var ServerContextKey = http.ServerContextKey

// LocalAddrContextKey is the context key under which a handler finds the
// local address of its connection; see [net/http.LocalAddrContextKey].
var LocalAddrContextKey = http.LocalAddrContextKey

// NoBody is an empty request body; see [net/http.NoBody].
var NoBody = http.NoBody

// DefaultServeMux is the [ServeMux] used by [Serve] when the handler is nil.
// It is net/http's DefaultServeMux, so routes registered through either
// package land in the same mux.
var DefaultServeMux = http.DefaultServeMux
