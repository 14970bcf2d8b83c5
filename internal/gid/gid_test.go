package gid_test

import (
	"sync"
	"testing"

	"github.com/eventlet-go/eventlet/internal/gid"
)

func TestStableWithinGoroutine(t *testing.T) {
	a := gid.Get()
	if a == 0 {
		t.Fatal("Get returned 0")
	}
	for i := 0; i < 100; i++ {
		if b := gid.Get(); b != a {
			t.Fatalf("Get changed within one goroutine: %#x then %#x", a, b)
		}
	}
}

func TestDistinctAcrossLiveGoroutines(t *testing.T) {
	const n = 64
	ids := make([]uintptr, n)
	var ready, release sync.WaitGroup
	ready.Add(n)
	release.Add(1)
	var done sync.WaitGroup
	for i := range n {
		done.Add(1)
		go func() {
			defer done.Done()
			ids[i] = gid.Get()
			ready.Done()
			release.Wait() // keep every goroutine alive until all ids are taken
			if gid.Get() != ids[i] {
				t.Errorf("goroutine %d: identity changed", i)
			}
		}()
	}
	ready.Wait()
	seen := map[uintptr]int{gid.Get(): -1}
	for i, id := range ids {
		if j, dup := seen[id]; dup {
			t.Fatalf("goroutines %d and %d share identity %#x", i, j, id)
		}
		seen[id] = i
	}
	release.Done()
	done.Wait()
}

func BenchmarkGet(b *testing.B) {
	var sink uintptr
	for b.Loop() {
		sink += gid.Get()
	}
	_ = sink
}
