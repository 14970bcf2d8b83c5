package time_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/eventlet-go/eventlet"
	"github.com/eventlet-go/eventlet/green/time"
	"github.com/eventlet-go/eventlet/hub"
	"github.com/eventlet-go/eventlet/internal/modes"
)

func TestAfter(t *testing.T) {
	modes.Run(t, func(t *testing.T, m modes.Mode) {
		const delay = 100 * time.Millisecond
		start := time.Now()
		end := eventlet.RecvValue(time.After(delay))
		if d := time.Since(start); d < delay {
			t.Fatalf("After(%v) fired after only %v", delay, d)
		}
		if min := start.Add(delay); end.Before(min) {
			t.Fatalf("After(%v) sent %v, want ≥ %v", delay, end, min)
		}
	})
}

func TestAfterSendsTheFiringTimeNotTheReceivingTime(t *testing.T) {
	modes.Run(t, func(t *testing.T, m modes.Mode) {
		start := time.Now()
		c := time.After(10 * time.Millisecond)
		time.Sleep(500 * time.Millisecond)
		if dt := eventlet.RecvValue(c).Sub(start); dt >= 400*time.Millisecond {
			t.Fatalf("After(10ms) sent start+%v, want the time it fired", dt)
		}
	})
}

func TestAfterFunc(t *testing.T) {
	modes.Run(t, func(t *testing.T, m modes.Mode) {
		i := 10
		c := make(chan bool)
		var f func()
		f = func() {
			if hub.Current() == nil {
				t.Error("the AfterFunc function is not running in a greenthread")
			}
			i--
			if i >= 0 {
				time.AfterFunc(0, f)
				time.Sleep(time.Second)
			} else {
				eventlet.Send(c, true)
			}
		}
		time.AfterFunc(0, f)
		eventlet.Recv(c)
	})
}

func TestAfterFuncRunsOnTheCallersHub(t *testing.T) {
	h, err := hub.New() // lives on for the rest of the test binary
	if err != nil {
		t.Fatal(err)
	}
	ran := make(chan *hub.Hub, 1)
	h.Call(func() { time.AfterFunc(0, func() { ran <- hub.CurrentHub() }) })
	if got := <-ran; got != h {
		t.Fatalf("AfterFunc made in hub %p's context ran on %p", h, got)
	}
	time.AfterFunc(0, func() { ran <- hub.CurrentHub() })
	if got := <-ran; got != hub.Default() {
		t.Fatalf("AfterFunc made by a goroutine ran on %p, want the default hub", got)
	}
}

func TestAfterFuncStopAfterItStarted(t *testing.T) {
	modes.Run(t, func(t *testing.T, m modes.Mode) {
		started := make(chan struct{})
		tm := time.AfterFunc(0, func() { close(started) })
		eventlet.Recv(started)
		if tm.Stop() {
			t.Fatal("Stop returned true after the function started")
		}
	})
}

// newTimerFunc is an AfterFunc timer that sends the time on C like a channel timer.
func newTimerFunc(d time.Duration) *time.Timer {
	c := make(chan time.Time, 1)
	t := time.AfterFunc(d, func() { c <- time.Now() })
	t.C = c
	return t
}

func TestAfterStop(t *testing.T) {
	for _, impl := range []struct {
		name     string
		newTimer func(time.Duration) *time.Timer
	}{{"chan", time.NewTimer}, {"func", newTimerFunc}} {
		t.Run(impl.name, func(t *testing.T) {
			modes.Run(t, func(t *testing.T, m modes.Mode) {
				time.AfterFunc(100*time.Millisecond, func() {})
				t0 := impl.newTimer(50 * time.Millisecond)
				c1 := make(chan bool, 1)
				t1 := time.AfterFunc(150*time.Millisecond, func() { c1 <- true })
				c2 := time.After(200 * time.Millisecond)
				if !t0.Stop() {
					t.Fatal("failed to stop event 0")
				}
				if !t1.Stop() {
					t.Fatal("failed to stop event 1")
				}
				eventlet.Recv(c2)
				if _, ok := recvOrDefault(t0.C); ok {
					t.Fatal("event 0 was not stopped")
				}
				if _, ok := recvOrDefault(c1); ok {
					t.Fatal("event 1 was not stopped")
				}
				if t1.Stop() {
					t.Fatal("Stop returned true twice")
				}
			})
		})
	}
}

func TestAfterQueuing(t *testing.T) {
	slots := []int{5, 3, 6, 6, 6, 1, 1, 2, 7, 9, 4, 8, 0}
	const delta = 20 * time.Millisecond
	modes.Run(t, func(t *testing.T, m modes.Mode) {
		type result struct {
			slot int
			at   time.Time
		}
		results := make(chan result, len(slots))
		t0 := time.Now()
		for i, slot := range slots {
			c := time.After(time.Duration(slot) * delta)
			m.Start(i+1, func() { results <- result{slot, eventlet.RecvValue(c)} })
		}
		prev := -1
		for range slots {
			r := eventlet.RecvValue(results)
			if r.slot < prev {
				t.Fatalf("slot %d arrived after slot %d", r.slot, prev)
			}
			prev = r.slot
			if target, dt := time.Duration(r.slot)*delta, r.at.Sub(t0); dt < target {
				t.Fatalf("After(%v) sent start+%v", target, dt)
			}
		}
	})
}

func TestReset(t *testing.T) {
	modes.Run(t, func(t *testing.T, m modes.Mode) {
		// A loaded machine can stretch the sleeps; retry with longer durations before failing.
		var err error
		for d := time.Millisecond; d <= 2*time.Second; d *= 2 {
			if err = testReset(d); err == nil {
				return
			}
			t.Logf("%v; trying duration %v", err, 2*d)
		}
		t.Fatal(err)
	})
}

func testReset(d time.Duration) error {
	t0 := time.NewTimer(2 * d)
	time.Sleep(d)
	if !t0.Reset(3 * d) {
		return errors.New("resetting unfired timer returned false")
	}
	time.Sleep(2 * d)
	if _, ok := recvOrDefault(t0.C); ok {
		return errors.New("timer fired early")
	}
	time.Sleep(2 * d)
	if _, ok := recvOrDefault(t0.C); !ok {
		return errors.New("reset timer did not fire")
	}
	if t0.Reset(50 * time.Millisecond) {
		return errors.New("resetting expired timer returned true")
	}
	return nil
}

func TestZeroTimerPanics(t *testing.T) {
	for name, call := range map[string]func(*time.Timer){
		"Stop":  func(tm *time.Timer) { tm.Stop() },
		"Reset": func(tm *time.Timer) { tm.Reset(1) },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				s, _ := recover().(string)
				if want := "time: " + name + " called on uninitialized Timer"; s != want {
					t.Fatalf("panic %q, want %q", s, want)
				}
			}()
			var tm time.Timer
			call(&tm)
		})
	}
}

func TestNilTimerStopPanicsAndTickerStopStillWorks(t *testing.T) {
	ticker := time.NewTicker(time.Hour)
	defer func() {
		ticker.Stop() // must not deadlock after the panic below
		if recover() == nil {
			t.Error("Stop on a nil *Timer did not panic")
		}
	}()
	var timer *time.Timer
	timer.Stop()
}

func TestStopAndResetDrainTheChannel(t *testing.T) {
	// Go 1.23 timers: a value not received yet counts as pending, and Stop or Reset remove it.
	modes.Run(t, func(t *testing.T, m modes.Mode) {
		tm := time.NewTimer(0)
		time.Sleep(10 * time.Millisecond) // fired; its value waits in C
		if !tm.Stop() {
			t.Fatal("Stop of a fired, unreceived timer returned false")
		}
		if _, ok := recvOrDefault(tm.C); ok {
			t.Fatal("a value from before Stop was received")
		}
		if tm.Stop() {
			t.Fatal("second Stop returned true")
		}
		tm.Reset(0)
		time.Sleep(10 * time.Millisecond)
		if !tm.Reset(time.Hour) {
			t.Fatal("Reset of a fired, unreceived timer returned false")
		}
		if _, ok := recvOrDefault(tm.C); ok {
			t.Fatal("a value from before Reset was received")
		}
		tm.Reset(0)
		eventlet.Recv(tm.C)
		if tm.Reset(time.Hour) {
			t.Fatal("Reset of a fired and received timer returned true")
		}
		tm.Stop()
	})
}

func TestStopResetResult(t *testing.T) {
	// Racing a firing with Stop or Reset: a false result means the value can be received.
	for _, stop := range []bool{true, false} {
		t.Run(fmt.Sprintf("stop=%v", stop), func(t *testing.T) {
			stopOrReset := func(tm *time.Timer) bool {
				if stop {
					return tm.Stop()
				}
				return tm.Reset(time.Hour)
			}
			modes.Run(t, func(t *testing.T, m modes.Mode) {
				const parties, rounds = 100, 20
				done := make(chan struct{}, parties)
				for p := range parties {
					m.Start(p+1, func() {
						defer func() { done <- struct{}{} }()
						for range rounds {
							t1, t2 := time.NewTimer(time.Millisecond), time.NewTimer(time.Millisecond)
							other := t2
							if selectRecv(t1.C, t2.C) == 1 {
								other = t1
							}
							if !stopOrReset(other) {
								eventlet.Recv(other.C) // hangs (and times the test out) if nothing comes
							}
						}
					})
				}
				for range parties {
					eventlet.Recv(done)
				}
			})
		})
	}
}

func TestAdjustTimers(t *testing.T) {
	// Moving timers earlier and later never loses a firing.
	modes.Run(t, func(t *testing.T, m modes.Mode) {
		timers := make([]*time.Timer, 100)
		for i := range timers {
			timers[i] = time.NewTimer(time.Hour)
		}
		for round := range 10 {
			for i, tm := range timers {
				tm.Reset(time.Duration(1+(i*7+round)%5) * time.Minute)
				if (i+round)%3 == 0 {
					tm.Stop()
				}
			}
		}
		for _, tm := range timers {
			tm.Reset(0)
		}
		for i, tm := range timers {
			start := time.Now()
			eventlet.Recv(tm.C)
			if d := time.Since(start); d > 5*time.Second {
				t.Fatalf("timer %d took %v after Reset(0)", i, d)
			}
		}
	})
}

func TestTimerModifiedEarlier(t *testing.T) {
	modes.Run(t, func(t *testing.T, m modes.Mode) {
		past := time.Until(time.Unix(0, 0))
		for range 100 {
			tm := time.NewTimer(time.Hour)
			for range 10 {
				if !tm.Stop() {
					eventlet.Recv(tm.C)
				}
				tm.Reset(past)
			}
			deadline := time.NewTimer(10 * time.Second)
			if selectRecv(tm.C, deadline.C) != 0 {
				t.Fatal("a timer moved into the past did not fire")
			}
			deadline.Stop()
		}
	})
}

func TestMultiWakeupTimer(t *testing.T) {
	modes.Run(t, func(t *testing.T, m modes.Mode) {
		tm := time.NewTimer(time.Nanosecond)
		const parties = 8
		done := make(chan struct{}, parties)
		for p := range parties {
			m.Start(p+1, func() {
				for range 1000 {
					recvOrDefault(tm.C)
					tm.Reset(time.Nanosecond)
				}
				done <- struct{}{}
			})
		}
		for range parties {
			eventlet.Recv(done)
		}
	})
}

func TestZeroDurationTimersAreNotMissed(t *testing.T) {
	modes.Run(t, func(t *testing.T, m modes.Mode) {
		cached := newTimerFunc(time.Hour)
		for name, newTimer := range map[string]func(time.Duration) *time.Timer{
			"chan":  time.NewTimer,
			"func":  newTimerFunc,
			"cache": func(d time.Duration) *time.Timer { cached.Reset(d); return cached },
		} {
			for range 2000 {
				start := time.Now()
				eventlet.Recv(newTimer(0).C)
				if d := time.Since(start); d > 2*time.Second {
					t.Fatalf("%s: a zero-duration timer took %v", name, d)
				}
			}
		}
	})
}

func TestTimerChannelSemantics(t *testing.T) {
	modes.Run(t, func(t *testing.T, m modes.Mode) {
		tm := time.NewTimer(10000 * time.Second)
		testTimerChan(t, m, tm, tm.C, false)
	})
}

// timer is what Timer and tickerTimer have in common.
type timer interface {
	Stop() bool
	Reset(time.Duration) bool
}

// tickerTimer gives a Ticker Stop and Reset results, as a Timer has.
type tickerTimer struct {
	*time.Ticker
	stopped bool
}

func (t *tickerTimer) Stop() bool {
	pending := !t.stopped
	t.stopped = true
	t.Ticker.Stop()
	return pending
}

func (t *tickerTimer) Reset(d time.Duration) bool {
	pending := !t.stopped
	t.stopped = false
	t.Ticker.Reset(d)
	return pending
}

// testTimerChan checks Go 1.23 channel semantics of a timer or ticker: Stop and Reset leave no
// stale value, receivers parked on C (greenthreads through eventlet.Recv, goroutines through a
// plain receive) see Reset take effect at once.
func testTimerChan(t *testing.T, m modes.Mode, tim timer, C <-chan time.Time, isTicker bool) {
	const sched = 10 * time.Millisecond
	noTick := func() {
		t.Helper()
		if _, ok := recvOrDefault(C); ok {
			t.Error("extra tick")
		}
	}
	assertTick := func() {
		t.Helper()
		for range 100 {
			if _, ok := recvOrDefault(C); ok {
				return
			}
			time.Sleep(sched)
		}
		t.Error("missing tick")
	}
	notDone := func(done chan bool) {
		t.Helper()
		if _, ok := recvOrDefault(done); ok {
			t.Fatal("early done")
		}
	}
	waitDone := func(done chan bool) {
		t.Helper()
		if selectRecv(done, time.After(10*time.Second)) != 0 {
			t.Fatal("never got done")
		}
	}

	tim.Stop()
	noTick()
	tim.Reset(10000 * time.Second)
	noTick()
	tim.Reset(1)
	time.Sleep(sched)
	assertTick()

	// Reset does not lose a tick that should have happened, nor deliver a stale one.
	time.Sleep(sched)
	tim.Reset(10000 * time.Second)
	noTick()

	// A receiver parked on C sees Reset take effect at once.
	done := make(chan bool)
	m.Start(1, func() {
		eventlet.Recv(C)
		close(done)
	})
	time.Sleep(sched)
	notDone(done)
	tim.Reset(20000 * time.Second)
	time.Sleep(sched)
	notDone(done)
	tim.Reset(1)
	waitDone(done)
	if isTicker {
		assertTick()
	} else {
		noTick()
	}
	tim.Stop()
	noTick()

	// Two receivers selecting on C and another channel: one of them gets the value.
	tim.Reset(10000 * time.Second)
	done = make(chan bool, 2)
	done1, done2 := make(chan bool), make(chan bool)
	stop := make(chan bool)
	for i, d := range []chan bool{done1, done2} {
		m.Start(2+i, func() {
			if selectRecv(C, stop) == 0 {
				done <- true
			}
			close(d)
		})
	}
	time.Sleep(sched)
	notDone(done)
	tim.Reset(sched / 2)
	time.Sleep(sched)
	waitDone(done)
	tim.Stop()
	close(stop)
	waitDone(done1)
	waitDone(done2)
	if isTicker {
		recvOrDefault(done) // a second tick may have reached the other receiver
	}
	notDone(done)

	// Stop and Reset keep old values from being received.
	tim.Reset(1)
	time.Sleep(sched)
	if pending := tim.Stop(); !pending {
		t.Error("Stop() = false, want true")
	}
	noTick()
	tim.Reset(time.Hour)
	noTick()
	if pending := tim.Reset(1); !pending {
		t.Error("Reset() = false, want true")
	}
	assertTick()
	time.Sleep(sched)
	if isTicker {
		assertTick()
		time.Sleep(sched)
	} else {
		noTick()
	}
	if pending, want := tim.Reset(time.Hour), isTicker; pending != want {
		t.Errorf("Reset() = %v, want %v", pending, want)
	}
	noTick()
}

func TestTimerPanicsCarryTheStdlibMessages(t *testing.T) {
	for _, c := range []struct {
		want string
		f    func()
	}{
		{"non-positive interval for NewTicker", func() { time.NewTicker(0) }},
		{"non-positive interval for NewTicker", func() { time.NewTicker(-1) }},
		{"non-positive interval for Ticker.Reset", func() { time.NewTicker(time.Hour).Reset(0) }},
		{"time: Reset called on uninitialized Ticker", func() { new(time.Ticker).Reset(1) }},
	} {
		func() {
			defer func() {
				if s, _ := recover().(string); !strings.Contains(s, c.want) {
					t.Errorf("panic %q, want %q", s, c.want)
				}
			}()
			c.f()
		}()
	}
}
