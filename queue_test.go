package eventlet_test

import (
	"errors"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/eventlet-go/eventlet"
)

// Ported from eventlet's tests/queue_test.py: each test body runs in a greenthread, as eventlet's
// run in the main greenlet, so eventlet.Sleep(0) hands control to the greenthreads it spawned.

var errBail = errors.New("bail")

// doBail parks in q.Get under a Timeout of zero that raises errBail, and reports whether the
// timeout or an item ended the wait (eventlet's do_bail).
func doBail[T any](q *eventlet.Queue[T]) (res string) {
	to := eventlet.NewTimeoutError(0, errBail)
	defer to.Cancel()
	defer func() {
		if r := recover(); r != nil {
			if r != errBail {
				panic(r)
			}
			res = "timed out"
		}
	}()
	q.Get()
	return "got an item"
}

func TestQueueSendFirst(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		q := eventlet.NewQueue[string](-1)
		q.Put("hi")
		if got := q.Get(); got != "hi" {
			t.Fatalf("Get = %q, want hi", got)
		}
	})
}

func TestQueueSendLast(t *testing.T) {
	inGreen(t, func() {
		q := eventlet.NewQueue[string](-1)
		gt := eventlet.Spawn(func() error {
			return eventlet.WithTimeout(time.Second, func() {
				if got := q.Get(); got != "hi2" {
					t.Errorf("Get = %q, want hi2", got)
				}
			})
		})
		eventlet.Sleep(0)
		eventlet.Sleep(0)
		q.Put("hi2")
		if err, _ := gt.Wait(); err != nil {
			t.Fatalf("the getter timed out: %v", err)
		}
	})
}

func TestQueueMaxSize(t *testing.T) {
	inGreen(t, func() {
		q := eventlet.NewQueue[string](2)
		var results []string
		gt := eventlet.Spawn(func() struct{} {
			for _, v := range []string{"a", "b", "c"} {
				q.Put(v)
				results = append(results, v)
			}
			return struct{}{}
		})
		eventlet.Sleep(0)
		if !slices.Equal(results, []string{"a", "b"}) {
			t.Fatalf("with the queue full: %v, want [a b]", results)
		}
		if got := q.Get(); got != "a" {
			t.Fatalf("Get = %q, want a", got)
		}
		eventlet.Sleep(0)
		if !slices.Equal(results, []string{"a", "b", "c"}) {
			t.Fatalf("after a Get made room: %v, want [a b c]", results)
		}
		for _, want := range []string{"b", "c"} {
			if got := q.Get(); got != want {
				t.Fatalf("Get = %q, want %q", got, want)
			}
		}
		gt.Wait()
	})
}

func TestQueueZeroMaxSize(t *testing.T) {
	inGreen(t, func() {
		q := eventlet.NewQueue[string](0)
		var evt eventlet.Event[string]
		sender := eventlet.Spawn(func() struct{} {
			q.Put("hi")
			evt.Send("done")
			return struct{}{}
		})
		eventlet.Sleep(0)
		if evt.Ready() {
			t.Fatal("Put on a rendezvous queue returned with no getter")
		}
		receiver := eventlet.Spawn(func() string { return q.Get() })
		if got, _ := receiver.Wait(); got != "hi" {
			t.Fatalf("receiver got %q, want hi", got)
		}
		if got, _ := evt.Wait(); got != "done" {
			t.Fatalf("event: %q", got)
		}
		sender.Wait()
	})
}

func TestQueueResize(t *testing.T) {
	for _, tc := range []struct {
		name string
		to   int
	}{
		{"up", 1},
		{"to unbounded", -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inGreen(t, func() {
				q := eventlet.NewQueue[string](0)
				var evt eventlet.Event[string]
				gt := eventlet.Spawn(func() struct{} {
					q.Put("hi")
					evt.Send("done")
					return struct{}{}
				})
				eventlet.Sleep(0)
				if evt.Ready() {
					t.Fatal("Put on a rendezvous queue returned with no getter")
				}
				q.Resize(tc.to)
				eventlet.Sleep(0)
				if !evt.Ready() {
					t.Fatalf("Resize(%d) did not let the parked putter in", tc.to)
				}
				gt.Wait()
				if got := q.Get(); got != "hi" {
					t.Fatalf("Get = %q", got)
				}
			})
		})
	}
}

func TestQueueResizeDownKeepsItems(t *testing.T) {
	inGreen(t, func() {
		q := eventlet.NewQueue[int](5)
		for i := range 5 {
			q.Put(i)
		}
		q.Resize(1)
		eventlet.Sleep(0)
		if q.Qsize() != 5 || !q.Full() {
			t.Fatalf("after shrinking: qsize %d full %v, want 5 true", q.Qsize(), q.Full())
		}
		if err := q.PutNowait(5); !errors.Is(err, eventlet.ErrFull) {
			t.Fatalf("PutNowait over the new size: %v, want ErrFull", err)
		}
		for i := range 5 {
			if got := q.Get(); got != i {
				t.Fatalf("Get = %d, want %d", got, i)
			}
		}
	})
}

func TestQueueMultipleWaiters(t *testing.T) {
	inGreen(t, func() {
		q := eventlet.NewQueue[string](-1)
		sendings := []string{"1", "2", "3", "4"}
		var gts []*eventlet.GreenThread[string]
		for range sendings {
			gts = append(gts, eventlet.Spawn(q.Get))
		}
		eventlet.Sleep(0)
		if q.Getting() != len(sendings) {
			t.Fatalf("Getting = %d, want %d", q.Getting(), len(sendings))
		}
		for _, s := range sendings {
			q.Put(s)
		}
		var results []string
		for _, gt := range gts {
			v, _ := gt.Wait()
			results = append(results, v)
		}
		sort.Strings(results)
		if !slices.Equal(results, sendings) {
			t.Fatalf("getters got %v, want %v", results, sendings)
		}
	})
}

func TestQueueWaitersThatCancel(t *testing.T) {
	inGreen(t, func() {
		q := eventlet.NewQueue[string](-1)
		if got, _ := eventlet.Spawn(func() string { return doBail(q) }).Wait(); got != "timed out" {
			t.Fatalf("bailing getter: %q", got)
		}
		q.Put("hi")
		if got := q.Get(); got != "hi" {
			t.Fatalf("Get = %q: the item went to the getter that gave up", got)
		}
	})
}

func TestQueueGettingBeforeSending(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		q := eventlet.NewQueue[string](-1)
		gt := eventlet.Spawn(func() struct{} { q.Put("sent"); return struct{}{} })
		if got := q.Get(); got != "sent" {
			t.Fatalf("Get = %q", got)
		}
		waitGT(t, gt)
	})
}

func TestQueueTwoWaitersOneDies(t *testing.T) {
	inGreen(t, func() {
		q := eventlet.NewQueue[string](-1)
		dying := eventlet.Spawn(func() string { return doBail(q) })
		waiting := eventlet.Spawn(q.Get)
		eventlet.Sleep(0)
		q.Put("hi")
		if got, _ := dying.Wait(); got != "timed out" {
			t.Errorf("the getter under a zero Timeout: %q, want timed out", got)
		}
		if got, _ := waitGT(t, waiting); got != "hi" {
			t.Errorf("the other getter: %q, want hi", got)
		}
	})
}

func TestQueueTwoBogusWaiters(t *testing.T) {
	inGreen(t, func() {
		q := eventlet.NewQueue[string](-1)
		gt1 := eventlet.Spawn(func() string { return doBail(q) })
		gt2 := eventlet.Spawn(func() string { return doBail(q) })
		eventlet.Sleep(0)
		q.Put("sent")
		for i, gt := range []*eventlet.GreenThread[string]{gt1, gt2} {
			if got, _ := gt.Wait(); got != "timed out" {
				t.Errorf("bailing getter %d: %q, want timed out", i+1, got)
			}
		}
		if got, err := q.GetNowait(); got != "sent" || err != nil {
			t.Fatalf("GetNowait = %q, %v, want the item no bailing getter may take", got, err)
		}
	})
}

func TestQueueGetting(t *testing.T) {
	inGreen(t, func() {
		q := eventlet.NewQueue[string](-1)
		gt := eventlet.Spawn(q.Get)
		eventlet.Sleep(0)
		if q.Getting() != 1 {
			t.Fatalf("Getting = %d with one getter parked", q.Getting())
		}
		q.Put("hi")
		eventlet.Sleep(0)
		if q.Getting() != 0 {
			t.Fatalf("Getting = %d after the getter was served", q.Getting())
		}
		if got, _ := gt.Wait(); got != "hi" {
			t.Fatalf("getter got %q", got)
		}
	})
}

func TestQueueChannelSend(t *testing.T) {
	inGreen(t, func() {
		ch := eventlet.NewQueue[string](0)
		var events []string
		eventlet.SpawnN(func() {
			events = append(events, ch.Get())
			events = append(events, ch.Get())
		})
		events = append(events, "sending")
		ch.Put("hello")
		events = append(events, "sent hello")
		ch.Put("world")
		events = append(events, "sent world")
		want := []string{"sending", "hello", "sent hello", "world", "sent world"}
		if !slices.Equal(events, want) {
			t.Fatalf("events %v, want %v", events, want)
		}
	})
}

func TestQueueChannelWait(t *testing.T) {
	inGreen(t, func() {
		ch := eventlet.NewQueue[string](0)
		var events []string
		eventlet.SpawnN(func() {
			events = append(events, "sending hello")
			ch.Put("hello")
			events = append(events, "sending world")
			ch.Put("world")
			events = append(events, "sent world")
		})
		events = append(events, "waiting")
		events = append(events, ch.Get())
		events = append(events, ch.Get())
		want := []string{"waiting", "sending hello", "hello", "sending world", "world"}
		if !slices.Equal(events, want) {
			t.Fatalf("events %v, want %v", events, want)
		}
		eventlet.Sleep(0)
		want = append(want, "sent world")
		if !slices.Equal(events, want) {
			t.Fatalf("events %v, want %v", events, want)
		}
	})
}

func TestQueueChannelWaiters(t *testing.T) {
	inGreen(t, func() {
		c := eventlet.NewQueue[int](0)
		var getters []*eventlet.GreenThread[int]
		for range 3 {
			getters = append(getters, eventlet.Spawn(c.Get))
		}
		eventlet.Sleep(0)
		if c.Getting() != 3 {
			t.Fatalf("Getting = %d, want 3", c.Getting())
		}
		var senders []*eventlet.GreenThread[struct{}]
		for i := 1; i <= 3; i++ {
			senders = append(senders, eventlet.Spawn(func() struct{} { c.Put(i); return struct{}{} }))
		}
		for _, s := range senders {
			s.Wait()
		}
		if c.Getting() != 0 {
			t.Fatalf("Getting = %d after three puts", c.Getting())
		}
		var got []int
		for _, g := range getters {
			v, _ := g.Wait()
			got = append(got, v)
		}
		slices.Sort(got)
		if !slices.Equal(got, []int{1, 2, 3}) {
			t.Fatalf("getters got %v", got)
		}
	})
}

func TestQueueChannelSenderTimingOut(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		c := eventlet.NewQueue[string](0)
		if err := c.PutTimeout("hi", time.Millisecond); !errors.Is(err, eventlet.ErrFull) {
			t.Fatalf("PutTimeout with no getter: %v, want ErrFull", err)
		}
		if c.Putting() != 0 {
			t.Fatalf("Putting = %d after the put gave up", c.Putting())
		}
		if _, err := c.GetNowait(); !errors.Is(err, eventlet.ErrEmpty) {
			t.Fatalf("GetNowait: %v, want ErrEmpty: the timed-out put left its item", err)
		}
	})
}

func TestQueueGetTimeout(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		q := eventlet.NewQueue[int](-1)
		if _, err := q.GetTimeout(time.Millisecond); !errors.Is(err, eventlet.ErrEmpty) {
			t.Fatalf("GetTimeout on an empty queue: %v, want ErrEmpty", err)
		}
		if q.Getting() != 0 {
			t.Fatalf("Getting = %d after the get gave up", q.Getting())
		}
		q.Put(1)
		if v, err := q.GetTimeout(time.Hour); v != 1 || err != nil {
			t.Fatalf("GetTimeout with an item: %v, %v", v, err)
		}
	})
}

func TestQueueTaskDone(t *testing.T) {
	inGreen(t, func() {
		ch := eventlet.NewQueue[*int](0)
		x := new(int)
		gt := eventlet.Spawn(func() struct{} { ch.Put(x); return struct{}{} })
		if got := ch.Get(); got != x {
			t.Fatalf("Get returned another item")
		}
		joined := eventlet.Spawn(func() struct{} { ch.Join(); return struct{}{} })
		eventlet.Sleep(0)
		if joined.Dead() {
			t.Fatal("Join returned with an item not marked done")
		}
		ch.TaskDone()
		if _, err := joined.Wait(); err != nil {
			t.Fatal(err)
		}
		gt.Wait()
		mustPanic(t, "TaskDone with nothing unfinished", ch.TaskDone)
	})
}

func TestQueueJoinDoesNotBlockWhenEmpty(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		eventlet.NewQueue[int](-1).Join()
	})
}

func TestQueueJoinFromGoroutine(t *testing.T) {
	q := eventlet.NewQueue[int](-1)
	for i := range 3 {
		q.Put(i)
	}
	eventlet.SpawnN(func() {
		for range 3 {
			q.Get()
			eventlet.Sleep(0)
			q.TaskDone()
		}
	})
	q.Join()
	if q.Qsize() != 0 {
		t.Fatalf("Join returned with %d items left", q.Qsize())
	}
}

// Ported from TestNoWait: eventlet calls these from the hub's own loop; here they run in a
// greenthread and on a plain goroutine.

func TestQueuePutNowait(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		q := eventlet.NewQueue[int](1)
		if err := q.PutNowait(2); err != nil {
			t.Fatalf("first PutNowait: %v", err)
		}
		if err := q.PutNowait(3); !errors.Is(err, eventlet.ErrFull) {
			t.Fatalf("PutNowait on a full queue: %v, want ErrFull", err)
		}
		if q.Get() != 2 {
			t.Fatal("the refused item replaced the first")
		}
	})
}

func TestQueueGetNowait(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		q := eventlet.NewQueue[int](1)
		q.Put(4)
		if v, err := q.GetNowait(); v != 4 || err != nil {
			t.Fatalf("GetNowait = %v, %v", v, err)
		}
		if _, err := q.GetNowait(); !errors.Is(err, eventlet.ErrEmpty) {
			t.Fatalf("GetNowait on an empty queue: %v, want ErrEmpty", err)
		}
	})
}

// TestQueueGetNowaitUnlock is test_get_nowait_unlock: on a rendezvous queue with a putter parked,
// GetNowait takes the putter's item and lets it go.
func TestQueueGetNowaitUnlock(t *testing.T) {
	inGreen(t, func() {
		q := eventlet.NewQueue[int](0)
		p := eventlet.Spawn(func() struct{} { q.Put(5); return struct{}{} })
		if !q.Empty() || !q.Full() {
			t.Fatalf("a rendezvous queue: empty %v full %v, want true true", q.Empty(), q.Full())
		}
		eventlet.Sleep(0)
		if !q.Empty() || !q.Full() {
			t.Fatalf("with a putter parked: empty %v full %v, want true true", q.Empty(), q.Full())
		}
		v, err := q.GetNowait()
		if v != 5 || err != nil {
			t.Fatalf("GetNowait with a putter parked = %v, %v, want 5, nil", v, err)
		}
		eventlet.Sleep(0)
		if !p.Dead() {
			t.Fatal("the putter is still parked after its item was taken")
		}
	})
}

// TestQueuePutNowaitUnlock is test_put_nowait_unlock: on a rendezvous queue with a getter parked,
// PutNowait hands the item over.
func TestQueuePutNowaitUnlock(t *testing.T) {
	inGreen(t, func() {
		q := eventlet.NewQueue[int](0)
		g := eventlet.Spawn(q.Get)
		eventlet.Sleep(0)
		if err := q.PutNowait(10); err != nil {
			t.Fatalf("PutNowait with a getter parked: %v", err)
		}
		if v, _ := g.Wait(); v != 10 {
			t.Fatalf("getter got %d", v)
		}
		if !q.Empty() || !q.Full() {
			t.Fatalf("empty %v full %v, want true true", q.Empty(), q.Full())
		}
	})
}

// TestQueueWaitExcept is eventlet issue 407: a getter that panics right after it got its item
// dies alone; the putter is not disturbed.
func TestQueueWaitExcept(t *testing.T) {
	inGreen(t, func() {
		q := eventlet.NewQueue[int](-1)
		boom := errors.New("boom")
		gt := eventlet.Spawn(func() struct{} { q.Get(); panic(boom) })
		eventlet.Sleep(0)
		q.Put(1)
		eventlet.Sleep(0)
		if _, err := gt.Wait(); !errors.Is(err, boom) {
			t.Fatalf("getter: %v, want its panic", err)
		}
	})
}

func TestQueueOrders(t *testing.T) {
	in := []int{3, 1, 4, 1, 5, 9, 2, 6}
	for _, tc := range []struct {
		name string
		q    interface {
			Put(int)
			Get() int
		}
		want []int
	}{
		{"fifo", eventlet.NewQueue[int](-1), in},
		{"lifo", eventlet.NewLifoQueue[int](-1), []int{6, 2, 9, 5, 1, 4, 1, 3}},
		{"priority", eventlet.NewPriorityQueue(-1, func(a, b int) bool { return a < b }), []int{1, 1, 2, 3, 4, 5, 6, 9}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, v := range in {
				tc.q.Put(v)
			}
			var got []int
			for range in {
				got = append(got, tc.q.Get())
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestPriorityQueueEqualItemsComeOutInPutOrder(t *testing.T) {
	type job struct{ prio, id int }
	q := eventlet.NewPriorityQueue(-1, func(a, b job) bool { return a.prio < b.prio })
	for id := range 20 {
		q.Put(job{prio: id % 2, id: id})
	}
	last := map[int]int{0: -1, 1: -1}
	for range 20 {
		j := q.Get()
		if j.id <= last[j.prio] {
			t.Fatalf("job %d of priority %d came out after job %d", j.id, j.prio, last[j.prio])
		}
		last[j.prio] = j.id
	}
}

// TestQueueFromGoroutines parks plain goroutines in Get and Put and wakes them from a greenthread.
func TestQueueFromGoroutines(t *testing.T) {
	q := eventlet.NewQueue[int](1)
	got := make(chan int)
	go func() { got <- q.Get() }()
	waitUntil(t, "a goroutine parked in Get", func() bool { return q.Getting() == 1 })
	eventlet.Spawn(func() struct{} { q.Put(7); return struct{}{} })
	if v := <-got; v != 7 {
		t.Fatalf("goroutine got %d", v)
	}
	q.Put(1)
	put := make(chan struct{})
	go func() { q.Put(2); close(put) }()
	waitUntil(t, "a goroutine parked in Put", func() bool { return q.Putting() == 1 })
	if v, _ := eventlet.Spawn(q.Get).Wait(); v != 1 {
		t.Fatalf("Get = %d", v)
	}
	<-put
	if v := q.Get(); v != 2 {
		t.Fatalf("Get = %d", v)
	}
}
