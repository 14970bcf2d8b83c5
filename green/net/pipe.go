package net

import (
	"io"
	"os"
	"sync"
	"time"

	"github.com/eventlet-go/eventlet/hub"
)

// Pipe is net.Pipe with green waiting: a synchronous, in-memory, full-duplex connection. Each
// Write is matched by one or more Reads that consume all of it; a Write or Read waits (parking a
// greenlet) for its counterpart. Close, deadlines and errors are net.Pipe's: reads of a closed
// peer return io.EOF, operations on a closed end io.ErrClosedPipe, deadlines
// os.ErrDeadlineExceeded (inside an OpError).
func Pipe() (Conn, Conn) {
	p := &pipePair{}
	return &pipeEnd{p: p, me: 0}, &pipeEnd{p: p, me: 1}
}

// pipePair is the state both ends share, under one lock. Every change wakes every waiter, which
// then checks its own condition again: operations on a pipe are rare enough for that.
type pipePair struct {
	mu       sync.Mutex
	offer    [2][]byte // the bytes end i's current Write offers
	offered  [2]bool
	taken    [2]int // how many of the offer a Read took; -1 until one did
	writing  [2]bool
	closed   [2]bool
	rdl, wdl [2]time.Time
	waiters  hub.WaitQueue
}

// wait parks until something changes or deadline passes; the lock is released meanwhile and
// held again when wait returns (or raises an interruption: the caller's deferred unlock runs).
func (p *pipePair) wait(deadline time.Time) {
	w := hub.Prepare()
	p.waiters.PushBack(w)
	p.mu.Unlock()
	err := w.Park(hub.When(deadline))
	p.mu.Lock()
	p.waiters.Remove(w)
	w.Release()
	if err != nil && err != hub.ErrTimeout {
		hub.Raise(err)
	}
}

func (p *pipePair) changed() { p.waiters.WakeAll() }

func expired(t time.Time) bool { return !t.IsZero() && !time.Now().Before(t) }

type pipeEnd struct {
	p  *pipePair
	me int
}

func (e *pipeEnd) Read(b []byte) (int, error) {
	n, err := e.read(b)
	if err != nil && err != io.EOF && err != io.ErrClosedPipe {
		err = &OpError{Op: "read", Net: "pipe", Err: err}
	}
	return n, err
}

func (e *pipeEnd) read(b []byte) (int, error) {
	p, me, peer := e.p, e.me, 1-e.me
	p.mu.Lock()
	defer p.mu.Unlock()
	for {
		switch {
		case p.closed[me]:
			return 0, io.ErrClosedPipe
		case p.closed[peer]:
			return 0, io.EOF
		case expired(p.rdl[me]):
			return 0, os.ErrDeadlineExceeded
		}
		if p.offered[peer] && p.taken[peer] < 0 {
			n := copy(b, p.offer[peer])
			p.taken[peer] = n
			p.changed()
			return n, nil
		}
		p.wait(p.rdl[me])
	}
}

func (e *pipeEnd) Write(b []byte) (int, error) {
	n, err := e.write(b)
	if err != nil && err != io.ErrClosedPipe {
		err = &OpError{Op: "write", Net: "pipe", Err: err}
	}
	return n, err
}

// stop is why a write must give up now, or nil.
func (e *pipeEnd) stop() error {
	p, me := e.p, e.me
	switch {
	case p.closed[me], p.closed[1-me]:
		return io.ErrClosedPipe
	case expired(p.wdl[me]):
		return os.ErrDeadlineExceeded
	}
	return nil
}

func (e *pipeEnd) write(b []byte) (n int, err error) {
	p, me := e.p, e.me
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := e.stop(); err != nil {
		return 0, err
	}
	// One Write at a time per end, so that all of b is read together.
	for p.writing[me] {
		p.wait(p.wdl[me])
		if err := e.stop(); err != nil {
			return 0, err
		}
	}
	p.writing[me] = true
	defer func() {
		p.writing[me], p.offered[me], p.offer[me] = false, false, nil
		p.changed()
	}()
	for once := true; once || len(b) > 0; once = false {
		p.offer[me], p.offered[me], p.taken[me] = b, true, -1
		p.changed()
		for p.taken[me] < 0 {
			if err := e.stop(); err != nil {
				return n, err
			}
			p.wait(p.wdl[me])
		}
		b = b[p.taken[me]:]
		n += p.taken[me]
		p.offered[me] = false
	}
	return n, nil
}

func (e *pipeEnd) Close() error {
	p := e.p
	p.mu.Lock()
	p.closed[e.me] = true
	p.changed()
	p.mu.Unlock()
	return nil
}

func (e *pipeEnd) LocalAddr() Addr  { return pipeAddr() }
func (e *pipeEnd) RemoteAddr() Addr { return pipeAddr() }

func (e *pipeEnd) SetDeadline(t time.Time) error {
	return e.setDeadline(t, true, true)
}

func (e *pipeEnd) SetReadDeadline(t time.Time) error {
	return e.setDeadline(t, true, false)
}

func (e *pipeEnd) SetWriteDeadline(t time.Time) error {
	return e.setDeadline(t, false, true)
}

func (e *pipeEnd) setDeadline(t time.Time, rd, wr bool) error {
	p := e.p
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed[e.me] || p.closed[1-e.me] {
		return io.ErrClosedPipe
	}
	if rd {
		p.rdl[e.me] = t
	}
	if wr {
		p.wdl[e.me] = t
	}
	p.changed()
	return nil
}
