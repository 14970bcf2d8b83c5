package http

import (
	"context"
	"github.com/eventlet-go/eventlet/green/sync"
	"github.com/eventlet-go/eventlet/green/time"
	"reflect"

	"github.com/eventlet-go/eventlet"
	"github.com/eventlet-go/eventlet/hub"
)

// This file is the package's only door to concurrency. Every concurrent activity the package
// starts goes through spawn, and every wait on more than one event goes through the helpers
// below: they park the calling greenthread on the hub (or block a plain goroutine), never the
// hub itself.

// spawn runs f in a greenthread of the caller's hub (the default hub from a plain goroutine).
func spawn(f func()) { hub.Go(f) }

// waitCtx parks until ctx is done or the hub clock reaches deadline (0: no deadline), and reports
// ctx.Err() in the first case, nil in the second. A cancellation wakes it through
// context.AfterFunc, which starts a goroutine only when the context is actually cancelled.
func waitCtx(ctx context.Context, deadline int64) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	w := hub.Prepare()
	token := w.Token()
	stop := func() bool { return true }
	if ctx.Done() != nil {
		stop = context.AfterFunc(ctx, func() { w.WakeToken(token) })
	}
	err := w.Park(deadline)
	stop()
	w.Release()
	switch err {
	case nil:
		return ctx.Err()
	case hub.ErrTimeout:
		return nil
	}
	hub.Raise(err)
	return err
}

// sleepCtx waits for d to pass or ctx to be done, whichever comes first, and returns ctx.Err()
// in the second case.
func sleepCtx(ctx context.Context, d time.Duration) error {
	return waitCtx(ctx, hub.Now()+int64(max(d, 1)))
}

// The outcomes of waitHandler.
const (
	handlerPanicked = iota
	handlerDone
	handlerExpired
)

// waitHandler waits for the first of: a panic value on panicked, done closing, expired closing.
func waitHandler(panicked <-chan any, done, expired <-chan struct{}) (p any, outcome int) {
	chosen, v, _ := eventlet.Select([]reflect.SelectCase{
		{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(panicked)},
		{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(done)},
		{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(expired)},
	})
	switch chosen {
	case 0:
		return v.Interface(), handlerPanicked
	case 1:
		return nil, handlerDone
	}
	return nil, handlerExpired
}

// watchCancel calls onDone when ctx is done, or onLegacy when legacy (a Request.Cancel channel)
// closes, until stop is called. onDone runs on a goroutine of its own (context.AfterFunc's);
// watching legacy takes a greenthread. With neither there is nothing to watch.
func watchCancel(ctx context.Context, legacy <-chan struct{}, onDone, onLegacy func()) (stop func()) {
	stopCtx := func() bool { return true }
	if ctx.Done() != nil {
		stopCtx = context.AfterFunc(ctx, onDone)
	}
	if legacy == nil {
		return func() { stopCtx() }
	}
	stopCh := make(chan struct{})
	spawn(func() {
		chosen, _, _ := eventlet.Select([]reflect.SelectCase{
			{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(legacy)},
			{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(stopCh)},
		})
		if chosen == 0 {
			onLegacy()
		}
	})
	var once sync.Once
	return func() {
		stopCtx()
		once.Do(func() { close(stopCh) })
	}
}

// waitReady waits for ready to close, or for any of the other channels (a context's Done, a
// Request.Cancel, a CancelRequest signal) to close, and reports whether ready won.
func waitReady(ready <-chan struct{}, done, legacy, canceled <-chan struct{}) bool {
	eventlet.Select([]reflect.SelectCase{
		{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(ready)},
		{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(done)},
		{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(legacy)},
		{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(canceled)},
	})
	select {
	case <-ready:
		return true
	default:
		return false
	}
}

// waitContinue waits for a 100 Continue decision on ch for at most d: a value means send the
// body, a closed channel means do not, and the timeout means send it anyway.
func waitContinue(ch <-chan struct{}, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	chosen, _, ok := eventlet.Select([]reflect.SelectCase{
		{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(ch)},
		{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(t.C)},
	})
	if chosen == 0 {
		return ok
	}
	return true
}

// recvTimeout receives from ch, waiting at most d.
func recvTimeout[T any](ch <-chan T, d time.Duration) (v T, ok bool) {
	select {
	case v = <-ch:
		return v, true
	default:
	}
	t := time.NewTimer(d)
	defer t.Stop()
	chosen, rv, _ := eventlet.Select([]reflect.SelectCase{
		{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(ch)},
		{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(t.C)},
	})
	if chosen == 0 {
		if rv.IsValid() {
			v = rv.Interface().(T)
		}
		return v, true
	}
	return v, false
}

// recv receives from ch, parking a greenthread rather than the hub.
func recv[T any](ch <-chan T) T { return eventlet.RecvValue(ch) }
