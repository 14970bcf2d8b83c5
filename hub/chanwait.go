package hub

import (
	"runtime"
	"sync"
	"unsafe"
	"weak"
)

// ChanWait lets greenlets wait for a value on a channel that only its owner sends on — the C of
// a green Timer or Ticker — without a helper goroutine. The owner embeds a ChanWait, registers
// its channel once with Register and calls Notify after every send; a receiver finds the
// ChanWait with LookupChan and waits with WaitNotified.
//
// The registry holds owners weakly: an entry is found only while its owner lives, and the owner
// keeps its channel alive, so a channel allocated later at a recycled address never matches an
// old entry; a cleanup drops the entry once the owner is collected.
type ChanWait struct {
	mu sync.Mutex
	q  WaitQueue
	ch unsafe.Pointer // the channel notified for, checked on lookup
}

// chans maps a channel's address to the ChanWait of the owner that sends on it.
var chans struct {
	mu sync.RWMutex
	m  map[uintptr]weak.Pointer[ChanWait]
}

// chanEntry names one registry entry, for the cleanup that drops it; it holds nothing strongly.
type chanEntry struct {
	key uintptr
	wp  weak.Pointer[ChanWait]
}

// Register makes c the notifier of ch, the channel's pointer (reflect.Value.UnsafePointer of
// the channel). c must be embedded in the heap object that owns the channel and sends on it, and
// that object must keep the channel for its whole life. Register once per ChanWait.
func (c *ChanWait) Register(ch unsafe.Pointer) {
	c.ch = ch
	e := chanEntry{key: uintptr(ch), wp: weak.Make(c)}
	chans.mu.Lock()
	if chans.m == nil {
		chans.m = make(map[uintptr]weak.Pointer[ChanWait])
	}
	chans.m[e.key] = e.wp
	chans.mu.Unlock()
	runtime.AddCleanup(c, dropChanEntry, e)
}

// dropChanEntry removes e once its owner is gone, unless a newer owner took the address since.
func dropChanEntry(e chanEntry) {
	chans.mu.Lock()
	if chans.m[e.key] == e.wp {
		delete(chans.m, e.key)
	}
	chans.mu.Unlock()
}

// LookupChan returns the ChanWait registered for the channel pointer ch, or nil when ch has
// none (an ordinary channel, or nil).
func LookupChan(ch unsafe.Pointer) *ChanWait {
	if ch == nil {
		return nil
	}
	chans.mu.RLock()
	wp, ok := chans.m[uintptr(ch)]
	chans.mu.RUnlock()
	if !ok {
		return nil
	}
	if c := wp.Value(); c != nil && c.ch == ch {
		return c
	}
	return nil
}

// Notify wakes everyone waiting in WaitNotified on c. The owner calls it after each send.
func (c *ChanWait) Notify() {
	c.mu.Lock()
	c.q.WakeAll()
	c.mu.Unlock()
}

// standIns recycles the waiters that stand in for a waiter in the queues of a second and further
// ChanWait.
var standIns = sync.Pool{New: func() any { return new(Waiter) }}

// WaitNotified waits until ready reports true: it calls ready and, while ready reports false,
// waits — a greenlet parks, a plain goroutine blocks — in the queue of every c in cs until one
// of them is notified, then calls ready again. It checks ready once more after joining the
// queues, so a notification sent in between is never missed. It returns nil once ready has
// reported true, or what interrupted a greenlet's wait, without calling ready again. An
// interruption that arrives after ready has reported true is raised at the greenlet's next park
// instead, so what ready did (a receive) is never lost.
//
// ready must not block or park; it is called with no lock held.
func WaitNotified(ready func() bool, cs ...*ChanWait) error {
	var buf [4]*Waiter
	for !ready() {
		w := Prepare()
		ws := append(buf[:0], w)
		for i := 1; i < len(cs); i++ {
			s := standIns.Get().(*Waiter)
			s.standsFor, s.standToken = w, w.Token()
			s.begin()
			ws = append(ws, s)
		}
		for i, c := range cs {
			c.mu.Lock()
			c.q.PushBack(ws[i])
			c.mu.Unlock()
		}
		done := ready()
		var err error
		if !done || !w.end(w.Token(), wWoken) {
			// Still waiting, or a wake-up or an interruption ended the wait first: collect it.
			err = w.Park(0)
		}
		for i, c := range cs {
			c.mu.Lock()
			c.q.Remove(ws[i])
			c.mu.Unlock()
		}
		for _, s := range ws[1:] {
			s.standsFor = nil
			standIns.Put(s)
		}
		if done && err != nil {
			w.task.Defer(err) // only a greenlet's wait is interrupted
			err = nil
		}
		w.Release()
		if done || err != nil {
			return err
		}
	}
	return nil
}
