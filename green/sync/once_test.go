package sync_test

import (
	"testing"
	"time"

	"github.com/eventlet-go/eventlet"
	"github.com/eventlet-go/eventlet/green/sync"
	"github.com/eventlet-go/eventlet/internal/modes"
)

func TestOnce(t *testing.T) {
	modes.Run(t, func(t *testing.T, md modes.Mode) {
		o, once := 0, new(sync.Once)
		done := make(chan bool)
		const n = 10
		for i := range n {
			md.Start(i+1, func() {
				once.Do(func() {
					yield() // others arrive while f runs, and wait for it
					o++
				})
				if v := o; v != 1 {
					t.Errorf("once failed inside run: %d is not 1", v)
				}
				eventlet.Send(done, true)
			})
		}
		for range n {
			eventlet.Recv(done)
		}
		if o != 1 {
			t.Errorf("once failed outside run: %d is not 1", o)
		}
	})
}

func TestOncePanic(t *testing.T) {
	modes.Run(t, func(t *testing.T, md modes.Mode) {
		var once sync.Once
		if p := panicOf(func() { once.Do(func() { panic("failed") }) }); p != "failed" {
			t.Fatalf("Once.Do panicked with %v, want f's panic", p)
		}
		once.Do(func() { t.Fatal("Once.Do called twice") })
	})
}

func TestOnceWaitersParkWhileFParks(t *testing.T) {
	var once sync.Once
	var order []string
	first := eventlet.Spawn(func() struct{} {
		once.Do(func() {
			eventlet.Sleep(20 * time.Millisecond)
			order = append(order, "f")
		})
		return struct{}{}
	})
	second := eventlet.Spawn(func() struct{} {
		once.Do(func() { t.Error("f called twice") })
		order = append(order, "second returned")
		return struct{}{}
	})
	free := eventlet.Spawn(func() struct{} {
		order = append(order, "free")
		return struct{}{}
	})
	for _, gt := range []*eventlet.GreenThread[struct{}]{first, second, free} {
		gt.Wait()
	}
	if len(order) != 3 || order[0] != "free" || order[1] != "f" || order[2] != "second returned" {
		t.Fatalf("order %v, want [free f second returned]", order)
	}
}
