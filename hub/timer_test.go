package hub

import (
	"math/rand"
	"slices"
	"testing"
	"time"
)

// recordTimer is a timer handler that appends its name to a shared list when it fires.
type recordTimer struct {
	Timer
	name  int
	fired *[]int
}

func (r *recordTimer) OnTimer() { *r.fired = append(*r.fired, r.name) }

// refEntry is the sorted reference's view of a pending timer.
type refEntry struct {
	t     *Timer
	when  int64
	order int // when it was (re)armed: FIFO among equal deadlines
}

// checkHeap verifies the heap's invariants and that it holds exactly the reference's timers.
func checkHeap(t *testing.T, h *timerHeap, ref map[*Timer]refEntry, step int) {
	t.Helper()
	if len(h.t) != len(ref) {
		t.Fatalf("step %d: heap holds %d timers, reference %d", step, len(h.t), len(ref))
	}
	for i, tm := range h.t {
		if tm.idx != i {
			t.Fatalf("step %d: timer at %d records index %d", step, i, tm.idx)
		}
		if _, ok := ref[tm]; !ok {
			t.Fatalf("step %d: heap holds a timer the reference does not", step)
		}
		if i > 0 && h.less(tm, h.t[(i-1)/4]) {
			t.Fatalf("step %d: heap order broken at %d", step, i)
		}
	}
	if len(ref) == 0 {
		if h.first() != nil {
			t.Fatalf("step %d: first() of an empty heap is not nil", step)
		}
		return
	}
	want := minEntry(ref)
	if got := h.first(); got != want.t || got.When() != want.when {
		t.Fatalf("step %d: first() is not the earliest timer (FIFO among equal deadlines)", step)
	}
}

func minEntry(ref map[*Timer]refEntry) refEntry {
	var best refEntry
	first := true
	for _, e := range ref {
		if first || e.when < best.when || (e.when == best.when && e.order < best.order) {
			best, first = e, false
		}
	}
	return best
}

// TestTimerHeapAgainstSortedReference adds, re-arms, removes and pops timers at random and
// compares the heap with a plain sorted reference after every step.
func TestTimerHeapAgainstSortedReference(t *testing.T) {
	seeds := []int64{1, 2, 3, time.Now().UnixNano()}
	for _, seed := range seeds {
		r := rand.New(rand.NewSource(seed))
		var h timerHeap
		timers := make([]Timer, 40)
		for i := range timers {
			timers[i].Init(nil)
		}
		ref := map[*Timer]refEntry{}
		order := 0
		for step := range 5000 {
			tm := &timers[r.Intn(len(timers))]
			switch op := r.Intn(10); {
			case op < 5: // add, or re-arm if pending
				when := int64(r.Intn(50)) // few distinct deadlines: many ties
				h.add(tm, when)
				order++
				ref[tm] = refEntry{tm, when, order}
			case op < 8:
				h.remove(tm)
				delete(ref, tm)
			default: // fire the earliest, as the hub does
				if f := h.first(); f != nil {
					want := minEntry(ref)
					if f != want.t {
						t.Fatalf("seed %d step %d: popped the wrong timer", seed, step)
					}
					h.remove(f)
					delete(ref, f)
				}
			}
			for i := range timers {
				_, pending := ref[&timers[i]]
				if timers[i].Pending() != pending {
					t.Fatalf("seed %d step %d: Pending() = %v, reference %v", seed, step, timers[i].Pending(), pending)
				}
			}
			checkHeap(t, &h, ref, step)
		}
		// Drain: the heap hands out every remaining timer in (deadline, arming) order.
		want := make([]refEntry, 0, len(ref))
		for _, e := range ref {
			want = append(want, e)
		}
		slices.SortFunc(want, func(a, b refEntry) int {
			if a.when != b.when {
				return int(a.when - b.when)
			}
			return a.order - b.order
		})
		for i, e := range want {
			f := h.first()
			if f != e.t {
				t.Fatalf("seed %d: drain %d out of order", seed, i)
			}
			h.remove(f)
		}
		if h.first() != nil {
			t.Fatalf("seed %d: heap not empty after draining", seed)
		}
	}
}

func TestTimerRemoveNotPendingIsNoOp(t *testing.T) {
	var h timerHeap
	var a, b Timer
	a.Init(nil)
	b.Init(nil)
	h.add(&a, 5)
	h.remove(&b)
	h.remove(&b)
	if h.first() != &a || len(h.t) != 1 {
		t.Fatal("removing a timer that is not pending disturbed the heap")
	}
	h.remove(&a)
	h.remove(&a)
	if len(h.t) != 0 || a.Pending() {
		t.Fatal("a removed timer is still there")
	}
}

// TestTimersFireInDeadlineOrderThenFIFO is hub_test.py's test_ordering: timers armed in the hub
// fire by deadline, and those with the same deadline in the order they were armed.
func TestTimersFireInDeadlineOrderThenFIFO(t *testing.T) {
	h := newTestHub(t)
	var fired []int
	done := make(chan struct{})
	inHub(t, h, func() {
		base := Now() + int64(5*time.Millisecond)
		for _, c := range []struct {
			name int
			when int64
		}{{3, base + 2e6}, {1, base}, {2, base}, {4, base + 2e6}} {
			r := &recordTimer{name: c.name, fired: &fired}
			r.Init(r)
			h.AddTimer(&r.Timer, c.when)
		}
		last := new(Timer)
		last.Init(doneTimer{done})
		h.AddTimer(last, base+3e6)
	})
	waitDone(t, done, "the timers")
	inHub(t, h, func() {
		if !slices.Equal(fired, []int{1, 2, 3, 4}) {
			t.Errorf("fired %v, want [1 2 3 4]", fired)
		}
	})
}

type doneTimer struct{ done chan struct{} }

func (d doneTimer) OnTimer() { close(d.done) }

// TestCancelledTimersLeaveTheHeap is TestTimerCleanup: timers cancelled at once, or after a yield,
// leave nothing behind.
func TestCancelledTimersLeaveTheHeap(t *testing.T) {
	h := newTestHub(t)
	ft := spawnIn(h, func() {
		task := Current()
		before := len(h.timer.t)
		for i := range 2000 {
			var tm Timer
			tm.Init(doneTimer{})
			h.AddTimer(&tm, Now()+int64(time.Minute))
			if i%2 == 1 {
				task.Yield()
			}
			h.RemoveTimer(&tm)
		}
		if n := len(h.timer.t) - before; n != 0 {
			t.Errorf("%d cancelled timers left in the heap", n)
		}
	})
	waitDone(t, ft.done, "the greenlet")
}
