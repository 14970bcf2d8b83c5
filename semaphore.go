package eventlet

import (
	"sync"
	"time"

	"github.com/eventlet-go/eventlet/hub"
)

// Semaphore is eventlet.semaphore.Semaphore: a counter that Acquire decrements, parking while it
// is zero, and Release increments. Waiters are served first come, first served: a Release hands
// the unit straight to the longest waiter, so a newcomer never overtakes it.
type Semaphore struct {
	mu      sync.Mutex
	count   int
	limit   int // the initial count, for a bounded semaphore; -1 otherwise
	waiters hub.WaitQueue
}

// NewSemaphore returns a Semaphore holding n units. It panics if n is negative.
func NewSemaphore(n int) *Semaphore {
	if n < 0 {
		panic("eventlet: NewSemaphore with a negative count")
	}
	return &Semaphore{count: n, limit: -1}
}

// BoundedSemaphore is a Semaphore whose Release panics if it would raise the count above its
// initial value (a unit released that was never acquired), as eventlet raises ValueError.
type BoundedSemaphore struct{ Semaphore }

// NewBoundedSemaphore returns a BoundedSemaphore holding n units.
func NewBoundedSemaphore(n int) *BoundedSemaphore {
	if n < 0 {
		panic("eventlet: NewBoundedSemaphore with a negative count")
	}
	return &BoundedSemaphore{Semaphore{count: n, limit: n}}
}

// Acquire takes a unit, parking until one is free.
func (s *Semaphore) Acquire() { s.acquire(0) }

// AcquireTimeout takes a unit, waiting at most d, and reports whether it got one.
func (s *Semaphore) AcquireTimeout(d time.Duration) bool {
	return s.acquire(hub.Now() + int64(max(d, 1)))
}

// TryAcquire takes a unit if one is free at once, and reports whether it did.
func (s *Semaphore) TryAcquire() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.count > 0 && s.waiters.Len() == 0 {
		s.count--
		return true
	}
	return false
}

func (s *Semaphore) acquire(deadline int64) bool {
	s.mu.Lock()
	if s.count > 0 && s.waiters.Len() == 0 {
		s.count--
		s.mu.Unlock()
		return true
	}
	err := s.waiters.Wait(&s.mu, deadline)
	switch err {
	case nil:
		return true // Release handed us its unit
	case hub.ErrTimeout:
		return false
	}
	raise(err)
	return false
}

// Release returns a unit, handing it to the longest waiter if there is one.
func (s *Semaphore) Release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.waiters.WakeOne() {
		return
	}
	if s.limit >= 0 && s.count >= s.limit {
		panic("eventlet: BoundedSemaphore released too many times")
	}
	s.count++
}

// Locked reports whether Acquire would park.
func (s *Semaphore) Locked() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.count == 0 || s.waiters.Len() > 0
}

// Counter returns the number of free units.
func (s *Semaphore) Counter() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.count
}

// Balance returns the free units minus the waiters: negative when greenthreads are waiting.
func (s *Semaphore) Balance() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.count - s.waiters.Len()
}
