package eventlet

import (
	"iter"
	"reflect"
	"sync"

	"github.com/eventlet-go/eventlet/hub"
)

// Recv receives from ch like `v, ok := <-ch`. In a greenthread it parks instead of stalling the
// hub: on the channel of a green Timer or Ticker (package green/time) it waits for the timer's
// notification, and a receive from any other channel that cannot complete at once is carried out
// by a helper goroutine while the greenthread waits. From a plain goroutine it is the plain
// receive.
func Recv[T any](ch <-chan T) (T, bool) {
	if hub.Current() == nil {
		v, ok := <-ch
		return v, ok
	}
	select {
	case v, ok := <-ch:
		return v, ok
	default:
	}
	if cw := hub.LookupChan(reflect.ValueOf(ch).UnsafePointer()); cw != nil {
		return recvNotified(ch, cw)
	}
	var v T
	var ok bool
	offChannel(func(cancel <-chan struct{}) bool {
		select {
		case v, ok = <-ch:
			return true
		case <-cancel:
			return false
		}
	})
	return v, ok
}

// recvNotified receives from ch, whose owner notifies cw after each send, parking the
// greenthread between notifications.
func recvNotified[T any](ch <-chan T, cw *hub.ChanWait) (v T, ok bool) {
	err := hub.WaitNotified(func() bool {
		select {
		case v, ok = <-ch:
			return true
		default:
			return false
		}
	}, cw)
	if err != nil {
		raise(err)
	}
	return v, ok
}

// RecvValue is Recv's single-value form, `<-ch`.
func RecvValue[T any](ch <-chan T) T {
	v, _ := Recv(ch)
	return v
}

// Send sends v on ch like `ch <- v`, parking a greenthread instead of stalling the hub. Sending
// on a closed channel panics, as the plain send does.
func Send[T any](ch chan<- T, v T) {
	if hub.Current() == nil {
		ch <- v
		return
	}
	select {
	case ch <- v:
		return
	default:
	}
	offChannel(func(cancel <-chan struct{}) bool {
		select {
		case ch <- v:
			return true
		case <-cancel:
			return false
		}
	})
}

// Select is reflect.Select for greenthreads: it performs one of the cases, parking the
// greenthread (not the hub) until one can proceed. When every case receives from the channel of
// a green Timer or Ticker (or from a nil channel), it waits for their notifications; otherwise a
// helper goroutine carries out the select while the greenthread waits. With no case it parks
// forever; with a default case it never parks. From a plain goroutine it is reflect.Select.
func Select(cases []reflect.SelectCase) (chosen int, recv reflect.Value, recvOK bool) {
	if hub.Current() == nil || hasDefault(cases) {
		return reflect.Select(cases)
	}
	if len(cases) == 0 {
		parkForever()
	}
	try := append(cases[:len(cases):len(cases)], reflect.SelectCase{Dir: reflect.SelectDefault})
	if chosen, recv, recvOK = reflect.Select(try); chosen < len(cases) {
		return chosen, recv, recvOK
	}
	if cws := notifiers(cases); cws != nil {
		err := hub.WaitNotified(func() bool {
			chosen, recv, recvOK = reflect.Select(try)
			return chosen < len(cases)
		}, cws...)
		if err != nil {
			raise(err)
		}
		return chosen, recv, recvOK
	}
	all := append(cases[:len(cases):len(cases)], reflect.SelectCase{Dir: reflect.SelectRecv})
	offChannel(func(cancel <-chan struct{}) bool {
		all[len(cases)].Chan = reflect.ValueOf(cancel)
		chosen, recv, recvOK = reflect.Select(all)
		return chosen < len(cases)
	})
	return chosen, recv, recvOK
}

// Range yields the values received from ch until it is closed, like `for v := range ch`, parking
// a greenthread between values.
func Range[T any](ch <-chan T) iter.Seq[T] {
	return func(yield func(T) bool) {
		for {
			v, ok := Recv(ch)
			if !ok || !yield(v) {
				return
			}
		}
	}
}

// notifiers returns the ChanWait of each case's channel when every case receives, from a channel
// that has one or from a nil channel (which never proceeds); otherwise, or when every channel is
// nil, it returns nil.
func notifiers(cases []reflect.SelectCase) []*hub.ChanWait {
	var cws []*hub.ChanWait
	for _, c := range cases {
		if c.Dir != reflect.SelectRecv {
			return nil
		}
		if !c.Chan.IsValid() || c.Chan.IsNil() {
			continue
		}
		cw := hub.LookupChan(c.Chan.UnsafePointer())
		if cw == nil {
			return nil
		}
		cws = append(cws, cw)
	}
	return cws
}

func hasDefault(cases []reflect.SelectCase) bool {
	for _, c := range cases {
		if c.Dir == reflect.SelectDefault {
			return true
		}
	}
	return false
}

// parkForever parks the calling greenthread until it is interrupted, which raises.
func parkForever() {
	w := hub.Prepare()
	err := w.Park(0)
	w.Release()
	raise(err)
}

// offChannel runs op — a blocking channel operation that gives up when cancel is closed and
// reports whether it completed — on a helper goroutine while the calling greenthread parks. If
// the greenthread is interrupted meanwhile, it cancels op and waits for its verdict: an operation
// that completed anyway stands (the interruption is raised at the greenthread's next park), one
// that gave up raises the interruption now. A panic in op (a send on a closed channel) is
// re-raised in the greenthread.
func offChannel(op func(cancel <-chan struct{}) bool) {
	t := hub.Current()
	h := &chanHelper{cancel: make(chan struct{})}
	h.w = hub.Prepare()
	h.token = h.w.Token()
	go h.run(op)
	err := h.w.Park(0)
	if err == nil {
		h.rethrow()
		return
	}
	close(h.cancel)
	h.mu.Lock()
	for !h.done {
		h.w = hub.Prepare()
		h.token = h.w.Token()
		h.mu.Unlock()
		if again := h.w.Park(0); again != nil {
			t.Defer(again)
		}
		h.mu.Lock()
	}
	completed := h.completed
	h.mu.Unlock()
	h.rethrow()
	if completed {
		t.Defer(err)
		return
	}
	raise(err)
}

// chanHelper is the state shared by a greenthread and the goroutine doing its channel operation.
type chanHelper struct {
	cancel    chan struct{}
	mu        sync.Mutex
	w         *hub.Waiter
	token     uint64
	done      bool
	completed bool
	panicked  any
}

func (h *chanHelper) run(op func(cancel <-chan struct{}) bool) {
	completed := false
	defer func() {
		p := recover()
		h.mu.Lock()
		h.done, h.completed, h.panicked = true, completed, p
		w, token := h.w, h.token
		h.mu.Unlock()
		w.WakeToken(token)
	}()
	completed = op(h.cancel)
}

func (h *chanHelper) rethrow() {
	if h.panicked != nil {
		panic(h.panicked)
	}
}

// Offload runs fn on a goroutine of its own while the calling greenthread parks — for calls that
// would block the hub: a syscall, cgo, a stdlib lock (eventlet's tpool.execute). A panic in fn is
// re-raised in the caller. From a plain goroutine it simply calls fn.
func Offload[T any](fn func() T) T {
	var v T
	if err := hub.Offload(func() { v = fn() }); err != nil {
		raise(err)
	}
	return v
}
