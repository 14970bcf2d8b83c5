package http

import (
	"fmt"
	"github.com/eventlet-go/eventlet/green/time"
	"net/http/httptrace"
)

// maxWriteWaitBeforeConnReuse is how long a finished response waits for
// its request body to be fully written before giving up on reusing the
// connection (net/http's figure).
const maxWriteWaitBeforeConnReuse = 50 * time.Millisecond

// smallBody is the largest in-memory request body written before the
// response is read: the socket buffers take it without waiting.
const smallBody = 64 << 10

// bodyMayBlock reports whether writing req's body could wait on the
// server, so that it must be written while the response is read.
func bodyMayBlock(req *Request) bool {
	if req.Body == nil || req.Body == NoBody {
		return false
	}
	return req.ContentLength <= 0 || req.ContentLength > smallBody || !isKnownInMemoryReader(req.Body)
}

// writeThenRead writes the whole request, then reads the response. A
// request expecting 100-continue waits for it (or its timeout) between
// its header and its body.
func (pc *persistConn) writeThenRead(treq *transportRequest, trace *httptrace.ClientTrace, expectContinue bool) (*Response, error) {
	var early *Response // a final response that came instead of 100 Continue
	var waitForContinue func() bool
	if expectContinue {
		waitForContinue = func() bool {
			if trace != nil && trace.Wait100Continue != nil {
				trace.Wait100Continue()
			}
			send, resp := pc.awaitContinue(treq, trace)
			early = resp
			return send
		}
	}
	err := pc.writeRequest(treq, waitForContinue, trace)
	pc.writeDone = nil
	if err != nil {
		pc.close(fmt.Errorf("write error: %w", err))
		return nil, err
	}
	if early != nil {
		return early, nil
	}
	return pc.readResponseTimed(treq, trace, time.Now())
}

// writeRequest writes the request and flushes it, noting a failure to
// read the request body.
func (pc *persistConn) writeRequest(treq *transportRequest, waitForContinue func() bool, trace *httptrace.ClientTrace) error {
	err := writeRequest(pc.bw, treq.Request, pc.isProxy, treq.extra, waitForContinue)
	if bre, ok := err.(requestBodyReadError); ok {
		err = bre.error
		treq.setBodyError(err)
	}
	if err == nil {
		err = pc.bw.Flush()
	}
	if trace != nil && trace.WroteRequest != nil {
		trace.WroteRequest(httptrace.WroteRequestInfo{Err: err})
	}
	return err
}

// writeWhileReading writes the request on its own greenthread while the
// caller reads the response, so that a server answering before it read
// the body is heard. The response header timeout starts once the request
// is written. A request expecting 100-continue has its body sent on 100,
// on ExpectContinueTimeout, or on a final answer that keeps the
// connection open.
func (pc *persistConn) writeWhileReading(treq *transportRequest, trace *httptrace.ClientTrace, expectContinue bool) (*Response, error) {
	var continueCh chan struct{}
	var waitForContinue func() bool
	if expectContinue {
		continueCh = make(chan struct{}, 1)
		waitForContinue = func() bool {
			if trace != nil && trace.Wait100Continue != nil {
				trace.Wait100Continue()
			}
			return waitContinue(continueCh, pc.t.ExpectContinueTimeout)
		}
	}
	done := make(chan error, 1)
	pc.writeDone = done
	pc.mu.Lock()
	pc.headerRead = false
	pc.mu.Unlock()
	spawn(func() {
		err := pc.writeRequest(treq, waitForContinue, trace)
		if err != nil {
			pc.mu.Lock()
			pc.writeErr = err
			pc.mu.Unlock()
			if treq.bodyError() != nil {
				// The request body failed: abort the exchange.
				pc.close(fmt.Errorf("write error: %w", err))
			}
		} else if d := pc.t.ResponseHeaderTimeout; d > 0 {
			pc.mu.Lock()
			if !pc.headerRead && pc.canceled == nil && pc.closed == nil {
				pc.conn.SetReadDeadline(time.Now().Add(d))
			}
			pc.mu.Unlock()
		}
		done <- err
	})

	resp, err := pc.readResponseWith(treq, trace, continueCh)
	pc.mu.Lock()
	pc.headerRead = true
	if pc.canceled == nil && pc.closed == nil {
		pc.conn.SetReadDeadline(time.Time{})
	}
	werr := pc.writeErr
	pc.mu.Unlock()
	if err != nil {
		if pc.t.ResponseHeaderTimeout > 0 && pc.canceledErr() == nil && isTimeout(err) && werr == nil {
			pc.close(errTimeout)
			recv(done)
			return nil, errTimeout
		}
		if pc.readLimit <= 0 {
			err = fmt.Errorf("net/http: server response headers exceeded %d bytes; aborted", pc.t.maxHeaderResponseSize())
		}
		if werr != nil {
			// The write failed first: that is the story.
			err = werr
		}
		pc.close(err)
		recv(done)
		return nil, err
	}
	if continueCh != nil {
		// A final answer came without 100 Continue: send the body only
		// if the connection stays open.
		if resp.Close || treq.Close {
			close(continueCh)
		} else {
			select {
			case continueCh <- struct{}{}:
			default:
			}
		}
	}
	return resp, nil
}

// readResponseTimed reads the response under ResponseHeaderTimeout,
// counted from start.
func (pc *persistConn) readResponseTimed(treq *transportRequest, trace *httptrace.ClientTrace, start time.Time) (*Response, error) {
	headerTimeout := pc.t.ResponseHeaderTimeout
	if headerTimeout > 0 {
		pc.setReadDeadline(start.Add(headerTimeout))
	}
	resp, err := pc.readResponse(treq, trace)
	if headerTimeout > 0 {
		pc.setReadDeadline(time.Time{})
	}
	if err != nil {
		if headerTimeout > 0 && pc.canceledErr() == nil && isTimeout(err) {
			pc.close(errTimeout)
			return nil, errTimeout
		}
		if pc.readLimit <= 0 {
			err = fmt.Errorf("net/http: server response headers exceeded %d bytes; aborted", pc.t.maxHeaderResponseSize())
		}
		pc.close(err)
		return nil, err
	}
	return resp, nil
}

// readResponseWith reads the response, telling the body writer through
// continueCh when 100 Continue arrives.
func (pc *persistConn) readResponseWith(treq *transportRequest, trace *httptrace.ClientTrace, continueCh chan struct{}) (*Response, error) {
	pc.onContinue = nil
	if continueCh != nil {
		pc.onContinue = func() {
			select {
			case continueCh <- struct{}{}:
			default:
			}
		}
	}
	defer func() { pc.onContinue = nil }()
	return pc.readResponse(treq, trace)
}

// wroteRequest reports whether the request was written in full, waiting
// a little for a body still being written.
func (pc *persistConn) wroteRequest() bool {
	done := pc.writeDone
	if done == nil {
		return true
	}
	err, ok := recvTimeout(done, maxWriteWaitBeforeConnReuse)
	if !ok {
		return false
	}
	// Put the result back for anyone else asking.
	done <- err
	return err == nil
}

// bodyError returns the request body's read error, if any.
func (tr *transportRequest) bodyError() error {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return tr.bodyErr
}
