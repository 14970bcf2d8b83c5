package behave

import (
	"reflect"
	"time"

	"github.com/eventlet-go/eventlet"
)

// Recv receives from ch in the caller's way: with eventlet.Recv in a greenthread (a plain
// receive would stall the hub), a plain receive otherwise.
func Recv[T any](e *Env, ch <-chan T) (T, bool) {
	if e.Green {
		return eventlet.Recv(ch)
	}
	v, ok := <-ch
	return v, ok
}

// RecvWithin receives from ch unless d passes first; received is false then, and also when ch
// is closed. The time limit is
// the stdlib's own timer whatever the implementation under test, selected on with
// eventlet.Select in a greenthread.
func RecvWithin[T any](e *Env, ch <-chan T, d time.Duration) (v T, received bool) {
	limit := time.NewTimer(d)
	defer limit.Stop()
	if e.Green {
		chosen, rv, ok := eventlet.Select([]reflect.SelectCase{
			{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(ch)},
			{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(limit.C)},
		})
		if chosen == 0 && ok {
			return rv.Interface().(T), true
		}
		return v, false
	}
	select {
	case v, ok := <-ch:
		return v, ok
	case <-limit.C:
		return v, false
	}
}

// Yield lets the others run: eventlet.Sleep(0), which is runtime.Gosched from a plain goroutine.
func (e *Env) Yield() { eventlet.Sleep(0) }
