package http

import (
	"context"
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
