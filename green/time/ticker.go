package time

// This file mirrors time's tickers: Ticker, NewTicker and Tick, driven by the hub's timer heap.

// Ticker is time.Ticker, driven by a hub: it delivers ticks of a clock on C at intervals.
//
// A greenlet receives from C with eventlet.Recv or eventlet.Select, which park it on the Ticker
// without a helper goroutine; a plain goroutine may simply receive. C holds one tick: a receiver
// that falls behind loses the ticks in between. A Ticker that is never stopped stays referenced
// by its hub (time's can be collected once unreferenced).
type Ticker struct {
	C <-chan Time // The channel on which the ticks are delivered.
	r hubTimer
}

// NewTicker returns a Ticker whose channel receives the time after each period d, as
// time.NewTicker does; it drops ticks for slow receivers. It panics if d ≤ 0. It runs on the
// caller's hub, or on the default hub from a plain goroutine.
func NewTicker(d Duration) *Ticker {
	if d <= 0 {
		panic("non-positive interval for NewTicker")
	}
	c := make(chan Time, 1)
	t := &Ticker{C: c}
	t.r.start(deadline(d), int64(d), c, nil)
	return t
}

// Stop turns off the ticker: no tick is received after Stop returns, the one waiting in C
// included. It does not close C. On a Ticker not made by NewTicker it does nothing, as time's
// does.
func (t *Ticker) Stop() {
	if !t.r.initialized() {
		return
	}
	t.r.stop()
}

// Reset stops the ticker and sets its period to d: the next tick arrives d from now, and no tick
// from before Reset is received after it. It panics if d ≤ 0, or on a Ticker not made by
// NewTicker.
func (t *Ticker) Reset(d Duration) {
	if d <= 0 {
		panic("non-positive interval for Ticker.Reset")
	}
	if !t.r.initialized() {
		panic("time: Reset called on uninitialized Ticker")
	}
	t.r.reset(deadline(d), int64(d))
}

// Tick is NewTicker(d).C, except that it returns nil if d ≤ 0.
func Tick(d Duration) <-chan Time {
	if d <= 0 {
		return nil
	}
	return NewTicker(d).C
}
