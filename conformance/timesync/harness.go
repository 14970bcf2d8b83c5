package timesync

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	stdtime "time"

	"github.com/eventlet-go/eventlet"
	"github.com/google/go-cmp/cmp"
)

// hangAfter bounds a check in a greenthread: a deadlock fails it instead of hanging the suite.
const hangAfter = 30 * stdtime.Second

// Check is a behaviour written once: it drives e.Impl and records what it observes.
type Check func(e *Env)

// Env is what a check runs with: the implementation, the record, and the means to run helpers
// beside it in its own way (greenthreads beside a greenthread, goroutines beside a goroutine).
type Env struct {
	T     testing.TB
	Impl  *Impl
	Green bool // the check runs in a greenthread
	steps []Step
}

// Step is one observation: a label and values go-cmp compares.
type Step struct {
	Label  string
	Values []any
}

// String renders the step for a log.
func (s Step) String() string {
	var b strings.Builder
	b.WriteString(s.Label)
	for _, v := range s.Values {
		fmt.Fprintf(&b, " | %+v", v)
	}
	return b.String()
}

// Record appends an observation; values must be comparable by go-cmp (no unexported fields).
func (e *Env) Record(label string, values ...any) {
	e.steps = append(e.steps, Step{Label: label, Values: values})
}

// Go runs f beside the check: in a greenthread of the default hub when the check runs in one, in
// a goroutine otherwise. Helpers report back over channels, with eventlet.Recv and eventlet.Send.
func (e *Env) Go(f func()) {
	if e.Green {
		eventlet.SpawnN(f)
		return
	}
	go f()
}

// Yield lets the others run: eventlet.Sleep(0) in a greenthread, runtime.Gosched otherwise.
func (e *Env) Yield() {
	if e.Green {
		eventlet.Sleep(0)
		return
	}
	runtime.Gosched()
}

// Panic returns what f panics with, rendered with %v, or "no panic".
func Panic(f func()) (s string) {
	defer func() {
		if r := recover(); r != nil {
			s = fmt.Sprint(r)
		}
	}()
	f()
	return "no panic"
}

// Ready reports whether c holds a value now, taking it.
func Ready[T any](c <-chan T) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}

// Compare runs check against Stdlib from t's goroutine (the reference; stdlib locks and
// channels in a greenthread would stall its hub), then against Green from a plain goroutine
// (subtest "goroutine") and from a greenthread (subtest "greenthread"), and fails a subtest whose
// records differ from the reference's. It fails t if the reference records nothing.
func Compare(t *testing.T, check Check) {
	t.Helper()
	want := run(t, Stdlib, false, check)
	if len(want) == 0 {
		t.Fatal("the check recorded nothing against the stdlib")
	}
	for _, s := range want {
		t.Logf("%s: %s", Stdlib.Name, s)
	}
	for _, c := range []struct {
		name  string
		green bool
	}{{"goroutine", false}, {"greenthread", true}} {
		t.Run(c.name, func(t *testing.T) {
			got := run(t, Green, c.green, check)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s from a %s differs from %s (-%s +%s):\n%s", Green.Name, c.name, Stdlib.Name, Stdlib.Name, Green.Name, diff)
			}
		})
	}
}

// run runs check once against impl, in a greenthread if green, and returns its records.
func run(t *testing.T, impl *Impl, green bool, check Check) []Step {
	t.Helper()
	e := &Env{T: t, Impl: impl, Green: green}
	if !green {
		check(e)
		return e.steps
	}
	gt := eventlet.Spawn(func() struct{} { check(e); return struct{}{} })
	done := make(chan error, 1)
	go func() {
		_, err := gt.Wait()
		done <- err
	}()
	select {
	case err := <-done:
		if errors.Is(err, eventlet.ErrGoexit) {
			t.FailNow() // the check called t.Fatal in the greenthread
		}
		if err != nil {
			t.Fatalf("check greenthread: %v", err)
		}
	case <-stdtime.After(hangAfter):
		t.Fatalf("check greenthread did not finish within %v", hangAfter)
	}
	return e.steps
}
