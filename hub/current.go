package hub

import (
	"sync"
	"sync/atomic"

	"github.com/eventlet-go/eventlet/internal/coro"
)

// hubs lists the running hubs, for Current.
var hubs struct {
	mu   sync.Mutex
	list atomic.Pointer[[]*Hub]
}

func registerHub(h *Hub) {
	hubs.mu.Lock()
	defer hubs.mu.Unlock()
	var l []*Hub
	if old := hubs.list.Load(); old != nil {
		l = append(l, *old...)
	}
	l = append(l, h)
	hubs.list.Store(&l)
}

func unregisterHub(h *Hub) {
	hubs.mu.Lock()
	defer hubs.mu.Unlock()
	old := hubs.list.Load()
	if old == nil {
		return
	}
	l := make([]*Hub, 0, len(*old))
	for _, x := range *old {
		if x != h {
			l = append(l, x)
		}
	}
	hubs.list.Store(&l)
}

// Current returns the task of the calling greenlet, or nil when the caller is not a greenlet of a
// hub (a plain goroutine, or a hub's own loop).
func Current() *Task {
	l := hubs.list.Load()
	if l == nil {
		return nil
	}
	for _, h := range *l {
		if g := coro.CurrentIn(h.tree); g != nil {
			if g == h.tree.Root() {
				return nil
			}
			return h.taskOf(g)
		}
	}
	return nil
}

// CurrentHub returns the hub whose context the caller is in (its loop or one of its greenlets),
// or nil.
func CurrentHub() *Hub {
	l := hubs.list.Load()
	if l == nil {
		return nil
	}
	for _, h := range *l {
		if h.tree.Running() {
			return h
		}
	}
	return nil
}
