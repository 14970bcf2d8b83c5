package http

import (
	"container/list"
	"errors"
	"github.com/eventlet-go/eventlet/green/sync"
	"github.com/eventlet-go/eventlet/green/time"
)

// connKey identifies the connections that can carry a request: same
// proxy, same target scheme and (unless through an HTTP proxy, which
// takes every host) same target address.
type connKey struct {
	proxy, scheme, addr string
}

// connPool is a Transport's set of connections: the idle ones per key
// (most recently used last) and over all keys in LRU order, the count of
// connections per key (dialing, busy and idle) for MaxConnsPerHost, and
// the callers waiting for a connection of a key at its limit, served in
// order: a connection put back goes straight to the first waiter, and a
// connection closed hands its slot to the first waiter.
type connPool struct {
	mu      sync.Mutex // guards the fields below
	idle    map[connKey][]*persistConn
	lru     list.List // of *persistConn, oldest first
	conns   map[connKey]int
	waiters map[connKey][]*connWaiter
}

// connWaiter is a caller waiting for a connection or a slot to dial one.
type connWaiter struct {
	ready chan struct{} // closed when served: pc, or nil for a slot
	pc    *persistConn
}

var (
	errKeepAlivesDisabled = errors.New("http: putIdleConn: keep alives disabled")
	errConnBroken         = errors.New("http: putIdleConn: connection is in bad state")
	errTooManyIdle        = errors.New("http: putIdleConn: too many idle connections")
	errIdleConnTimeout    = errors.New("http: idle connection timeout")
)

// getConn returns a connection for cm: the most recently used idle one
// still alive, else a new one if the key is under MaxConnsPerHost, else
// the first one freed, waiting for it as long as the request lives.
func (t *Transport) getConn(treq *transportRequest, cm connectMethod) (*persistConn, error) {
	key := cm.key()
	for {
		pc, slot, w := t.pool.take(t, key)
		if pc != nil {
			if pc.isStale() {
				pc.close(errServerClosedIdle)
				continue
			}
			treq.attach(pc)
			return pc, nil
		}
		if !slot {
			// Served either a connection or a slot to dial one.
			var err error
			if pc, err = t.waitForConn(treq, key, w); err != nil {
				return nil, err
			}
			if pc != nil {
				if pc.isStale() {
					pc.close(errServerClosedIdle)
					continue
				}
				treq.attach(pc)
				return pc, nil
			}
		}
		pc, err := t.dialConn(treq.ctx, cm)
		if err != nil {
			t.pool.release(key)
			if cause := treq.cause(); cause != nil {
				return nil, requestCanceledCause(cause)
			}
			return nil, err
		}
		treq.attach(pc)
		return pc, nil
	}
}

// waitForConn waits for w to be served, or for the request to end. It
// returns the connection handed over, or nil for a slot to dial one.
func (t *Transport) waitForConn(treq *transportRequest, key connKey, w *connWaiter) (*persistConn, error) {
	if waitReady(w.ready, treq.ctx.Done(), treq.orig.Cancel, treq.canceled) {
		return w.pc, nil
	}
	// Given up: withdraw, or pass on what was handed over meanwhile.
	if !t.pool.withdraw(key, w) {
		if w.pc != nil {
			t.putIdleConn(w.pc)
		} else {
			t.pool.release(key)
		}
	}
	if treq.orig.Cancel != nil && treq.cause() == nil {
		select {
		case <-treq.orig.Cancel:
			treq.cancel(errRequestCanceled)
		default:
		}
	}
	return nil, requestCanceledCause(treq.cause())
}

// requestCanceledCause is the error of a request cancelled while waiting
// for its connection.
func requestCanceledCause(err error) error {
	if err == errRequestCanceled {
		return errRequestCanceledConn
	}
	return err
}

// take pops an idle connection of key, or reserves a slot to dial one,
// or registers a waiter. Idle connections found past IdleConnTimeout are
// closed on the way.
func (p *connPool) take(t *Transport, key connKey) (pc *persistConn, slot bool, w *connWaiter) {
	var expired []*persistConn
	defer func() {
		for _, x := range expired {
			x.close(errIdleConnTimeout)
		}
	}()
	p.mu.Lock()
	defer p.mu.Unlock()
	for idle := p.idle[key]; len(idle) > 0; idle = p.idle[key] {
		pc = idle[len(idle)-1]
		p.removeIdleLocked(pc)
		if pc.idleExpired(t.IdleConnTimeout) {
			expired = append(expired, pc)
			continue
		}
		pc.reused = true
		return pc, false, nil
	}
	if t.MaxConnsPerHost <= 0 || p.conns[key] < t.MaxConnsPerHost {
		if p.conns == nil {
			p.conns = make(map[connKey]int)
		}
		p.conns[key]++
		return nil, true, nil
	}
	w = &connWaiter{ready: make(chan struct{})}
	if p.waiters == nil {
		p.waiters = make(map[connKey][]*connWaiter)
	}
	p.waiters[key] = append(p.waiters[key], w)
	return nil, false, w
}

// withdraw removes w from the waiters; false means it was served already.
func (p *connPool) withdraw(key connKey, w *connWaiter) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	ws := p.waiters[key]
	for i, x := range ws {
		if x == w {
			p.waiters[key] = append(ws[:i], ws[i+1:]...)
			return true
		}
	}
	return false
}

// nextWaiterLocked pops the first waiter of key, if any.
func (p *connPool) nextWaiterLocked(key connKey) *connWaiter {
	ws := p.waiters[key]
	if len(ws) == 0 {
		return nil
	}
	w := ws[0]
	if len(ws) == 1 {
		delete(p.waiters, key)
	} else {
		p.waiters[key] = ws[1:]
	}
	return w
}

// release gives back the slot of a connection of key that is gone (or
// was never dialed): to the first waiter, or to the count.
func (p *connPool) release(key connKey) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if w := p.nextWaiterLocked(key); w != nil {
		close(w.ready) // the slot passes to w
		return
	}
	if p.conns[key]--; p.conns[key] <= 0 {
		delete(p.conns, key)
	}
}

// putIdleConn keeps pc for reuse, or closes it if it cannot be kept.
func (t *Transport) putIdleConn(pc *persistConn) {
	if err := t.tryPutIdleConn(pc); err != nil {
		pc.close(err)
	}
}

func (t *Transport) tryPutIdleConn(pc *persistConn) error {
	if t.DisableKeepAlives || t.MaxIdleConnsPerHost < 0 {
		return errKeepAlivesDisabled
	}
	if pc.isBroken() {
		return errConnBroken
	}
	p := &t.pool
	p.mu.Lock()
	if w := p.nextWaiterLocked(pc.key); w != nil {
		pc.reused = true
		w.pc = pc
		close(w.ready)
		p.mu.Unlock()
		return nil
	}
	maxPerHost := t.MaxIdleConnsPerHost
	if maxPerHost == 0 {
		maxPerHost = DefaultMaxIdleConnsPerHost
	}
	if len(p.idle[pc.key]) >= maxPerHost {
		p.mu.Unlock()
		return errTooManyIdle
	}
	if p.idle == nil {
		p.idle = make(map[connKey][]*persistConn)
	}
	p.idle[pc.key] = append(p.idle[pc.key], pc)
	pc.idleElem = p.lru.PushBack(pc)
	pc.idleAt = time.Now()
	var evict *persistConn
	if t.MaxIdleConns != 0 && p.lru.Len() > t.MaxIdleConns {
		evict = p.lru.Front().Value.(*persistConn)
		p.removeIdleLocked(evict)
	}
	if t.IdleConnTimeout > 0 {
		if pc.idleTimer == nil {
			pc.idleTimer = time.AfterFunc(t.IdleConnTimeout, pc.closeIfIdle)
		} else {
			pc.idleTimer.Reset(t.IdleConnTimeout)
		}
	}
	p.mu.Unlock()
	if evict != nil {
		evict.close(errTooManyIdle)
	}
	return nil
}

// removeIdleLocked takes pc out of the idle sets.
func (p *connPool) removeIdleLocked(pc *persistConn) {
	if pc.idleElem == nil {
		return
	}
	p.lru.Remove(pc.idleElem)
	pc.idleElem = nil
	idle := p.idle[pc.key]
	for i, x := range idle {
		if x == pc {
			idle = append(idle[:i], idle[i+1:]...)
			break
		}
	}
	if len(idle) == 0 {
		delete(p.idle, pc.key)
	} else {
		p.idle[pc.key] = idle
	}
}

// removeIdle takes pc out of the idle sets and reports whether it was idle.
func (p *connPool) removeIdle(pc *persistConn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	wasIdle := pc.idleElem != nil
	p.removeIdleLocked(pc)
	return wasIdle
}

// CloseIdleConnections closes every idle connection. Busy connections are
// not interrupted.
func (t *Transport) CloseIdleConnections() {
	p := &t.pool
	p.mu.Lock()
	var idle []*persistConn
	for _, pcs := range p.idle {
		idle = append(idle, pcs...)
	}
	for _, pc := range idle {
		p.removeIdleLocked(pc)
	}
	p.mu.Unlock()
	for _, pc := range idle {
		pc.close(errors.New("http: CloseIdleConnections called"))
	}
}
