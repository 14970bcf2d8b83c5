package time_test

import (
	"fmt"
	"testing"

	"github.com/eventlet-go/eventlet"
	"github.com/eventlet-go/eventlet/green/time"
	"github.com/eventlet-go/eventlet/internal/modes"
)

func TestTicker(t *testing.T) {
	modes.Run(t, func(t *testing.T, m modes.Mode) {
		// A loaded machine stretches the ticks; try again with a longer period before failing.
		var errs []string
		for _, tc := range []struct {
			count int
			delta time.Duration
		}{{10, 20 * time.Millisecond}, {8, time.Second}} {
			ticker := time.NewTicker(tc.delta)
			t0 := time.Now()
			for range tc.count / 2 {
				eventlet.Recv(ticker.C)
			}
			ticker.Reset(tc.delta * 2)
			for range tc.count - tc.count/2 {
				eventlet.Recv(ticker.C)
			}
			ticker.Stop()
			dt := time.Since(t0)
			target := 3 * tc.delta * time.Duration(tc.count/2)
			if slop := target * 3 / 10; dt < target-slop || dt > target+slop {
				errs = append(errs, fmt.Sprintf("%d %v ticks then %d %v ticks took %v, want %v±%v",
					tc.count/2, tc.delta, tc.count/2, 2*tc.delta, dt, target, slop))
				continue
			}
			time.Sleep(2 * tc.delta)
			if _, ok := recvOrDefault(ticker.C); ok {
				errs = append(errs, "the ticker ticked after Stop")
				continue
			}
			return
		}
		t.Fatal(errs)
	})
}

func TestTickerDropsTicksForSlowReceivers(t *testing.T) {
	modes.Run(t, func(t *testing.T, m modes.Mode) {
		ticker := time.NewTicker(10 * time.Millisecond)
		defer ticker.Stop()
		time.Sleep(200 * time.Millisecond) // twenty periods
		n := 0
		for {
			if _, ok := recvOrDefault(ticker.C); !ok {
				break
			}
			n++
		}
		// One tick waited in C; another may come between the receives of a slow machine.
		if n < 1 || n > 3 {
			t.Fatalf("%d ticks waiting after twenty periods, want 1 (the rest dropped)", n)
		}
		eventlet.Recv(ticker.C) // ticking goes on
	})
}

func TestTickerChannelSemantics(t *testing.T) {
	modes.Run(t, func(t *testing.T, m modes.Mode) {
		tk := &tickerTimer{Ticker: time.NewTicker(10000 * time.Second)}
		testTimerChan(t, m, tk, tk.C, true)
	})
}

func TestTickerStress(t *testing.T) {
	modes.Run(t, func(t *testing.T, m modes.Mode) {
		ticker := time.NewTicker(1)
		const parties = 10
		done := make(chan struct{}, parties)
		for p := range parties {
			m.Start(p+1, func() {
				for range 100 {
					eventlet.Recv(ticker.C)
				}
				done <- struct{}{}
			})
		}
		for range parties {
			eventlet.Recv(done)
		}
		ticker.Stop()
	})
}

func TestMultiWakeupTicker(t *testing.T) {
	modes.Run(t, func(t *testing.T, m modes.Mode) {
		ticker := time.NewTicker(time.Microsecond)
		defer ticker.Stop()
		const parties = 8
		done := make(chan struct{}, parties)
		for p := range parties {
			m.Start(p+1, func() {
				for range 1000 {
					selectRecv(ticker.C, time.After(time.Millisecond))
				}
				done <- struct{}{}
			})
		}
		for range parties {
			eventlet.Recv(done)
		}
	})
}

func TestTickerStopWithDirectInitialization(t *testing.T) {
	c := make(chan time.Time)
	tk := &time.Ticker{C: c}
	tk.Stop() // does nothing, as time's does
}

func TestTick(t *testing.T) {
	if got := time.Tick(-1); got != nil {
		t.Fatalf("Tick(-1) = %v; want nil", got)
	}
	modes.Run(t, func(t *testing.T, m modes.Mode) {
		start := time.Now()
		c := time.Tick(10 * time.Millisecond)
		time.Sleep(500 * time.Millisecond)
		if dt := eventlet.RecvValue(c).Sub(start); dt >= 400*time.Millisecond {
			t.Fatalf("Tick(10ms) sent start+%v, want the time of the first tick", dt)
		}
	})
}
