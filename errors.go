package eventlet

import (
	"errors"
	"fmt"

	"github.com/eventlet-go/eventlet/greenlet"
	"github.com/eventlet-go/eventlet/hub"
)

// ErrGreenletExit is raised in a greenthread by Kill. A greenthread that dies of it reports it
// from Wait.
var ErrGreenletExit = greenlet.ErrGreenletExit

// ErrGoexit is the error of a greenthread that called runtime.Goexit (t.FailNow in a test).
var ErrGoexit = errors.New("eventlet: greenthread called runtime.Goexit")

// PanicError is the error Wait returns for a greenthread that panicked.
type PanicError struct {
	Value any    // what it panicked with
	Stack []byte // where
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("eventlet: greenthread panicked: %v", e.Value)
}

// Unwrap returns the panic value when it is an error, so errors.Is and errors.As see through.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

// raise turns an interruption returned by a wait into the panic it stands for.
func raise(err error) { hub.Raise(err) }

// interruption reports whether a recovered panic value is one of the interruptions a
// greenthread can be killed with, which Wait reports as they are rather than as a PanicError.
func interruption(v any) (error, bool) {
	err, ok := v.(error)
	if !ok {
		return nil, false
	}
	var t *Timeout
	if errors.Is(err, ErrGreenletExit) || errors.As(err, &t) {
		return err, true
	}
	return nil, false
}
