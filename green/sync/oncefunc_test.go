package sync_test

import (
	"bytes"
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"github.com/eventlet-go/eventlet/green/sync"
	"github.com/eventlet-go/eventlet/internal/modes"
)

func TestOnceFunc(t *testing.T) {
	calls := 0
	of := func() { calls++ }
	f := sync.OnceFunc(of)
	allocs := testing.AllocsPerRun(10, f)
	if calls != 1 {
		t.Errorf("want calls==1, got %d", calls)
	}
	if allocs != 0 {
		t.Errorf("want 0 allocations per call to f, got %v", allocs)
	}
	allocs = testing.AllocsPerRun(10, func() { f = sync.OnceFunc(of) })
	if allocs > 2 {
		t.Errorf("want at most 2 allocations per call to OnceFunc, got %v", allocs)
	}
}

func TestOnceValue(t *testing.T) {
	calls := 0
	of := func() int {
		calls++
		return calls
	}
	f := sync.OnceValue(of)
	allocs := testing.AllocsPerRun(10, func() { f() })
	value := f()
	if calls != 1 {
		t.Errorf("want calls==1, got %d", calls)
	}
	if value != 1 {
		t.Errorf("want value==1, got %d", value)
	}
	if allocs != 0 {
		t.Errorf("want 0 allocations per call to f, got %v", allocs)
	}
	allocs = testing.AllocsPerRun(10, func() { f = sync.OnceValue(of) })
	if allocs > 2 {
		t.Errorf("want at most 2 allocations per call to OnceValue, got %v", allocs)
	}
}

func TestOnceValues(t *testing.T) {
	calls := 0
	of := func() (int, int) {
		calls++
		return calls, calls + 1
	}
	f := sync.OnceValues(of)
	allocs := testing.AllocsPerRun(10, func() { f() })
	v1, v2 := f()
	if calls != 1 {
		t.Errorf("want calls==1, got %d", calls)
	}
	if v1 != 1 || v2 != 2 {
		t.Errorf("want v1==1 and v2==2, got %d and %d", v1, v2)
	}
	if allocs != 0 {
		t.Errorf("want 0 allocations per call to f, got %v", allocs)
	}
	allocs = testing.AllocsPerRun(10, func() { f = sync.OnceValues(of) })
	if allocs > 2 {
		t.Errorf("want at most 2 allocations per call to OnceValues, got %v", allocs)
	}
}

// testOncePanic checks that every call of f panics as check wants, and the function under it
// ran once.
func testOncePanic(t *testing.T, calls *int, f func(), check func(label string, p any)) {
	t.Helper()
	for _, label := range []string{"first time", "second time"} {
		panicked := true
		var p any
		func() {
			defer func() { p = recover() }()
			f()
			panicked = false
		}()
		if !panicked {
			t.Fatalf("%s: f did not panic", label)
		}
		check(label, p)
	}
	if *calls != 1 {
		t.Errorf("want calls==1, got %d", *calls)
	}
}

func wantPanicX(t *testing.T) func(string, any) {
	return func(label string, p any) {
		if p != "x" {
			t.Fatalf("%s: want panic x, got %v", label, p)
		}
	}
}

func TestOnceXPanic(t *testing.T) {
	modes.Run(t, func(t *testing.T, md modes.Mode) {
		calls := 0
		f := sync.OnceFunc(func() { calls++; panic("x") })
		testOncePanic(t, &calls, f, wantPanicX(t))

		calls = 0
		v := sync.OnceValue(func() int { calls++; panic("x") })
		testOncePanic(t, &calls, func() { v() }, wantPanicX(t))

		calls = 0
		vs := sync.OnceValues(func() (int, int) { calls++; panic("x") })
		testOncePanic(t, &calls, func() { vs() }, wantPanicX(t))
	})
}

func TestOnceFuncPanicNil(t *testing.T) {
	calls := 0
	f := sync.OnceFunc(func() {
		calls++
		panic(nil)
	})
	testOncePanic(t, &calls, f, func(label string, p any) {
		switch p.(type) {
		case nil, *runtime.PanicNilError:
			return
		}
		t.Fatalf("%s: want nil panic, got %v", label, p)
	})
}

func TestOnceFuncGoexit(t *testing.T) {
	// If f calls Goexit the results are unspecified, but f is not called twice.
	calls := 0
	f := sync.OnceFunc(func() {
		calls++
		runtime.Goexit()
	})
	for range 2 {
		done := make(chan struct{})
		go func() {
			defer close(done)
			defer func() { recover() }()
			f()
		}()
		<-done
	}
	if calls != 1 {
		t.Errorf("want calls==1, got %d", calls)
	}
}

func onceFuncPanic() { panic("x") }

func TestOnceFuncPanicTraceback(t *testing.T) {
	// The first call's panic still has the stack of the function that panicked.
	f := sync.OnceFunc(onceFuncPanic)
	defer func() {
		if p := recover(); p != "x" {
			t.Fatalf("want panic x, got %v", p)
		}
		if stack := debug.Stack(); !bytes.Contains(stack, []byte("sync_test.onceFuncPanic")) {
			t.Fatalf("want a stack containing onceFuncPanic, got:\n%s", stack)
		}
	}()
	f()
}

func TestOnceXDropsTheFunctionAfterItRan(t *testing.T) {
	fns := map[string]func([]byte) func(){
		"OnceFunc": func(buf []byte) func() { return sync.OnceFunc(func() { buf[0] = 1 }) },
		"OnceValue": func(buf []byte) func() {
			f := sync.OnceValue(func() any { buf[0] = 1; return nil })
			return func() { f() }
		},
		"OnceValues": func(buf []byte) func() {
			f := sync.OnceValues(func() (any, any) { buf[0] = 1; return nil, nil })
			return func() { f() }
		},
		"OnceFunc panic": func(buf []byte) func() {
			return sync.OnceFunc(func() { buf[0] = 1; panic("test panic") })
		},
	}
	for name, fn := range fns {
		t.Run(name, func(t *testing.T) {
			buf := make([]byte, 1024)
			collected := make(chan struct{})
			runtime.AddCleanup(&buf[0], func(c chan struct{}) { close(c) }, collected)
			f := fn(buf)
			buf = nil
			runtime.GC()
			select {
			case <-collected:
				t.Fatal("the wrapped function was collected before it ran")
			default:
			}
			func() {
				defer func() { recover() }()
				f()
			}()
			// Cleanups run on a goroutine of their own some time after a collection.
			deadline := time.Now().Add(10 * time.Second)
			for {
				runtime.GC()
				select {
				case <-collected:
					runtime.KeepAlive(f)
					return
				case <-time.After(10 * time.Millisecond):
				}
				if time.Now().After(deadline) {
					t.Fatal("the wrapped function is still alive after it ran")
				}
			}
		})
	}
}
