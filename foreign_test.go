package eventlet_test

import (
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eventlet-go/eventlet"
	"github.com/eventlet-go/eventlet/hub"
)

// A greenthread's state is touched without a lock in its hub's context; callers from outside it
// (plain goroutines, other hubs) wait in a locked queue and have their Link, Unlink, Kill and
// Cancel carried out in the hub. These tests drive those paths.

// TestLinkUnlinkFromGoroutine: links and unlinks made by a plain goroutine take effect before the
// greenthread finishes, and Wait returns after the remaining link ran.
func TestLinkUnlinkFromGoroutine(t *testing.T) {
	release := make(chan struct{})
	gt := eventlet.Spawn(func() int { eventlet.Recv(release); return 3 })
	var a, b atomic.Int32
	fa := func(*eventlet.GreenThread[int]) { a.Add(1) }
	fb := func(*eventlet.GreenThread[int]) { b.Add(1) }
	gt.Link(fa)
	gt.Link(fb)
	if !gt.Unlink(fa) {
		t.Fatal("Unlink from a goroutine of a linked func reported false")
	}
	if gt.Unlink(fa) {
		t.Fatal("a second Unlink reported true")
	}
	close(release)
	if v, err := waitGT(t, gt); v != 3 || err != nil {
		t.Fatalf("Wait = %v, %v", v, err)
	}
	if a.Load() != 0 || b.Load() != 1 {
		t.Fatalf("links ran a=%d b=%d times by the time Wait returned, want 0 and 1", a.Load(), b.Load())
	}
	if gt.Unlink(fb) {
		t.Fatal("Unlink after the greenthread died reported true")
	}
}

// TestLinkFromGoroutineAsItFinishes: a plain goroutine links a greenthread that is alive when it
// asks and dead by the time the hub takes the link in; the link is still called, once, in a
// greenthread of the hub, after the greenthread died.
func TestLinkFromGoroutineAsItFinishes(t *testing.T) {
	type call struct {
		gt            *eventlet.GreenThread[int]
		dead, inGreen bool
	}
	calls := make(chan call, 2)
	blocking, hold, linked := make(chan struct{}), make(chan struct{}), make(chan struct{})
	var gt *eventlet.GreenThread[int]
	inGreen(t, func() {
		// The hub runs the next two greenthreads in one batch. The first blocks the hub's
		// goroutine (a plain channel receive) while the goroutine below links the second; the
		// second then finishes before the hub gets to its inbox, where the link waits.
		eventlet.SpawnN(func() { close(blocking); <-hold })
		gt = eventlet.Spawn(func() int { return 7 })
		go func() {
			defer close(linked)
			<-blocking
			if gt.Dead() {
				t.Error("the greenthread finished while the hub was blocked")
			}
			gt.Link(func(g *eventlet.GreenThread[int]) { calls <- call{g, g.Dead(), hub.Current() != nil} })
			close(hold)
		}()
	})
	<-linked
	var c call
	select {
	case c = <-calls:
	case <-time.After(hangAfter):
		t.Fatal("the link was never called")
	}
	if c.gt != gt || !c.dead || !c.inGreen {
		t.Fatalf("link called with the right greenthread %v, after it died %v, in a greenthread %v",
			c.gt == gt, c.dead, c.inGreen)
	}
	if v, err := waitGT(t, gt); v != 7 || err != nil {
		t.Fatalf("Wait = %v, %v", v, err)
	}
	eventlet.Sleep(delay) // the hub has nothing left that could call the link again
	if n := len(calls); n != 0 {
		t.Fatalf("the link was called %d more times", n)
	}
}

// TestCancelFromGoroutineRunsLinks: a plain goroutine cancelling a greenthread that has not
// started finds it dead when Cancel returns, with its links run and never its function.
func TestCancelFromGoroutineRunsLinks(t *testing.T) {
	var ran atomic.Bool
	gt := eventlet.SpawnAfter(time.Hour, func() int { ran.Store(true); return 1 })
	var linked atomic.Int32
	gt.Link(func(g *eventlet.GreenThread[int]) {
		if hub.Current() == nil {
			t.Error("a link ran outside a greenthread")
		}
		linked.Add(1)
	})
	if !gt.Cancel() {
		t.Fatal("Cancel of a greenthread not started reported false")
	}
	if !gt.Dead() || linked.Load() != 1 {
		t.Fatalf("after Cancel: dead %v, links run %d times", gt.Dead(), linked.Load())
	}
	if gt.Cancel() {
		t.Fatal("a second Cancel reported true")
	}
	assertKilled(t, gt)
	if ran.Load() {
		t.Fatal("a cancelled greenthread ran")
	}
}

// TestWaitAndKillFromAnotherHub: a greenthread of one hub waits for and kills greenthreads of
// another; its own hub keeps running meanwhile.
func TestWaitAndKillFromAnotherHub(t *testing.T) {
	h, err := hub.New()
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	release := make(chan struct{})
	waited := eventlet.Spawn(func() int { eventlet.Recv(release); return 4 })
	sleeper := eventlet.Spawn(func() int { eventlet.Sleep(time.Hour); return 5 })

	results := make(chan error, 3)
	var ticks atomic.Int32
	h.Start(h.NewFuncTask(func() {
		gt := eventlet.Spawn(func() int { // on h: its greenthreads spawn there
			for {
				ticks.Add(1)
				eventlet.Sleep(time.Millisecond)
			}
		})
		defer gt.Kill()
		if v, err := waited.Wait(); v != 4 || err != nil {
			results <- errors.New("Wait from another hub got the wrong outcome")
			return
		}
		results <- nil
		eventlet.Kill(sleeper, nil)
		if !sleeper.Dead() {
			results <- errors.New("Kill from another hub returned before the greenthread died")
			return
		}
		results <- nil
	}))
	waitUntil(t, "the other hub's greenthreads to run", func() bool { return ticks.Load() > 2 })
	close(release)
	for range 2 {
		select {
		case err := <-results:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(hangAfter):
			t.Fatal("the other hub's greenthread never got its answer")
		}
	}
	if _, err := waitGT(t, sleeper); !errors.Is(err, eventlet.ErrGreenletExit) {
		t.Fatalf("the killed greenthread reports %v", err)
	}
}
