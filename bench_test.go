package eventlet_test

import (
	"iter"
	"testing"

	"github.com/eventlet-go/eventlet"
)

// BenchmarkPullRoundTrip is the baseline every figure is quoted against.
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

// inGreenthread runs the benchmark body in a greenthread.
func inGreenthread(b *testing.B, body func(b *testing.B)) {
	_, err := eventlet.Spawn(func() struct{} { body(b); return struct{}{} }).Wait()
	if err != nil {
		b.Fatal(err)
	}
}

func BenchmarkSleep0(b *testing.B) {
	inGreenthread(b, func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			eventlet.Sleep(0)
		}
	})
}

func BenchmarkSpawnWait(b *testing.B) {
	inGreenthread(b, func(b *testing.B) {
		f := func() int { return 1 }
		b.ReportAllocs()
		for b.Loop() {
			eventlet.Spawn(f).Wait()
		}
	})
}

func BenchmarkSpawnWaitFromGoroutine(b *testing.B) {
	f := func() int { return 1 }
	b.ReportAllocs()
	for b.Loop() {
		eventlet.Spawn(f).Wait()
	}
}
