package eventlet_test

import (
	"bytes"
	"errors"
	"reflect"
	"runtime"
	"testing"
	"time"

	"github.com/eventlet-go/eventlet"
	gtime "github.com/eventlet-go/eventlet/green/time"
	"github.com/eventlet-go/eventlet/hub"
)

// helperGoroutines counts the goroutines carrying out a channel operation for a greenthread.
func helperGoroutines() int {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return bytes.Count(buf[:n], []byte("created by github.com/eventlet-go/eventlet.offChannel"))
		}
		buf = make([]byte, 2*len(buf))
	}
}

// noHelpers waits for the helper goroutines of earlier tests to exit: a helper ends on its own
// shortly after the operation it carried out, and nothing signals its exit.
func noHelpers(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for helperGoroutines() != 0 {
		if time.Now().After(deadline) {
			t.Fatalf("%d helper goroutines still running", helperGoroutines())
		}
		time.Sleep(time.Millisecond)
	}
}

// allParked returns once every greenthread the caller spawned on the default hub before it has
// parked: greenthreads run in turn, each until it parks, so one spawned last runs after them.
func allParked() {
	eventlet.Spawn(func() struct{} { return struct{}{} }).Wait()
}

func TestRecvOnGreenTimersParksWithoutHelperGoroutines(t *testing.T) {
	noHelpers(t)
	const n = 100
	timers := make([]*gtime.Timer, n)
	gts := make([]*eventlet.GreenThread[bool], n)
	for i := range n {
		timers[i] = gtime.NewTimer(time.Hour)
		c := timers[i].C
		gts[i] = eventlet.Spawn(func() bool {
			_, ok := eventlet.Recv(c)
			return ok
		})
	}
	allParked()
	if h := helperGoroutines(); h != 0 {
		t.Fatalf("%d helper goroutines for %d greenthreads parked on timer channels, want 0", h, n)
	}
	for _, tm := range timers {
		tm.Reset(0)
	}
	for i, gt := range gts {
		if ok, err := gt.Wait(); !ok || err != nil {
			t.Fatalf("greenthread %d: Recv ok=%v err=%v", i, ok, err)
		}
	}
}

func TestHelperGoroutinesAreCountable(t *testing.T) {
	// The checks of the other tests mean something: a greenthread parked on a plain channel has
	// a helper.
	noHelpers(t)
	c := make(chan int)
	gt := eventlet.Spawn(func() int { return eventlet.RecvValue(c) })
	allParked()
	if h := helperGoroutines(); h != 1 {
		t.Fatalf("%d helper goroutines for a greenthread parked on a plain channel, want 1", h)
	}
	c <- 4
	if v, _ := gt.Wait(); v != 4 {
		t.Fatal(v)
	}
	noHelpers(t)
}

func TestSelectOnGreenTimers(t *testing.T) {
	recvCases := func(cs ...any) []reflect.SelectCase {
		cases := make([]reflect.SelectCase, len(cs))
		for i, c := range cs {
			cases[i] = reflect.SelectCase{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(c)}
		}
		return cases
	}
	noHelpers(t)
	slow, fast := gtime.NewTimer(time.Hour), gtime.NewTimer(time.Hour)
	var nilChan chan gtime.Time
	gt := eventlet.Spawn(func() int {
		chosen, v, ok := eventlet.Select(recvCases(slow.C, nilChan, fast.C))
		if _, isTime := v.Interface().(gtime.Time); !isTime || !ok {
			t.Errorf("Select received %v, %v", v, ok)
		}
		return chosen
	})
	allParked()
	if h := helperGoroutines(); h != 0 {
		t.Fatalf("%d helper goroutines for a Select over timer channels, want 0", h)
	}
	fast.Reset(0)
	if chosen, _ := gt.Wait(); chosen != 2 {
		t.Fatalf("Select chose case %d, want 2 (the timer that fired)", chosen)
	}
	if !slow.Stop() {
		t.Fatal("the timer that did not fire was no longer active")
	}

	// A timer and a plain channel: the helper goroutine carries it out.
	plain := make(chan int)
	tm := gtime.NewTimer(time.Hour)
	gt = eventlet.Spawn(func() int {
		chosen, _, _ := eventlet.Select(recvCases(tm.C, plain))
		return chosen
	})
	allParked()
	tm.Reset(0)
	if chosen, _ := gt.Wait(); chosen != 0 {
		t.Fatalf("Select chose case %d, want 0", chosen)
	}
}

func TestRecvOnGreenTimerInterrupted(t *testing.T) {
	tm := gtime.NewTimer(time.Hour)
	err, _ := eventlet.Spawn(func() error {
		return eventlet.WithTimeout(10*time.Millisecond, func() { eventlet.Recv(tm.C) })
	}).Wait()
	if !errors.Is(err, eventlet.ErrTimeout) {
		t.Fatalf("WithTimeout around Recv = %v, want a Timeout", err)
	}
	tm2 := gtime.NewTimer(time.Hour)
	gt := eventlet.Spawn(func() struct{} {
		eventlet.Select([]reflect.SelectCase{
			{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(tm.C)},
			{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(tm2.C)},
		})
		return struct{}{}
	})
	allParked()
	gt.Kill()
	if _, err := gt.Wait(); !errors.Is(err, eventlet.ErrGreenletExit) {
		t.Fatalf("killed Select: %v", err)
	}
	// The timers are untouched: still active, and their values go to the next receiver.
	tm.Reset(0)
	if ok, _ := eventlet.Spawn(func() bool { _, ok := eventlet.Recv(tm.C); return ok }).Wait(); !ok {
		t.Fatal("the value of a timer whose receiver was interrupted did not reach the next one")
	}
	if !tm2.Stop() {
		t.Fatal("a timer whose receiver was killed is no longer active")
	}
}

func TestRecvOnTimerOfAnotherHub(t *testing.T) {
	h, err := hub.New() // lives on for the rest of the test binary
	if err != nil {
		t.Fatal(err)
	}
	made := make(chan *gtime.Timer)
	h.Call(func() { made <- gtime.NewTimer(20 * time.Millisecond) })
	tm := <-made
	if ok, _ := eventlet.Spawn(func() bool { _, ok := eventlet.Recv(tm.C); return ok }).Wait(); !ok {
		t.Fatal("Recv on another hub's timer did not receive")
	}
}
