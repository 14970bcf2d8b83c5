package http

import (
	"bufio"
	"bytes"
	"errors"
	"github.com/eventlet-go/eventlet/green/sync"
	"io"
	"maps"
	"net/http/httputil"
	"net/textproto"
	"sync/atomic"
)

// maxPostHandlerReadBytes is how much of a request body the handler left
// unread the server will read and discard to keep the connection alive.
// Past it, the connection is closed instead (net/http's tolerance).
const maxPostHandlerReadBytes = 256 << 10

// errTrailerEOF reports a connection that ended inside a chunked body's trailer.
var errTrailerEOF = errors.New("http: unexpected EOF reading trailer")

// requestBody is a server request's body, framed by Content-Length or
// chunked encoding and read straight from the connection's bufio.Reader.
// It behaves as net/http's server-side body does: reads after Close fail
// with ErrBodyReadAfterClose, a short body is io.ErrUnexpectedEOF, the
// trailer is merged into Request.Trailer at the end of a chunked body, and
// Close discards at most maxPostHandlerReadBytes before giving up on the
// connection.
type requestBody struct {
	br        *bufio.Reader
	chunked   io.Reader // the chunk decoder, nil for a Content-Length body
	remaining int64     // bytes left of a Content-Length body
	closing   bool      // the connection closes after this request

	mu         sync.Mutex // guards the fields below, and Read and Close
	trailerOf  *Request   // where the trailer goes; nil once read or not chunked
	sawEOF     bool
	closed     bool
	earlyClose bool      // Close gave up before the end of the body
	owner      *response // told when the end is reached, if set
}

// Read reads the body.
func (b *requestBody) Read(p []byte) (n int, err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return 0, ErrBodyReadAfterClose
	}
	return b.readLocked(p)
}

func (b *requestBody) readLocked(p []byte) (n int, err error) {
	if b.sawEOF {
		return 0, io.EOF
	}
	if b.chunked != nil {
		n, err = b.chunked.Read(p)
	} else {
		n, err = b.readLimited(p)
	}
	if err == io.EOF {
		b.sawEOF = true
		if b.trailerOf != nil {
			if e := b.readTrailer(); e != nil {
				// A bad trailer poisons the body and the connection.
				err = e
				b.sawEOF = false
				b.closed = true
			}
			b.trailerOf = nil
		} else if b.chunked == nil && b.remaining > 0 {
			err = io.ErrUnexpectedEOF
		}
	}
	if err == nil && n > 0 && b.chunked == nil && b.remaining == 0 {
		// Report the end with the last bytes, so the server sees it now.
		err = io.EOF
		b.sawEOF = true
	}
	if b.sawEOF && b.owner != nil {
		b.owner.bodyHitEOF()
	}
	return n, err
}

// readLimited reads at most the remaining Content-Length bytes.
func (b *requestBody) readLimited(p []byte) (int, error) {
	if b.remaining <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > b.remaining {
		p = p[:b.remaining]
	}
	n, err := b.br.Read(p)
	b.remaining -= int64(n)
	return n, err
}

var (
	singleCRLF = []byte("\r\n")
	doubleCRLF = []byte("\r\n\r\n")
)

// readTrailer reads the header block after the last chunk. The whole
// trailer must fit in the bufio.Reader's buffer, which bounds its size.
func (b *requestBody) readTrailer() error {
	buf, err := b.br.Peek(2)
	if bytes.Equal(buf, singleCRLF) {
		b.br.Discard(2)
		return nil
	}
	if len(buf) < 2 {
		return errTrailerEOF
	}
	if err != nil {
		return err
	}
	if !seeUpcomingDoubleCRLF(b.br) {
		return errors.New("http: suspiciously long trailer after chunked body")
	}
	hdr, err := textproto.NewReader(b.br).ReadMIMEHeader()
	if err != nil {
		if err == io.EOF {
			return errTrailerEOF
		}
		return err
	}
	if b.trailerOf.Trailer == nil {
		b.trailerOf.Trailer = Header(hdr)
	} else {
		maps.Copy(b.trailerOf.Trailer, Header(hdr))
	}
	return nil
}

// seeUpcomingDoubleCRLF reports whether the end of a header block is
// within what r can buffer.
func seeUpcomingDoubleCRLF(r *bufio.Reader) bool {
	for peekSize := 4; ; peekSize++ {
		buf, err := r.Peek(peekSize)
		if bytes.HasSuffix(buf, doubleCRLF) {
			return true
		}
		if err != nil {
			return false
		}
	}
}

// unreadDataSizeLocked is the number of body bytes not yet read, or -1
// when unknown (chunked).
func (b *requestBody) unreadDataSizeLocked() int64 {
	if b.chunked == nil {
		return b.remaining
	}
	return -1
}

// Close discards what is left of the body, up to maxPostHandlerReadBytes,
// so the connection can carry another request; past that it gives up and
// records an early close, which makes the server close the connection.
func (b *requestBody) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return nil
	}
	var err error
	switch {
	case b.sawEOF:
	case b.trailerOf == nil && b.closing:
		// Nothing to learn from the rest, and the connection closes.
	case b.chunked == nil && b.remaining > maxPostHandlerReadBytes:
		b.earlyClose = true
	default:
		var n int64
		n, err = io.CopyN(io.Discard, bodyLocked{b}, maxPostHandlerReadBytes)
		if err == io.EOF {
			err = nil
		}
		if n == maxPostHandlerReadBytes {
			b.earlyClose = true
		}
	}
	b.closed = true
	return err
}

func (b *requestBody) didEarlyClose() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.earlyClose
}

// bodyRemains reports whether a later Read might yield data.
func (b *requestBody) bodyRemains() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return !b.sawEOF
}

// notifyEOF makes the body tell w when it reaches its end.
func (b *requestBody) notifyEOF(w *response) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.owner = w
}

// bodyLocked reads a requestBody whose mutex is held.
type bodyLocked struct{ b *requestBody }

func (bl bodyLocked) Read(p []byte) (int, error) {
	if bl.b.closed {
		return 0, ErrBodyReadAfterClose
	}
	return bl.b.readLocked(p)
}

// expectContinueReader wraps the body of a request that asked for
// "Expect: 100-continue": its first Read sends "100 Continue", unless the
// handler has started its response by then.
type expectContinueReader struct {
	resp       *response
	readCloser io.ReadCloser
	closed     atomic.Bool
	sawEOF     atomic.Bool
}

func (ecr *expectContinueReader) Read(p []byte) (n int, err error) {
	if ecr.closed.Load() {
		return 0, ErrBodyReadAfterClose
	}
	w := ecr.resp
	if w.canWriteContinue.Load() {
		w.writeContinueMu.Lock()
		if w.canWriteContinue.Load() {
			w.conn.bufw.WriteString("HTTP/1.1 100 Continue\r\n\r\n")
			w.conn.bufw.Flush()
			w.canWriteContinue.Store(false)
		}
		w.writeContinueMu.Unlock()
	}
	n, err = ecr.readCloser.Read(p)
	if err == io.EOF {
		ecr.sawEOF.Store(true)
	}
	return n, err
}

func (ecr *expectContinueReader) Close() error {
	ecr.closed.Store(true)
	return ecr.readCloser.Close()
}

// newChunkedReader decodes a chunked body from r, with net/http's own
// decoder (the same limits and errors).
func newChunkedReader(r *bufio.Reader) io.Reader {
	return httputil.NewChunkedReader(r)
}
