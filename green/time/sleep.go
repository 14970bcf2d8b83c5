package time

// This file mirrors time.Sleep.

import (
	stdtime "time"

	"github.com/eventlet-go/eventlet/hub"
)

// Sleep pauses the caller for at least d. A greenlet parks on its hub's timer heap while the
// other greenlets run; with d ≤ 0 it yields, letting every other ready greenlet run once, where
// time.Sleep returns at once. A plain goroutine calls time.Sleep. If the greenlet is interrupted
// while it sleeps (Kill, an expired eventlet.Timeout), Sleep raises the interruption: it panics
// with it, as eventlet raises at the blocking call.
func Sleep(d Duration) {
	t := hub.Current()
	if t == nil {
		stdtime.Sleep(d)
		return
	}
	var err error
	if d <= 0 {
		err = t.Yield()
	} else {
		err = t.Sleep(deadline(d))
	}
	if err != nil {
		hub.Raise(err)
	}
}
