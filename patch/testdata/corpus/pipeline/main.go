// Pipeline: a generator, two squaring stages and a summing sink, joined by
// channels that each stage closes when done.
package main

import "fmt"

func generate(n int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 1; i <= n; i++ {
			out <- i
		}
	}()
	return out
}

func square(in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for v := range in {
			out <- v * v
		}
	}()
	return out
}

func main() {
	sum, count := 0, 0
	for v := range square(square(generate(10))) {
		sum += v
		count++
	}
	fmt.Println("values:", count, "sum of fourth powers:", sum)
	last, ok := <-generate(0)
	fmt.Println("empty pipeline:", last, ok)
}
