// Context cancellation: workers stop when their context is cancelled or its
// deadline passes, and report why.
package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

func work(ctx context.Context, id int, ticks <-chan int, out chan<- string, wg *sync.WaitGroup) {
	defer wg.Done()
	n := 0
	for {
		select {
		case <-ctx.Done():
			out <- fmt.Sprintf("worker %d stopped after %d ticks: %v", id, n, ctx.Err())
			return
		case _, ok := <-ticks:
			if !ok {
				out <- fmt.Sprintf("worker %d: ticks closed", id)
				return
			}
			n++
		}
	}
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	ticks := make(chan int)
	out := make(chan string, 2)
	var wg sync.WaitGroup
	wg.Add(1)
	go work(ctx, 1, ticks, out, &wg)
	for i := 0; i < 3; i++ {
		ticks <- i
	}
	cancel()
	wg.Wait()
	fmt.Println(<-out)

	ctx, cancel = context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	wg.Add(1)
	go work(ctx, 2, make(chan int), out, &wg)
	wg.Wait()
	fmt.Println(<-out)
	fmt.Println("deadline exceeded:", errors.Is(ctx.Err(), context.DeadlineExceeded))
}
