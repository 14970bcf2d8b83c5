package sync_test

import (
	"fmt"

	"github.com/eventlet-go/eventlet/green/sync"
	"github.com/eventlet-go/eventlet/green/time"
)

func ExampleMutex() {
	// A hundred greenthreads take turns at a lock they hold across a park.
	var mu sync.Mutex
	var wg sync.WaitGroup
	count := 0
	for range 100 {
		wg.Go(func() {
			mu.Lock()
			defer mu.Unlock()
			v := count
			time.Sleep(100 * time.Microsecond) // parks this greenthread; the others queue for mu
			count = v + 1
		})
	}
	wg.Wait()
	fmt.Println(count)
	// Output: 100
}

func ExampleCond() {
	var mu sync.Mutex
	ready := sync.NewCond(&mu)
	queue := []string{}
	var wg sync.WaitGroup
	wg.Go(func() {
		mu.Lock()
		defer mu.Unlock()
		for len(queue) == 0 {
			ready.Wait() // unlocks mu and parks until Signal
		}
		fmt.Println("got", queue[0])
	})
	mu.Lock()
	queue = append(queue, "job")
	mu.Unlock()
	ready.Signal()
	wg.Wait()
	// Output: got job
}

func ExampleOnceValue() {
	config := sync.OnceValue(func() string {
		fmt.Println("loading")
		return "loaded"
	})
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() { config() })
	}
	wg.Wait()
	fmt.Println(config())
	// Output:
	// loading
	// loaded
}
