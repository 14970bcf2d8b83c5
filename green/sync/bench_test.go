package sync_test

import (
	stdsync "sync"
	"testing"

	"github.com/eventlet-go/eventlet"
	"github.com/eventlet-go/eventlet/green/sync"
)

// locker is what the green and the stdlib mutexes have in common, for side-by-side benchmarks.
type locker interface {
	Lock()
	Unlock()
}

func benchLockUnlock(b *testing.B, m locker) {
	b.ReportAllocs()
	for b.Loop() {
		m.Lock()
		m.Unlock()
	}
}

func BenchmarkMutexUncontended(b *testing.B) {
	b.Run("green", func(b *testing.B) {
		var m sync.Mutex
		b.ReportAllocs()
		for b.Loop() {
			m.Lock()
			m.Unlock()
		}
	})
	b.Run("stdlib", func(b *testing.B) {
		var m stdsync.Mutex
		b.ReportAllocs()
		for b.Loop() {
			m.Lock()
			m.Unlock()
		}
	})
}

func BenchmarkRWMutexUncontended(b *testing.B) {
	b.Run("green/read", func(b *testing.B) { benchLockUnlock(b, new(sync.RWMutex).RLocker()) })
	b.Run("stdlib/read", func(b *testing.B) { benchLockUnlock(b, new(stdsync.RWMutex).RLocker()) })
	b.Run("green/write", func(b *testing.B) { benchLockUnlock(b, new(sync.RWMutex)) })
	b.Run("stdlib/write", func(b *testing.B) { benchLockUnlock(b, new(stdsync.RWMutex)) })
}

func BenchmarkMutexHandoffBetweenGreenthreads(b *testing.B) {
	// Two greenthreads of one hub take turns: each lock parks the one and hands over to the other.
	b.ReportAllocs()
	var m sync.Mutex
	n := b.N
	worker := func() struct{} {
		for range n / 2 {
			m.Lock()
			eventlet.Sleep(0)
			m.Unlock()
		}
		return struct{}{}
	}
	b.ResetTimer()
	a, c := eventlet.Spawn(worker), eventlet.Spawn(worker)
	a.Wait()
	c.Wait()
}

func BenchmarkWaitGroupAddDone(b *testing.B) {
	b.Run("green", func(b *testing.B) {
		var wg sync.WaitGroup
		b.ReportAllocs()
		for b.Loop() {
			wg.Add(1)
			wg.Done()
		}
	})
	b.Run("stdlib", func(b *testing.B) {
		var wg stdsync.WaitGroup
		b.ReportAllocs()
		for b.Loop() {
			wg.Add(1)
			wg.Done()
		}
	})
}

func BenchmarkOnceDone(b *testing.B) {
	b.Run("green", func(b *testing.B) {
		var once sync.Once
		f := func() {}
		b.ReportAllocs()
		for b.Loop() {
			once.Do(f)
		}
	})
	b.Run("stdlib", func(b *testing.B) {
		var once stdsync.Once
		f := func() {}
		b.ReportAllocs()
		for b.Loop() {
			once.Do(f)
		}
	})
}
