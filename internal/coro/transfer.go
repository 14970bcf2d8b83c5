package coro

import (
	"errors"
	"runtime"
)

// ErrGreenletExit is thrown into a greenlet by Throw(nil). A greenlet that dies of it does not
// propagate it as a panic: its parent receives the error as the switch's return value.
var ErrGreenletExit = errors.New("greenlet: GreenletExit")

// Kind says what a Transfer carries.
type Kind uint8

const (
	// Args is a plain switch: Args are the arguments.
	Args Kind = iota
	// Value is the return value of a finished greenlet, in V.
	Value
	// Raise makes the receiving greenlet's paused switch panic with V: a Throw, or the panic of a
	// child that died of it.
	Raise
	// Goexit reports that a child called runtime.Goexit; the receiver's switch calls Goexit too.
	Goexit
	// Wake is a hub resuming a greenlet it parked; it carries nothing.
	Wake
)

// Transfer is what one switch hands to the greenlet it resumes.
type Transfer struct {
	Kind Kind
	Args []any
	V    any
}

// Result turns a transfer into what the public Switch returns: no arguments → nil, one → it,
// several → []any; a return value as is; Raise panics with V and Goexit calls runtime.Goexit.
func (x Transfer) Result() any {
	switch x.Kind {
	case Args:
		switch len(x.Args) {
		case 0:
			return nil
		case 1:
			return x.Args[0]
		}
		return x.Args
	case Value:
		return x.V
	case Raise:
		panic(x.V)
	case Goexit:
		runtime.Goexit()
	}
	return nil
}

// startArgs is what run receives when x starts a greenlet.
func (x Transfer) startArgs() []any {
	if x.Kind == Value {
		return []any{x.V}
	}
	return x.Args
}

// died converts what a greenlet dies of into what its parent receives: a greenlet that dies of
// ErrGreenletExit hands the error to its parent as a value; any other panic propagates.
func died(x Transfer) Transfer {
	if x.Kind == Raise {
		if err, ok := x.V.(error); ok && errors.Is(err, ErrGreenletExit) {
			return Transfer{Kind: Value, V: err}
		}
	}
	return x
}
