package behave

import (
	"errors"
	"testing"
	"time"

	"github.com/eventlet-go/eventlet"
	"github.com/google/go-cmp/cmp"
)

// Check is a behaviour written once: it drives the implementations in e and records what it
// observes with e.Record.
type Check func(e *Env)

// Impl is one implementation of the packages under test.
type Impl struct {
	Name string
	Net  *Net
	Time *Time
	Sync *Sync
}

// Stdlib is the standard library: the reference.
var Stdlib = &Impl{Name: "stdlib", Net: StdlibNet, Time: StdlibTime, Sync: StdlibSync}

// Green is eventlet-go's green packages.
var Green = &Impl{Name: "green", Net: GreenNet, Time: GreenTime, Sync: GreenSync}

// Compare runs check against the stdlib from t's goroutine (the reference), then against the
// green packages from a plain goroutine (subtest "goroutine") and from a greenthread of the
// default hub (subtest "greenthread"), and fails a subtest whose records differ from the
// reference's. The reference's records are logged (go test -v shows them). A check that records nothing against the stdlib fails t: it would compare
// nothing.
//
// The reference always runs on a plain goroutine: stdlib calls in a greenthread would stall the
// hub that the check's helper greenthreads need.
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

// run runs check once against impl, in a greenthread if green, and returns its records. The
// check's deferred cleanups run on t's goroutine once it has returned.
func run(t *testing.T, impl *Impl, green bool, check Check) []Step {
	t.Helper()
	e := &Env{T: t, Net: impl.Net, Time: impl.Time, Sync: impl.Sync, Green: green}
	defer func() {
		for i := len(e.cleanup) - 1; i >= 0; i-- {
			e.cleanup[i]()
		}
	}()
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
	case <-time.After(hangAfter):
		t.Fatalf("check greenthread did not finish within %v", hangAfter)
	}
	return e.steps
}
