package time

// This file is the engine under Timer, Ticker and AfterFunc: an entry in a hub's timer heap that
// sends the time on a channel, or starts a function in a greenthread, when it fires.

import (
	"math"
	"reflect"
	stdsync "sync"
	stdtime "time"

	"github.com/eventlet-go/eventlet/hub"
)

// hubTimer is a timer driven by the timer heap of the hub it was made on (the caller's, or the
// default hub for a plain goroutine). Its settings — active, when, period — live under mu, and
// any goroutine may change them. The heap entry is touched only in the hub's context: place
// brings it in line with the settings (at once when the caller is in the hub's context,
// otherwise through a call queued on the hub), and OnTimer checks the settings again when the
// entry fires, so a firing that a Stop or Reset overtook does nothing.
//
// Sends happen under mu and Stop and Reset drain the channel under mu, so once they return no
// value from before them can be received: the channel holds a value only while the timer counts
// as active, as a Go 1.23 timer channel does.
type hubTimer struct {
	mu     stdsync.Mutex
	h      *hub.Hub
	entry  hub.Timer
	c      chan Time // the channel sent on; nil for AfterFunc
	f      func()    // AfterFunc's function
	cw     hub.ChanWait
	when   int64  // hub clock time of the next firing, while active
	period int64  // a Ticker's period; 0 for a one-shot timer
	active bool   // armed: it will send or call when due
	posted bool   // a call to sync is queued on h
	syncFn func() // sync, bound once, so that queueing it allocates nothing
}

// start arms t for when (and every period after, if period > 0), sending on c or, with c nil,
// starting f.
func (t *hubTimer) start(when, period int64, c chan Time, f func()) {
	t.h = hub.CurrentHub()
	if t.h == nil {
		t.h = hub.Default()
	}
	t.entry.Init(t)
	t.c, t.f, t.period = c, f, period
	t.syncFn = t.sync
	if c != nil {
		t.cw.Register(reflect.ValueOf(c).UnsafePointer())
	}
	t.mu.Lock()
	t.active, t.when = true, when
	t.schedule()
	t.mu.Unlock()
}

// initialized reports whether t was started (a Timer or Ticker made by this package's
// constructors, not declared or composed by hand).
func (t *hubTimer) initialized() bool { return t.h != nil }

// stop disarms t and drains its channel. It reports whether t was active: armed, or fired with
// its value not yet received.
func (t *hubTimer) stop() bool {
	t.mu.Lock()
	wasActive := t.active
	if wasActive {
		t.active = false
		t.schedule()
	}
	if t.drain() {
		wasActive = true
	}
	t.mu.Unlock()
	return wasActive
}

// reset rearms t for when, with a new period if period > 0, and drains its channel. It reports
// whether t was active, as stop does.
func (t *hubTimer) reset(when, period int64) bool {
	t.mu.Lock()
	wasActive := t.active
	t.active, t.when = true, when
	if period > 0 {
		t.period = period
	}
	t.schedule()
	if t.drain() {
		wasActive = true
	}
	t.mu.Unlock()
	return wasActive
}

// drain takes a value left in the channel, reporting whether there was one. mu is held.
func (t *hubTimer) drain() bool {
	select {
	case <-t.c:
		return true
	default:
		return false
	}
}

// schedule gets the heap entry placed according to the settings: now, in the hub's context;
// otherwise by a sync queued on the hub, at most one at a time. mu is held.
func (t *hubTimer) schedule() {
	if t.h.InContext() {
		t.place()
		return
	}
	if !t.posted {
		t.posted = true
		t.h.Call(t.syncFn)
	}
}

// sync places the heap entry, in the hub's context, for a change made outside it.
func (t *hubTimer) sync() {
	t.mu.Lock()
	t.posted = false
	t.place()
	t.mu.Unlock()
}

// place adds, moves or removes the heap entry to match the settings. Hub context, mu held.
func (t *hubTimer) place() {
	switch {
	case !t.active:
		t.h.RemoveTimer(&t.entry)
	case !t.entry.Pending() || t.entry.When() != t.when:
		t.h.AddTimer(&t.entry, t.when)
	}
}

// OnTimer is the heap entry firing, in the hub's context; it is not for callers.
func (t *hubTimer) OnTimer() {
	t.mu.Lock()
	now := hub.Now()
	if !t.active || t.when > now {
		t.place() // stopped or moved later since it was placed
		t.mu.Unlock()
		return
	}
	late := now - t.when
	if t.period > 0 {
		t.when = nextTick(t.when, t.period, late)
		t.h.AddTimer(&t.entry, t.when)
	} else {
		t.active = false
	}
	sent := false
	if t.c != nil {
		select {
		case t.c <- stdtime.Now().Add(-Duration(late)):
			sent = true
		default: // a slow receiver: the tick is dropped
		}
	}
	t.mu.Unlock()
	switch {
	case sent:
		t.cw.Notify()
	case t.c == nil:
		hub.Go(t.f)
	}
}

// nextTick returns the first tick after a firing late past when: ticks missed meanwhile are
// skipped, as a slow receiver's are dropped.
func nextTick(when, period, late int64) int64 {
	next := when + period*(1+late/period)
	if next < when {
		return math.MaxInt64
	}
	return next
}

// deadline returns the hub clock time d from now: now for d ≤ 0, the end of time when the sum
// overflows.
func deadline(d Duration) int64 {
	now := hub.Now()
	if d <= 0 {
		return now
	}
	if w := now + int64(d); w > now {
		return w
	}
	return math.MaxInt64
}
