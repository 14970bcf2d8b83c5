package http

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
)

// NewFileTransport returns a [RoundTripper] serving files from fs, for
// registering a "file" protocol on a [Transport]; see
// [net/http.NewFileTransport]. The response is the one net/http builds
// (HTTP/1.0, Close set, ContentLength -1 when there is a body) but its
// body is buffered in memory rather than streamed through a pipe fed by
// another goroutine.
func NewFileTransport(fs FileSystem) RoundTripper {
	return fileTransport{FileServer(fs)}
}

// NewFileTransportFS is [NewFileTransport] for an [io/fs.FS].
func NewFileTransportFS(fsys fs.FS) RoundTripper {
	return NewFileTransport(FS(fsys))
}

type fileTransport struct {
	h Handler
}

// RoundTrip serves req with the file server and returns its response.
func (t fileTransport) RoundTrip(req *Request) (*Response, error) {
	rw := &fileResponse{res: &Response{
		Proto:      "HTTP/1.0",
		ProtoMajor: 1,
		Header:     make(Header),
		Close:      true,
		Request:    req,
	}}
	t.h.ServeHTTP(rw, req)
	if !rw.wroteHeader {
		rw.WriteHeader(StatusInternalServerError)
	}
	if rw.hasContent {
		rw.res.ContentLength = -1
	}
	rw.res.Body = io.NopCloser(bytes.NewReader(rw.body.Bytes()))
	return rw.res, nil
}

// fileResponse is the ResponseWriter a fileTransport records into.
type fileResponse struct {
	res         *Response
	body        bytes.Buffer
	wroteHeader bool
	hasContent  bool
}

func (rw *fileResponse) Header() Header { return rw.res.Header }

func (rw *fileResponse) WriteHeader(code int) {
	if rw.wroteHeader {
		return
	}
	rw.wroteHeader = true
	rw.res.StatusCode = code
	rw.res.Status = fmt.Sprintf("%d %s", code, StatusText(code))
}

func (rw *fileResponse) Write(p []byte) (int, error) {
	if !rw.wroteHeader {
		rw.WriteHeader(StatusOK)
	}
	rw.hasContent = true
	return rw.body.Write(p)
}
