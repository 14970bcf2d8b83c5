package eventlet

import (
	"container/heap"
	"errors"
	"sync"
	"time"

	"github.com/eventlet-go/eventlet/hub"
)

// Errors of the non-blocking and timed queue operations.
var (
	ErrEmpty = errors.New("eventlet: queue empty")
	ErrFull  = errors.New("eventlet: queue full")
)

// Queue is eventlet.queue.Queue: a FIFO of items shared by greenthreads (and goroutines). Its
// maximum size decides how Put behaves: negative means unbounded; zero makes a rendezvous, where
// Put parks until a Get takes the item (like an unbuffered channel); positive bounds the queue and
// Put parks while it is full. Get parks while it is empty. Waiting getters, and waiting putters,
// are served in arrival order. TaskDone and Join track the processing of items, as in the
// standard library's queue.
type Queue[T any] struct {
	mu      sync.Mutex
	items   store[T]
	maxsize int
	getters hub.WaitQueue
	// putters wait, with their items, for room (or, on a rendezvous queue, for a getter): a getter
	// can take a waiting putter's item directly.
	putters []putter[T]
	// reservedItems are items already promised to woken getters that have not taken them yet, so
	// that a newcomer cannot overtake them.
	reservedItems int
	unfinished    int
	joiners       hub.WaitQueue
}

// putter is a Put waiting with its item.
type putter[T any] struct {
	w *hub.Waiter
	v T
}

// store holds a queue's items in the order it hands them out.
type store[T any] interface {
	push(T)
	pop() T
	len() int
}

// NewQueue returns a FIFO queue with the given maximum size (negative: unbounded; 0: rendezvous).
func NewQueue[T any](maxsize int) *Queue[T] {
	return &Queue[T]{items: &fifo[T]{}, maxsize: maxsize}
}

// LifoQueue is a Queue that hands out the most recently put item first.
type LifoQueue[T any] struct{ Queue[T] }

// NewLifoQueue returns a LIFO queue with the given maximum size.
func NewLifoQueue[T any](maxsize int) *LifoQueue[T] {
	return &LifoQueue[T]{Queue[T]{items: &lifo[T]{}, maxsize: maxsize}}
}

// PriorityQueue is a Queue that hands out the least item first, as less orders them.
type PriorityQueue[T any] struct{ Queue[T] }

// NewPriorityQueue returns a priority queue with the given maximum size, ordered by less.
func NewPriorityQueue[T any](maxsize int, less func(a, b T) bool) *PriorityQueue[T] {
	return &PriorityQueue[T]{Queue[T]{items: &prio[T]{less: less}, maxsize: maxsize}}
}

// Put adds v, parking while the queue is full (for a rendezvous queue: until a getter takes it;
// in a greenthread, the getter runs before Put returns).
func (q *Queue[T]) Put(v T) { q.put(v, 0, true) }

// PutTimeout is Put waiting at most d; it returns ErrFull if no room came in time.
func (q *Queue[T]) PutTimeout(v T, d time.Duration) error {
	return q.put(v, hub.Now()+int64(max(d, 1)), true)
}

// PutNowait adds v if there is room at once (for a rendezvous queue: if a getter is waiting) and
// returns ErrFull otherwise.
func (q *Queue[T]) PutNowait(v T) error { return q.put(v, 0, false) }

// Get removes and returns the next item, parking while the queue is empty.
func (q *Queue[T]) Get() T {
	v, _ := q.get(0, true)
	return v
}

// GetTimeout is Get waiting at most d; it returns ErrEmpty if no item came in time.
func (q *Queue[T]) GetTimeout(d time.Duration) (T, error) {
	return q.get(hub.Now()+int64(max(d, 1)), true)
}

// GetNowait returns the next item if there is one at once, and ErrEmpty otherwise.
func (q *Queue[T]) GetNowait() (T, error) { return q.get(0, false) }

// room reports whether a newcomer may put an item at once.
func (q *Queue[T]) room() bool {
	switch {
	case len(q.putters) > 0:
		return false // earlier putters first
	case q.maxsize < 0:
		return true
	case q.maxsize == 0:
		return q.getters.Len() > 0 // a getter waits for it
	}
	return q.items.len() < q.maxsize
}

func (q *Queue[T]) put(v T, deadline int64, block bool) error {
	q.mu.Lock()
	if !q.room() {
		if !block {
			q.mu.Unlock()
			return ErrFull
		}
		w := hub.Prepare()
		q.putters = append(q.putters, putter[T]{w, v})
		q.mu.Unlock()
		err := w.Park(deadline)
		if err != nil {
			// Not woken, so nobody took the item: withdraw it.
			q.mu.Lock()
			q.dropPutter(w)
			q.mu.Unlock()
		}
		w.Release()
		switch err {
		case nil:
			return nil // the item went into the queue, or straight to a getter
		case hub.ErrTimeout:
			return ErrFull
		}
		raise(err)
	}
	q.accept(v)
	rendezvous := q.maxsize == 0
	q.mu.Unlock()
	if rendezvous && block {
		// Let the getter the item was handed to take it before Put returns, as eventlet's
		// channel does: the getter was woken first, so it runs first.
		if t := hub.Current(); t != nil {
			if err := t.Yield(); err != nil {
				raise(err)
			}
		}
	}
	return nil
}

// accept adds an item to the queue and hands it to a waiting getter, if any. q.mu is held.
func (q *Queue[T]) accept(v T) {
	q.items.push(v)
	q.unfinished++
	for q.items.len()-q.reservedItems > 0 && q.getters.WakeOne() {
		q.reservedItems++
	}
}

// takePutter takes the item of the first waiting putter whose wait has not ended, waking it.
// q.mu is held.
func (q *Queue[T]) takePutter() (T, bool) {
	for len(q.putters) > 0 {
		p := q.putters[0]
		q.putters[0] = putter[T]{}
		q.putters = q.putters[1:]
		if p.w.Wake() {
			return p.v, true
		}
	}
	var zero T
	return zero, false
}

// dropPutter removes the putter waiting with w, if it is still queued. q.mu is held.
func (q *Queue[T]) dropPutter(w *hub.Waiter) {
	for i := range q.putters {
		if q.putters[i].w == w {
			q.putters = append(q.putters[:i], q.putters[i+1:]...)
			return
		}
	}
}

// admitPutters moves waiting putters' items into the queue while it has room for them. q.mu is
// held.
func (q *Queue[T]) admitPutters() {
	for len(q.putters) > 0 {
		switch {
		case q.maxsize < 0:
		case q.maxsize == 0:
			if q.getters.Len() == 0 {
				return
			}
		case q.items.len() >= q.maxsize:
			return
		}
		v, ok := q.takePutter()
		if !ok {
			return
		}
		q.accept(v)
	}
}

func (q *Queue[T]) get(deadline int64, block bool) (T, error) {
	q.mu.Lock()
	if q.items.len()-q.reservedItems > 0 && q.getters.Len() == 0 {
		v := q.items.pop()
		q.admitPutters()
		q.mu.Unlock()
		return v, nil
	}
	if q.items.len() == 0 && q.getters.Len() == 0 {
		// A rendezvous (or a queue resized to zero): take a waiting putter's item directly.
		if v, ok := q.takePutter(); ok {
			q.unfinished++
			q.mu.Unlock()
			return v, nil
		}
	}
	if !block {
		q.mu.Unlock()
		var zero T
		return zero, ErrEmpty
	}
	w := hub.Prepare()
	q.getters.PushBack(w)
	q.admitPutters()
	q.mu.Unlock()
	err := w.Park(deadline)
	q.mu.Lock()
	if err != nil {
		q.getters.Remove(w)
		q.mu.Unlock()
		w.Release()
		var zero T
		if err == hub.ErrTimeout {
			return zero, ErrEmpty
		}
		raise(err)
	}
	w.Release()
	q.reservedItems-- // the item handed to us
	v := q.items.pop()
	q.admitPutters()
	q.mu.Unlock()
	return v, nil
}

// Qsize returns the number of items in the queue.
func (q *Queue[T]) Qsize() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.items.len()
}

// Empty reports whether the queue holds no item.
func (q *Queue[T]) Empty() bool { return q.Qsize() == 0 }

// Full reports whether the queue is at its maximum size (always, for a rendezvous queue; never,
// for an unbounded one).
func (q *Queue[T]) Full() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.maxsize >= 0 && q.items.len() >= q.maxsize
}

// Maxsize returns the queue's maximum size.
func (q *Queue[T]) Maxsize() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.maxsize
}

// Resize changes the maximum size; parked putters the new size makes room for are let in.
func (q *Queue[T]) Resize(maxsize int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.maxsize = maxsize
	q.admitPutters()
}

// Getting returns the number of greenthreads parked in Get.
func (q *Queue[T]) Getting() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.getters.Len()
}

// Putting returns the number of greenthreads parked in Put.
func (q *Queue[T]) Putting() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.putters)
}

// TaskDone tells the queue that an item taken with Get has been processed. It panics if called
// more times than items were put, as eventlet raises ValueError.
func (q *Queue[T]) TaskDone() {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.unfinished <= 0 {
		panic("eventlet: TaskDone called too many times")
	}
	q.unfinished--
	if q.unfinished == 0 {
		q.joiners.WakeAll()
	}
}

// Join blocks until every item put has been taken and marked done with TaskDone.
func (q *Queue[T]) Join() {
	q.mu.Lock()
	if q.unfinished == 0 {
		q.mu.Unlock()
		return
	}
	if err := q.joiners.Wait(&q.mu, 0); err != nil {
		raise(err)
	}
}

// fifo is a growable ring.
type fifo[T any] struct {
	buf        []T
	head, size int
}

func (f *fifo[T]) len() int { return f.size }

func (f *fifo[T]) push(v T) {
	if f.size == len(f.buf) {
		n := max(2*len(f.buf), 8)
		buf := make([]T, n)
		for i := range f.size {
			buf[i] = f.buf[(f.head+i)%len(f.buf)]
		}
		f.buf, f.head = buf, 0
	}
	f.buf[(f.head+f.size)%len(f.buf)] = v
	f.size++
}

func (f *fifo[T]) pop() T {
	var zero T
	v := f.buf[f.head]
	f.buf[f.head] = zero
	f.head = (f.head + 1) % len(f.buf)
	f.size--
	return v
}

// lifo is a stack.
type lifo[T any] struct{ s []T }

func (l *lifo[T]) len() int { return len(l.s) }
func (l *lifo[T]) push(v T) { l.s = append(l.s, v) }

func (l *lifo[T]) pop() T {
	var zero T
	v := l.s[len(l.s)-1]
	l.s[len(l.s)-1] = zero
	l.s = l.s[:len(l.s)-1]
	return v
}

// prio is a binary heap ordered by less; among equal items the earlier put comes out first.
type prio[T any] struct {
	s    []prioItem[T]
	less func(a, b T) bool
	seq  uint64
}

type prioItem[T any] struct {
	v   T
	seq uint64
}

func (p *prio[T]) Len() int { return len(p.s) }
func (p *prio[T]) Less(i, j int) bool {
	a, b := p.s[i], p.s[j]
	if p.less(a.v, b.v) {
		return true
	}
	if p.less(b.v, a.v) {
		return false
	}
	return a.seq < b.seq
}
func (p *prio[T]) Swap(i, j int) { p.s[i], p.s[j] = p.s[j], p.s[i] }
func (p *prio[T]) Push(x any)    { p.s = append(p.s, x.(prioItem[T])) }
func (p *prio[T]) Pop() any {
	v := p.s[len(p.s)-1]
	p.s = p.s[:len(p.s)-1]
	return v
}

func (p *prio[T]) len() int { return len(p.s) }

func (p *prio[T]) push(v T) {
	p.seq++
	heap.Push(p, prioItem[T]{v, p.seq})
}

func (p *prio[T]) pop() T { return heap.Pop(p).(prioItem[T]).v }
