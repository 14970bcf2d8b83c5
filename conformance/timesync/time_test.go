package timesync_test

import (
	"testing"
	"time"

	"github.com/eventlet-go/eventlet"
	. "github.com/eventlet-go/eventlet/conformance/timesync"
)

// TestTimerStopReset: Stop and Reset report whether the timer was active, a fired value not
// received yet counting as active, and leave no stale value behind (Go 1.23 timers).
func TestTimerStopReset(t *testing.T) {
	Compare(t, func(e *Env) {
		tm, c := e.Impl.NewTimer(time.Hour)
		e.Record("Stop active", tm.Stop())
		e.Record("Stop stopped", tm.Stop())
		e.Record("Reset stopped", tm.Reset(time.Hour))
		e.Record("Reset active", tm.Reset(0))
		_, ok := eventlet.Recv(c)
		e.Record("received", ok)
		e.Record("Reset fired and received", tm.Reset(0))
		eventlet.Recv(e.Impl.After(20 * time.Millisecond)) // tm has fired by now
		e.Record("Stop fired, not received", tm.Stop())
		e.Record("value after Stop", Ready(c))
		tm.Reset(0)
		eventlet.Recv(e.Impl.After(20 * time.Millisecond))
		e.Record("Reset fired, not received", tm.Reset(time.Hour))
		e.Record("value after Reset", Ready(c))
		e.Record("Stop", tm.Stop())
	})
}

// TestTimersFireInOrder: timers fire in the order of their deadlines, whatever the order they
// were made in, and send a time no earlier than their deadline.
func TestTimersFireInOrder(t *testing.T) {
	Compare(t, func(e *Env) {
		const gap = 20 * time.Millisecond
		slots := []int{3, 1, 4, 0, 2}
		start := time.Now()
		arrived := make(chan int, len(slots))
		for _, slot := range slots {
			c := e.Impl.After(time.Duration(slot) * gap)
			e.Go(func() {
				v := eventlet.RecvValue(c)
				if v.Before(start.Add(time.Duration(slot) * gap)) {
					e.T.Errorf("After(%v) sent a time before its deadline", time.Duration(slot)*gap)
				}
				arrived <- slot
			})
		}
		var order []int
		for range slots {
			order = append(order, eventlet.RecvValue(arrived))
		}
		e.Record("order", order)
	})
}

// TestAfterFunc: the function runs once, in the order of the deadlines; Stop before it runs
// cancels it and reports true, Stop after reports false; Reset of a timer whose function ran
// schedules it again and reports false.
func TestAfterFunc(t *testing.T) {
	Compare(t, func(e *Env) {
		ran := make(chan int, 8)
		second := e.Impl.AfterFunc(40*time.Millisecond, func() { ran <- 2 })
		first := e.Impl.AfterFunc(20*time.Millisecond, func() { ran <- 1 })
		cancelled := e.Impl.AfterFunc(30*time.Millisecond, func() { ran <- 0 })
		e.Record("Stop before it ran", cancelled.Stop())
		e.Record("ran", eventlet.RecvValue(ran), eventlet.RecvValue(ran))
		e.Record("Stop after it ran", first.Stop())
		e.Record("Reset after it ran", second.Reset(0))
		e.Record("ran again", eventlet.RecvValue(ran))
		eventlet.Recv(e.Impl.After(60 * time.Millisecond))
		e.Record("nothing else ran", Ready(ran))
	})
}

// TestTicker: ticks come at the period, Reset changes it, Stop ends them and leaves no tick
// behind; Tick of a non-positive period is nil.
func TestTicker(t *testing.T) {
	Compare(t, func(e *Env) {
		start := time.Now()
		tk, c := e.Impl.NewTicker(10 * time.Millisecond)
		for range 3 {
			eventlet.Recv(c)
		}
		e.Record("three ticks took at least 30ms", time.Since(start) >= 30*time.Millisecond)
		tk.Reset(time.Hour)
		e.Record("tick after Reset", Ready(c))
		tk.Reset(10 * time.Millisecond)
		_, ok := eventlet.Recv(c)
		e.Record("tick after Reset to 10ms", ok)
		tk.Stop()
		eventlet.Recv(e.Impl.After(30 * time.Millisecond))
		e.Record("tick after Stop", Ready(c))
		e.Record("Tick(0), Tick(-1)", e.Impl.Tick(0) == nil, e.Impl.Tick(-1) == nil)
	})
}

// TestSleep: Sleep lasts at least its duration; non-positive durations return.
func TestSleep(t *testing.T) {
	Compare(t, func(e *Env) {
		start := time.Now()
		e.Impl.Sleep(30 * time.Millisecond)
		e.Record("slept at least 30ms", time.Since(start) >= 30*time.Millisecond)
		e.Impl.Sleep(0)
		e.Impl.Sleep(-time.Hour)
		e.Record("Sleep(0) and Sleep(-1h) returned", true)
	})
}

// TestTimeMisuse: the panics of misused timers and tickers, and the misuse that does not panic.
func TestTimeMisuse(t *testing.T) {
	Compare(t, func(e *Env) {
		e.Record("NewTicker(0)", Panic(func() { e.Impl.NewTicker(0) }))
		e.Record("NewTicker(-1)", Panic(func() { e.Impl.NewTicker(-1) }))
		tk, _ := e.Impl.NewTicker(time.Hour)
		e.Record("Ticker.Reset(0)", Panic(func() { tk.Reset(0) }))
		tk.Stop()
		e.Record("zero Timer Stop", Panic(func() { e.Impl.ZeroTimer().Stop() }))
		e.Record("zero Timer Reset", Panic(func() { e.Impl.ZeroTimer().Reset(1) }))
		e.Record("zero Ticker Stop", Panic(func() { e.Impl.ZeroTicker().Stop() }))
		e.Record("zero Ticker Reset", Panic(func() { e.Impl.ZeroTicker().Reset(1) }))
	})
}
