package coro

import "errors"

// Errors of the greenlet API.
var (
	// ErrWrongGoroutine is the panic value of Switch or Throw called from a goroutine that is not
	// running the target's tree: greenlets never migrate between goroutines.
	ErrWrongGoroutine = errors.New("greenlet: cannot switch to a greenlet of another goroutine")
	// ErrNilParent is returned by SetParent(nil).
	ErrNilParent = errors.New("greenlet: parent cannot be nil")
	// ErrParentCycle is returned by SetParent when the new parent descends from the greenlet.
	ErrParentCycle = errors.New("greenlet: cyclic parent chain")
	// ErrParentTree is returned by SetParent when the new parent belongs to another goroutine.
	ErrParentTree = errors.New("greenlet: parent cannot be on a different goroutine")
)

// Body is what a greenlet runs when it starts. Run receives the arguments of the first switch
// into the greenlet; its result goes to the parent.
type Body interface {
	Run(args []any) any
}

type state uint8

const (
	stateNew    state = iota // created, never switched to
	stateActive              // started, not finished: running or paused in a switch
	stateDead                // finished, or killed before it started
)

// G is a greenlet: a function that runs as a coroutine of its tree and hands control to another
// greenlet only when it switches explicitly. Package greenlet exports it as greenlet.Greenlet.
type G struct {
	tree    *Tree
	parent  *G
	body    Body
	w       *worker // while active (nil for the root)
	data    any     // owner's per-greenlet state (the hub's)
	state   state
	started bool
	escaped bool // handed to user code by Current: its owner must never reuse it
}

// funcGreenlet is a greenlet made by New: its body is a plain function.
type funcGreenlet struct {
	G
	run func(args ...any) any
}

func (f *funcGreenlet) Run(args []any) any { return f.run(args...) }

// New returns a greenlet that will run run when first switched to. Its parent is the calling
// greenlet (on a goroutine that has none yet, its implicit main greenlet).
func New(run func(args ...any) any) *G {
	f := &funcGreenlet{run: run}
	Init(&f.G, f, Current())
	return &f.G
}

// Switch transfers control to g. The first switch into g calls its run function with args; a
// later one makes g's own paused Switch return: no args → nil, one → that value, several →
// []any. Switch returns when some greenlet switches back to the caller, with what that switch
// passes; when run returns, its result goes to g's parent. A panic in g's run re-panics in its
// parent's paused Switch with the same value. Switching to a dead greenlet switches to its parent
// instead (returning args at once if that is the caller). Switch panics with ErrWrongGoroutine
// when g belongs to another goroutine's greenlets.
func (g *G) Switch(args ...any) any {
	t := g.tree
	cur := t.callerCurrent()
	if cur == t.root && t.adoptable {
		t.rootMu.Lock()
		defer t.rootMu.Unlock()
	}
	return t.switchTo(cur, g, Transfer{Kind: Args, Args: args}).Result()
}

// Throw makes g's paused Switch panic with err (nil means ErrGreenletExit) and switches to g.
// If g does not recover it dies: ErrGreenletExit then comes back to g's parent as a value (and to
// the caller as Throw's result when the caller is that parent); any other error propagates to the
// parent as a panic. A greenlet that has not started never runs: it dies at once and err goes to
// its parent the same way. Throw panics with ErrWrongGoroutine like Switch.
func (g *G) Throw(err error) any {
	if err == nil {
		err = ErrGreenletExit
	}
	t := g.tree
	cur := t.callerCurrent()
	if cur == t.root && t.adoptable {
		t.rootMu.Lock()
		defer t.rootMu.Unlock()
	}
	return t.switchTo(cur, g, Transfer{Kind: Raise, V: err}).Result()
}

// Parent returns the greenlet that receives control when g finishes (nil for a main greenlet).
func (g *G) Parent() *G { return g.parent }

// SetParent makes p the parent of g. It refuses nil, a greenlet of another goroutine, and a
// parent whose own parent chain leads back to g.
func (g *G) SetParent(p *G) error {
	if p == nil {
		return ErrNilParent
	}
	if p.tree != g.tree {
		return ErrParentTree
	}
	for a := p; a != nil; a = a.parent {
		if a == g {
			return ErrParentCycle
		}
	}
	g.parent = p
	return nil
}

// Dead reports whether g has finished, or was killed before it started.
func (g *G) Dead() bool { return g.state == stateDead }

// Started reports whether g's run function has been called.
func (g *G) Started() bool { return g.started }

// Init prepares g (usually embedded in the caller's own struct, so starting a greenlet allocates
// nothing more) to run body with parent as its parent.
func Init(g *G, body Body, parent *G) {
	g.tree = parent.tree
	g.parent = parent
	g.body = body
	g.w = nil
	g.data = nil
	g.state = stateNew
	g.started = false
	g.escaped = false
}

// Reset prepares g, a greenlet that finished and was never handed to user code, to run its body
// again with the same parent: only its state changes, so reuse writes no pointer.
func Reset(g *G) {
	g.state = stateNew
	g.started = false
}

// Escaped reports whether g has been handed to user code (by Current, and so by the greenlet
// package): such a greenlet may be held forever and must not be reinitialised for reuse.
func Escaped(g *G) bool { return g.escaped }

// Data returns the value stored with SetData.
func Data(g *G) any { return g.data }

// SetData attaches the owner's per-greenlet state to g.
func SetData(g *G, v any) { g.data = v }

// TreeOf returns the tree g belongs to.
func TreeOf(g *G) *Tree { return g.tree }

// runBody runs g on worker w until g finishes, and leaves in the tree the transfer its parent
// receives. It returns normally after a normal return or a recovered panic; after
// runtime.Goexit it hands control back to the trampoline from inside the unwinding and never
// returns (the trampoline retires the worker).
func (g *G) runBody(w *worker) {
	t := g.tree
	x := t.take()
	g.started = true
	normal := false
	defer func() {
		if normal {
			return
		}
		r := recover()
		g.finish(w)
		if r == nil { // runtime.Goexit is unwinding this goroutine
			t.target, t.x = g.parent, Transfer{Kind: Goexit}
			w.retire()
			return
		}
		t.target, t.x = g.parent, died(Transfer{Kind: Raise, V: r})
	}()
	v := g.body.Run(x.startArgs())
	normal = true
	g.finish(w)
	t.target, t.x = g.parent, Transfer{Kind: Value, V: v}
}

func (g *G) finish(w *worker) {
	g.state = stateDead
	g.w = nil
	w.g = nil
}
