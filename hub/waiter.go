package hub

import (
	"errors"
	"github.com/eventlet-go/eventlet/internal/coro"
	"sync"
	"sync/atomic"
	"time"
)

// ErrTimeout is what Park returns when its deadline passes first.
var ErrTimeout = errors.New("hub: wait timed out")

// Waiter states, in the low byte of Waiter.state; the rest counts waits (the generation), so a
// late wake-up meant for an earlier wait cannot end a later one.
const (
	wIdle uint64 = iota
	wWaiting
	wWoken
	wTimedOut
	wInterrupted
	stateMask = 0xff
)

// Waiter is one party waiting for something: a greenlet of a hub, which parks, or a plain
// goroutine, which blocks. Every green primitive waits through a Waiter; the protocol is:
//
//	w := hub.Prepare()       // the caller's waiter, in the waiting state
//	q.PushBack(w)            // under the primitive's lock
//	unlock
//	err := w.Park(deadline)  // nil: woken; ErrTimeout; or what interrupted a greenlet
//	if err != nil { lock; q.Remove(w); unlock }
//	w.Release()
//
// and a waker, under the primitive's lock, pops waiters and calls Wake until one accepts. The
// state changes by compare-and-swap, so exactly one of wake, timeout and interrupt wins; a
// greenlet woken and interrupted at the same time is woken, and the interruption waits for its
// next park.
type Waiter struct {
	state      atomic.Uint64
	next, prev *Waiter
	q          *WaitQueue

	task  *Task          // the greenlet, or nil for a plain goroutine
	gw    *goroutineWait // a plain goroutine's means of waiting
	timer Timer          // a greenlet's deadline

	// A stand-in (see chanwait.go) waits in a second queue for another waiter: waking it wakes
	// the wait of standsFor identified by standToken.
	standsFor  *Waiter
	standToken uint64
}

// goroutineWait is how a plain goroutine blocks: a wake-up channel and a deadline timer.
type goroutineWait struct {
	ch chan struct{}
	t  *time.Timer
}

var goroutineWaiters = sync.Pool{New: func() any {
	return &Waiter{gw: &goroutineWait{ch: make(chan struct{}, 1)}}
}}

// Prepare returns the calling greenlet's waiter, or a pooled one for a plain goroutine, in the
// waiting state.
func Prepare() *Waiter {
	if t := Current(); t != nil {
		return t.prepare()
	}
	w := goroutineWaiters.Get().(*Waiter)
	w.begin()
	return w
}

// Prepare is the package's Prepare for a caller in h's context, which it finds without looking
// through every hub.
func (h *Hub) Prepare() *Waiter {
	if g := coro.CurrentIn(h.tree); g != nil && g != h.tree.Root() {
		return h.taskOf(g).prepare()
	}
	return Prepare()
}

// begin starts a new wait: next generation, waiting state.
func (w *Waiter) begin() {
	s := w.state.Load()
	w.state.Store((s&^stateMask + 1<<8) | wWaiting)
}

// Release ends the wait; a plain goroutine's waiter returns to its pool.
func (w *Waiter) Release() {
	if w.task == nil {
		goroutineWaiters.Put(w)
	}
}

// Greenlet reports whether w belongs to a greenlet (false: a plain goroutine).
func (w *Waiter) Greenlet() bool { return w.task != nil }

// Token identifies the current wait, for WakeToken.
func (w *Waiter) Token() uint64 { return w.state.Load() &^ stateMask }

// Wake ends the wait as woken and reports whether it did; false means the wait already ended
// (it timed out or was interrupted), so the caller should wake someone else.
func (w *Waiter) Wake() bool { return w.finish(w.Token(), wWoken) }

// WakeToken wakes w only if it is still in the wait identified by token. Wakers that do not hold
// the waiter in a queue under a lock (a helper goroutine, say) use it.
func (w *Waiter) WakeToken(token uint64) bool { return w.finish(token, wWoken) }

// Waiting reports whether w's wait has not ended yet.
func (w *Waiter) Waiting() bool { return w.state.Load()&stateMask == wWaiting }

// end moves the wait identified by gen from waiting to st without signalling: for the waiter
// itself, which is running.
func (w *Waiter) end(gen, st uint64) bool {
	return w.state.CompareAndSwap(gen|wWaiting, gen|st)
}

// finish moves the wait identified by gen from waiting to st and signals the waiter. A stand-in
// passes the wake-up on and reports whether the waiter it stands for accepted it.
func (w *Waiter) finish(gen, st uint64) bool {
	if !w.end(gen, st) {
		return false
	}
	if w.standsFor != nil {
		return w.standsFor.WakeToken(w.standToken)
	}
	if w.task != nil {
		w.task.h.ready(w.task)
	} else {
		w.gw.ch <- struct{}{}
	}
	return true
}

// Park waits until the waiter is woken (nil), its deadline passes (ErrTimeout; deadline is in hub
// clock nanoseconds, 0 for none), or — for a greenlet — it is interrupted by Throw, a Timeout or
// a raw greenlet switch that raises (that error).
func (w *Waiter) Park(deadline int64) error {
	if w.task != nil {
		return w.task.parkWaiter(w, deadline)
	}
	return w.block(deadline)
}

// block is Park for a plain goroutine.
func (w *Waiter) block(deadline int64) error {
	gw := w.gw
	if deadline == 0 {
		<-gw.ch
		return nil
	}
	d := time.Duration(deadline - nanotime())
	if d > 0 {
		if gw.t == nil {
			gw.t = time.NewTimer(d)
		} else {
			gw.t.Reset(d)
		}
		select {
		case <-gw.ch:
			gw.t.Stop()
			return nil
		case <-gw.t.C:
		}
	}
	if w.finish(w.Token(), wTimedOut) {
		<-gw.ch // finish signalled it
		return ErrTimeout
	}
	<-gw.ch // a waker won the race and signals
	return nil
}

// OnTimer is the greenlet deadline firing, in hub context.
func (w *Waiter) OnTimer() { w.finish(w.Token(), wTimedOut) }

// WaitQueue is a FIFO of waiters. It has no lock of its own: the primitive that owns it guards it
// with its own.
type WaitQueue struct {
	head, tail *Waiter
	n          int
}

// Len returns the number of waiters queued.
func (q *WaitQueue) Len() int { return q.n }

// PushBack queues w last.
func (q *WaitQueue) PushBack(w *Waiter) {
	w.q, w.next, w.prev = q, nil, q.tail
	if q.tail != nil {
		q.tail.next = w
	} else {
		q.head = w
	}
	q.tail = w
	q.n++
}

// PushFront queues w first.
func (q *WaitQueue) PushFront(w *Waiter) {
	w.q, w.prev, w.next = q, nil, q.head
	if q.head != nil {
		q.head.prev = w
	} else {
		q.tail = w
	}
	q.head = w
	q.n++
}

// PopFront removes and returns the first waiter, or nil.
func (q *WaitQueue) PopFront() *Waiter {
	w := q.head
	if w != nil {
		q.Remove(w)
	}
	return w
}

// Remove takes w out of q; it does nothing if w is not queued in q.
func (q *WaitQueue) Remove(w *Waiter) {
	if w.q != q {
		return
	}
	if w.prev != nil {
		w.prev.next = w.next
	} else {
		q.head = w.next
	}
	if w.next != nil {
		w.next.prev = w.prev
	} else {
		q.tail = w.prev
	}
	w.q, w.next, w.prev = nil, nil, nil
	q.n--
}

// Wait is the waiting half of the protocol above, for a caller that holds mu (the primitive's
// lock) and, once woken, only returns: it queues the caller's waiter last, releases mu and parks
// until deadline (as Park's). It returns nil once woken, or ErrTimeout or what interrupted the
// wait after taking the waiter out of q again under mu. mu is not held on return.
func (q *WaitQueue) Wait(mu sync.Locker, deadline int64) error {
	w := Prepare()
	q.PushBack(w)
	mu.Unlock()
	err := w.Park(deadline)
	if err != nil {
		mu.Lock()
		q.Remove(w)
		mu.Unlock()
	}
	w.Release()
	return err
}

// WakeOne wakes the first waiter that still waits, dropping the ones whose wait already ended,
// and reports whether it woke one.
func (q *WaitQueue) WakeOne() bool {
	for w := q.PopFront(); w != nil; w = q.PopFront() {
		if w.Wake() {
			return true
		}
	}
	return false
}

// WakeAll wakes every waiter and returns how many it woke.
func (q *WaitQueue) WakeAll() int {
	n := 0
	for w := q.PopFront(); w != nil; w = q.PopFront() {
		if w.Wake() {
			n++
		}
	}
	return n
}
