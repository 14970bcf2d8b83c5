package greenlet

import "github.com/eventlet-go/eventlet/internal/coro"

// Greenlet is one greenlet. Its methods:
//
//	Switch(args ...any) any   transfer control to it (see the package documentation)
//	Throw(err error) any      raise err in it (nil: ErrGreenletExit)
//	Parent() *Greenlet        where control goes when it finishes
//	SetParent(*Greenlet) error
//	Dead() bool               finished, or killed before starting
//	Started() bool            its run function has been called
type Greenlet = coro.G

// ErrGreenletExit is what Throw(nil) raises. A greenlet that dies of it hands it to its parent as
// a value instead of a panic.
var ErrGreenletExit = coro.ErrGreenletExit

// Errors reported by the API.
var (
	// ErrWrongGoroutine is the panic value of Switch and Throw aimed at a greenlet of another
	// goroutine.
	ErrWrongGoroutine = coro.ErrWrongGoroutine
	// ErrNilParent, ErrParentCycle and ErrParentTree are SetParent's refusals.
	ErrNilParent   = coro.ErrNilParent
	ErrParentCycle = coro.ErrParentCycle
	ErrParentTree  = coro.ErrParentTree
)

// New returns a greenlet that calls run with the arguments of the first switch into it. Its
// parent is the calling greenlet.
func New(run func(args ...any) any) *Greenlet { return coro.New(run) }

// Current returns the running greenlet of the calling goroutine; on a goroutine that has no
// greenlet yet, its implicit main greenlet.
func Current() *Greenlet { return coro.Current() }
