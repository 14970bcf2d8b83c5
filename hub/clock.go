package hub

import "time"

// epoch anchors the hub's monotonic clock.
var epoch = time.Now()

// nanotime returns monotonic nanoseconds since epoch; timers and deadlines use it.
func nanotime() int64 { return int64(time.Since(epoch)) }

// When converts a wall-clock deadline to the hub's clock; the zero Time means no deadline (0).
func When(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	w := int64(t.Sub(epoch))
	if w <= 0 {
		return 1 // in the past, but distinguishable from "no deadline"
	}
	return w
}

// Now returns the hub clock's current reading.
func Now() int64 { return nanotime() }
