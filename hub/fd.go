package hub

import (
	"errors"
	"sync"
	"sync/atomic"
	"time"
)

// Errors of the fd waits. The fd layer turns them into the stdlib's errors at its API boundary.
var (
	// ErrFDClosing: the PollDesc was evicted (its fd is being closed).
	ErrFDClosing = errors.New("hub: use of closing file descriptor")
	// ErrDeadline: the read or write deadline passed.
	ErrDeadline = errors.New("hub: i/o deadline exceeded")
)

// Mode selects the read side, the write side, or both.
type Mode int

const (
	Read  Mode = 1
	Write Mode = 2
	Both  Mode = Read | Write
)

// PollDesc is a non-blocking fd registered with a hub: readers and writers wait on it for
// readiness (one of each at a time: the fd layer serialises readers and writers), with deadlines,
// and Evict wakes them all. Any goroutine may use it.
type PollDesc struct {
	h     *Hub
	fd    int
	token uint64

	mu sync.Mutex
	// evicted: Evict has run (the fd is being closed). Set under mu; read without it by Prepare.
	evicted atomic.Bool
	// unannounced: epoll reported the peer's hang-up, an error or urgent data, which no later
	// edge announces again (see Unannounced).
	unannounced atomic.Bool
	r, w        side
	// arm holds, by Mode, the calls that re-arm deadline timers from another goroutine, made once
	// so that SetDeadline allocates nothing.
	arm [4]func()
}

// side is one direction of a PollDesc.
type side struct {
	pd       *PollDesc
	ready    bool    // an edge arrived that no waiter consumed yet
	waiter   *Waiter // the parked reader (writer)
	deadline int64   // hub clock; 0 none
	// hasDeadline mirrors deadline != 0 for NoDeadline, which takes no lock.
	hasDeadline atomic.Bool
	expired     bool
	timer       Timer // fires at deadline; hub context
	armed       int64 // the deadline the timer was last armed for (0: not armed); under pd.mu
	notify      func()
}

// OnTimer is a deadline passing, in hub context.
func (s *side) OnTimer() {
	pd := s.pd
	pd.mu.Lock()
	if s.deadline != 0 && s.deadline <= nanotime() {
		s.expired = true
		if w := s.waiter; w != nil {
			s.waiter = nil
			w.Wake()
		}
	}
	pd.mu.Unlock()
}

// Register adds fd, which must be non-blocking, to h's epoll set.
func (h *Hub) Register(fd int) (*PollDesc, error) {
	pd := &PollDesc{h: h, fd: fd}
	pd.r.pd, pd.w.pd = pd, pd
	pd.r.timer.Init(&pd.r)
	pd.w.timer.Init(&pd.w)
	for m := Read; m <= Both; m++ {
		pd.arm[m] = func() { pd.armTimers(m) }
	}
	h.fds.insert(pd)
	if err := h.poll.add(fd, pd.token); err != nil {
		h.fds.remove(pd.token)
		return nil, err
	}
	return pd, nil
}

// Hub returns the hub pd is registered with.
func (pd *PollDesc) Hub() *Hub { return pd.h }

func (pd *PollDesc) side(m Mode) *side {
	if m == Write {
		return &pd.w
	}
	return &pd.r
}

// Prepare reports, before an I/O attempt, whether it must fail at once: ErrFDClosing after Evict,
// ErrDeadline once the deadline for m has passed.
func (pd *PollDesc) Prepare(m Mode) error {
	s := pd.side(m)
	if !pd.evicted.Load() && !s.hasDeadline.Load() {
		return nil // the common case, decided without the lock
	}
	pd.mu.Lock()
	defer pd.mu.Unlock()
	return pd.check(s)
}

func (pd *PollDesc) check(s *side) error {
	if pd.evicted.Load() {
		return ErrFDClosing
	}
	if s.expired || (s.deadline != 0 && s.deadline <= nanotime()) {
		s.expired = true
		return ErrDeadline
	}
	return nil
}

// Wait parks the caller until the fd may be ready for m (the caller then retries its syscall),
// the PollDesc is evicted (ErrFDClosing), the deadline passes (ErrDeadline), or a greenlet's wait
// is interrupted (that error).
func (pd *PollDesc) Wait(m Mode) error {
	s := pd.side(m)
	pd.mu.Lock()
	if err := pd.check(s); err != nil {
		pd.mu.Unlock()
		return err
	}
	if s.ready {
		s.ready = false
		pd.mu.Unlock()
		return nil
	}
	w := Prepare()
	s.waiter = w
	pd.mu.Unlock()
	err := w.Park(0)
	pd.mu.Lock()
	if s.waiter == w {
		s.waiter = nil
	}
	if err == nil {
		err = pd.check(s)
		if err == nil {
			s.ready = false
		}
	}
	pd.mu.Unlock()
	w.Release()
	return err
}

// TakeReady reports whether an edge for m (Read or Write) arrived that no Wait consumed, and
// forgets it: for a caller that will look at the fd itself, since a syscall that did not wait
// may have taken what the edge announced.
func (pd *PollDesc) TakeReady(m Mode) bool {
	s := pd.side(m)
	pd.mu.Lock()
	r := s.ready
	s.ready = false
	pd.mu.Unlock()
	return r
}

// ready records readiness reported by epoll, in hub context.
func (pd *PollDesc) ready(r, w, sticky bool) {
	var notify func()
	pd.mu.Lock()
	if sticky {
		pd.unannounced.Store(true)
	}
	if r {
		pd.r.ready = true
		if wt := pd.r.waiter; wt != nil {
			pd.r.waiter = nil
			wt.Wake()
		}
		notify, pd.r.notify = pd.r.notify, nil
	}
	if w {
		pd.w.ready = true
		if wt := pd.w.waiter; wt != nil {
			pd.w.waiter = nil
			wt.Wake()
		}
	}
	pd.mu.Unlock()
	if notify != nil {
		callSafely(notify)
	}
}

// NoDeadline reports, without locking, whether no side of m has a deadline (so clearing its
// deadlines would change nothing).
func (pd *PollDesc) NoDeadline(m Mode) bool {
	return (m&Read == 0 || !pd.r.hasDeadline.Load()) && (m&Write == 0 || !pd.w.hasDeadline.Load())
}

// Unannounced reports whether epoll has reported the peer's hang-up (EPOLLRDHUP), an error, or
// urgent data (EPOLLPRI) on the fd: the condition stays, but no edge will announce it again, and a
// read that stops short (at the end of the stream, at the urgent mark) may leave something to read.
func (pd *PollDesc) Unannounced() bool { return pd.unannounced.Load() }

// NotifyReadable arranges for f to run once in the hub's context when the fd is, or becomes,
// readable — so an idle connection needs no parked greenlet. f must not block. It replaces an
// earlier f that has not run. "Is readable" is the last edge epoll reported that no Wait
// consumed; see NotifyReadableProbe for a caller whose reads may have taken the data since.
func (pd *PollDesc) NotifyReadable(f func()) {
	pd.mu.Lock()
	if pd.r.ready || pd.evicted.Load() {
		pd.mu.Unlock()
		pd.h.Call(f)
		return
	}
	pd.r.notify = f
	pd.mu.Unlock()
}

// NotifyReadableProbe is NotifyReadable for a caller that can tell whether the fd is readable
// now: the last edge may be stale (a read that did not wait took the data), so it is forgotten,
// f is registered, and then probe (a syscall that consumes nothing, such as a MSG_PEEK recv)
// decides whether f runs at once. An edge that arrives meanwhile runs f itself; f runs once
// either way. The caller must keep reads of the fd from running meanwhile: forgetting the edge
// under a read about to wait would lose its wake-up.
func (pd *PollDesc) NotifyReadableProbe(f func(), probe func() bool) {
	pd.mu.Lock()
	if pd.evicted.Load() {
		pd.mu.Unlock()
		pd.h.Call(f)
		return
	}
	pd.r.ready = false
	pd.r.notify = f
	pd.mu.Unlock()
	if !probe() {
		return
	}
	pd.mu.Lock()
	g := pd.r.notify // nil if an edge or Evict took it already
	pd.r.notify = nil
	pd.mu.Unlock()
	if g != nil {
		pd.h.Call(g)
	}
}

// SetDeadline sets the deadline of m (zero time: none). A deadline in the past makes waits and
// Prepare fail with ErrDeadline at once, including a wait already parked; a later deadline
// re-arms it. Setting a deadline a side already has costs a lock and nothing more (servers reset
// their deadlines on every request).
func (pd *PollDesc) SetDeadline(m Mode, t time.Time) {
	when := When(t)
	pd.mu.Lock()
	changed := Mode(0)
	if m&Read != 0 && pd.r.set(when) {
		changed |= Read
	}
	if m&Write != 0 && pd.w.set(when) {
		changed |= Write
	}
	pd.mu.Unlock()
	if changed == 0 {
		return
	}
	if pd.h.InContext() {
		pd.armTimers(changed)
		return
	}
	pd.h.post(pd.arm[changed])
}

// set gives the side a new deadline and reports whether its timer needs re-arming. pd.mu is held.
func (s *side) set(when int64) bool {
	if s.deadline == when && (when == 0 || s.expired || s.armed == when) {
		return false
	}
	s.deadline = when
	s.hasDeadline.Store(when != 0)
	s.expired = false
	if when != 0 && when <= nanotime() {
		s.expired = true
		if w := s.waiter; w != nil {
			s.waiter = nil
			w.Wake()
		}
	}
	return true
}

// armTimers (re)schedules the deadline timers of m to the current deadlines. Hub context.
func (pd *PollDesc) armTimers(m Mode) {
	pd.mu.Lock()
	defer pd.mu.Unlock()
	if m&Read != 0 {
		pd.r.arm()
	}
	if m&Write != 0 {
		pd.w.arm()
	}
}

// arm schedules the side's deadline timer, or cancels it. pd.mu is held; hub context.
func (s *side) arm() {
	h := s.pd.h
	if s.deadline == 0 || s.expired || s.pd.evicted.Load() {
		h.timer.remove(&s.timer)
		s.armed = 0
	} else {
		h.timer.add(&s.timer, s.deadline)
		s.armed = s.deadline
	}
}

// Evict marks pd closing and wakes every waiter, which return ErrFDClosing. Any goroutine.
func (pd *PollDesc) Evict() {
	pd.mu.Lock()
	if pd.evicted.Load() {
		pd.mu.Unlock()
		return
	}
	pd.evicted.Store(true)
	for _, s := range []*side{&pd.r, &pd.w} {
		if w := s.waiter; w != nil {
			s.waiter = nil
			w.Wake()
		}
	}
	notify := pd.r.notify
	pd.r.notify = nil
	pd.mu.Unlock()
	pd.h.Call(func() {
		pd.h.timer.remove(&pd.r.timer)
		pd.h.timer.remove(&pd.w.timer)
	})
	if notify != nil {
		pd.h.Call(notify)
	}
}

// Release unregisters pd, before the fd is closed. Any goroutine.
func (pd *PollDesc) Release() {
	pd.Evict()
	pd.h.poll.del(pd.fd)
	pd.h.fds.remove(pd.token)
}

// fdTable maps epoll tokens to PollDescs. Tokens are (generation << 32 | slot+1), so an event
// for a slot that has since been reused is recognised and dropped. Slots live in fixed chunks that
// never move, so the hub reads them without a lock.
type fdTable struct {
	mu     sync.Mutex
	chunks [fdChunks]atomic.Pointer[[fdChunkSize]fdSlot]
	free   []uint32
	next   uint32
}

const (
	fdChunkSize = 1024
	fdChunks    = 1024
)

type fdSlot struct {
	pd  atomic.Pointer[PollDesc]
	gen uint32
}

// insert gives pd a slot and its token, then publishes it to the hub.
func (t *fdTable) insert(pd *PollDesc) {
	t.mu.Lock()
	defer t.mu.Unlock()
	var i uint32
	if n := len(t.free); n > 0 {
		i = t.free[n-1]
		t.free = t.free[:n-1]
	} else {
		i = t.next
		t.next++
		if t.chunks[i/fdChunkSize].Load() == nil {
			t.chunks[i/fdChunkSize].Store(new([fdChunkSize]fdSlot))
		}
	}
	s := &t.chunks[i/fdChunkSize].Load()[i%fdChunkSize]
	s.gen++
	pd.token = uint64(s.gen)<<32 | uint64(i+1)
	s.pd.Store(pd)
}

func (t *fdTable) remove(token uint64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	i := uint32(token) - 1
	s := &t.chunks[i/fdChunkSize].Load()[i%fdChunkSize]
	if s.gen != uint32(token>>32) || s.pd.Load() == nil {
		return
	}
	s.pd.Store(nil)
	t.free = append(t.free, i)
}

func (t *fdTable) lookup(token uint64) *PollDesc {
	i := uint32(token) - 1
	c := t.chunks[i/fdChunkSize].Load()
	if c == nil {
		return nil
	}
	pd := c[i%fdChunkSize].pd.Load()
	if pd == nil || pd.token != token {
		return nil
	}
	return pd
}
