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

func BenchmarkQueuePutGet(b *testing.B) {
	inGreenthread(b, func(b *testing.B) {
		q := eventlet.NewQueue[int](-1)
		b.ReportAllocs()
		for b.Loop() {
			q.Put(1)
			q.Get()
		}
	})
}

func BenchmarkSemaphoreAcquireRelease(b *testing.B) {
	inGreenthread(b, func(b *testing.B) {
		s := eventlet.NewSemaphore(1)
		b.ReportAllocs()
		for b.Loop() {
			s.Acquire()
			s.Release()
		}
	})
}

// BenchmarkQueueHandoff: a consumer greenthread parked in Get takes each item a producer puts; one
// op is a put, a park/wake of the consumer and its get.
func BenchmarkQueueHandoff(b *testing.B) {
	inGreenthread(b, func(b *testing.B) {
		q := eventlet.NewQueue[int](0)
		done := eventlet.Spawn(func() int {
			n := 0
			for q.Get() >= 0 {
				n++
			}
			return n
		})
		b.ReportAllocs()
		for b.Loop() {
			q.Put(1)
		}
		q.Put(-1)
		done.Wait()
	})
}
