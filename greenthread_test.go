package eventlet_test

import (
	"errors"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eventlet-go/eventlet"
)

// Ported from eventlet's tests/greenthread_test.py, plus panics, runtime.Goexit and Kill of a
// greenthread in each of its states.

// assertKilled checks what eventlet's assert_dead checks: Wait reports ErrGreenletExit and the
// greenthread is dead.
func assertKilled[T any](t *testing.T, gt *eventlet.GreenThread[T]) {
	t.Helper()
	if _, err := gt.Wait(); !errors.Is(err, eventlet.ErrGreenletExit) {
		t.Fatalf("Wait after Kill: %v, want ErrGreenletExit", err)
	}
	if !gt.Dead() {
		t.Fatal("not dead after Kill")
	}
}

func TestSpawnSimple(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		var calls []int
		gt := eventlet.Spawn(func() int { calls = append(calls, 1); return 2 })
		if v, err := waitGT(t, gt); v != 2 || err != nil {
			t.Fatalf("Wait = %v, %v", v, err)
		}
		if !slices.Equal(calls, []int{1}) {
			t.Fatalf("fn ran %d times", len(calls))
		}
	})
}

// TestSpawnN is test_n: a greenthread spawned from a greenthread runs once the spawner yields.
func TestSpawnN(t *testing.T) {
	inGreen(t, func() {
		ran := false
		eventlet.SpawnN(func() { ran = true })
		if ran {
			t.Fatal("SpawnN ran fn before the spawner yielded")
		}
		eventlet.Sleep(0)
		if !ran {
			t.Fatal("fn did not run when the spawner yielded")
		}
	})
}

// TestKillBeforeStart is test_kill and test_kill_meth: a greenthread killed before it started
// never runs; killing it again does nothing.
func TestKillBeforeStart(t *testing.T) {
	for _, tc := range []struct {
		name string
		kill func(*eventlet.GreenThread[int])
	}{
		{"eventlet.Kill", func(gt *eventlet.GreenThread[int]) { eventlet.Kill(gt, nil) }},
		{"GreenThread.Kill", (*eventlet.GreenThread[int]).Kill},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inGreen(t, func() {
				ran := false
				gt := eventlet.Spawn(func() int { ran = true; return 6 })
				tc.kill(gt)
				assertKilled(t, gt)
				eventlet.Sleep(time.Millisecond)
				if ran {
					t.Fatal("a greenthread killed before it started ran")
				}
				tc.kill(gt)
				assertKilled(t, gt)
			})
		})
	}
}

func TestKillWithError(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		boom := errors.New("killed with this")
		started := make(chan struct{})
		gt := eventlet.Spawn(func() int { close(started); eventlet.Sleep(time.Hour); return 1 })
		eventlet.Recv(started)
		eventlet.Kill(gt, boom)
		if _, err := gt.Wait(); err != boom {
			t.Fatalf("Wait = %v, want the error it was killed with", err)
		}
	})
}

// TestKillRunsDefers: a kill unwinds the greenthread's stack, running its deferred calls.
func TestKillRunsDefers(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		var unwound []string
		started := make(chan struct{})
		gt := eventlet.Spawn(func() int {
			defer func() { unwound = append(unwound, "outer") }()
			func() {
				defer func() { unwound = append(unwound, "inner") }()
				close(started)
				eventlet.Sleep(time.Hour)
			}()
			unwound = append(unwound, "after the sleep")
			return 1
		})
		eventlet.Recv(started)
		gt.Kill()
		if !gt.Dead() {
			t.Fatal("Kill returned before the greenthread died")
		}
		if !slices.Equal(unwound, []string{"inner", "outer"}) {
			t.Fatalf("unwound %v, want [inner outer]", unwound)
		}
		assertKilled(t, gt)
	})
}

// TestKillSelf: a greenthread that kills itself unwinds at once.
func TestKillSelf(t *testing.T) {
	var gt *eventlet.GreenThread[int]
	reached := false
	ready := make(chan struct{})
	gt = eventlet.Spawn(func() int {
		eventlet.Recv(ready)
		gt.Kill()
		reached = true
		return 1
	})
	close(ready)
	assertKilled(t, gt)
	if reached {
		t.Fatal("the greenthread ran on after killing itself")
	}
}

// TestKillInSleepZero: a greenthread parked in Sleep(0) is killed at that Sleep, not one step
// later.
func TestKillInSleepZero(t *testing.T) {
	inGreen(t, func() {
		steps := 0
		gt := eventlet.Spawn(func() int {
			for {
				eventlet.Sleep(0)
				steps++
			}
		})
		eventlet.Sleep(0) // gt runs up to its first Sleep(0) and is queued to run again
		gt.Kill()
		assertKilled(t, gt)
		if steps != 0 {
			t.Fatalf("the greenthread took %d steps after Kill", steps)
		}
	})
}

func TestLink(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		var got []*eventlet.GreenThread[int]
		release := make(chan struct{})
		gt := eventlet.Spawn(func() int { eventlet.Recv(release); return 5 })
		gt.Link(func(g *eventlet.GreenThread[int]) {
			if v, err := g.Wait(); v != 5 || err != nil {
				t.Errorf("the link saw the outcome %v, %v", v, err)
			}
			got = append(got, g)
		})
		close(release)
		if v, _ := gt.Wait(); v != 5 {
			t.Fatalf("Wait = %d", v)
		}
		if len(got) != 1 || got[0] != gt {
			t.Fatalf("link called %d times (with %v)", len(got), got)
		}
	})
}

// TestWaitReturnsAfterLinks: Wait returns once the links have run, even when it starts while they
// are running (a link that parks), so what the links did is visible to every waiter.
func TestWaitReturnsAfterLinks(t *testing.T) {
	finish, gate := make(chan struct{}), make(chan struct{})
	var linkDone atomic.Bool
	linkRunning := make(chan struct{})
	gt := eventlet.Spawn(func() int { eventlet.Recv(finish); return 1 })
	gt.Link(func(*eventlet.GreenThread[int]) {
		close(linkRunning)
		eventlet.Recv(gate)
		linkDone.Store(true)
	})
	close(finish)
	<-linkRunning
	if gt.Dead() {
		t.Fatal("dead while its links run")
	}
	close(gate)
	if _, err := gt.Wait(); err != nil || !linkDone.Load() {
		t.Fatalf("Wait returned (%v) before the link finished", err)
	}
	if !gt.Dead() {
		t.Fatal("not dead after Wait")
	}
}

func TestLinkAfterExited(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		gt := eventlet.Spawn(func() int { return 5 })
		waitGT(t, gt)
		called := 0
		gt.Link(func(*eventlet.GreenThread[int]) { called++ })
		if called != 1 {
			t.Fatalf("a link to a finished greenthread was called %d times at once", called)
		}
	})
}

// TestLinkRelinks is test_link_relinks: linking from inside a link does not recurse forever.
func TestLinkRelinks(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		called := 0
		gt := eventlet.Spawn(func() int { eventlet.Sleep(0); return 1 })
		gt.Link(func(g *eventlet.GreenThread[int]) {
			g.Link(func(*eventlet.GreenThread[int]) { called++ })
		})
		waitGT(t, gt)
		if called != 1 {
			t.Fatalf("the inner link ran %d times", called)
		}
	})
}

func TestLinkSeesPanicsAndKills(t *testing.T) {
	inGreen(t, func() {
		var errs []error
		link := func(g *eventlet.GreenThread[int]) { _, err := g.Wait(); errs = append(errs, err) }
		p := eventlet.Spawn(func() int { panic("boom") })
		p.Link(link)
		k := eventlet.Spawn(func() int { eventlet.Sleep(time.Hour); return 1 })
		k.Link(link)
		eventlet.Sleep(0)
		k.Kill()
		p.Wait()
		var pe *eventlet.PanicError
		if len(errs) != 2 || !errors.As(errs[0], &pe) || !errors.Is(errs[1], eventlet.ErrGreenletExit) {
			t.Fatalf("links saw %v", errs)
		}
	})
}

func TestUnlink(t *testing.T) {
	inGreen(t, func() {
		calls := map[string]int{}
		a := func(*eventlet.GreenThread[int]) { calls["a"]++ }
		b := func(*eventlet.GreenThread[int]) { calls["b"]++ }
		gt := eventlet.Spawn(func() int { return 1 })
		gt.Link(a)
		gt.Link(b)
		if !gt.Unlink(a) {
			t.Fatal("Unlink of a linked func reported false")
		}
		if gt.Unlink(a) {
			t.Fatal("a second Unlink of the same func reported true")
		}
		gt.Wait()
		if calls["a"] != 0 || calls["b"] != 1 {
			t.Fatalf("calls %v, want a unlinked and b called once", calls)
		}
	})
}

func TestSpawnAfter(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		start := time.Now()
		gt := eventlet.SpawnAfter(delay, func() int { return 20 })
		if v, err := waitGT(t, gt); v != 20 || err != nil {
			t.Fatalf("Wait = %v, %v", v, err)
		}
		if el := time.Since(start); el < delay {
			t.Fatalf("ran after %v, before its %v", el, delay)
		}
	})
}

func TestSpawnAfterCancel(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		ran := false
		gt := eventlet.SpawnAfter(delay, func() int { ran = true; return 21 })
		if !gt.Cancel() {
			t.Fatal("Cancel of a greenthread not started yet reported false")
		}
		assertKilled(t, gt)
		eventlet.Sleep(3 * delay)
		if ran {
			t.Fatal("a cancelled SpawnAfter ran")
		}
	})
}

func TestSpawnAfterCancelAlreadyStarted(t *testing.T) {
	inGreen(t, func() {
		running := false
		gt := eventlet.SpawnAfter(0, func() int { running = true; eventlet.Sleep(delay); return 22 })
		for !running {
			eventlet.Sleep(0)
		}
		if gt.Cancel() {
			t.Fatal("Cancel of a started greenthread reported true")
		}
		if v, err := gt.Wait(); v != 22 || err != nil {
			t.Fatalf("Wait = %v, %v: Cancel disturbed a started greenthread", v, err)
		}
	})
}

func TestSpawnAfterKillAlreadyStarted(t *testing.T) {
	inGreen(t, func() {
		running := false
		gt := eventlet.SpawnAfter(0, func() int { running = true; eventlet.Sleep(time.Hour); return 22 })
		for !running {
			eventlet.Sleep(0)
		}
		gt.Kill()
		assertKilled(t, gt)
	})
}

// TestSpawnIsNotCancelled is test_spawn_is_not_cancelled: a greenthread spawned by one that exits
// at once still runs.
func TestSpawnIsNotCancelled(t *testing.T) {
	inGreen(t, func() {
		var evt eventlet.Event[struct{}]
		eventlet.Spawn(func() struct{} {
			eventlet.SpawnN(func() { evt.Send(struct{}{}) })
			return struct{}{}
		}).Wait()
		if _, err := evt.WaitTimeout(hangAfter); err != nil {
			t.Fatal("the orphan greenthread never ran")
		}
	})
}

// TestPanicEndsOnlyThatGreenthread: a panic comes back from Wait as a *PanicError naming where it
// happened, and the hub goes on serving the others.
func TestPanicEndsOnlyThatGreenthread(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		sleeper := eventlet.Spawn(func() int { eventlet.Sleep(delay); return 1 })
		boom := errors.New("boom")
		_, err := waitGT(t, eventlet.Spawn(panickingGreenthread(boom)))
		var pe *eventlet.PanicError
		if !errors.As(err, &pe) || pe.Value != boom || !errors.Is(err, boom) {
			t.Fatalf("Wait = %v, want a PanicError of boom", err)
		}
		if !strings.Contains(string(pe.Stack), "panickingGreenthread") {
			t.Fatalf("the panic's stack does not name the function:\n%s", pe.Stack)
		}
		if v, err := waitGT(t, sleeper); v != 1 || err != nil {
			t.Fatalf("another greenthread: %v, %v", v, err)
		}
		if v, err := waitGT(t, eventlet.Spawn(func() int { return 2 })); v != 2 || err != nil {
			t.Fatalf("a greenthread spawned after the panic: %v, %v", v, err)
		}
	})
}

func panickingGreenthread(v any) func() int {
	return func() int { panic(v) }
}

func TestPanicWithNonError(t *testing.T) {
	_, err := waitGT(t, eventlet.Spawn(func() int { panic("just a string") }))
	var pe *eventlet.PanicError
	if !errors.As(err, &pe) || pe.Value != "just a string" || pe.Unwrap() != nil {
		t.Fatalf("Wait = %v", err)
	}
}

// TestGoexitEndsOnlyThatGreenthread: runtime.Goexit (t.FailNow) in a greenthread ends it with
// ErrGoexit; the hub and the other greenthreads carry on.
func TestGoexitEndsOnlyThatGreenthread(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		sleeper := eventlet.Spawn(func() int { eventlet.Sleep(delay); return 1 })
		deferred := false
		_, err := waitGT(t, eventlet.Spawn(func() int {
			defer func() { deferred = true }()
			runtime.Goexit()
			return 0
		}))
		if !errors.Is(err, eventlet.ErrGoexit) {
			t.Fatalf("Wait = %v, want ErrGoexit", err)
		}
		if !deferred {
			t.Fatal("Goexit did not run the greenthread's defers")
		}
		if v, err := waitGT(t, sleeper); v != 1 || err != nil {
			t.Fatalf("another greenthread: %v, %v", v, err)
		}
		if v, err := waitGT(t, eventlet.Spawn(func() int { return 2 })); v != 2 || err != nil {
			t.Fatalf("a greenthread spawned after the Goexit: %v, %v", v, err)
		}
	})
}

// TestWaitFromManyCallers: any number of greenthreads and goroutines may wait for one
// greenthread, and all get its result.
func TestWaitFromManyCallers(t *testing.T) {
	release := make(chan struct{})
	gt := eventlet.Spawn(func() int { eventlet.Recv(release); return 9 })
	const n = 8
	results := make(chan int, 2*n)
	for range n {
		eventlet.SpawnN(func() { v, _ := gt.Wait(); results <- v })
		go func() { v, _ := gt.Wait(); results <- v }()
	}
	close(release)
	for range 2 * n {
		if v := <-results; v != 9 {
			t.Fatalf("a waiter got %d", v)
		}
	}
}

// TestWaitInterrupted: a greenthread parked in another's Wait can be killed; the one it waited
// for is not disturbed.
func TestWaitInterrupted(t *testing.T) {
	inGreen(t, func() {
		target := eventlet.Spawn(func() int { eventlet.Sleep(delay); return 3 })
		waiter := eventlet.Spawn(func() int { v, _ := target.Wait(); return v })
		eventlet.Sleep(0)
		waiter.Kill()
		assertKilled(t, waiter)
		if v, err := target.Wait(); v != 3 || err != nil {
			t.Fatalf("target: %v, %v", v, err)
		}
	})
}
