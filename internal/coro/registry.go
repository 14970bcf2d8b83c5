package coro

import (
	"sync"
	"sync/atomic"
	"weak"

	"github.com/eventlet-go/eventlet/internal/gid"
)

// The registry finds the tree a goroutine runs in. It holds trees weakly: a tree nobody refers
// to any more (no greenlet of it is referenced or paused) is dropped, and its goroutine gets a
// fresh main greenlet if it asks again — indistinguishable, since nobody holds the old one.
var registry struct {
	mu    sync.Mutex
	trees atomic.Pointer[[]weak.Pointer[Tree]]
}

func register(t *Tree) {
	registry.mu.Lock()
	defer registry.mu.Unlock()
	var live []weak.Pointer[Tree]
	if old := registry.trees.Load(); old != nil {
		live = make([]weak.Pointer[Tree], 0, len(*old)+1)
		for _, p := range *old {
			if p.Value() != nil {
				live = append(live, p)
			}
		}
	}
	live = append(live, weak.Make(t))
	registry.trees.Store(&live)
}

// Unregister removes t from the registry: its root goroutine is about to exit (a closing hub).
func Unregister(t *Tree) {
	registry.mu.Lock()
	defer registry.mu.Unlock()
	old := registry.trees.Load()
	if old == nil {
		return
	}
	live := make([]weak.Pointer[Tree], 0, len(*old))
	for _, p := range *old {
		if v := p.Value(); v != nil && v != t {
			live = append(live, p)
		}
	}
	registry.trees.Store(&live)
}

// lookup returns the tree whose running greenlet is the caller, or nil. A tree running a worker
// matches exactly: the worker is alive while it runs. A tree whose root is running matches by the
// root goroutine's identity, which the runtime reuses once that goroutine exits; so worker
// matches are tried first, and a stale root can only ever be matched by a plain goroutine.
func lookup(id uintptr) *Tree {
	list := registry.trees.Load()
	if list == nil {
		return nil
	}
	var rootMatch *Tree
	for _, p := range *list {
		t := p.Value()
		switch {
		case t == nil:
		case id == t.rootID:
			rootMatch = t
		case t.curGid.Load() == id:
			return t
		}
	}
	return rootMatch
}

// Current returns the running greenlet of the calling goroutine, creating the goroutine's tree
// (whose root is its implicit main greenlet) on first use.
//
// Goroutine identities are reused after a goroutine exits: a tree whose root goroutine exited
// while the tree was still referenced can be found again by a new goroutine with the same
// identity, which then inherits that tree's paused greenlets.
func Current() *G {
	id := gid.Get()
	if t := lookup(id); t != nil {
		if id == t.rootID {
			return t.root // the root runs; t.root never changes, t.current is the running root's to write
		}
		t.current.escaped = true
		return t.current
	}
	t := newTree(id, sharedPool)
	t.adoptable = true
	register(t)
	return t.root
}

// CurrentIn returns the running greenlet of t when the caller is it, and nil otherwise.
func CurrentIn(t *Tree) *G {
	id := gid.Get()
	if id == t.rootID {
		return t.root
	}
	if t.curGid.Load() == id {
		return t.current
	}
	return nil
}
