package time_test

import (
	"errors"
	"math"
	"testing"

	"github.com/eventlet-go/eventlet"
	"github.com/eventlet-go/eventlet/green/time"
	"github.com/eventlet-go/eventlet/internal/modes"
)

func TestSleep(t *testing.T) {
	modes.Run(t, func(t *testing.T, m modes.Mode) {
		const delay = 100 * time.Millisecond
		start := time.Now()
		time.Sleep(delay)
		if d := time.Since(start); d < delay {
			t.Fatalf("Sleep(%v) slept for only %v", delay, d)
		}
	})
}

func TestSleepNonPositiveReturns(t *testing.T) {
	modes.Run(t, func(t *testing.T, m modes.Mode) {
		for _, d := range []time.Duration{0, -1, math.MinInt64} {
			start := time.Now()
			time.Sleep(d)
			if el := time.Since(start); el > 5*time.Second {
				t.Fatalf("Sleep(%v) took %v", d, el)
			}
		}
	})
}

func TestSleepZeroYieldsInAGreenthread(t *testing.T) {
	ran := false
	eventlet.Spawn(func() struct{} {
		eventlet.SpawnN(func() { ran = true }) // same hub: runs only when this one yields
		time.Sleep(0)
		if !ran {
			t.Error("Sleep(0) returned before the other ready greenthread ran")
		}
		return struct{}{}
	}).Wait()
}

func TestSleepParksOnlyTheGreenlet(t *testing.T) {
	var order []string // greenthreads of one hub: no lock needed
	sleeper := eventlet.Spawn(func() struct{} {
		time.Sleep(200 * time.Millisecond)
		order = append(order, "sleeper")
		return struct{}{}
	})
	worker := eventlet.Spawn(func() struct{} {
		for range 100 {
			time.Sleep(0)
		}
		order = append(order, "worker")
		return struct{}{}
	})
	worker.Wait()
	sleeper.Wait()
	if len(order) != 2 || order[0] != "worker" {
		t.Fatalf("order %v: the worker should finish while the sleeper is parked", order)
	}
}

func TestSleepInterrupted(t *testing.T) {
	started := make(chan struct{})
	gt := eventlet.Spawn(func() struct{} {
		close(started)
		time.Sleep(time.Hour)
		return struct{}{}
	})
	<-started
	gt.Kill()
	if _, err := gt.Wait(); !errors.Is(err, eventlet.ErrGreenletExit) {
		t.Fatalf("killed sleeper: %v, want ErrGreenletExit", err)
	}

	err, _ := eventlet.Spawn(func() error {
		return eventlet.WithTimeout(10*time.Millisecond, func() { time.Sleep(time.Hour) })
	}).Wait()
	if !errors.Is(err, eventlet.ErrTimeout) {
		t.Fatalf("WithTimeout around Sleep(time.Hour) = %v, want a Timeout", err)
	}
}

func TestOverflowSleep(t *testing.T) {
	modes.Run(t, func(t *testing.T, m modes.Mode) {
		const big = time.Duration(math.MaxInt64)
		woke := make(chan struct{})
		m.Start(1, func() {
			time.Sleep(big)
			close(woke)
		})
		if i := selectRecv(time.After(big), time.After(25*time.Millisecond), woke); i != 1 {
			t.Fatalf("case %d won: an overflowing duration fired early", i)
		}
		const neg = time.Duration(math.MinInt64)
		if i := selectRecv(time.After(neg), time.After(time.Second)); i != 0 {
			t.Fatal("a negative duration did not fire at once")
		}
	})
}
