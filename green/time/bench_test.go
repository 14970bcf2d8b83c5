package time_test

import (
	"testing"
	stdtime "time"

	"github.com/eventlet-go/eventlet"
	"github.com/eventlet-go/eventlet/green/time"
)

// inGreenthread runs f in a greenthread of the default hub and waits for it.
func inGreenthread(f func()) {
	eventlet.Spawn(func() struct{} { f(); return struct{}{} }).Wait()
}

func BenchmarkTimerResetStop(b *testing.B) {
	b.Run("green/goroutine", func(b *testing.B) {
		t := time.NewTimer(time.Hour)
		b.ReportAllocs()
		for b.Loop() {
			t.Reset(time.Hour)
			t.Stop()
		}
	})
	b.Run("green/greenthread", func(b *testing.B) {
		t := time.NewTimer(time.Hour)
		b.ReportAllocs()
		inGreenthread(func() {
			for b.Loop() {
				t.Reset(time.Hour)
				t.Stop()
			}
		})
	})
	b.Run("stdlib", func(b *testing.B) {
		t := stdtime.NewTimer(stdtime.Hour)
		b.ReportAllocs()
		for b.Loop() {
			t.Reset(stdtime.Hour)
			t.Stop()
		}
	})
}

func BenchmarkTickerReset(b *testing.B) {
	b.Run("green", func(b *testing.B) {
		t := time.NewTicker(time.Hour)
		defer t.Stop()
		b.ReportAllocs()
		for b.Loop() {
			t.Reset(time.Hour)
		}
	})
	b.Run("stdlib", func(b *testing.B) {
		t := stdtime.NewTicker(stdtime.Hour)
		defer t.Stop()
		b.ReportAllocs()
		for b.Loop() {
			t.Reset(stdtime.Hour)
		}
	})
}

func BenchmarkNewTimerStop(b *testing.B) {
	b.Run("green", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			time.NewTimer(time.Hour).Stop()
		}
	})
	b.Run("stdlib", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			stdtime.NewTimer(stdtime.Hour).Stop()
		}
	})
}

func BenchmarkRecvFiredTimer(b *testing.B) {
	// A greenthread arms a timer to fire at once and parks in Recv until the hub fires it.
	t := time.NewTimer(time.Hour)
	b.ReportAllocs()
	inGreenthread(func() {
		for b.Loop() {
			t.Reset(0)
			eventlet.Recv(t.C)
		}
	})
}
