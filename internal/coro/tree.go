package coro

import (
	"sync"
	"sync/atomic"

	"github.com/eventlet-go/eventlet/internal/gid"
)

// Tree is the set of greenlets of one goroutine (greenlet's per-thread state).
type Tree struct {
	root    *G
	rootID  uintptr // identity of the root goroutine
	current *G
	// curGid is the goroutine identity of the worker that runs (or last ran) a greenlet: a caller
	// is running in this tree when its identity is the root's (a root goroutine that executes is
	// the running root) or equals curGid. It is not reset when control returns to the root: the
	// worker it names is then suspended, alive, so no other goroutine can have its identity — and
	// when a worker goes (back to the shared pool, or its goroutine ends) it is reset. Other
	// goroutines read it, so it is atomic.
	curGid atomic.Uintptr

	// The transfer registers: the greenlet to run next and what it receives. Written by the
	// switching greenlet, read by the one resumed; coroutine switches order the accesses.
	target *G
	x      Transfer

	pool *workerPool

	// adoptable: the tree of a plain goroutine. Goroutine identities are reused, so once its root
	// goroutine has exited another goroutine may find the tree and carry on as its root; the root's
	// switches take rootMu so that whatever the old root wrote is ordered before the new one reads
	// it. A hub's tree is never adopted (Unregister removes it when the hub closes).
	adoptable bool
	rootMu    sync.Mutex
}

// NewRoot makes the calling goroutine the root of a new tree with its own pool of maxIdle
// reusable workers, registers the tree and returns it. The hub calls it from its loop goroutine;
// the public API gets its trees from Current.
func NewRoot(maxIdle int) *Tree {
	t := newTree(gid.Get(), &workerPool{max: maxIdle})
	register(t)
	return t
}

func newTree(id uintptr, pool *workerPool) *Tree {
	t := &Tree{rootID: id, pool: pool}
	t.root = &G{tree: t, state: stateActive, started: true}
	t.current = t.root
	t.curGid.Store(id)
	return t
}

// Root returns the tree's main greenlet.
func (t *Tree) Root() *G { return t.root }

// Current returns the running greenlet of t. Only meaningful to a caller running in t.
func (t *Tree) Current() *G { return t.current }

// Running reports whether the caller is the running greenlet of t (or its root goroutine while
// the root runs).
func (t *Tree) Running() bool {
	id := gid.Get()
	return id == t.rootID || t.curGid.Load() == id
}

// callerCurrent returns the running greenlet after checking that the caller is it.
func (t *Tree) callerCurrent() *G {
	if !t.Running() {
		panic(ErrWrongGoroutine)
	}
	return t.current
}

// Resume switches from the root of t to g with a Wake transfer and returns whatever transfer
// brings control back to the root. It never raises: panics and Goexits of greenlets whose parent
// is the root come back as Raise and Goexit transfers. Only the root may call it.
func Resume(t *Tree, g *G, x Transfer) Transfer {
	return t.switchTo(t.root, g, x)
}

// Park switches from g, the running greenlet of t, to the root and returns the transfer that
// resumes g, raw.
func Park(t *Tree, g *G) Transfer {
	return t.switchTo(g, t.root, Transfer{Kind: Wake})
}

// SwitchRaw switches from cur, the running greenlet of t, to g and returns the raw transfer that
// resumes cur.
func SwitchRaw(t *Tree, cur, g *G, x Transfer) Transfer {
	return t.switchTo(cur, g, x)
}

// switchTo hands control and x from cur (the running greenlet) to target.
func (t *Tree) switchTo(cur, target *G, x Transfer) Transfer {
	t.target, t.x = target, x
	if target.state != stateActive {
		t.resolve()
	}
	if t.target == cur {
		return t.take()
	}
	if cur == t.root {
		return t.trampoline()
	}
	return cur.w.suspend()
}

// take empties the transfer registers and returns what they held.
func (t *Tree) take() Transfer {
	x := t.x
	t.target, t.x = nil, Transfer{}
	return x
}

// resolve finds the greenlet that actually receives the pending transfer: a dead greenlet passes
// it to its parent (turning a thrown ErrGreenletExit into a value, as if it died of it again); a
// greenlet that has not started dies at once when the transfer raises or exits, and passes it on.
func (t *Tree) resolve() {
	for {
		switch t.target.state {
		case stateActive:
			return
		case stateNew:
			if t.x.Kind != Raise && t.x.Kind != Goexit {
				return
			}
			t.target.state = stateDead
		}
		t.x = died(t.x)
		t.target = t.target.parent
	}
}

// trampoline runs on the root: it resumes greenlets until one switches to the root, and returns
// what that switch passes.
func (t *Tree) trampoline() Transfer {
	for {
		if t.target.state != stateActive {
			t.resolve()
		}
		g := t.target
		t.current = g
		if g == t.root {
			return t.take()
		}
		w := g.w
		if g.state == stateNew {
			w = t.start(g)
		}
		if w.id != 0 {
			t.curGid.Store(w.id)
		}
		w.resume()
		switch {
		case w.retired:
			t.curGid.Store(t.rootID)
			w.dispose()
		case w.g == nil:
			w.release()
		}
	}
}

// start makes g active on a worker of its own.
func (t *Tree) start(g *G) *worker {
	w := t.worker()
	g.state = stateActive
	if w.tree != t { // a worker from the tree's own pool already points at it
		w.tree = t
	}
	w.g, g.w = g, w
	return w
}

// worker returns an idle worker or a new one.
func (t *Tree) worker() *worker {
	if w := t.pool.get(); w != nil {
		return w
	}
	return newWorker(t)
}

// ResumeWake resumes g from the root with a Wake transfer and returns the kind of transfer that
// brings control back to the root; TakeTransfer returns its payload. It has a direct path for the
// hub's common case: an active greenlet that parks straight back to the root.
func ResumeWake(t *Tree, g *G) Kind {
	w := g.w
	switch {
	case g.state == stateNew && g.parent == t.root:
		w = t.start(g)
		if w.id == 0 {
			return t.resumeSlow(g) // a brand-new coroutine records its identity as it starts
		}
	case g.state != stateActive || w == nil || w.id == 0:
		return t.resumeSlow(g)
	}
	t.target = g
	t.x.Kind = Wake
	t.current = g
	t.curGid.Store(w.id)
	w.next()
	if t.target != t.root || w.retired {
		return t.afterResume(w)
	}
	if w.g == nil {
		w.release()
	}
	t.current = t.root
	return t.x.Kind
}

func (t *Tree) resumeSlow(g *G) Kind {
	x := t.switchTo(t.root, g, Transfer{Kind: Wake})
	t.x = x
	return x.Kind
}

// afterResume finishes a resumption that did not come straight back: the worker finished or
// retired, or the greenlet switched elsewhere.
func (t *Tree) afterResume(w *worker) Kind {
	switch {
	case w.retired:
		w.dispose()
	case w.g == nil:
		w.release()
	}
	x := t.trampoline()
	t.x = x
	return x.Kind
}

// ParkWake switches from g, the running greenlet of t, straight to the root and returns the kind
// of transfer that resumes g; TakeTransfer returns its payload.
func ParkWake(t *Tree, g *G) Kind {
	t.target = t.root
	t.x.Kind = Wake
	g.w.yield(struct{}{})
	return t.x.Kind
}

// TakeTransfer returns the payload of the transfer just received by ResumeWake or ParkWake, and
// clears it.
func TakeTransfer(t *Tree) Transfer { return t.take() }
