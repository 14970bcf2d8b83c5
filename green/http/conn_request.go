package http

import (
	"github.com/eventlet-go/eventlet/green/time"
)

// readRequest reads the next request and prepares its response. It
// applies the server's limits and timeouts: MaxHeaderBytes (exceeding it
// is errTooLarge), ReadTimeout over the whole request, and WriteTimeout
// from the end of the headers on. Errors are what answerBadRequest
// expects.
func (c *conn) readRequest() (w *response, err error) {
	if c.hijacked() {
		return nil, ErrHijacked
	}

	var wholeReqDeadline time.Time
	if d := c.server.ReadTimeout; d > 0 {
		wholeReqDeadline = time.Now().Add(d)
	}
	if d := c.server.WriteTimeout; d > 0 {
		defer func() {
			c.rwc.SetWriteDeadline(time.Now().Add(d))
		}()
	}

	c.r.setReadLimit(c.server.initialReadLimitSize())
	if c.lastMethod == "POST" {
		// Tolerate the stray CRLF old clients send after a POST body.
		peek, _ := c.bufr.Peek(4)
		c.bufr.Discard(numLeadingCRorLF(peek))
	}

	w = new(response)
	var head Request
	info, err := readRequestHead(c.bufr, &head, &w.body, &w.url)
	if err != nil {
		if c.r.hitReadLimit() {
			return nil, errTooLarge
		}
		return nil, err
	}
	if !http1ServerSupportsRequest(&head) {
		return nil, statusError{StatusHTTPVersionNotSupported, "unsupported protocol version"}
	}

	c.lastMethod = head.Method
	c.r.setInfiniteReadLimit()

	h2Upgrade := isH2Upgrade(&head) // before the Host header goes
	if head.ProtoAtLeast(1, 1) && info.hosts == 0 && !h2Upgrade && head.Method != "CONNECT" {
		return nil, badRequestError("missing required Host header")
	}
	if info.hosts == 1 && !validHostHeader(info.host) {
		return nil, badRequestError("malformed Host header")
	}
	if !info.checked {
		for k, vv := range head.Header {
			if !validHeaderFieldName(k) {
				return nil, badRequestError("invalid header name")
			}
			for _, v := range vv {
				if !validHeaderFieldValue(v) {
					return nil, badRequestError("invalid header value")
				}
			}
		}
	}
	delete(head.Header, "Host")

	head.RemoteAddr = c.remoteAddr
	head.TLS = c.tlsState
	w.ctx.reset(c.ctx, w)
	// The Request lives inside the response, one allocation for both. WithContext is inlined
	// here, so the copy it makes stays on the stack.
	w.reqv = *head.WithContext(&w.ctx)
	req := &w.reqv
	if w.body.chunked != nil {
		w.body.trailerOf = req
	}

	c.rwc.SetReadDeadline(wholeReqDeadline)

	w.conn = c
	w.req = req
	w.reqBody = req.Body
	w.handlerHeader = make(Header)
	w.contentLength = -1
	// Read now: the handler may change the request's header.
	w.wants10KeepAlive = req.ProtoMajor == 1 && req.ProtoMinor == 0 && hasToken(headerGet(req.Header, "Connection"), "keep-alive")
	w.wantsClose = req.Close || hasToken(headerGet(req.Header, "Connection"), "close")
	if h2Upgrade {
		w.closeAfterReply = true
	}
	w.cw.res = w
	w.w = newBufioWriterSize(&w.cw, bufferBeforeChunkingSize)
	return w, nil
}
