// Worker pool: a fixed number of workers take jobs from one channel and
// put results on another; a WaitGroup closes the results when all are done.
package main

import (
	"fmt"
	"sort"
	"sync"
)

type result struct {
	job, worker, value int
}

func worker(id int, jobs <-chan int, results chan<- result, wg *sync.WaitGroup) {
	defer wg.Done()
	for j := range jobs {
		results <- result{job: j, worker: id, value: j * j}
	}
}

func main() {
	jobs := make(chan int)
	results := make(chan result, 4)
	var wg sync.WaitGroup
	for w := 1; w <= 4; w++ {
		wg.Add(1)
		go worker(w, jobs, results, &wg)
	}
	go func() {
		for j := 1; j <= 20; j++ {
			jobs <- j
		}
		close(jobs)
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	var all []result
	workers := make(map[int]bool)
	for r := range results {
		all = append(all, r)
		workers[r.worker] = true
	}
	sort.Slice(all, func(i, j int) bool { return all[i].job < all[j].job })
	total := 0
	for _, r := range all {
		total += r.value
	}
	fmt.Println("jobs done:", len(all), "total:", total, "first:", all[0].value, "last:", all[len(all)-1].value)
	fmt.Println("some worker ran:", len(workers) > 0)
}
