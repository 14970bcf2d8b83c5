package sync

// This file mirrors sync.Once.

import "sync/atomic"

// Once is sync.Once for greenlets and goroutines alike: an object that performs exactly one
// action. Callers that arrive while the action runs wait for it — greenlets park — so the action
// itself may park.
//
// A Once must not be copied after first use.
type Once struct {
	done atomic.Bool
	m    Mutex
}

// Do calls f if and only if Do is being called for the first time for this Once; every call
// returns once f has returned. If f panics (or an interruption unwinds it), Do considers it to
// have returned: later calls do not call it. A greenlet interrupted while it waits for another
// caller's f raises the interruption from Do.
func (o *Once) Do(f func()) {
	if o.done.Load() {
		return
	}
	o.doSlow(f)
}

func (o *Once) doSlow(f func()) {
	o.m.Lock()
	defer o.m.Unlock()
	if o.done.Load() {
		return
	}
	defer o.done.Store(true)
	f()
}
