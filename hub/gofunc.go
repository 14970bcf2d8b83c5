package hub

import (
	"errors"
	"log"
	"runtime/debug"

	"github.com/eventlet-go/eventlet/internal/coro"
)

// goTask is a greenthread started by Go: a Task and its function, one allocation.
type goTask struct {
	Task
	f func()
}

// Go starts f in a greenthread of its own — on the caller's hub, or on the default hub when the
// caller is a plain goroutine — with no handle to wait for it: eventlet's spawn_n, for the green
// packages, which cannot import package eventlet. Any goroutine may call it; f starts once the
// hub gets to it. A panic in f ends that greenthread only: it is logged with its stack and the
// hub carries on, as eventlet prints a greenthread's traceback. ErrGreenletExit unwinding f (the
// hub closing) ends it quietly.
func Go(f func()) {
	h := CurrentHub()
	if h == nil {
		h = Default()
	}
	g := &goTask{f: f}
	g.Init(h, g)
	h.Start(&g.Task)
}

// RunTask runs the function; it is the hub's entry point, not for callers.
func (g *goTask) RunTask() {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		if err, ok := r.(error); ok && errors.Is(err, coro.ErrGreenletExit) {
			return
		}
		log.Printf("eventlet: greenthread panicked: %v\n%s", r, debug.Stack())
	}()
	f := g.f
	g.f = nil
	f()
}
