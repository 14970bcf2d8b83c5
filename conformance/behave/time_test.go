package behave_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/eventlet-go/eventlet/conformance/behave"
)

// slack bounds how late a timer may fire on a loaded machine: checks assert "at least d", and
// "not absurdly later" with this much room.
const slack = 2 * time.Second

// panicOf calls f and returns what it panicked with, as a string ("" if it did not).
func panicOf(f func()) (p string) {
	defer func() {
		if r := recover(); r != nil {
			p = fmt.Sprint(r)
		}
	}()
	f()
	return ""
}

// TestSleep: Sleep waits at least d, and returns at once for d ≤ 0.
func TestSleep(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		for _, d := range []time.Duration{-time.Second, 0, time.Millisecond, 20 * time.Millisecond} {
			start := time.Now()
			e.Time.Sleep(d)
			took := time.Since(start)
			e.Record(fmt.Sprint("Sleep ", d), took >= d, took < d+slack)
		}
	})
}

// TestTimerFires: a Timer sends a time no earlier than its expiry, once; Stop and Reset after
// the value was received report an inactive timer; a Reset timer fires again.
func TestTimerFires(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		start := time.Now()
		tm := e.Time.NewTimer(20 * time.Millisecond)
		v, ok := behave.Recv(e, tm.C)
		e.Record("received", ok, !v.Before(start.Add(20*time.Millisecond)), v.Before(start.Add(20*time.Millisecond+slack)))
		_, again := behave.RecvWithin(e, tm.C, 30*time.Millisecond)
		e.Record("a second value", again)
		e.Record("Stop after receiving", tm.Stop())
		e.Record("Reset after Stop", tm.Reset(10*time.Millisecond))
		_, ok = behave.RecvWithin(e, tm.C, slack)
		e.Record("received after Reset", ok)
		e.Record("Reset after receiving", tm.Reset(time.Hour))
		e.Record("Stop while active", tm.Stop())
	})
}

// TestTimerStop: a stopped Timer sends nothing, and Stop reports whether it stopped it.
func TestTimerStop(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		tm := e.Time.NewTimer(time.Hour)
		e.Record("Stop", tm.Stop())
		e.Record("Stop again", tm.Stop())
		_, ok := behave.RecvWithin(e, tm.C, 30*time.Millisecond)
		e.Record("received", ok)
		e.Record("Reset", tm.Reset(time.Millisecond))
		_, ok = behave.RecvWithin(e, tm.C, slack)
		e.Record("received after Reset", ok)
	})
}

// TestTimerExpiredUnreceived: Go 1.23's rules for a Timer that expired while nobody received:
// Stop and Reset still count it active, and its old value is never received after them.
func TestTimerExpiredUnreceived(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		tm := e.Time.NewTimer(time.Millisecond)
		e.Time.Sleep(30 * time.Millisecond)
		e.Record("Stop", tm.Stop())
		_, ok := behave.RecvWithin(e, tm.C, 30*time.Millisecond)
		e.Record("received after Stop", ok)

		tm = e.Time.NewTimer(time.Millisecond)
		e.Time.Sleep(30 * time.Millisecond)
		reset := time.Now()
		e.Record("Reset", tm.Reset(20*time.Millisecond))
		v, ok := behave.RecvWithin(e, tm.C, slack)
		e.Record("received after Reset", ok, !v.Before(reset.Add(20*time.Millisecond)))
	})
}

// TestTimerNonPositive: a Timer for d ≤ 0 fires at once.
func TestTimerNonPositive(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		for _, d := range []time.Duration{0, -time.Hour} {
			_, ok := behave.RecvWithin(e, e.Time.NewTimer(d).C, slack)
			e.Record(fmt.Sprint("NewTimer ", d), ok)
			_, ok = behave.RecvWithin(e, e.Time.After(d), slack)
			e.Record(fmt.Sprint("After ", d), ok)
		}
	})
}

// TestAfterFunc: AfterFunc calls f once after d on its own (goroutine, greenthread); its Timer
// has no channel; Stop before the call cancels it; Reset after the call schedules another.
func TestAfterFunc(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		ran := make(chan time.Time, 4)
		start := time.Now()
		tm := e.Time.AfterFunc(20*time.Millisecond, func() { ran <- time.Now() })
		e.Record("C", tm.C == nil)
		at, ok := behave.Recv(e, (<-chan time.Time)(ran))
		e.Record("ran", ok, !at.Before(start.Add(20*time.Millisecond)))
		e.Record("Stop after the call", tm.Stop())
		e.Record("Reset after the call", tm.Reset(time.Millisecond))
		_, ok = behave.RecvWithin(e, (<-chan time.Time)(ran), slack)
		e.Record("ran again", ok)

		never := e.Time.AfterFunc(time.Hour, func() { ran <- time.Now() })
		e.Record("Stop before the call", never.Stop())
		e.Record("Reset a stopped one", never.Reset(time.Hour))
		e.Record("Stop again", never.Stop())
		_, ok = behave.RecvWithin(e, (<-chan time.Time)(ran), 30*time.Millisecond)
		e.Record("ran after Stop", ok)
	})
}

// TestAfterQueuing is time's TestAfterQueuing: timers started in a jumbled order fire in the
// order of their durations.
func TestAfterQueuing(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		const delta = 40 * time.Millisecond
		slots := []int{5, 3, 6, 6, 6, 1, 1, 2, 7, 9, 4, 8, 0}
		result := make(chan int, len(slots))
		var waits []func()
		for _, slot := range slots {
			c := e.Time.After(time.Duration(slot) * delta)
			waits = append(waits, e.Go(func() {
				behave.Recv(e, c)
				result <- slot
			}))
		}
		for _, wait := range waits {
			wait()
		}
		close(result)
		var order []int
		for slot := range result {
			order = append(order, slot)
		}
		e.Record("order", order, slices.IsSorted(order))
	})
}

// TestTicker: a Ticker ticks every period, later ticks later; Reset changes the period; a
// stopped Ticker sends nothing more.
func TestTicker(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		start := time.Now()
		tk := e.Time.NewTicker(10 * time.Millisecond)
		last := start
		for i := 1; i <= 3; i++ {
			v, ok := behave.Recv(e, tk.C)
			e.Record(fmt.Sprint("tick ", i), ok, !v.Before(start.Add(time.Duration(i)*10*time.Millisecond)), v.After(last))
			last = v
		}
		reset := time.Now()
		tk.Reset(30 * time.Millisecond)
		v, ok := behave.RecvWithin(e, tk.C, slack)
		e.Record("tick after Reset", ok, !v.Before(reset.Add(30*time.Millisecond)))
		tk.Stop()
		_, ok = behave.RecvWithin(e, tk.C, 50*time.Millisecond)
		e.Record("tick after Stop", ok)
		tk.Stop()

		c := e.Time.Tick(10 * time.Millisecond)
		_, ok = behave.RecvWithin(e, c, slack)
		e.Record("Tick", ok)
	})
}

// TestTickerSlowReceiver: a Ticker drops the ticks a slow receiver misses: after a pause of many
// periods, one tick waits, not many.
func TestTickerSlowReceiver(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		tk := e.Time.NewTicker(5 * time.Millisecond)
		defer tk.Stop()
		e.Time.Sleep(60 * time.Millisecond)
		_, first := behave.RecvWithin(e, tk.C, slack)
		start := time.Now()
		_, second := behave.RecvWithin(e, tk.C, slack)
		e.Record("ticks", first, second, time.Since(start) > time.Millisecond)
	})
}

// TestTimeMisuse: what time panics on (and what it lets pass) with bad arguments and zero values.
func TestTimeMisuse(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		e.Record("NewTicker 0", panicOf(func() { e.Time.NewTicker(0) }))
		e.Record("NewTicker -1", panicOf(func() { e.Time.NewTicker(-1) }))
		tk := e.Time.NewTicker(time.Hour)
		e.Record("Ticker.Reset 0", panicOf(func() { tk.Reset(0) }))
		tk.Stop()
		e.Record("Tick 0", e.Time.Tick(0) == nil, e.Time.Tick(-1) == nil)
		zt := e.Time.ZeroTimer()
		e.Record("zero Timer Stop", panicOf(func() { zt.Stop() }))
		e.Record("zero Timer Reset", panicOf(func() { zt.Reset(time.Second) }))
		zk := e.Time.ZeroTicker()
		e.Record("zero Ticker Stop", panicOf(zk.Stop))
		e.Record("zero Ticker Reset", panicOf(func() { zk.Reset(time.Second) }))
	})
}
