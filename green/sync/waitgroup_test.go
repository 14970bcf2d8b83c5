package sync_test

import (
	"strings"
	"sync/atomic"
	"testing"

	"github.com/eventlet-go/eventlet"
	"github.com/eventlet-go/eventlet/green/sync"
	"github.com/eventlet-go/eventlet/hub"
	"github.com/eventlet-go/eventlet/internal/modes"
)

func testWaitGroup(t *testing.T, md modes.Mode, wg1, wg2 *sync.WaitGroup) {
	const n = 16
	wg1.Add(n)
	wg2.Add(n)
	exited := make(chan bool, n)
	for i := range n {
		md.Start(i+1, func() {
			wg1.Done()
			wg2.Wait()
			exited <- true
		})
	}
	wg1.Wait()
	for range n {
		if _, ok := recvOrDefault(exited); ok {
			t.Fatal("WaitGroup released group too soon")
		}
		wg2.Done()
	}
	for range n {
		eventlet.Recv(exited) // blocks if the barrier fails to release someone
	}
}

func TestWaitGroup(t *testing.T) {
	modes.Run(t, func(t *testing.T, md modes.Mode) {
		wg1, wg2 := &sync.WaitGroup{}, &sync.WaitGroup{}
		for range 8 { // again and again: the barrier is reusable
			testWaitGroup(t, md, wg1, wg2)
		}
	})
}

func TestWaitGroupMisuse(t *testing.T) {
	modes.Run(t, func(t *testing.T, md modes.Mode) {
		wg := &sync.WaitGroup{}
		wg.Add(1)
		wg.Done()
		if p := panicOf(wg.Done); p != "sync: negative WaitGroup counter" {
			t.Fatalf("panic %#v, want the negative counter message", p)
		}
		wg.Wait() // the failed Done left the counter at zero
	})
}

func TestWaitGroupRace(t *testing.T) {
	modes.Run(t, func(t *testing.T, md modes.Mode) {
		for range 1000 {
			wg := &sync.WaitGroup{}
			n := new(int32)
			for p := range 2 {
				wg.Add(1)
				md.Start(p+1, func() {
					atomic.AddInt32(n, 1)
					wg.Done()
				})
			}
			wg.Wait()
			if atomic.LoadInt32(n) != 2 {
				t.Fatal("spurious wakeup from Wait")
			}
		}
	})
}

func TestWaitGroupGo(t *testing.T) {
	modes.Run(t, func(t *testing.T, md modes.Mode) {
		wg := &sync.WaitGroup{}
		i := 0
		green := false
		wg.Go(func() {
			i++
			green = hub.Current() != nil
		})
		wg.Wait()
		if i != 1 {
			t.Fatalf("got %d, want 1", i)
		}
		if !green {
			t.Fatal("WaitGroup.Go did not run f in a greenthread")
		}
	})
}

func TestWaitGroupGoFromGreenthreadRunsOnItsHub(t *testing.T) {
	eventlet.Spawn(func() struct{} {
		var wg sync.WaitGroup
		ran := false
		wg.Go(func() { ran = hub.CurrentHub() == hub.Default() })
		if ran {
			t.Error("Go ran f before the caller yielded")
		}
		wg.Wait() // parks: f runs on this same hub meanwhile
		if !ran {
			t.Error("f did not run on the caller's hub")
		}
		return struct{}{}
	}).Wait()
}

func TestWaitGroupGoPanicIsLoggedAndCountsAsDone(t *testing.T) {
	out := captureLog(t, func() {
		var wg sync.WaitGroup
		wg.Go(func() { panic("task failed") })
		wg.Wait()
	})
	if !strings.Contains(out, "task failed") {
		t.Fatalf("log %q does not report the panic", out)
	}
}
