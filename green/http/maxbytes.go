package http

import (
	"io"
	"net/http"
)

// MaxBytesReader limits the bytes read from r to n; reading more returns
// a *MaxBytesError, and if w is this package's ResponseWriter the
// connection is closed after the response, as net/http does. The reader
// returned is net/http's own, so Request.ParseForm recognises it.
func MaxBytesReader(w ResponseWriter, r io.ReadCloser, n int64) io.ReadCloser {
	if n < 0 {
		n = 0
	}
	if res, ok := w.(*response); ok {
		r = &limitWatcher{ReadCloser: r, res: res, left: n}
	}
	return http.MaxBytesReader(w, r, n)
}

// limitWatcher counts what net/http's maxBytesReader pulls from the body.
// That reader asks for at most one byte past its limit and fails exactly
// when it gets it, so seeing more than the limit go by is the moment to
// tell the response.
type limitWatcher struct {
	io.ReadCloser
	res  *response
	left int64
}

func (l *limitWatcher) Read(p []byte) (int, error) {
	n, err := l.ReadCloser.Read(p)
	l.left -= int64(n)
	if l.left < 0 && n > 0 {
		l.res.requestTooLarge()
	}
	return n, err
}

// MaxBytesHandler runs h with the request body wrapped by
// [MaxBytesReader] with limit n.
func MaxBytesHandler(h Handler, n int64) Handler {
	return HandlerFunc(func(w ResponseWriter, r *Request) {
		r2 := *r
		r2.Body = MaxBytesReader(w, r.Body, n)
		h.ServeHTTP(w, &r2)
	})
}
