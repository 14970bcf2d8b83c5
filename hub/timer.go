package hub

// TimerHandler is what a Timer calls when it fires, on the hub's goroutine. It must not block.
type TimerHandler interface {
	OnTimer()
}

// Timer is an entry of a hub's timer heap. Embed it in whatever needs a timeout so that arming
// one allocates nothing. A Timer belongs to one hub at a time and is touched only in that hub's
// context (its goroutine or its greenlets).
type Timer struct {
	when int64
	seq  uint64 // FIFO among timers due at the same instant
	idx  int    // position in the heap; -1 when not scheduled
	h    TimerHandler
}

// Init sets the handler; a zero Timer must be initialised before use.
func (t *Timer) Init(h TimerHandler) {
	t.h = h
	t.idx = -1
}

// Pending reports whether t is scheduled.
func (t *Timer) Pending() bool { return t.idx >= 0 }

// When returns the deadline of a pending timer, in hub clock nanoseconds.
func (t *Timer) When() int64 { return t.when }

// timerHeap is a 4-ary min-heap on (when, seq).
type timerHeap struct {
	t   []*Timer
	seq uint64
}

func (h *timerHeap) less(a, b *Timer) bool {
	return a.when < b.when || (a.when == b.when && a.seq < b.seq)
}

func (h *timerHeap) add(t *Timer, when int64) {
	if t.idx >= 0 {
		h.remove(t)
	}
	h.seq++
	t.when, t.seq = when, h.seq
	t.idx = len(h.t)
	h.t = append(h.t, t)
	h.up(t.idx)
}

func (h *timerHeap) remove(t *Timer) {
	i := t.idx
	if i < 0 {
		return
	}
	last := len(h.t) - 1
	if i != last {
		h.t[i] = h.t[last]
		h.t[i].idx = i
	}
	h.t[last] = nil
	h.t = h.t[:last]
	t.idx = -1
	if i != last {
		if !h.up(i) {
			h.down(i)
		}
	}
}

// first returns the earliest timer, or nil.
func (h *timerHeap) first() *Timer {
	if len(h.t) == 0 {
		return nil
	}
	return h.t[0]
}

func (h *timerHeap) up(i int) bool {
	moved := false
	for i > 0 {
		p := (i - 1) / 4
		if !h.less(h.t[i], h.t[p]) {
			break
		}
		h.swap(i, p)
		i, moved = p, true
	}
	return moved
}

func (h *timerHeap) down(i int) {
	n := len(h.t)
	for {
		c := 4*i + 1
		if c >= n {
			return
		}
		m := c
		for j := c + 1; j < c+4 && j < n; j++ {
			if h.less(h.t[j], h.t[m]) {
				m = j
			}
		}
		if !h.less(h.t[m], h.t[i]) {
			return
		}
		h.swap(i, m)
		i = m
	}
}

func (h *timerHeap) swap(i, j int) {
	h.t[i], h.t[j] = h.t[j], h.t[i]
	h.t[i].idx = i
	h.t[j].idx = j
}
