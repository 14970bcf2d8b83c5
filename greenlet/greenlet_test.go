package greenlet_test

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"testing"

	"github.com/eventlet-go/eventlet/greenlet"
)

// parentSwitch switches to the running greenlet's parent, like test_throw.py's switch().
func parentSwitch(args ...any) any { return greenlet.Current().Parent().Switch(args...) }

var errSome = errors.New("some error")

// expectPanic runs f and returns what it panicked with, failing the test if it did not.
func expectPanic(t *testing.T, f func()) (v any) {
	t.Helper()
	defer func() { v = recover() }()
	f()
	t.Fatal("expected a panic")
	return nil
}

func TestSimple(t *testing.T) {
	var lst []int
	g := greenlet.New(func(...any) any {
		lst = append(lst, 1)
		greenlet.Current().Parent().Switch()
		lst = append(lst, 3)
		return nil
	})
	lst = append(lst, 0)
	g.Switch()
	lst = append(lst, 2)
	g.Switch()
	lst = append(lst, 4)
	if !slices.Equal(lst, []int{0, 1, 2, 3, 4}) {
		t.Fatalf("order %v", lst)
	}
	if !g.Dead() || !g.Started() {
		t.Fatalf("dead=%v started=%v after run returned", g.Dead(), g.Started())
	}
}

func TestSwitchValues(t *testing.T) {
	g := greenlet.New(func(args ...any) any {
		if len(args) != 2 || args[0] != 1 || args[1] != "two" {
			t.Errorf("run got %v", args)
		}
		if v := parentSwitch(); v != nil {
			t.Errorf("no-arg switch back gave %v", v)
		}
		if v := parentSwitch("x"); v != 7 {
			t.Errorf("one-arg switch back gave %v", v)
		}
		if v := parentSwitch("a", "b"); !slices.Equal(v.([]any), []any{8, 9}) {
			t.Errorf("two-arg switch back gave %v", v)
		}
		return "result"
	})
	if v := g.Switch(1, "two"); v != nil {
		t.Fatalf("first pause passed %v, want nil", v)
	}
	if v := g.Switch(); v != "x" {
		t.Fatalf("got %v, want x", v)
	}
	if v := g.Switch(7); !slices.Equal(v.([]any), []any{"a", "b"}) {
		t.Fatalf("got %v, want [a b]", v)
	}
	if v := g.Switch(8, 9); v != "result" {
		t.Fatalf("run's return gave %v, want result", v)
	}
}

func TestTwoChildren(t *testing.T) {
	n := 0
	f := func(...any) any {
		n++
		greenlet.Current().Parent().Switch()
		n += 2
		return nil
	}
	g, h := greenlet.New(f), greenlet.New(f)
	g.Switch()
	if n != 1 {
		t.Fatal(n)
	}
	h.Switch()
	h.Switch()
	if n != 4 || !h.Dead() || g.Dead() {
		t.Fatalf("n=%d h.dead=%v g.dead=%v", n, h.Dead(), g.Dead())
	}
	g.Switch()
	if n != 6 || !g.Dead() {
		t.Fatalf("n=%d g.dead=%v", n, g.Dead())
	}
}

func TestTwoRecursiveChildren(t *testing.T) {
	var lst []string
	outer := greenlet.New(func(...any) any {
		lst = append(lst, "a")
		inner := greenlet.New(func(...any) any {
			lst = append(lst, "b")
			greenlet.Current().Parent().Switch()
			return nil
		})
		if inner.Parent() != greenlet.Current() {
			t.Error("inner's parent is not the greenlet that created it")
		}
		inner.Switch()
		lst = append(lst, "c")
		return nil
	})
	outer.Switch()
	if !slices.Equal(lst, []string{"a", "b", "c"}) {
		t.Fatal(lst)
	}
}

func TestCurrentIsStableAndMainHasNoParent(t *testing.T) {
	main := greenlet.Current()
	if greenlet.Current() != main {
		t.Fatal("Current changed on the same goroutine")
	}
	if main.Parent() != nil || main.Dead() || !main.Started() {
		t.Fatalf("main greenlet: parent=%v dead=%v started=%v", main.Parent(), main.Dead(), main.Started())
	}
	var inside *greenlet.Greenlet
	g := greenlet.New(func(...any) any { inside = greenlet.Current(); return nil })
	g.Switch()
	if inside != g {
		t.Fatal("Current inside a greenlet is not that greenlet")
	}
	if greenlet.Current() != main {
		t.Fatal("Current after the child finished is not main")
	}
}

// fmain is test_greenlet.py's fmain: what interrupts its paused switch is recorded and re-raised;
// resumed normally, it raises errSome itself.
func fmain(seen *[]any) func(...any) any {
	return func(...any) any {
		func() {
			defer func() {
				if r := recover(); r != nil {
					*seen = append(*seen, r)
					panic(r)
				}
			}()
			greenlet.Current().Parent().Switch()
		}()
		panic(errSome)
	}
}

// TestException ports test_greenlet.py's test_exception: a panic goes to the parent, which is
// dead afterwards too, and later switches to the dead pair come straight back.
func TestException(t *testing.T) {
	var seen []any
	g1 := greenlet.New(fmain(&seen))
	g2 := greenlet.New(fmain(&seen))
	g1.Switch()
	g2.Switch()
	if err := g2.SetParent(g1); err != nil {
		t.Fatal(err)
	}
	if len(seen) != 0 {
		t.Fatal(seen)
	}
	if v := expectPanic(t, func() { g2.Switch() }); v != errSome {
		t.Fatalf("panic %v, want %v", v, errSome)
	}
	// g2 died of errSome; it propagated into g1's paused switch, which recorded it and died too.
	if len(seen) != 1 || seen[0] != errSome || !g1.Dead() || !g2.Dead() {
		t.Fatalf("seen %v", seen)
	}
	if v := g2.Switch(); v != nil {
		t.Fatalf("switch to dead greenlet gave %v, want nil", v)
	}
	if v := g2.Switch(25); v != 25 {
		t.Fatalf("switch to dead greenlet gave %v, want 25", v)
	}
}

func TestSendException(t *testing.T) {
	var seen []any
	g1 := greenlet.New(fmain(&seen))
	g1.Switch()
	keyErr := errors.New("KeyError")
	// A child of g1 that panics delivers the panic to g1, which re-panics to main.
	crasher := greenlet.New(func(args ...any) any { panic(args[0]) })
	if err := crasher.SetParent(g1); err != nil {
		t.Fatal(err)
	}
	if v := expectPanic(t, func() { crasher.Switch(keyErr) }); v != keyErr {
		t.Fatalf("panic %v", v)
	}
	if len(seen) != 1 || seen[0] != keyErr {
		t.Fatalf("seen %v", seen)
	}
}

func TestPanicValueKeepsIdentity(t *testing.T) {
	type custom struct{ n int }
	v := &custom{42}
	g := greenlet.New(func(...any) any { panic(v) })
	if got := expectPanic(t, func() { g.Switch() }); got != v {
		t.Fatalf("got %v, want the same pointer", got)
	}
	if !g.Dead() {
		t.Fatal("greenlet alive after panicking")
	}
}

// Ports of test_throw.py.

func TestThrowClass(t *testing.T) {
	runtimeErr := errors.New("RuntimeError")
	g := greenlet.New(func(...any) any {
		defer func() {
			if r := recover(); r == runtimeErr {
				parentSwitch("ok")
				return
			} else if r != nil {
				panic(r)
			}
		}()
		parentSwitch("ok")
		parentSwitch("fail")
		return nil
	})
	if res := g.Switch(); res != "ok" {
		t.Fatal(res)
	}
	if res := g.Throw(runtimeErr); res != "ok" {
		t.Fatal(res)
	}
}

func TestThrowValue(t *testing.T) {
	g := greenlet.New(func(...any) any {
		defer func() {
			if r := recover(); r != nil {
				if err, ok := r.(error); ok && err.Error() == "ciao" {
					parentSwitch("ok")
					return
				}
				panic(r)
			}
		}()
		parentSwitch("ok")
		parentSwitch("fail")
		return nil
	})
	g.Switch()
	if res := g.Throw(errors.New("ciao")); res != "ok" {
		t.Fatal(res)
	}
}

func TestThrowKill(t *testing.T) {
	g := greenlet.New(func(...any) any {
		parentSwitch("ok")
		parentSwitch("fail")
		return nil
	})
	if res := g.Switch(); res != "ok" {
		t.Fatal(res)
	}
	if res := g.Throw(nil); res != greenlet.ErrGreenletExit {
		t.Fatalf("Throw(nil) returned %v, want ErrGreenletExit", res)
	}
	if !g.Dead() {
		t.Fatal("not dead after GreenletExit")
	}
	// Immediately eaten by the already-dead greenlet.
	if res := g.Throw(nil); res != greenlet.ErrGreenletExit {
		t.Fatalf("second Throw(nil) returned %v", res)
	}
}

func TestThrowWrappedGreenletExitIsAValue(t *testing.T) {
	wrapped := fmt.Errorf("shutting down: %w", greenlet.ErrGreenletExit)
	g := greenlet.New(func(...any) any { parentSwitch(); return nil })
	g.Switch()
	if res := g.Throw(wrapped); res != wrapped {
		t.Fatalf("got %v, want the wrapped GreenletExit as a value", res)
	}
}

func TestThrowOtherErrorToDeadGreenletRaisesInParent(t *testing.T) {
	g := greenlet.New(func(...any) any { return nil })
	g.Switch()
	if v := expectPanic(t, func() { g.Throw(errSome) }); v != errSome {
		t.Fatal(v)
	}
}

func TestThrowGoesToOriginalParent(t *testing.T) {
	indexErr := errors.New("IndexError")
	main := greenlet.Current()
	f1 := func(...any) (ret any) {
		defer func() {
			if r := recover(); r == indexErr {
				ret = "caught"
			} else if r != nil {
				panic(r)
			}
		}()
		main.Switch("f1 ready to catch")
		return "normal exit"
	}
	f2 := func(...any) any { main.Switch("from f2"); return nil }
	newPair := func() (g1, g2 *greenlet.Greenlet) {
		g1, g2 = greenlet.New(f1), greenlet.New(f2)
		if err := g2.SetParent(g1); err != nil {
			t.Fatal(err)
		}
		return
	}

	// Neither started: both die without running, the error reaches main.
	g1, g2 := newPair()
	if v := expectPanic(t, func() { g2.Throw(indexErr) }); v != indexErr {
		t.Fatal(v)
	}
	if !g2.Dead() || !g1.Dead() || g1.Started() || g2.Started() {
		t.Fatalf("g1 dead=%v started=%v, g2 dead=%v started=%v", g1.Dead(), g1.Started(), g2.Dead(), g2.Started())
	}

	// g1 waiting to catch, g2 unstarted: g2 dies unstarted, g1 catches.
	g1, g2 = newPair()
	if res := g1.Switch(); res != "f1 ready to catch" {
		t.Fatal(res)
	}
	if res := g2.Throw(indexErr); res != "caught" {
		t.Fatal(res)
	}
	if !g2.Dead() || !g1.Dead() || g2.Started() {
		t.Fatal("both should be dead, g2 never started")
	}

	// Both paused.
	g1, g2 = newPair()
	g1.Switch()
	if res := g2.Switch(); res != "from f2" {
		t.Fatal(res)
	}
	if res := g2.Throw(indexErr); res != "caught" {
		t.Fatal(res)
	}
	if !g2.Dead() || !g1.Dead() {
		t.Fatal("both should be dead")
	}
}

func TestThrowUnstartedNeverRuns(t *testing.T) {
	ran := false
	g := greenlet.New(func(...any) any { ran = true; return nil })
	if res := g.Throw(nil); res != greenlet.ErrGreenletExit {
		t.Fatalf("got %v", res)
	}
	if ran || !g.Dead() || g.Started() {
		t.Fatalf("ran=%v dead=%v started=%v", ran, g.Dead(), g.Started())
	}
	// Switching to it now goes to the parent: the caller gets its args back.
	if v := g.Switch("back"); v != "back" {
		t.Fatalf("got %v", v)
	}
	if ran {
		t.Fatal("a killed greenlet ran")
	}
}

func TestThrowIntoSelfPanicsAtOnce(t *testing.T) {
	g := greenlet.New(func(...any) any {
		v := expectPanic(t, func() { greenlet.Current().Throw(errSome) })
		return v
	})
	if v := g.Switch(); v != errSome {
		t.Fatalf("got %v", v)
	}
}

func TestFallingOffEndStartsUnstartedParent(t *testing.T) {
	parent := greenlet.New(func(args ...any) any { return []any{args[0], 24} })
	child := greenlet.New(func(...any) any { return 42 })
	if err := child.SetParent(parent); err != nil {
		t.Fatal(err)
	}
	res := child.Switch().([]any)
	if !slices.Equal(res, []any{42, 24}) {
		t.Fatal(res)
	}
}

func TestSwitchToDeadGreenletReparent(t *testing.T) {
	var seen []int
	parent := greenlet.New(func(...any) any { seen = append(seen, 24); return nil })
	child := greenlet.New(func(...any) any { seen = append(seen, 42); return nil })
	child.Switch()
	if err := child.SetParent(parent); err != nil {
		t.Fatal(err)
	}
	if res := child.Switch(); res != nil {
		t.Fatal(res)
	}
	if !slices.Equal(seen, []int{42, 24}) {
		t.Fatal(seen)
	}
}

func TestSetParentRefusals(t *testing.T) {
	a := greenlet.New(func(...any) any { return nil })
	b := greenlet.New(func(...any) any { return nil })
	if err := a.SetParent(nil); err != greenlet.ErrNilParent {
		t.Fatalf("nil parent: %v", err)
	}
	if err := b.SetParent(a); err != nil {
		t.Fatal(err)
	}
	if err := a.SetParent(b); err != greenlet.ErrParentCycle {
		t.Fatalf("cycle: %v", err)
	}
	if err := a.SetParent(a); err != greenlet.ErrParentCycle {
		t.Fatalf("self: %v", err)
	}
	if err := greenlet.Current().SetParent(a); err != greenlet.ErrParentCycle {
		t.Fatalf("main under its own child: %v", err)
	}
	var other *greenlet.Greenlet
	done := make(chan struct{})
	go func() {
		other = greenlet.New(func(...any) any { return nil })
		close(done)
	}()
	<-done
	if err := a.SetParent(other); err != greenlet.ErrParentTree {
		t.Fatalf("parent on another goroutine: %v", err)
	}
}

func TestSwitchToAnotherGoroutinesGreenlet(t *testing.T) {
	created := make(chan *greenlet.Greenlet)
	release := make(chan struct{})
	go func() {
		g := greenlet.New(func(...any) any { return "ran" })
		created <- g
		<-release
		if v := g.Switch(); v != "ran" {
			t.Errorf("owner's switch after the refusal gave %v", v)
		}
		close(created)
	}()
	g := <-created
	if v := expectPanic(t, func() { g.Switch() }); v != greenlet.ErrWrongGoroutine {
		t.Fatalf("panic %v", v)
	}
	if v := expectPanic(t, func() { g.Throw(nil) }); v != greenlet.ErrWrongGoroutine {
		t.Fatalf("panic %v", v)
	}
	if g.Started() || g.Dead() {
		t.Fatal("the refused switch changed the greenlet")
	}
	close(release)
	<-created // the owner could still run it
}

func TestManyGoroutinesEachWithTheirTree(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			main := greenlet.Current()
			total := 0
			g := greenlet.New(func(args ...any) any {
				for v := args[0].(int); v != 0; v = main.Switch(v).(int) {
					total += v
				}
				return total
			})
			g.Switch(i + 1)
			for range 100 {
				g.Switch(1)
			}
			if res := g.Switch(0); res != i+101 {
				t.Errorf("goroutine %d: total %v", i, res)
			}
			if greenlet.Current() != main {
				t.Errorf("goroutine %d: main greenlet changed", i)
			}
		}()
	}
	wg.Wait()
}

func TestGoexitInGreenletReachesTheGoroutine(t *testing.T) {
	var cleanup []string
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer func() { cleanup = append(cleanup, "goroutine") }()
		g := greenlet.New(func(...any) any {
			defer func() { cleanup = append(cleanup, "greenlet") }()
			runtime.Goexit()
			return nil
		})
		g.Switch()
		cleanup = append(cleanup, "after switch: must not run")
	}()
	<-done
	if !slices.Equal(cleanup, []string{"greenlet", "goroutine"}) {
		t.Fatal(cleanup)
	}
}

func TestWorkersAreReused(t *testing.T) {
	// Warm the pool, then check that starting and finishing greenlets allocates only the
	// greenlet itself (no new coroutine).
	f := func(...any) any { return nil }
	greenlet.New(f).Switch()
	allocs := testing.AllocsPerRun(100, func() { greenlet.New(f).Switch() })
	if allocs > 1 {
		t.Fatalf("%v allocations per greenlet start+finish, want ≤ 1", allocs)
	}
}

func TestCurrentInsideGreenletsAcrossGoroutineChurn(t *testing.T) {
	// Goroutine identities are recycled as goroutines exit; a greenlet must still find itself.
	for range 200 {
		done := make(chan struct{})
		go func() {
			defer close(done)
			var g *greenlet.Greenlet
			g = greenlet.New(func(...any) any {
				if greenlet.Current() != g {
					t.Error("Current inside a greenlet is not that greenlet")
				}
				return nil
			})
			g.Switch()
		}()
		<-done
	}
}

func TestFinishedGoroutinesLeaveNoCoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	var wg sync.WaitGroup
	for range 100 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			g := greenlet.New(func(...any) any { return nil })
			g.Switch()
		}()
	}
	wg.Wait()
	// Finished workers wait in a shared pool bounded at 32; nothing else may remain.
	if after := runtime.NumGoroutine(); after > before+32 {
		t.Fatalf("%d goroutines before, %d after", before, after)
	}
}
