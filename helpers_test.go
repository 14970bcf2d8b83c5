package eventlet_test

import (
	"errors"
	"reflect"
	"runtime"
	"testing"
	"time"

	"github.com/eventlet-go/eventlet"
	"github.com/eventlet-go/eventlet/hub"
)

// hangAfter bounds every wait a test makes for something that must happen: long enough never to
// fire on a loaded machine, short enough to turn a deadlock into a failure instead of a hang.
const hangAfter = 10 * time.Second

// inGreen runs body as a greenthread of the default hub and waits for it: the Go form of
// eventlet's tests, whose bodies run in a greenlet beside the hub. t.Fatal inside body ends the
// greenthread (runtime.Goexit); the test then stops too.
func inGreen(t *testing.T, body func()) {
	t.Helper()
	gt := eventlet.Spawn(func() struct{} { body(); return struct{}{} })
	_, err := waitGT(t, gt)
	if errors.Is(err, eventlet.ErrGoexit) {
		t.FailNow()
	}
	if err != nil {
		t.Fatalf("test greenthread: %v", err)
	}
}

// inGoroutine runs body on the calling goroutine, a plain one: the other kind of caller.
func inGoroutine(t *testing.T, body func()) {
	t.Helper()
	body()
}

// contexts are the two kinds of caller every blocking call must serve.
var contexts = []struct {
	name string
	run  func(t *testing.T, body func())
}{
	{"greenthread", inGreen},
	{"goroutine", inGoroutine},
}

// forEachContext runs body as a subtest once from a greenthread and once from a plain goroutine.
func forEachContext(t *testing.T, body func(t *testing.T)) {
	t.Helper()
	for _, c := range contexts {
		t.Run(c.name, func(t *testing.T) { c.run(t, func() { body(t) }) })
	}
}

// waitGT is gt.Wait bounded by hangAfter. It waits with eventlet.Select, which parks a greenthread
// (a plain select would stall the hub) and blocks a plain goroutine.
func waitGT[T any](t *testing.T, gt *eventlet.GreenThread[T]) (T, error) {
	t.Helper()
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := gt.Wait()
		done <- result{v, err}
	}()
	timer := time.NewTimer(hangAfter)
	defer timer.Stop()
	chosen, recv, _ := eventlet.Select([]reflect.SelectCase{
		{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(done)},
		{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(timer.C)},
	})
	if chosen != 0 {
		t.Fatalf("greenthread still running after %v", hangAfter)
	}
	r := recv.Interface().(result)
	return r.v, r.err
}

// bounded runs f in the caller's kind of context — a new greenthread for a greenthread caller, a
// new goroutine for a goroutine caller — and fails the test if it has not returned after
// hangAfter: for calls that must return but would hang if broken.
func bounded(t *testing.T, what string, f func()) {
	t.Helper()
	if hub.Current() != nil {
		if _, err := waitGT(t, eventlet.Spawn(func() struct{} { f(); return struct{}{} })); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return
	}
	done := make(chan any, 1)
	go func() {
		defer func() { done <- recover() }()
		f()
	}()
	select {
	case r := <-done:
		if r != nil {
			t.Fatalf("%s panicked: %v", what, r)
		}
	case <-time.After(hangAfter):
		t.Fatalf("%s still running after %v", what, hangAfter)
	}
}

// waitUntil polls cond, yielding between looks, until it holds; it fails the test after
// hangAfter. It lets a plain goroutine wait for a greenthread or another goroutine to reach a
// state no event announces (a caller parked in a primitive, say).
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(hangAfter)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("still waiting after %v for %s", hangAfter, what)
		}
		eventlet.Sleep(0)
		runtime.Gosched()
	}
}

// recovered runs f and returns what it panicked with (nil if it returned).
func recovered(f func()) (v any) {
	defer func() { v = recover() }()
	f()
	return nil
}

// mustPanic runs f and returns what it panicked with, failing the test if it returned.
func mustPanic(t *testing.T, what string, f func()) any {
	t.Helper()
	done := false
	v := recovered(func() { f(); done = true })
	if done {
		t.Fatalf("%s did not panic", what)
	}
	return v
}
