package time

// This file mirrors time's one-shot timers: Timer, NewTimer, After and AfterFunc, driven by the
// hub's timer heap instead of the runtime's.

// Timer is time.Timer, driven by a hub: when it expires the time is sent on C, unless the Timer
// was made by AfterFunc. A Timer must be made with NewTimer or AfterFunc.
//
// A greenlet receives from C with eventlet.Recv or eventlet.Select, which park it on the Timer
// without a helper goroutine; a plain goroutine may simply receive. As of Go 1.23, no value from
// before a Stop or Reset is received after it returns. C has a buffer of one, so len(C) is 1
// while an expired value waits (time's channel reports 0), and a Timer neither stopped nor
// expired stays referenced by its hub until it fires (time's can be collected sooner).
type Timer struct {
	C <-chan Time
	r hubTimer
}

// NewTimer returns a Timer that sends the current time on its channel after at least d, as
// time.NewTimer does. It runs on the caller's hub, or on the default hub from a plain goroutine.
func NewTimer(d Duration) *Timer {
	c := make(chan Time, 1)
	t := &Timer{C: c}
	t.r.start(deadline(d), 0, c, nil)
	return t
}

// After waits for d to elapse and then sends the current time on the returned channel. It is
// NewTimer(d).C.
func After(d Duration) <-chan Time {
	return NewTimer(d).C
}

// AfterFunc waits for d to elapse and then calls f in a greenthread of its own, on the hub of
// the caller (the default hub for a plain goroutine). The returned Timer's C is nil; its Stop
// cancels the call. A panic in f ends f's greenthread only: it is logged and the hub carries on.
func AfterFunc(d Duration, f func()) *Timer {
	t := new(Timer)
	t.r.start(deadline(d), 0, nil, f)
	return t
}

// Stop prevents the Timer from firing. It returns true if the call stops the timer, false if the
// timer has already expired (and its value was received, or its function started) or been
// stopped. After Stop returns, no value from before it is received from C. Stop does not wait
// for an AfterFunc function that has started. It panics on a Timer not made by NewTimer or
// AfterFunc.
func (t *Timer) Stop() bool {
	if !t.r.initialized() {
		panic("time: Stop called on uninitialized Timer")
	}
	return t.r.stop()
}

// Reset changes the timer to expire after d. It returns true if the timer had been active (not
// expired, or expired with its value not received yet), false if it had expired or been
// stopped. After Reset returns, no value from the earlier settings is received from C. For an
// AfterFunc timer, Reset either reschedules f (true) or schedules it to run again (false). It
// panics on a Timer not made by NewTimer or AfterFunc.
func (t *Timer) Reset(d Duration) bool {
	if !t.r.initialized() {
		panic("time: Reset called on uninitialized Timer")
	}
	return t.r.reset(deadline(d), 0)
}
