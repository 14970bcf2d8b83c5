// Fan-out, fan-in: producers feed their own channels, a merger selects over
// them until each is closed, and a timeout guards an idle channel.
package main

import (
	"fmt"
	"sort"
	"time"
)

func produce(name string, n int) <-chan string {
	out := make(chan string)
	go func() {
		for i := 0; i < n; i++ {
			out <- fmt.Sprintf("%s%d", name, i)
		}
		close(out)
	}()
	return out
}

func merge(a, b <-chan string) []string {
	var got []string
	for a != nil || b != nil {
		select {
		case v, ok := <-a:
			if !ok {
				a = nil
				continue
			}
			got = append(got, v)
		case v, ok := <-b:
			if !ok {
				b = nil
				continue
			}
			got = append(got, v)
		}
	}
	return got
}

func main() {
	got := merge(produce("a", 5), produce("b", 7))
	sort.Strings(got)
	fmt.Println(len(got), got)

	idle := make(chan int)
	select {
	case v := <-idle:
		fmt.Println("unexpected", v)
	case <-time.After(20 * time.Millisecond):
		fmt.Println("timed out waiting on an idle channel")
	}

	ready := make(chan int, 1)
	ready <- 7
	timer := time.NewTimer(time.Minute)
	defer timer.Stop()
	select {
	case v := <-ready:
		fmt.Println("ready first:", v)
	case <-timer.C:
		fmt.Println("timer fired")
	}

	select {
	case v := <-idle:
		fmt.Println("unexpected", v)
	default:
		fmt.Println("nothing ready")
	}
}
