package hub

import (
	"errors"
	"reflect"
	"runtime"
	"testing"
	"time"
)

// chanOwner owns a channel and notifies its ChanWait after each send, as a green Timer does.
type chanOwner struct {
	c  chan int
	cw ChanWait
}

func newChanOwner() *chanOwner {
	o := &chanOwner{c: make(chan int, 1)}
	o.cw.Register(reflect.ValueOf(o.c).UnsafePointer())
	return o
}

func (o *chanOwner) send(v int) {
	o.c <- v
	o.cw.Notify()
}

// tryRecv is a ready function for WaitNotified that receives from c into *v.
func tryRecv(c chan int, v *int) func() bool {
	return func() bool {
		select {
		case *v = <-c:
			return true
		default:
			return false
		}
	}
}

func chanPtr(c chan int) uintptr { return uintptr(reflect.ValueOf(c).UnsafePointer()) }

func TestLookupChanFindsOnlyRegisteredChannels(t *testing.T) {
	o := newChanOwner()
	if got := LookupChan(reflect.ValueOf(o.c).UnsafePointer()); got != &o.cw {
		t.Fatalf("LookupChan(registered) = %p, want %p", got, &o.cw)
	}
	plain := make(chan int)
	if got := LookupChan(reflect.ValueOf(plain).UnsafePointer()); got != nil {
		t.Fatalf("LookupChan(plain channel) = %p, want nil", got)
	}
	if got := LookupChan(nil); got != nil {
		t.Fatalf("LookupChan(nil) = %p, want nil", got)
	}
	runtime.KeepAlive(o)
}

func TestLookupChanRejectsEntryWhoseOwnerHasOtherChannel(t *testing.T) {
	// An entry is trusted only if the live owner still holds that very channel.
	o := newChanOwner()
	stale := o.c
	o.cw.ch = reflect.ValueOf(make(chan int)).UnsafePointer()
	if got := LookupChan(reflect.ValueOf(stale).UnsafePointer()); got != nil {
		t.Fatalf("LookupChan found an owner that no longer holds the channel")
	}
	runtime.KeepAlive(o)
}

func TestChanEntryDroppedWhenOwnerCollected(t *testing.T) {
	key := func() uintptr {
		o := newChanOwner()
		return chanPtr(o.c)
	}()
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		chans.mu.RLock()
		_, present := chans.m[key]
		chans.mu.RUnlock()
		if !present {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the registry entry of a collected owner was never dropped")
		}
		time.Sleep(time.Millisecond) // cleanups run on their own goroutine; nothing to wait on
	}
}

func TestDropChanEntryKeepsNewerOwner(t *testing.T) {
	// A cleanup for an old owner must not remove the entry a newer owner made at the same address.
	o := newChanOwner()
	key := chanPtr(o.c)
	dropChanEntry(chanEntry{key: key}) // an older owner's weak pointer (zero: collected)
	if LookupChan(reflect.ValueOf(o.c).UnsafePointer()) != &o.cw {
		t.Fatal("a stale cleanup dropped the entry of a live owner")
	}
	runtime.KeepAlive(o)
}

func TestWaitNotifiedFromGoroutine(t *testing.T) {
	o := newChanOwner()
	done := make(chan int)
	go func() {
		var v int
		if err := WaitNotified(tryRecv(o.c, &v), &o.cw); err != nil {
			t.Error(err)
		}
		done <- v
	}()
	waitQueued(t, &o.cw, 1)
	o.send(7)
	if v := <-done; v != 7 {
		t.Fatalf("received %d, want 7", v)
	}
	if n := queued(&o.cw); n != 0 {
		t.Fatalf("%d waiters left queued", n)
	}
}

func TestWaitNotifiedParksGreenletNotHub(t *testing.T) {
	o := newChanOwner()
	got := make(chan int, 1)
	Go(func() {
		var v int
		if err := WaitNotified(tryRecv(o.c, &v), &o.cw); err != nil {
			t.Error(err)
		}
		got <- v
	})
	waitQueued(t, &o.cw, 1)
	// Another greenthread of the same hub runs while the first is parked.
	other := make(chan struct{})
	Go(func() { close(other) })
	select {
	case <-other:
	case <-time.After(10 * time.Second):
		t.Fatal("a greenlet parked in WaitNotified stalled its hub")
	}
	o.send(3)
	if v := <-got; v != 3 {
		t.Fatalf("received %d, want 3", v)
	}
}

func TestWaitNotifiedOnSeveralChannels(t *testing.T) {
	os := []*chanOwner{newChanOwner(), newChanOwner(), newChanOwner()}
	for _, green := range []bool{false, true} {
		for i := range os {
			got := make(chan int, 1)
			body := func() {
				var v int
				err := WaitNotified(func() bool {
					for _, o := range os {
						select {
						case v = <-o.c:
							return true
						default:
						}
					}
					return false
				}, &os[0].cw, &os[1].cw, &os[2].cw)
				if err != nil {
					t.Error(err)
				}
				got <- v
			}
			if green {
				Go(body)
			} else {
				go body()
			}
			for _, o := range os {
				waitQueued(t, &o.cw, 1)
			}
			os[i].send(10 + i)
			if v := <-got; v != 10+i {
				t.Fatalf("green=%v: received %d, want %d", green, v, 10+i)
			}
			for j, o := range os {
				if n := queued(&o.cw); n != 0 {
					t.Fatalf("green=%v: %d waiters left in queue %d", green, n, j)
				}
			}
		}
	}
}

func TestWaitNotifiedInterrupted(t *testing.T) {
	o, o2 := newChanOwner(), newChanOwner()
	boom := errors.New("boom")
	tasks := make(chan *Task, 1)
	result := make(chan error, 1)
	Go(func() {
		tasks <- Current()
		var v int
		result <- WaitNotified(tryRecv(o.c, &v), &o.cw, &o2.cw)
	})
	task := <-tasks
	waitQueued(t, &o.cw, 1)
	task.Hub().Throw(task.Ref(), boom)
	if err := <-result; err != boom {
		t.Fatalf("WaitNotified returned %v, want the interruption", err)
	}
	if n := queued(&o.cw) + queued(&o2.cw); n != 0 {
		t.Fatalf("an interrupted wait left %d waiters queued", n)
	}
	o.send(1) // nobody waits: the value stays for the next receiver
	if v := <-o.c; v != 1 {
		t.Fatalf("got %d", v)
	}
}

func TestWaitNotifiedKeepsWhatReadyTookWhenInterruptedMeanwhile(t *testing.T) {
	// ready succeeds on its check after queueing while an interruption is on its way: the value
	// it took is returned, and the interruption comes at the next park.
	o := newChanOwner()
	boom := errors.New("boom")
	type outcome struct {
		waitErr, nextErr error
		v                int
	}
	result := make(chan outcome, 1)
	Go(func() {
		task := Current()
		var v int
		calls := 0
		err := WaitNotified(func() bool {
			calls++
			if calls == 1 {
				return false
			}
			task.interrupt(boom) // arrives between queueing and parking
			o.c <- 5
			return tryRecv(o.c, &v)()
		}, &o.cw)
		result <- outcome{err, task.Yield(), v}
	})
	r := <-result
	if r.waitErr != nil || r.v != 5 {
		t.Fatalf("WaitNotified = %v with value %d, want nil with 5", r.waitErr, r.v)
	}
	if r.nextErr != boom {
		t.Fatalf("the next park returned %v, want the deferred interruption", r.nextErr)
	}
}

// queued returns how many waiters c holds.
func queued(c *ChanWait) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.q.Len()
}

// waitQueued waits until c holds n waiters; a waiter joining a queue signals nothing, so poll.
func waitQueued(t *testing.T, c *ChanWait, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for queued(c) != n {
		if time.Now().After(deadline) {
			t.Fatalf("%d waiters queued, want %d", queued(c), n)
		}
		time.Sleep(100 * time.Microsecond)
	}
}
