package coro

import "sync"

// DefaultMaxIdle is how many finished workers a hub's tree keeps for reuse.
const DefaultMaxIdle = 256

// sharedMaxIdle bounds the pool shared by the trees of plain goroutines.
const sharedMaxIdle = 32

// workerPool keeps finished workers for the next greenlet. A hub's tree owns one (touched only
// by the tree's running greenlet, so unlocked); the trees of plain goroutines share one, locked,
// so that a goroutine that exits leaves no coroutine pinned to its tree. A worker can be resumed
// from any goroutine, so it does not matter which tree it served before.
type workerPool struct {
	mu     sync.Mutex
	shared bool
	idle   []*worker
	max    int
}

var sharedPool = &workerPool{shared: true, max: sharedMaxIdle}

func (p *workerPool) get() *worker {
	if p.shared {
		p.mu.Lock()
		defer p.mu.Unlock()
	}
	n := len(p.idle)
	if n == 0 {
		return nil
	}
	w := p.idle[n-1]
	p.idle[n-1] = nil
	p.idle = p.idle[:n-1]
	return w
}

// put keeps w for reuse and reports whether it did (false: the pool is full).
func (p *workerPool) put(w *worker) bool {
	if p.shared {
		p.mu.Lock()
		defer p.mu.Unlock()
	}
	if len(p.idle) >= p.max {
		return false
	}
	p.idle = append(p.idle, w)
	return true
}
