package eventlet_test

import (
	"errors"
	"reflect"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eventlet-go/eventlet"
)

// Interruptions of a greenthread parked in each primitive: the killed or timed-out waiter leaves,
// and the primitive is as if it had never come — no item, unit, slot or wake-up is lost to it.

// parkedKill describes one blocking call to park a greenthread in, and what must hold after it
// was killed there.
type parkedKill struct {
	name   string
	setup  func() (park func(), parked func() bool, check func(t *testing.T))
	inHub  bool // park and check must run in a greenthread
	silent bool // parked() cannot be observed: wait for the victim to have run instead
}

var parkedKills = []parkedKill{
	{name: "Queue.Get", setup: func() (func(), func() bool, func(*testing.T)) {
		q := eventlet.NewQueue[int](-1)
		return func() { q.Get() }, func() bool { return q.Getting() == 1 }, func(t *testing.T) {
			if q.Getting() != 0 {
				t.Fatalf("Getting = %d after the getter was killed", q.Getting())
			}
			q.Put(1)
			if v, err := q.GetNowait(); v != 1 || err != nil {
				t.Fatalf("the item went to the killed getter: %v, %v", v, err)
			}
		}
	}},
	{name: "Queue.Put full", setup: func() (func(), func() bool, func(*testing.T)) {
		q := eventlet.NewQueue[int](1)
		q.Put(1)
		return func() { q.Put(2) }, func() bool { return q.Putting() == 1 }, func(t *testing.T) {
			if q.Putting() != 0 || q.Qsize() != 1 {
				t.Fatalf("Putting %d Qsize %d after the putter was killed", q.Putting(), q.Qsize())
			}
			if v := q.Get(); v != 1 {
				t.Fatalf("Get = %d", v)
			}
			if err := q.PutNowait(3); err != nil {
				t.Fatalf("the killed putter kept the room: %v", err)
			}
			if _, err := q.GetNowait(); err != nil {
				t.Fatal(err)
			}
			if _, err := q.GetNowait(); !errors.Is(err, eventlet.ErrEmpty) {
				t.Fatalf("the killed putter's item got in: %v", err)
			}
		}
	}},
	{name: "Queue.Put rendezvous", setup: func() (func(), func() bool, func(*testing.T)) {
		q := eventlet.NewQueue[int](0)
		return func() { q.Put(2) }, func() bool { return q.Putting() == 1 }, func(t *testing.T) {
			if _, err := q.GetTimeout(delay); !errors.Is(err, eventlet.ErrEmpty) {
				t.Fatalf("a getter took the killed putter's item: %v", err)
			}
			if err := q.PutNowait(1); !errors.Is(err, eventlet.ErrFull) {
				t.Fatalf("PutNowait with no getter: %v", err)
			}
		}
	}},
	{name: "Queue.Join", setup: func() (func(), func() bool, func(*testing.T)) {
		q := eventlet.NewQueue[int](-1)
		q.Put(1)
		joined := false
		return func() { q.Join(); joined = true }, func() bool { return true }, func(t *testing.T) {
			q.Get()
			q.TaskDone()
			q.Join()
			if joined {
				t.Fatal("the killed joiner returned from Join")
			}
		}
	}, silent: true},
	{name: "Semaphore.Acquire", setup: func() (func(), func() bool, func(*testing.T)) {
		sem := eventlet.NewSemaphore(0)
		return sem.Acquire, func() bool { return sem.Balance() == -1 }, func(t *testing.T) {
			sem.Release()
			if sem.Counter() != 1 || sem.Balance() != 1 {
				t.Fatalf("the unit went to the killed acquirer: counter %d balance %d", sem.Counter(), sem.Balance())
			}
		}
	}},
	{name: "Event.Wait", setup: func() (func(), func() bool, func(*testing.T)) {
		var evt eventlet.Event[int]
		return func() { evt.Wait() }, func() bool { return true }, func(t *testing.T) {
			evt.Send(1)
			if v, err := evt.WaitTimeout(hangAfter); v != 1 || err != nil {
				t.Fatalf("Wait after the killed waiter: %v, %v", v, err)
			}
		}
	}, silent: true},
	{name: "GreenThread.Wait", setup: func() (func(), func() bool, func(*testing.T)) {
		release := make(chan struct{})
		target := eventlet.Spawn(func() int { eventlet.Recv(release); return 4 })
		return func() { target.Wait() }, func() bool { return true }, func(t *testing.T) {
			if target.Dead() {
				t.Fatal("killing a waiter killed the greenthread it waited for")
			}
			close(release)
			if v, err := waitGT(t, target); v != 4 || err != nil {
				t.Fatalf("target: %v, %v", v, err)
			}
		}
	}, silent: true},
	{name: "GreenPool.Spawn full", setup: func() (func(), func() bool, func(*testing.T)) {
		pool := eventlet.NewGreenPool(1)
		var evt eventlet.Event[struct{}]
		pool.SpawnN(func() { evt.Wait() })
		ran := false
		return func() { pool.SpawnN(func() { ran = true }) }, func() bool { return pool.Waiting() == 1 }, func(t *testing.T) {
			if pool.Waiting() != 0 || pool.Running() != 1 {
				t.Fatalf("Waiting %d Running %d after the spawner was killed", pool.Waiting(), pool.Running())
			}
			evt.Send(struct{}{})
			pool.Waitall()
			if ran || pool.Running() != 0 || pool.Free() != 1 {
				t.Fatalf("ran %v, Running %d, Free %d", ran, pool.Running(), pool.Free())
			}
		}
	}},
	{name: "GreenPool.Waitall", setup: func() (func(), func() bool, func(*testing.T)) {
		pool := eventlet.NewGreenPool(1)
		var evt eventlet.Event[struct{}]
		pool.SpawnN(func() { evt.Wait() })
		return pool.Waitall, func() bool { return true }, func(t *testing.T) {
			evt.Send(struct{}{})
			pool.Waitall()
		}
	}, silent: true},
	{name: "Recv", setup: func() (func(), func() bool, func(*testing.T)) {
		ch := make(chan int)
		return func() { eventlet.Recv(ch) }, func() bool { return true }, func(t *testing.T) {
			select {
			case ch <- 1:
				t.Fatal("the killed receiver still receives")
			case <-time.After(delay):
			}
		}
	}, silent: true},
	{name: "Send", setup: func() (func(), func() bool, func(*testing.T)) {
		ch := make(chan int)
		return func() { eventlet.Send(ch, 1) }, func() bool { return true }, func(t *testing.T) {
			select {
			case v := <-ch:
				t.Fatalf("the killed sender still sends (%d)", v)
			case <-time.After(delay):
			}
		}
	}, silent: true},
	{name: "Select", setup: func() (func(), func() bool, func(*testing.T)) {
		in, out := make(chan int), make(chan int)
		return func() {
				eventlet.Select([]reflect.SelectCase{
					{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(in)},
					{Dir: reflect.SelectSend, Chan: reflect.ValueOf(out), Send: reflect.ValueOf(1)},
				})
			}, func() bool { return true }, func(t *testing.T) {
				select {
				case in <- 1:
					t.Fatal("the killed select still receives")
				case v := <-out:
					t.Fatalf("the killed select still sends (%d)", v)
				case <-time.After(delay):
				}
			}
	}, silent: true},
	{name: "Sleep", setup: func() (func(), func() bool, func(*testing.T)) {
		return func() { eventlet.Sleep(time.Hour) }, func() bool { return true }, func(*testing.T) {}
	}, silent: true},
}

// TestKillParkedInEachPrimitive kills a greenthread parked in each blocking call, from another
// greenthread and from a plain goroutine, and checks the primitive afterwards.
func TestKillParkedInEachPrimitive(t *testing.T) {
	for _, pk := range parkedKills {
		t.Run(pk.name, func(t *testing.T) {
			forEachContext(t, func(t *testing.T) {
				park, parked, check := pk.setup()
				var entered atomic.Bool
				var returned atomic.Bool
				victim := eventlet.Spawn(func() int {
					entered.Store(true)
					park()
					returned.Store(true)
					return 0
				})
				waitUntil(t, "the victim to park", func() bool { return entered.Load() && parked() })
				if pk.silent {
					// Nothing shows it parked: let the hub run it up to its park first.
					eventlet.Sleep(0)
					waitGT(t, eventlet.Spawn(func() int { eventlet.Sleep(0); return 0 }))
				}
				victim.Kill()
				assertKilled(t, victim)
				if returned.Load() {
					t.Fatal("the victim returned from its blocking call")
				}
				check(t)
			})
		})
	}
}

// TestKillRacingWithPut: a getter killed while an item arrives either got the item or left it in
// the queue.
func TestKillRacingWithPut(t *testing.T) {
	for range 300 {
		q := eventlet.NewQueue[int](-1)
		var got atomic.Int64
		victim := eventlet.Spawn(func() int {
			got.Store(int64(q.Get()))
			eventlet.Sleep(time.Hour) // a kill that lost the race lands here
			return 0
		})
		waitUntil(t, "the getter to park", func() bool { return q.Getting() == 1 })
		done := make(chan struct{})
		go func() { q.Put(7); close(done) }()
		victim.Kill()
		<-done
		assertKilled(t, victim)
		left := q.Qsize()
		if (got.Load() == 7) == (left == 1) {
			t.Fatalf("getter got %d, %d items left: the item was lost or duplicated", got.Load(), left)
		}
	}
}

// TestKillRacingWithRelease: an acquirer killed while a unit is released either got the unit or
// left it in the semaphore.
func TestKillRacingWithRelease(t *testing.T) {
	for range 300 {
		sem := eventlet.NewSemaphore(0)
		var acquired atomic.Bool
		victim := eventlet.Spawn(func() int {
			sem.Acquire()
			acquired.Store(true)
			eventlet.Sleep(time.Hour)
			return 0
		})
		waitUntil(t, "the acquirer to park", func() bool { return sem.Balance() == -1 })
		done := make(chan struct{})
		go func() { sem.Release(); close(done) }()
		victim.Kill()
		<-done
		assertKilled(t, victim)
		units := sem.Counter()
		if acquired.Load() {
			units++
		}
		if units != 1 {
			t.Fatalf("acquired %v, counter %d: the unit was lost or duplicated", acquired.Load(), sem.Counter())
		}
	}
}

// TestTimeoutRacingWithWake: a timed wait whose deadline and wake-up come together either got
// what woke it or gave up and left it — from a greenthread and from a goroutine.
func TestTimeoutRacingWithWake(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		for i := range 200 {
			d := time.Duration(i%20) * 50 * time.Microsecond

			q := eventlet.NewQueue[int](-1)
			go func() { time.Sleep(d); q.Put(1) }()
			_, err := q.GetTimeout(d)
			waitUntil(t, "the put", func() bool { return q.Qsize() == 1 || err == nil })
			if (err == nil) == (q.Qsize() == 1) {
				t.Fatalf("Queue: GetTimeout error %v with %d items left", err, q.Qsize())
			}

			sem := eventlet.NewSemaphore(0)
			go func() { time.Sleep(d); sem.Release() }()
			ok := sem.AcquireTimeout(d)
			waitUntil(t, "the release", func() bool { return ok || sem.Counter() == 1 })
			if ok == (sem.Counter() == 1) {
				t.Fatalf("Semaphore: AcquireTimeout %v with counter %d", ok, sem.Counter())
			}

			var evt eventlet.Event[int]
			go func() { time.Sleep(d); evt.Send(1) }()
			if v, err := evt.WaitTimeout(d); (err == nil) != (v == 1) {
				t.Fatalf("Event: WaitTimeout %v, %v", v, err)
			}
		}
	})
}
