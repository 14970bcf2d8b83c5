// Command greenthread is the seed's `gt = eventlet.spawn(func, args); print(gt.wait())`, with a
// few greenthreads sleeping at once and one killed. It is this Python program, written against
// eventlet, and prints what it prints:
//
//	import eventlet
//	from greenlet import GreenletExit
//
//
//	def fetch(name, ms):
//	    eventlet.sleep(ms / 1000)
//	    return f"{name} slept {ms}ms"
//
//
//	gt = eventlet.spawn(fetch, "first", 10)
//	print(gt.wait())
//
//	gts = [eventlet.spawn(fetch, name, ms) for name, ms in [("a", 30), ("b", 10), ("c", 20)]]
//	for gt in gts:
//	    print(gt.wait())
//
//	sleepy = eventlet.spawn(fetch, "sleepy", 10000)
//	eventlet.sleep(0)
//	sleepy.kill()
//	try:
//	    sleepy.wait()
//	except GreenletExit as e:
//	    print("sleepy was killed:", type(e).__name__)
//
// Go's main is a plain goroutine, not a greenthread: Spawn starts greenthreads on the default hub
// and Wait blocks main until one finishes. Where Python raises from wait(), Go returns the error.
package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/eventlet-go/eventlet"
)

func fetch(name string, ms int) string {
	eventlet.Sleep(time.Duration(ms) * time.Millisecond)
	return fmt.Sprintf("%s slept %dms", name, ms)
}

func main() {
	gt := eventlet.Spawn(func() string { return fetch("first", 10) })
	v, _ := gt.Wait()
	fmt.Println(v)

	var gts []*eventlet.GreenThread[string]
	for _, job := range []struct {
		name string
		ms   int
	}{{"a", 30}, {"b", 10}, {"c", 20}} {
		gts = append(gts, eventlet.Spawn(func() string { return fetch(job.name, job.ms) }))
	}
	for _, gt := range gts {
		v, _ := gt.Wait()
		fmt.Println(v)
	}

	sleepy := eventlet.Spawn(func() string { return fetch("sleepy", 10000) })
	eventlet.Sleep(0)
	sleepy.Kill()
	if _, err := sleepy.Wait(); errors.Is(err, eventlet.ErrGreenletExit) {
		fmt.Println("sleepy was killed:", "GreenletExit")
	}
}
