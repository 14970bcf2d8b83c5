//lint:file-ignore SA1019 deprecated names of net/http are mirrored too, for API parity.

package http

import "net/http"

// The types below do not block: they are net/http's own types, so values
// flow freely between this package, net/http and every library built on it.

// Handler responds to an HTTP request; see [net/http.Handler].
type Handler = http.Handler

// HandlerFunc adapts an ordinary function to a [Handler]; see [net/http.HandlerFunc].
type HandlerFunc = http.HandlerFunc

// ServeMux is the request multiplexer; see [net/http.ServeMux].
type ServeMux = http.ServeMux

// ResponseWriter is what a [Handler] writes its response to; see [net/http.ResponseWriter].
type ResponseWriter = http.ResponseWriter

// Flusher is implemented by ResponseWriters that can flush buffered data; see [net/http.Flusher].
type Flusher = http.Flusher

// Hijacker is implemented by ResponseWriters that hand over the connection; see [net/http.Hijacker].
type Hijacker = http.Hijacker

// CloseNotifier is the deprecated peer-gone notification; see [net/http.CloseNotifier].
type CloseNotifier = http.CloseNotifier

// Pusher is the HTTP/2 server push interface; see [net/http.Pusher]. The
// HTTP/1.1 server of this package never implements it.
type Pusher = http.Pusher

// PushOptions describes options for [Pusher.Push]; see [net/http.PushOptions].
type PushOptions = http.PushOptions

// ResponseController controls a [ResponseWriter]; see [net/http.ResponseController].
// It works with this package's server through the methods the
// ResponseWriter implements (FlushError, Hijack, SetReadDeadline,
// SetWriteDeadline, EnableFullDuplex).
type ResponseController = http.ResponseController

// Request is an HTTP request; see [net/http.Request].
type Request = http.Request

// Response is an HTTP response; see [net/http.Response].
type Response = http.Response

// Header is a header map; see [net/http.Header].
type Header = http.Header

// Cookie is an HTTP cookie; see [net/http.Cookie].
type Cookie = http.Cookie

// CookieJar stores cookies for a [Client]; see [net/http.CookieJar].
type CookieJar = http.CookieJar

// SameSite is a cookie's SameSite attribute; see [net/http.SameSite].
type SameSite = http.SameSite

// RoundTripper executes a single HTTP transaction; see [net/http.RoundTripper].
type RoundTripper = http.RoundTripper

// ConnState is a server connection's state; see [net/http.ConnState].
type ConnState = http.ConnState

// ProtocolError is an HTTP protocol error; see [net/http.ProtocolError].
type ProtocolError = http.ProtocolError

// MaxBytesError is returned by [MaxBytesReader] past its limit; see [net/http.MaxBytesError].
type MaxBytesError = http.MaxBytesError

// FileSystem is a collection of named files; see [net/http.FileSystem].
type FileSystem = http.FileSystem

// File is a file served by a [FileSystem]; see [net/http.File].
type File = http.File

// Dir is a [FileSystem] rooted at a directory; see [net/http.Dir].
type Dir = http.Dir

// CrossOriginProtection rejects non-safe cross-origin requests; see
// [net/http.CrossOriginProtection].
type CrossOriginProtection = http.CrossOriginProtection

// HTTP2Config holds HTTP/2 settings; see [net/http.HTTP2Config]. This
// package speaks HTTP/1.1 only, so the settings are accepted and unused.
type HTTP2Config = http.HTTP2Config

// Protocols is a set of HTTP protocols; see [net/http.Protocols]. This
// package serves and dials HTTP/1 only.
type Protocols = http.Protocols
