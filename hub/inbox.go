package hub

import (
	"sync"
	"sync/atomic"
)

// inbox is how other goroutines hand work to a hub: tasks to make ready and calls to run in the
// hub's context. The hub swaps the lists out each turn, so steady state allocates nothing.
type inbox struct {
	mu      sync.Mutex
	ready   []*Task
	calls   []func()
	pending atomic.Bool
}

func (in *inbox) pushReady(t *Task) {
	in.mu.Lock()
	in.ready = append(in.ready, t)
	in.pending.Store(true)
	in.mu.Unlock()
}

func (in *inbox) pushCall(f func()) {
	in.mu.Lock()
	in.calls = append(in.calls, f)
	in.pending.Store(true)
	in.mu.Unlock()
}

// take swaps the queued work with the given (empty) slices and returns it.
func (in *inbox) take(ready []*Task, calls []func()) ([]*Task, []func()) {
	in.mu.Lock()
	r, c := in.ready, in.calls
	in.ready, in.calls = ready, calls
	in.pending.Store(false)
	in.mu.Unlock()
	return r, c
}
