package time_test

import (
	"fmt"

	"github.com/eventlet-go/eventlet"
	"github.com/eventlet-go/eventlet/green/time"
	"github.com/eventlet-go/eventlet/hub"
)

func ExampleSleep() {
	// Two greenthreads sleep on one hub: each parks, and the other runs meanwhile.
	slow := eventlet.Spawn(func() string { time.Sleep(20 * time.Millisecond); return "slow" })
	fast := eventlet.Spawn(func() string { time.Sleep(time.Millisecond); return "fast" })
	f, _ := fast.Wait()
	s, _ := slow.Wait()
	fmt.Println(f, s)
	// Output: fast slow
}

func ExampleNewTicker() {
	// A greenthread receives the ticks with eventlet.Recv, which parks it on the ticker itself.
	n, _ := eventlet.Spawn(func() int {
		ticker := time.NewTicker(5 * time.Millisecond)
		defer ticker.Stop()
		n := 0
		for range 3 {
			eventlet.Recv(ticker.C)
			n++
		}
		return n
	}).Wait()
	fmt.Println(n, "ticks")
	// Output: 3 ticks
}

func ExampleAfterFunc() {
	done := make(chan bool)
	time.AfterFunc(10*time.Millisecond, func() {
		done <- hub.Current() != nil
	})
	fmt.Println("ran in a greenthread:", <-done)
	// Output: ran in a greenthread: true
}

func ExampleTimer_Stop() {
	// As of Go 1.23 a value that was sent but not received yet counts as pending: Stop removes it
	// and reports true.
	t := time.NewTimer(0)
	time.Sleep(10 * time.Millisecond)
	fmt.Println(t.Stop(), len(t.C))
	// Output: true 0
}
