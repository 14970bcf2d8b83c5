package eventlet

import (
	"errors"
	"iter"
	"sync"
	"sync/atomic"

	"github.com/eventlet-go/eventlet/hub"
)

// GreenPool is eventlet.greenpool.GreenPool: it runs functions in greenthreads, at most size at a
// time; Spawn parks while the pool is full.
type GreenPool struct {
	mu      sync.Mutex
	size    int
	running int
	waiting int
	free    hub.WaitQueue // Spawns waiting for room
	idle    hub.WaitQueue // Waitall callers
	members map[*hub.Task]bool
}

// NewGreenPool returns a pool running at most size greenthreads at a time.
func NewGreenPool(size int) *GreenPool {
	if size < 0 {
		panic("eventlet: NewGreenPool with a negative size")
	}
	return &GreenPool{size: size, members: map[*hub.Task]bool{}}
}

// Spawn runs fn in a greenthread of the pool, parking first while the pool is full, and returns
// the greenthread. A greenthread of the pool that spawns into its own full pool runs fn at once,
// in itself, rather than wait for a room only it could free (eventlet does the same).
func (p *GreenPool) Spawn(fn func()) *GreenThread[struct{}] {
	gt := newGreenThread(func() struct{} { fn(); return struct{}{} })
	p.start(gt)
	return gt
}

// member is what the pool needs of a greenthread, whatever its result type.
type member interface {
	hubTask() *hub.Task
	runInline()
	onExit(func())
}

func (gt *GreenThread[T]) hubTask() *hub.Task { return gt.task() }
func (gt *GreenThread[T]) runInline()         { gt.RunTask() }
func (gt *GreenThread[T]) onExit(f func())    { gt.Link(func(*GreenThread[T]) { f() }) }

// start runs m in the pool once there is room.
func (p *GreenPool) start(m member) {
	if p.enter(m) {
		t := m.hubTask()
		t.Hub().Start(t)
	}
}

// SpawnN is Spawn without a handle to the greenthread.
func (p *GreenPool) SpawnN(fn func()) { p.Spawn(fn) }

// enter takes a room for m, parking while there is none, and reports whether m must be
// started; false means it already ran inline.
func (p *GreenPool) enter(m member) bool {
	p.mu.Lock()
	if p.running >= p.size || p.free.Len() > 0 {
		if cur := hub.Current(); cur != nil && p.members[cur] {
			p.mu.Unlock()
			m.runInline()
			return false
		}
		w := hub.Prepare()
		p.free.PushBack(w)
		p.waiting++
		p.mu.Unlock()
		err := w.Park(0)
		p.mu.Lock()
		p.waiting--
		if err != nil {
			p.free.Remove(w)
			p.mu.Unlock()
			w.Release()
			raise(err)
		}
		w.Release()
		// Woken by a leaving greenthread, which handed us its room (running stays counted).
	} else {
		p.running++
	}
	t := m.hubTask()
	p.members[t] = true
	p.mu.Unlock()
	m.onExit(func() { p.leave(t) })
	return true
}

// leave gives a finished greenthread's room to the next waiting Spawn, or frees it.
func (p *GreenPool) leave(t *hub.Task) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.members, t)
	if p.running <= p.size && p.free.WakeOne() {
		return
	}
	p.running--
	if p.running == 0 {
		p.idle.WakeAll()
	}
}

// Waitall blocks until every greenthread of the pool has finished. Called from one of them, it
// would wait for itself: it panics instead, as eventlet asserts.
func (p *GreenPool) Waitall() {
	p.mu.Lock()
	if cur := hub.Current(); cur != nil && p.members[cur] {
		p.mu.Unlock()
		panic("eventlet: GreenPool.Waitall called from one of the pool's greenthreads would never return")
	}
	if p.running == 0 && p.free.Len() == 0 {
		p.mu.Unlock()
		return
	}
	if err := p.idle.Wait(&p.mu, 0); err != nil {
		raise(err)
	}
}

// Running returns the number of greenthreads running in the pool.
func (p *GreenPool) Running() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.running
}

// Free returns how many more greenthreads the pool would run at once.
func (p *GreenPool) Free() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.size - p.running
}

// Waiting returns the number of Spawns parked for room.
func (p *GreenPool) Waiting() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.waiting
}

// Resize changes the pool's size. Growing it lets parked Spawns in; shrinking it takes effect as
// greenthreads finish (none is killed).
func (p *GreenPool) Resize(size int) {
	if size < 0 {
		panic("eventlet: GreenPool.Resize with a negative size")
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.size = size
	for p.running < p.size && p.free.WakeOne() {
		p.running++
	}
}

// Imap runs fn on every item of items in the pool and yields the results in the order of the
// items, like eventlet's GreenPool.imap. A call of fn that panics re-raises its panic in the
// iterating caller when its turn comes, as imap re-raises the exception (a greenthread killed
// meanwhile raises what killed it). Stopping the iteration early, or a re-raised panic, lets the
// greenthreads already spawned finish, unobserved.
func Imap[T, R any](p *GreenPool, items iter.Seq[T], fn func(T) R) iter.Seq[R] {
	return func(yield func(R) bool) {
		pile := NewGreenPileIn[R](p)
		pile.feeding = true
		var stop atomic.Bool
		feeder := Spawn(func() struct{} {
			defer pile.doneFeeding()
			for it := range items {
				if stop.Load() {
					break
				}
				pile.Spawn(func() R { return fn(it) })
			}
			return struct{}{}
		})
		defer feeder.Wait()
		defer stop.Store(true)
		for {
			v, err, ok := pile.Next()
			if err != nil {
				var pe *PanicError
				if errors.As(err, &pe) {
					panic(pe.Value)
				}
				panic(err)
			}
			if !ok || !yield(v) {
				return
			}
		}
	}
}
