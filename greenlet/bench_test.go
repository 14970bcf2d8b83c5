package greenlet_test

import (
	"iter"
	"testing"

	"github.com/eventlet-go/eventlet/greenlet"
)

// BenchmarkPullRoundTrip is the baseline: one iter.Pull next/yield round trip.
func BenchmarkPullRoundTrip(b *testing.B) {
	next, stop := iter.Pull(func(yield func(struct{}) bool) {
		for yield(struct{}{}) {
		}
	})
	defer stop()
	b.ReportAllocs()
	for b.Loop() {
		next()
	}
}

// BenchmarkSwitchRoundTrip: main → child → main, two switches, as greenlet_switch.py measures.
func BenchmarkSwitchRoundTrip(b *testing.B) {
	main := greenlet.Current()
	g := greenlet.New(func(...any) any {
		for {
			main.Switch()
		}
	})
	g.Switch()
	b.ReportAllocs()
	for b.Loop() {
		g.Switch()
	}
}

// BenchmarkSwitchBetweenChildren: two non-main greenlets ping-pong (each hop goes through the
// main greenlet's trampoline). One op is a round trip: a → b → a.
func BenchmarkSwitchBetweenChildren(b *testing.B) {
	main := greenlet.Current()
	var a, c *greenlet.Greenlet
	n := 0
	a = greenlet.New(func(...any) any {
		for n > 0 {
			c.Switch()
		}
		return nil
	})
	c = greenlet.New(func(...any) any {
		for {
			n--
			a.Switch()
		}
	})
	b.ReportAllocs()
	n = b.N
	b.ResetTimer()
	a.Switch()
	_ = main
}

// BenchmarkNewSwitchFinish: create a greenlet, run it to completion (a reused coroutine).
func BenchmarkNewSwitchFinish(b *testing.B) {
	f := func(...any) any { return nil }
	b.ReportAllocs()
	for b.Loop() {
		greenlet.New(f).Switch()
	}
}
