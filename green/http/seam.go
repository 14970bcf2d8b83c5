package http

import (
	"context"
	"sync"
	"time"
)

// This file is the package's only door to concurrency. Every concurrent
// activity the package starts goes through spawn, and every wait on more
// than one event goes through the select helpers below, so that moving
// from the stdlib runtime to the hub is a change of this file alone:
// spawn becomes eventlet.SpawnN and the selects become eventlet.Select.

// spawn runs f concurrently with its caller. It becomes eventlet.SpawnN.
func spawn(f func()) {
	go f()
}

// sleepCtx waits for d to pass or ctx to be done, whichever comes first,
// and returns ctx.Err() in the second case. It becomes a green select on
// a green timer.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// The outcomes of waitHandler.
const (
	handlerPanicked = iota
	handlerDone
	handlerExpired
)

// waitHandler waits for the first of: a panic value on panicked, done
// closing, expired closing. It becomes a green select.
func waitHandler(panicked <-chan any, done, expired <-chan struct{}) (p any, outcome int) {
	select {
	case p := <-panicked:
		return p, handlerPanicked
	case <-done:
		return nil, handlerDone
	case <-expired:
		return nil, handlerExpired
	}
}

// watchCancel calls onDone when done closes, or onLegacy when legacy (a
// Request.Cancel channel) closes, until stop is called. With neither
// channel there is nothing to watch and no greenthread.
func watchCancel(done, legacy <-chan struct{}, onDone, onLegacy func()) (stop func()) {
	if done == nil && legacy == nil {
		return func() {}
	}
	stopCh := make(chan struct{})
	spawn(func() {
		select {
		case <-done:
			onDone()
		case <-legacy:
			onLegacy()
		case <-stopCh:
		}
	})
	var once sync.Once
	return func() { once.Do(func() { close(stopCh) }) }
}

// waitReady waits for ready to close, or for any of the other channels
// (a context's Done, a Request.Cancel, a CancelRequest signal) to close,
// and reports whether ready won.
func waitReady(ready <-chan struct{}, done, legacy, canceled <-chan struct{}) bool {
	select {
	case <-ready:
		return true
	case <-done:
	case <-legacy:
	case <-canceled:
	}
	select {
	case <-ready:
		return true
	default:
		return false
	}
}

// waitContinue waits for a 100 Continue decision on ch for at most d: a
// value means send the body, a closed channel means do not, and the
// timeout means send it anyway. It becomes a green select on a green
// timer.
func waitContinue(ch <-chan struct{}, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case _, ok := <-ch:
		return ok
	case <-t.C:
		return true
	}
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
	select {
	case v = <-ch:
		return v, true
	case <-t.C:
		return v, false
	}
}

// recv receives from ch. It becomes eventlet.RecvValue.
func recv[T any](ch <-chan T) T {
	return <-ch
}
