package coro

import (
	"iter"

	"github.com/eventlet-go/eventlet/internal/gid"
)

// worker is one iter.Pull coroutine that runs greenlets, one after another.
type worker struct {
	tree    *Tree // of the greenlet it runs; nil while idle
	g       *G    // the greenlet it runs now; nil while idle
	next    func() (struct{}, bool)
	stop    func()
	yield   func(struct{}) bool
	id      uintptr // goroutine identity, known once it first runs
	retired bool    // a greenlet called runtime.Goexit on it: it must never run again
}

func newWorker(t *Tree) *worker {
	w := &worker{tree: t}
	w.next, w.stop = iter.Pull(w.loop)
	return w
}

// loop is the coroutine's body: run the assigned greenlet, yield to the trampoline (which files
// the worker in a pool), and run the next greenlet assigned to it. It returns, ending the
// coroutine, when stopped.
func (w *worker) loop(yield func(struct{}) bool) {
	w.yield = yield
	w.id = gid.Get()
	w.tree.curGid.Store(w.id)
	for {
		w.g.runBody(w)
		if !yield(struct{}{}) {
			return
		}
	}
}

// resume runs the worker until its greenlet switches away or finishes. Called on the root.
func (w *worker) resume() { w.next() }

// suspend hands control from the worker's greenlet back to the root's trampoline and returns the
// transfer the greenlet is resumed with.
func (w *worker) suspend() Transfer {
	t := w.tree
	w.yield(struct{}{})
	return t.take()
}

// release files a worker whose greenlet finished in its tree's pool, or ends its coroutine when
// the pool is full. Called on the root after the worker yielded.
func (w *worker) release() {
	t := w.tree
	pool := t.pool
	if pool.shared {
		// The worker may run for another tree next. (A tree's own pool serves only the tree,
		// so its workers keep pointing at it.)
		w.tree = nil
		t.curGid.Store(t.rootID)
	}
	if !pool.put(w) {
		w.tree = nil
		t.curGid.Store(t.rootID) // its goroutine ends, and its identity may be reused
		w.stop()
	}
}

// retire is called while runtime.Goexit unwinds the worker's goroutine: it yields to the
// trampoline and never comes back. The trampoline then disposes of the worker.
func (w *worker) retire() {
	w.retired = true
	w.yield(struct{}{})
}

// dispose lets a retired worker finish its Goexit on a throwaway goroutine: iter.Pull re-raises
// the coroutine's Goexit in whichever goroutine resumes it last, and that must not be the root.
func (w *worker) dispose() {
	go w.stop()
}
