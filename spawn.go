package eventlet

import (
	"runtime"
	"time"

	"github.com/eventlet-go/eventlet/hub"
)

// Spawn starts fn in a new greenthread and returns it; fn starts once the caller next yields to
// the hub (at once from a plain goroutine). The greenthread runs on the caller's hub, or on the
// default hub when the caller is a plain goroutine.
func Spawn[T any](fn func() T) *GreenThread[T] {
	gt := newGreenThread(fn)
	gt.task().Hub().Start(gt.task())
	return gt
}

// SpawnN starts fn in a new greenthread without a handle to it (eventlet's spawn_n). A panic in
// fn is logged with its stack and ends that greenthread only, as eventlet prints a greenthread's
// traceback.
func SpawnN(fn func()) { hub.Go(fn) }

// SpawnAfter starts fn in a new greenthread after d. Kill or Cancel before then and it never runs.
func SpawnAfter[T any](d time.Duration, fn func() T) *GreenThread[T] {
	gt := newGreenThread(fn)
	h := gt.task().Hub()
	when := hub.Now() + int64(d)
	st := &startTimer{h: h, t: gt.task()}
	st.timer.Init(st)
	h.Call(func() { h.AddTimer(&st.timer, when) })
	// Killed or cancelled before then, it leaves the timer heap at once instead of at d.
	gt.Link(func(*GreenThread[T]) { h.Call(func() { h.RemoveTimer(&st.timer) }) })
	return gt
}

// startTimer starts a task when it fires.
type startTimer struct {
	timer hub.Timer
	h     *hub.Hub
	t     *hub.Task
}

func (s *startTimer) OnTimer() { s.h.Start(s.t) }

// Sleep pauses the calling greenthread for d, letting the others run; Sleep(0) (or less) only
// yields, so every other ready greenthread runs once first. From a plain goroutine it is
// time.Sleep (runtime.Gosched for d ≤ 0).
func Sleep(d time.Duration) {
	t := hub.Current()
	if t == nil {
		if d <= 0 {
			runtime.Gosched()
			return
		}
		time.Sleep(d)
		return
	}
	var err error
	if d <= 0 {
		err = t.Yield()
	} else {
		err = t.Sleep(hub.Now() + int64(d))
	}
	if err != nil {
		raise(err)
	}
}
