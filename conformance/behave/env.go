package behave

import (
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/eventlet-go/eventlet"
)

// Env is what a check runs with: the implementation under test, the record of what it
// observed, and the means to run helpers beside it in the caller's own way (greenthreads beside
// a greenthread, goroutines beside a goroutine).
type Env struct {
	// T is the test. A check may call T.Fatal; helpers started with Go must not (use T.Error).
	T testing.TB
	// Net, Time and Sync are the implementations under test.
	Net  *Net
	Time *Time
	Sync *Sync
	// Green reports that the check runs inside a greenthread.
	Green bool

	names   namer
	steps   []Step
	cleanup []func()
	helpers []int64 // goroutine ids of the helpers started with Go, for Settle
}

// Step is one observation of a check: a label and the described values.
type Step struct {
	Label  string
	Values []any
}

// String renders the step for a log: its label and values, errors as their descriptions.
func (s Step) String() string {
	var b strings.Builder
	b.WriteString(s.Label)
	for _, v := range s.Values {
		b.WriteString(" | ")
		if d, ok := v.(*ErrDesc); ok && d != nil {
			fmt.Fprintf(&b, "%+v", *d)
			continue
		}
		fmt.Fprintf(&b, "%+v", v)
	}
	return b.String()
}

// Record appends an observation. Each value is described so that go-cmp can compare it and
// runs can agree on it: an error becomes an *ErrDesc, a net.Addr an AddrDesc, a []byte its
// string, and names replace addresses in strings; other values are kept as they are and must be
// comparable by go-cmp (no unexported fields). Only the check itself records: its helpers hand
// their results back through variables it reads once they are done.
func (e *Env) Record(label string, values ...any) {
	vs := make([]any, len(values))
	for i, v := range values {
		vs[i] = e.describe(v)
	}
	e.steps = append(e.steps, Step{Label: label, Values: vs})
}

func (e *Env) describe(v any) any {
	switch v := v.(type) {
	case error:
		return describeErr(v, &e.names)
	case net.Addr:
		return e.names.addr(v)
	case []byte:
		return e.names.text(string(v))
	case string:
		return e.names.text(v)
	}
	return v
}

// Err describes err, for checks that build their own records.
func (e *Env) Err(err error) *ErrDesc { return describeErr(err, &e.names) }

// Name makes the string of a stand for <name> in every record from now on.
func (e *Env) Name(a net.Addr, name string) {
	if a != nil {
		e.names.add(a.String(), name)
	}
}

// NameString makes s stand for <name> (a path, say).
func (e *Env) NameString(s, name string) { e.names.add(s, name) }

// Must fails the check at once if err is not nil: for setup the check does not compare.
func (e *Env) Must(err error) {
	e.T.Helper()
	if err != nil {
		e.T.Fatalf("setup: %v", err)
	}
}

// Defer runs f when the check ends, last deferred first, on the test's goroutine.
func (e *Env) Defer(f func()) { e.cleanup = append(e.cleanup, f) }

// TempDir returns a new directory, removed when the check ends, short enough for the paths of
// Unix sockets (t.TempDir's names grow with the test's name) and named <dir> in records.
func (e *Env) TempDir() string {
	dir, err := os.MkdirTemp("", "behave")
	e.Must(err)
	e.Defer(func() { os.RemoveAll(dir) })
	e.NameString(dir, "dir")
	return dir
}

// Go runs f beside the check: in a greenthread of the same hub when the check runs in a
// greenthread, in a goroutine otherwise. The returned wait blocks (parks) until f has returned;
// in a goroutine it fails the check after hangAfter instead (a greenthread check is bounded as a
// whole by Compare).
func (e *Env) Go(f func()) (wait func()) {
	if e.Green {
		gt := eventlet.Spawn(func() struct{} { f(); return struct{}{} })
		return func() {
			if _, err := gt.Wait(); err != nil {
				if errors.Is(err, eventlet.ErrGoexit) {
					e.T.Error("helper greenthread exited (a t.Fatal in a helper?)")
				} else {
					e.T.Errorf("helper greenthread: %v", err)
				}
			}
		}
	}
	ids := make(chan int64, 1)
	done := make(chan struct{})
	go func() {
		defer close(done)
		ids <- goid()
		f()
	}()
	e.helpers = append(e.helpers, <-ids)
	return func() {
		e.T.Helper()
		select {
		case <-done:
		case <-time.After(hangAfter):
			e.T.Fatalf("helper goroutine did not return within %v", hangAfter)
		}
	}
}

// Settle returns once every helper started with Go has run as far as it can and waits (or has
// returned). In a greenthread that is one yield to the hub: the helpers are ready greenthreads
// and each runs until it parks. In a goroutine it polls the scheduler's view of the helper
// goroutines until none is running or runnable; there is no event for "a goroutine blocked", and
// no check's outcome depends on the order (they only make the blocked path the likely one).
func (e *Env) Settle() {
	e.T.Helper()
	if e.Green {
		eventlet.Sleep(0)
		return
	}
	waitBlocked(e.T, e.helpers)
}

// Sleep lets d pass in the caller's way: eventlet.Sleep in a greenthread (so the helpers run),
// time.Sleep in a goroutine. Checks use it only to let a time pass that must have no effect (a
// deadline that was moved away); there is no event for something not happening.
func (e *Env) Sleep(d time.Duration) {
	if e.Green {
		eventlet.Sleep(d)
		return
	}
	time.Sleep(d)
}

// GoPlain runs f in a plain goroutine whatever the check runs in, so that a check can make
// goroutines and the greenthreads of Go share a primitive. The returned wait parks a greenthread
// (eventlet.Recv) and blocks a goroutine; it fails the check after hangAfter.
func (e *Env) GoPlain(f func()) (wait func()) {
	done := make(chan struct{}, 1)
	go func() {
		defer func() { done <- struct{}{} }()
		f()
	}()
	return func() {
		e.T.Helper()
		if _, ok := RecvWithin(e, (<-chan struct{})(done), hangAfter); !ok {
			e.T.Fatalf("plain helper goroutine did not return within %v", hangAfter)
		}
	}
}
