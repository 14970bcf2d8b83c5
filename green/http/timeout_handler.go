package http

import (
	"bytes"
	"context"
	"github.com/eventlet-go/eventlet/green/sync"
	"github.com/eventlet-go/eventlet/green/time"
	"io"
	"log"
	"maps"
	"path"
)

// TimeoutHandler returns a [Handler] that runs h with the time limit dt,
// as [net/http.TimeoutHandler] does: h runs on its own greenthread, its
// output is buffered, and if it is not done within dt the client gets 503
// Service Unavailable with msg as the body (a default HTML page if msg is
// empty), after which h's writes fail with ErrHandlerTimeout. If the
// request's context ends first, the client gets a bare 503. A panic in h
// is re-raised in the caller's greenthread. The writer given to h supports
// neither Flusher nor Hijacker.
func TimeoutHandler(h Handler, dt time.Duration, msg string) Handler {
	return &timeoutHandler{handler: h, body: msg, dt: dt}
}

type timeoutHandler struct {
	handler Handler
	body    string
	dt      time.Duration
}

func (h *timeoutHandler) errorBody() string {
	if h.body != "" {
		return h.body
	}
	return "<html><head><title>Timeout</title></head><body><h1>Timeout</h1></body></html>"
}

func (h *timeoutHandler) ServeHTTP(w ResponseWriter, r *Request) {
	ctx, cancel := context.WithTimeout(r.Context(), h.dt)
	defer cancel()
	r = r.WithContext(ctx)
	done := make(chan struct{})
	panicked := make(chan any, 1)
	tw := &timeoutWriter{w: w, h: make(Header), req: r}
	spawn(func() {
		defer func() {
			if p := recover(); p != nil {
				panicked <- p
			}
		}()
		h.handler.ServeHTTP(tw, r)
		close(done)
	})
	p, outcome := waitHandler(panicked, done, ctx.Done())
	switch outcome {
	case handlerPanicked:
		panic(p)
	case handlerDone:
		tw.mu.Lock()
		defer tw.mu.Unlock()
		maps.Copy(w.Header(), tw.h)
		if !tw.wroteHeader {
			tw.code = StatusOK
		}
		w.WriteHeader(tw.code)
		w.Write(tw.wbuf.Bytes())
	case handlerExpired:
		tw.mu.Lock()
		defer tw.mu.Unlock()
		w.WriteHeader(StatusServiceUnavailable)
		if err := ctx.Err(); err == context.DeadlineExceeded {
			io.WriteString(w, h.errorBody())
			tw.err = ErrHandlerTimeout
		} else {
			tw.err = err
		}
	}
}

// timeoutWriter buffers the output of a handler run by TimeoutHandler.
type timeoutWriter struct {
	w    ResponseWriter
	h    Header
	wbuf bytes.Buffer
	req  *Request

	mu          sync.Mutex // guards the fields below and wbuf
	err         error
	wroteHeader bool
	code        int
}

// Push forwards to the underlying writer if it can push.
func (tw *timeoutWriter) Push(target string, opts *PushOptions) error {
	if pusher, ok := tw.w.(Pusher); ok {
		return pusher.Push(target, opts)
	}
	return ErrNotSupported
}

func (tw *timeoutWriter) Header() Header { return tw.h }

func (tw *timeoutWriter) Write(p []byte) (int, error) {
	tw.mu.Lock()
	defer tw.mu.Unlock()
	if tw.err != nil {
		return 0, tw.err
	}
	if !tw.wroteHeader {
		tw.writeHeaderLocked(StatusOK)
	}
	return tw.wbuf.Write(p)
}

func (tw *timeoutWriter) WriteHeader(code int) {
	tw.mu.Lock()
	defer tw.mu.Unlock()
	tw.writeHeaderLocked(code)
}

func (tw *timeoutWriter) writeHeaderLocked(code int) {
	checkWriteHeaderCode(code)
	switch {
	case tw.err != nil:
	case tw.wroteHeader:
		caller := relevantCaller()
		logRequestf(tw.req, "http: superfluous response.WriteHeader call from %s (%s:%d)", caller.Function, path.Base(caller.File), caller.Line)
	default:
		tw.wroteHeader = true
		tw.code = code
	}
}

// logRequestf logs to the ErrorLog of the Server serving r, or to the
// standard logger.
func logRequestf(r *Request, format string, args ...any) {
	if s, _ := r.Context().Value(ServerContextKey).(*Server); s != nil {
		s.logf(format, args...)
		return
	}
	log.Printf(format, args...)
}
