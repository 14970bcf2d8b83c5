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

	// The Request lives inside the response, one allocation for both, and is parsed in place.
	w = new(response)
	req := &w.reqv
	info, err := readRequestHead(c.bufr, req, &w.body, &w.url)
	if err != nil {
		if c.r.hitReadLimit() {
			return nil, errTooLarge
		}
		return nil, err
	}
	if !http1ServerSupportsRequest(req) {
		return nil, statusError{StatusHTTPVersionNotSupported, "unsupported protocol version"}
	}

	c.lastMethod = req.Method
	c.r.setInfiniteReadLimit()

	h2Upgrade := isH2Upgrade(req) // before the Host header goes
	if req.ProtoAtLeast(1, 1) && info.hosts == 0 && !h2Upgrade && req.Method != "CONNECT" {
		return nil, badRequestError("missing required Host header")
	}
	if info.hosts == 1 && !validHostHeader(info.host) {
		return nil, badRequestError("malformed Host header")
	}
	if !info.checked {
		for k, vv := range req.Header {
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
	delete(req.Header, "Host")

	req.RemoteAddr = c.remoteAddr
	req.TLS = c.tlsState
	w.ctx.reset(c.ctx, w)
	w.setRequestContext()
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

// setRequestContext makes the response's context the Request's. Request's context can only be set
// by WithContext, whose copy of the Request stays on the stack here, where it is inlined. It is
// kept out of readRequest so that those 304 bytes are not part of the frame that is live while
// the head is parsed: that is the deepest point of an idle connection's stack, and each
// connection's greenthread keeps the stack it grew.
//
//go:noinline
func (w *response) setRequestContext() {
	w.reqv = *w.reqv.WithContext(&w.ctx)
}
