package eventlet_test

import (
	"errors"
	"math/rand"
	"slices"
	"testing"
	"time"

	"github.com/eventlet-go/eventlet"
)

// Ported from eventlet's tests/tpool_test.py: tpool.execute is eventlet.Offload. The Proxy
// tests, killall and set_num_threads have no counterpart (Offload runs each call on a goroutine
// of its own).

func TestOffloadResult(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		if v := eventlet.Offload(func() string { return "whatever" }); v != "whatever" {
			t.Fatalf("Offload = %q", v)
		}
	})
}

// TestOffloadPanics is test_raising_exceptions and test_eventlet_timeout: a panic in the
// offloaded function is raised in the caller with the same value.
func TestOffloadPanics(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		boom := errors.New("hi")
		if r := catch(func() { eventlet.Offload(func() int { panic(boom) }) }); r != boom {
			t.Fatalf("recovered %v, want the function's panic", r)
		}
	})
	inGreen(t, func() {
		to := eventlet.NewTimeout(time.Hour)
		defer to.Cancel()
		if r := catch(func() { eventlet.Offload(func() int { panic(to) }) }); r != any(to) {
			t.Fatalf("recovered %v, want the Timeout the function panicked with", r)
		}
		if !to.Pending() {
			t.Fatal("a Timeout raised by hand expired")
		}
	})
}

// TestOffloadTimeout is test_timeout: a Timeout interrupts the greenthread waiting for an
// offloaded call; the call itself runs on to completion.
func TestOffloadTimeout(t *testing.T) {
	inGreen(t, func() {
		release := make(chan struct{})
		finished := make(chan struct{})
		err := eventlet.WithTimeout(delay, func() {
			eventlet.Offload(func() struct{} {
				<-release
				close(finished)
				return struct{}{}
			})
		})
		if !errors.Is(err, eventlet.ErrTimeout) {
			t.Fatalf("WithTimeout around a blocked Offload: %v, want ErrTimeout", err)
		}
		close(release)
		eventlet.Recv(finished)
	})
}

// TestOffloadDoesNotStallTheHub is test_wrap_iterator2's point: while one greenthread waits for
// an offloaded blocking call, the hub runs the others — here the very greenthread that unblocks
// the call, so a stalled hub would deadlock.
func TestOffloadDoesNotStallTheHub(t *testing.T) {
	inGreen(t, func() {
		unblock := make(chan struct{})
		ticks := 0
		eventlet.SpawnN(func() {
			for range 20 {
				ticks++
				eventlet.Sleep(0)
			}
			close(unblock)
		})
		v := eventlet.Offload(func() int { <-unblock; return ticks })
		if v != 20 {
			t.Fatalf("the offloaded call saw %d ticks", v)
		}
	})
}

// TestOffloadKill: a greenthread killed while it waits for an offloaded call dies at once; the
// call runs on.
func TestOffloadKill(t *testing.T) {
	release := make(chan struct{})
	finished := make(chan struct{})
	entered := make(chan struct{})
	gt := eventlet.Spawn(func() int {
		return eventlet.Offload(func() int { close(entered); <-release; close(finished); return 1 })
	})
	<-entered
	gt.Kill()
	assertKilled(t, gt)
	close(release)
	<-finished
}

// TestOffloadContention is test_contention: several greenthreads offload at once.
func TestOffloadContention(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		pile := eventlet.NewGreenPile[int](4)
		for i := 1; i <= 3; i++ {
			pile.Spawn(func() int { return eventlet.Offload(func() int { return i }) })
		}
		if got := slices.Collect(pile.All()); !slices.Equal(got, []int{1, 2, 3}) {
			t.Fatalf("results %v", got)
		}
	})
}

// TestOffloadManyGreenthreads is test_a_buncha_stuff: ten greenthreads offloading in a loop, each
// getting its own token back.
func TestOffloadManyGreenthreads(t *testing.T) {
	inGreen(t, func() {
		const loops, count = 10, 50
		pile := eventlet.NewGreenPile[int](loops)
		for loop := range loops {
			pile.Spawn(func() int {
				r := rand.New(rand.NewSource(int64(loop)))
				for n := range count {
					eventlet.Sleep(time.Duration(r.Intn(200)) * time.Microsecond)
					token := loop*count + n
					pause := time.Duration(r.Intn(200)) * time.Microsecond
					if got := eventlet.Offload(func() int { time.Sleep(pause); return token }); got != token {
						t.Errorf("token %d came back as %d", token, got)
					}
				}
				return loop
			})
		}
		if got := slices.Collect(pile.All()); len(got) != loops {
			t.Fatalf("%d of %d loops finished", len(got), loops)
		}
	})
}
