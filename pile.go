package eventlet

import (
	"iter"
	"slices"
	"sync"

	"github.com/eventlet-go/eventlet/hub"
)

// GreenPile is eventlet.greenpool.GreenPile: functions spawned into a pool whose results come out
// in the order they were spawned.
type GreenPile[T any] struct {
	pool    *GreenPool
	mu      sync.Mutex
	results []*GreenThread[T]
	next    int
	feeding bool          // Imap's feeder may still spawn: Next waits rather than end
	more    hub.WaitQueue // Next callers waiting for a Spawn
}

// NewGreenPile returns a pile with a pool of its own of the given size.
func NewGreenPile[T any](size int) *GreenPile[T] { return NewGreenPileIn[T](NewGreenPool(size)) }

// NewGreenPileIn returns a pile that spawns into pool.
func NewGreenPileIn[T any](pool *GreenPool) *GreenPile[T] { return &GreenPile[T]{pool: pool} }

// Spawn runs fn in the pile's pool (parking while it is full) and queues its result. A Spawn
// interrupted while it waits for room (a Timeout, a Kill) queues nothing.
func (p *GreenPile[T]) Spawn(fn func() T) {
	gt := newGreenThread(fn)
	p.mu.Lock()
	p.results = append(p.results, gt) // now, so that Next waits for it while Spawn parks
	p.more.WakeAll()
	p.mu.Unlock()
	defer func() {
		if r := recover(); r != nil {
			p.withdraw(gt)
			panic(r)
		}
	}()
	p.pool.start(gt)
}

// withdraw takes back gt, whose Spawn was interrupted before it could start: it leaves the
// results if Next has not taken it yet, and dies unstarted so a Next that has reports it.
func (p *GreenPile[T]) withdraw(gt *GreenThread[T]) {
	p.mu.Lock()
	if i := slices.Index(p.results[p.next:], gt); i >= 0 {
		p.results = slices.Delete(p.results, p.next+i, p.next+i+1)
	}
	p.mu.Unlock()
	gt.Cancel()
}

// Len returns the number of results not taken yet.
func (p *GreenPile[T]) Len() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.results) - p.next
}

// Next waits for the next result in spawn order and returns it with the greenthread's error;
// ok is false when every spawned result has been taken.
func (p *GreenPile[T]) Next() (v T, err error, ok bool) {
	p.mu.Lock()
	for p.next == len(p.results) {
		if !p.feeding {
			p.mu.Unlock()
			return v, nil, false
		}
		if perr := p.more.Wait(&p.mu, 0); perr != nil {
			raise(perr)
		}
		p.mu.Lock()
	}
	gt := p.results[p.next]
	p.results[p.next] = nil
	p.next++
	p.mu.Unlock()
	v, err = gt.Wait()
	return v, err, true
}

// All yields the results in spawn order. It stops at the first greenthread that failed; use Next
// to see errors.
func (p *GreenPile[T]) All() iter.Seq[T] {
	return func(yield func(T) bool) {
		for {
			v, err, ok := p.Next()
			if !ok || err != nil || !yield(v) {
				return
			}
		}
	}
}

// doneFeeding ends Imap's feeding: Next no longer waits for more spawns.
func (p *GreenPile[T]) doneFeeding() {
	p.mu.Lock()
	p.feeding = false
	p.more.WakeAll()
	p.mu.Unlock()
}
