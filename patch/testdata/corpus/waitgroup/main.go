// WaitGroup: goroutines fill their own slot of a slice; Wait returns when
// all have; a second round uses WaitGroup.Go.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	squares := make([]int, 10)
	var wg sync.WaitGroup
	for i := range squares {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(10-i) * time.Millisecond)
			squares[i] = i * i
		}()
	}
	wg.Wait()
	fmt.Println(squares)

	var mu sync.Mutex
	order := 0
	for range 5 {
		wg.Go(func() {
			mu.Lock()
			order++
			mu.Unlock()
		})
	}
	wg.Wait()
	fmt.Println("ran:", order)
}
