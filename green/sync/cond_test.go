package sync_test

import (
	"reflect"
	"testing"

	"github.com/eventlet-go/eventlet"
	"github.com/eventlet-go/eventlet/green/sync"
	"github.com/eventlet-go/eventlet/internal/modes"
)

func TestCondSignal(t *testing.T) {
	modes.Run(t, func(t *testing.T, md modes.Mode) {
		var m sync.Mutex
		c := sync.NewCond(&m)
		n := 2
		running, awake := make(chan bool, n), make(chan bool, n)
		for i := range n {
			md.Start(i+1, func() {
				m.Lock()
				running <- true
				c.Wait()
				awake <- true
				m.Unlock()
			})
		}
		for range n {
			eventlet.Recv(running) // wait for everyone to run
		}
		for n > 0 {
			if _, ok := recvOrDefault(awake); ok {
				t.Fatal("goroutine not asleep")
			}
			m.Lock()
			c.Signal()
			m.Unlock()
			eventlet.Recv(awake) // deadlocks if nobody wakes up
			if _, ok := recvOrDefault(awake); ok {
				t.Fatal("too many goroutines awake")
			}
			n--
		}
		c.Signal()
	})
}

func TestCondSignalGenerations(t *testing.T) {
	modes.Run(t, func(t *testing.T, md modes.Mode) {
		var m sync.Mutex
		c := sync.NewCond(&m)
		const n = 100
		running, awake := make(chan bool, n), make(chan int, n)
		for i := range n {
			md.Start(i+1, func() {
				m.Lock()
				running <- true
				c.Wait()
				awake <- i
				m.Unlock()
			})
			if i > 0 {
				if a := eventlet.RecvValue(awake); a != i-1 {
					t.Fatalf("wrong party woke up: want %d, got %d", i-1, a)
				}
			}
			eventlet.Recv(running)
			m.Lock()
			c.Signal()
			m.Unlock()
		}
	})
}

func TestCondBroadcast(t *testing.T) {
	modes.Run(t, func(t *testing.T, md modes.Mode) {
		var m sync.Mutex
		c := sync.NewCond(&m)
		const n = 50
		running, awake := make(chan int, n), make(chan int, n)
		exit := false
		for i := range n {
			md.Start(i+1, func() {
				m.Lock()
				for !exit {
					running <- i
					c.Wait()
					awake <- i
				}
				m.Unlock()
			})
		}
		for round := range n {
			for range n {
				eventlet.Recv(running) // deadlocks unless n are running
			}
			if round == n-1 {
				m.Lock()
				exit = true
				m.Unlock()
			}
			if _, ok := recvOrDefault(awake); ok {
				t.Fatal("party not asleep")
			}
			m.Lock()
			c.Broadcast()
			m.Unlock()
			seen := make([]bool, n)
			for range n {
				g := eventlet.RecvValue(awake)
				if seen[g] {
					t.Fatal("party woke up twice")
				}
				seen[g] = true
			}
		}
		if _, ok := recvOrDefault(running); ok {
			t.Fatal("party did not exit")
		}
		c.Broadcast()
	})
}

func TestCondRace(t *testing.T) {
	modes.Run(t, func(t *testing.T, md modes.Mode) {
		x := 0
		c := sync.NewCond(&sync.Mutex{})
		done := make(chan bool)
		md.Start(1, func() {
			c.L.Lock()
			x = 1
			c.Wait()
			if x != 2 {
				t.Error("want 2")
			}
			x = 3
			c.Signal()
			c.L.Unlock()
			eventlet.Send(done, true)
		})
		md.Start(2, func() {
			c.L.Lock()
			for {
				if x == 1 {
					x = 2
					c.Signal()
					break
				}
				c.L.Unlock()
				yield()
				c.L.Lock()
			}
			c.L.Unlock()
			eventlet.Send(done, true)
		})
		md.Start(3, func() {
			c.L.Lock()
			for {
				if x == 2 {
					c.Wait()
					if x != 3 {
						t.Error("want 3")
					}
					break
				}
				if x == 3 {
					break
				}
				c.L.Unlock()
				yield()
				c.L.Lock()
			}
			c.L.Unlock()
			eventlet.Send(done, true)
		})
		for range 3 {
			eventlet.Recv(done)
		}
	})
}

func TestCondSignalStealing(t *testing.T) {
	modes.Run(t, func(t *testing.T, md modes.Mode) {
		for range 300 {
			var m sync.Mutex
			cond := sync.NewCond(&m)
			ch := make(chan struct{})
			md.Start(1, func() {
				m.Lock()
				eventlet.Send(ch, struct{}{})
				cond.Wait()
				m.Unlock()
				eventlet.Send(ch, struct{}{})
			})
			eventlet.Recv(ch)
			m.Lock() // the waiter is in Wait once we get the mutex it held
			m.Unlock()
			// A Broadcast races a new waiter: the new one may miss it, the first must not.
			done := false
			md.Start(2, func() { cond.Broadcast() })
			md.Start(3, func() {
				m.Lock()
				for !done {
					cond.Wait()
				}
				m.Unlock()
			})
			eventlet.Recv(ch)
			m.Lock()
			done = true
			m.Unlock()
			cond.Broadcast()
		}
	})
}

func TestCondWithRLocker(t *testing.T) {
	// L may be any Locker: here the read side of an RWMutex.
	var rw sync.RWMutex
	c := sync.NewCond(rw.RLocker())
	ready := false
	waiter := eventlet.Spawn(func() bool {
		c.L.Lock()
		defer c.L.Unlock()
		for !ready {
			c.Wait()
		}
		return ready
	})
	allParked()
	rw.Lock() // the waiter released its read lock in Wait
	ready = true
	rw.Unlock()
	c.Signal()
	if v, _ := waiter.Wait(); !v {
		t.Fatal("the waiter did not see the change")
	}
}

func TestCondCopy(t *testing.T) {
	defer func() {
		if err := recover(); err != "sync.Cond is copied" {
			t.Fatalf("got %v, want sync.Cond is copied", err)
		}
	}()
	c := sync.Cond{L: &sync.Mutex{}}
	c.Signal()
	var c2 sync.Cond
	reflect.ValueOf(&c2).Elem().Set(reflect.ValueOf(&c).Elem()) // c2 := c, hidden from vet
	c2.Signal()
}
