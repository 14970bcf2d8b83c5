package eventlet_test

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/eventlet-go/eventlet"
)

// The green channel operations on ordinary Go channels, from a greenthread and from a plain
// goroutine: same results as the plain operations, and a greenthread parks instead of stalling
// the hub.

func TestRecvAndSend(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		ch := make(chan int)
		go func() { ch <- 1 }()
		if v, ok := eventlet.Recv(ch); v != 1 || !ok {
			t.Fatalf("Recv = %v, %v", v, ok)
		}
		go func() { eventlet.Send(ch, 2) }()
		if v := eventlet.RecvValue(ch); v != 2 {
			t.Fatalf("RecvValue = %v", v)
		}
		done := make(chan int)
		go func() { done <- <-ch }()
		eventlet.Send(ch, 3)
		if v := <-done; v != 3 {
			t.Fatalf("the receiver got %d", v)
		}
		close(ch)
		if v, ok := eventlet.Recv(ch); v != 0 || ok {
			t.Fatalf("Recv on a closed channel = %v, %v", v, ok)
		}
		if r := catch(func() { eventlet.Send(ch, 4) }); r == nil {
			t.Fatal("Send on a closed channel did not panic")
		}
	})
}

// TestRecvParksOnlyTheGreenthread: a greenthread blocked in Recv leaves the hub to the others —
// here to the one that sends, so a stalled hub would deadlock.
func TestRecvParksOnlyTheGreenthread(t *testing.T) {
	inGreen(t, func() {
		ch := make(chan int)
		eventlet.SpawnN(func() {
			eventlet.Sleep(0)
			eventlet.Send(ch, 5)
		})
		if v := eventlet.RecvValue(ch); v != 5 {
			t.Fatalf("RecvValue = %d", v)
		}
	})
}

func TestRange(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		ch := make(chan int)
		go func() {
			for i := range 5 {
				ch <- i
			}
			close(ch)
		}()
		if got := slices.Collect(eventlet.Range(ch)); !slices.Equal(got, []int{0, 1, 2, 3, 4}) {
			t.Fatalf("Range = %v", got)
		}
	})
}

func TestSelect(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		in, out := make(chan int), make(chan int, 1)
		go func() { in <- 7 }()
		cases := []reflect.SelectCase{
			{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(in)},
			{Dir: reflect.SelectRecv, Chan: reflect.ValueOf((chan int)(nil))},
		}
		chosen, v, ok := eventlet.Select(cases)
		if chosen != 0 || v.Int() != 7 || !ok {
			t.Fatalf("Select = %d, %v, %v", chosen, v, ok)
		}
		chosen, _, _ = eventlet.Select([]reflect.SelectCase{
			{Dir: reflect.SelectSend, Chan: reflect.ValueOf(out), Send: reflect.ValueOf(8)},
		})
		if chosen != 0 || <-out != 8 {
			t.Fatal("the send case did not send")
		}
		chosen, _, _ = eventlet.Select([]reflect.SelectCase{
			{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(in)},
			{Dir: reflect.SelectDefault},
		})
		if chosen != 1 {
			t.Fatalf("with nothing ready, Select chose %d, not the default", chosen)
		}
		close(in)
		if chosen, _, ok := eventlet.Select(cases); chosen != 0 || ok {
			t.Fatalf("Select on a closed channel = %d, ok %v", chosen, ok)
		}
	})
}

// TestSelectWithNoCasesParksUntilInterrupted: like an empty select, it never returns; a Timeout
// gets the greenthread out.
func TestSelectWithNoCasesParksUntilInterrupted(t *testing.T) {
	inGreen(t, func() {
		err := eventlet.WithTimeout(delay, func() { eventlet.Select(nil) })
		if err == nil {
			t.Fatal("Select with no cases returned")
		}
	})
}

func TestSendParksUntilReceived(t *testing.T) {
	inGreen(t, func() {
		ch := make(chan int)
		sent := false
		eventlet.SpawnN(func() { eventlet.Send(ch, 1); sent = true })
		eventlet.Sleep(0)
		eventlet.Sleep(time.Millisecond)
		if sent {
			t.Fatal("Send on an unbuffered channel returned with no receiver")
		}
		if v := eventlet.RecvValue(ch); v != 1 {
			t.Fatalf("RecvValue = %d", v)
		}
		for !sent {
			eventlet.Sleep(0)
		}
	})
}
