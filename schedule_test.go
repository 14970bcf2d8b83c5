package eventlet_test

import (
	"fmt"
	"runtime"
	"slices"
	"testing"
	"time"
	"weak"

	"github.com/eventlet-go/eventlet"
)

// The parts of eventlet's tests/hub_test.py about timers, the order in which sleepers wake,
// spawn_after and cancelling. schedule_call_local/global, the hub's timer counters and the debug
// switches have no public counterpart; the hub package's own tests cover its timer heap.

// TestSleepZeroRoundRobin: Sleep(0) lets every other ready greenthread run once, in the order
// they became ready.
func TestSleepZeroRoundRobin(t *testing.T) {
	inGreen(t, func() {
		var order []string
		var gts []*eventlet.GreenThread[struct{}]
		for _, name := range []string{"a", "b", "c"} {
			gts = append(gts, eventlet.Spawn(func() struct{} {
				for i := range 3 {
					order = append(order, fmt.Sprint(name, i))
					eventlet.Sleep(0)
				}
				return struct{}{}
			}))
		}
		for _, gt := range gts {
			gt.Wait()
		}
		want := []string{"a0", "b0", "c0", "a1", "b1", "c1", "a2", "b2", "c2"}
		if !slices.Equal(order, want) {
			t.Fatalf("order %v, want %v", order, want)
		}
	})
}

// TestSleepersWakeInDeadlineOrder: greenthreads sleeping different times wake in the order of
// their deadlines, whatever order they went to sleep in — even when the hub is late and finds all
// of them due at once.
func TestSleepersWakeInDeadlineOrder(t *testing.T) {
	for _, late := range []bool{false, true} {
		t.Run(map[bool]string{false: "on time", true: "hub late"}[late], func(t *testing.T) {
			inGreen(t, func() {
				var woke []int
				var gts []*eventlet.GreenThread[struct{}]
				for _, ms := range []int{60, 20, 40} {
					gts = append(gts, eventlet.Spawn(func() struct{} {
						eventlet.Sleep(time.Duration(ms) * time.Millisecond)
						woke = append(woke, ms)
						return struct{}{}
					}))
				}
				eventlet.Sleep(0) // all three are asleep now
				if late {
					busyFor(80 * time.Millisecond)
				}
				for _, gt := range gts {
					gt.Wait()
				}
				if !slices.Equal(woke, []int{20, 40, 60}) {
					t.Fatalf("woke in the order %v", woke)
				}
			})
		})
	}
}

// TestSleepLasts: a sleep lasts at least its duration (TestExceptionInMainloop's check).
func TestSleepLasts(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		start := time.Now()
		eventlet.Sleep(delay)
		if el := time.Since(start); el < delay {
			t.Fatalf("Sleep(%v) returned after %v", delay, el)
		}
	})
}

// TestSpawnAfterOrdering is test_ordering: delayed starts run in the order of their deadlines,
// and equal delays in the order they were scheduled.
func TestSpawnAfterOrdering(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		var got []int
		record := eventlet.NewQueue[int](-1)
		var gts []*eventlet.GreenThread[struct{}]
		for _, c := range []struct {
			d time.Duration
			v int
		}{{2 * delay, 3}, {delay, 1}, {delay, 2}} {
			gts = append(gts, eventlet.SpawnAfter(c.d, func() struct{} { record.Put(c.v); return struct{}{} }))
		}
		for _, gt := range gts {
			waitGT(t, gt)
		}
		for range 3 {
			got = append(got, record.Get())
		}
		if !slices.Equal(got, []int{1, 2, 3}) {
			t.Fatalf("order %v, want [1 2 3]", got)
		}
	})
}

// TestSpawnAfterCancelMany is test_cancel_immediate's behaviour: delayed starts cancelled at once
// never run.
func TestSpawnAfterCancelMany(t *testing.T) {
	inGreen(t, func() {
		ran := 0
		for range 2000 {
			gt := eventlet.SpawnAfter(delay, func() struct{} { ran++; return struct{}{} })
			gt.Cancel()
		}
		eventlet.Sleep(3 * delay)
		if ran != 0 {
			t.Fatalf("%d cancelled delayed starts ran", ran)
		}
	})
}

// TestSpawnAfterCancelReleasesIt is TestTimerCleanup's point: a cancelled SpawnAfter does not stay
// in the hub until its time comes (eventlet counts the hub's timers; here the cancelled
// greenthread must become garbage).
func TestSpawnAfterCancelReleasesIt(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		const n = 100
		refs := make([]weak.Pointer[eventlet.GreenThread[int]], n)
		for i := range n {
			gt := eventlet.SpawnAfter(time.Hour, func() int { return i })
			gt.Cancel()
			refs[i] = weak.Make(gt)
		}
		waitGT(t, eventlet.Spawn(func() int { return 0 })) // the hub has handled what came before
		runtime.GC()
		runtime.GC()
		kept := 0
		for _, r := range refs {
			if r.Value() != nil {
				kept++
			}
		}
		if kept > 0 {
			t.Fatalf("%d of %d cancelled SpawnAfters are still held by the hub", kept, n)
		}
	})
}
