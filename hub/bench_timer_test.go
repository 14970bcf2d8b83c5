package hub_test

import (
	"testing"

	"github.com/eventlet-go/eventlet/hub"
)

type nopHandler struct{}

func (nopHandler) OnTimer() {}

// BenchmarkTimerAddRemove arms and cancels a hub timer, with a thousand others pending, from the
// hub's own context.
func BenchmarkTimerAddRemove(b *testing.B) {
	h := hub.Default()
	done := make(chan struct{})
	h.Call(func() {
		defer close(done)
		others := make([]hub.Timer, 1000)
		for i := range others {
			others[i].Init(nopHandler{})
			h.AddTimer(&others[i], hub.Now()+int64(1e12)+int64(i))
		}
		var t hub.Timer
		t.Init(nopHandler{})
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			h.AddTimer(&t, hub.Now()+int64(1e9)+int64(i%1000))
			h.RemoveTimer(&t)
		}
		for i := range others {
			h.RemoveTimer(&others[i])
		}
	})
	<-done
}
