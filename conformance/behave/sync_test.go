package behave_test

import (
	"errors"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/eventlet-go/eventlet/conformance/behave"
)

// TestMutexExclusion is sync's TestMutex with a twist: helpers increment a counter under the
// lock and yield while they hold it, so that the others run (and wait) in between; nobody is
// ever inside with someone else, and no increment is lost.
func TestMutexExclusion(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		const helpers, rounds = 8, 50
		m := e.Sync.NewMutex()
		counter, inside, overlaps := 0, 0, 0
		var waits []func()
		for range helpers {
			waits = append(waits, e.Go(func() {
				for range rounds {
					m.Lock()
					inside++
					if inside > 1 {
						overlaps++
					}
					v := counter
					e.Yield()
					counter = v + 1
					inside--
					m.Unlock()
				}
			}))
		}
		for _, wait := range waits {
			wait()
		}
		e.Record("counter", counter, overlaps)
	})
}

// TestMutexTryLockAndHandOff: TryLock fails on a held Mutex; Unlock lets a waiting Lock in.
func TestMutexTryLockAndHandOff(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		m := e.Sync.NewMutex()
		e.Record("TryLock free", m.TryLock())
		e.Record("TryLock held", m.TryLock())
		got := false
		wait := e.Go(func() {
			m.Lock()
			got = true
			m.Unlock()
		})
		e.Settle()
		e.Record("waiter got it while held", got)
		m.Unlock()
		wait()
		e.Record("waiter got it after Unlock", got)
		e.Record("TryLock after", m.TryLock())
		m.Unlock()
	})
}

// TestRWMutex: readers share, a writer excludes everyone, a waiting writer keeps new readers
// out (TryRLock fails), and RLocker locks for reading.
func TestRWMutex(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		rw := e.Sync.NewRWMutex()
		rw.RLock()
		e.Record("TryRLock beside a reader", rw.TryRLock())
		e.Record("TryLock beside readers", rw.TryLock())
		rw.RUnlock()
		rw.RUnlock()
		e.Record("TryLock free", rw.TryLock())
		e.Record("TryRLock beside a writer", rw.TryRLock())
		rw.Unlock()

		rw.RLock()
		var order []string
		wait := e.Go(func() {
			rw.Lock()
			order = append(order, "writer")
			rw.Unlock()
		})
		e.Settle()
		e.Record("TryRLock with a writer waiting", rw.TryRLock())
		order = append(order, "reader leaves")
		rw.RUnlock()
		wait()
		e.Record("order", order)

		l := rw.RLocker()
		l.Lock()
		e.Record("TryLock beside RLocker", rw.TryLock())
		e.Record("TryRLock beside RLocker", rw.TryRLock())
		rw.RUnlock()
		l.Unlock()
		e.Record("TryLock after", rw.TryLock())
		rw.Unlock()
	})
}

// TestWaitGroup: Wait returns once every task is done (and at once with none); Go runs a task;
// the counter going negative panics.
func TestWaitGroup(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		var wg behave.WaitGroup = e.Sync.NewWaitGroup()
		wg.Wait()
		e.Record("Wait with none")
		var done, ran atomic.Int64
		wg.Add(3)
		for range 3 {
			e.Go(func() {
				done.Add(1)
				wg.Done()
			})
		}
		wg.Wait()
		e.Record("Wait", done.Load())
		for range 5 {
			wg.Go(func() { ran.Add(1) })
		}
		wg.Wait()
		e.Record("Go", ran.Load())
		e.Record("negative", panicOf(func() { wg.Add(-1) }))
	})
}

// TestOnce: Do runs one function once; a Do that arrives while the first runs waits for it and
// then sees its effect; a panicking function counts as done.
func TestOnce(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		o := e.Sync.NewOnce()
		calls, effect := 0, false
		first := e.Go(func() {
			o.Do(func() {
				calls++
				e.Yield()
				e.Yield()
				effect = true
			})
		})
		var sawEffect bool
		second := e.Go(func() {
			o.Do(func() { calls++ })
			sawEffect = effect
		})
		first()
		second()
		o.Do(func() { calls++ })
		e.Record("Once", calls, sawEffect)

		p := e.Sync.NewOnce()
		e.Record("panicking", panicOf(func() { p.Do(func() { panic("boom") }) }))
		ran := false
		p.Do(func() { ran = true })
		e.Record("after the panic", ran)
	})
}

// TestOnceFuncs: OnceFunc, OnceValue and OnceValues call f once; a panic of f is re-raised by
// every call.
func TestOnceFuncs(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		calls := 0
		f := e.Sync.OnceFunc(func() { calls++ })
		f()
		f()
		e.Record("OnceFunc", calls)
		v := e.Sync.OnceValue(func() int { calls++; return calls })
		e.Record("OnceValue", v(), v(), calls)
		errOnce := errors.New("once")
		vs := e.Sync.OnceValues(func() (int, error) { calls++; return calls, errOnce })
		a, err1 := vs()
		b, err2 := vs()
		e.Record("OnceValues", a, b, err1 == errOnce, err2 == errOnce)

		p := e.Sync.OnceFunc(func() { calls++; panic("boom") })
		e.Record("OnceFunc panics", panicOf(p), panicOf(p), calls)
		pv := e.Sync.OnceValue(func() int { panic(fmt.Errorf("value %d", 7)) })
		e.Record("OnceValue panics", panicOf(func() { pv() }), panicOf(func() { pv() }))
	})
}

// TestCond is sync's TestCondSignalGenerations and TestCondBroadcast: Signal wakes the waiters
// one at a time in the order they began to wait; Broadcast wakes them all.
func TestCond(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		const waiters = 5
		m := e.Sync.NewMutex()
		c := e.Sync.NewCond(m)
		var woken []int
		var waits []func()
		for i := range waiters {
			waits = append(waits, e.Go(func() {
				m.Lock()
				c.Wait()
				woken = append(woken, i)
				m.Unlock()
			}))
			e.Settle() // waiter i waits before waiter i+1 starts
		}
		for range waiters {
			c.Signal()
			e.Settle()
		}
		for _, wait := range waits {
			wait()
		}
		e.Record("Signal order", woken)

		woken = nil
		waits = nil
		for i := range waiters {
			waits = append(waits, e.Go(func() {
				m.Lock()
				c.Wait()
				woken = append(woken, i)
				m.Unlock()
			}))
		}
		e.Settle()
		m.Lock()
		c.Broadcast()
		m.Unlock()
		for _, wait := range waits {
			wait()
		}
		e.Record("Broadcast woke", len(woken))
		c.Signal() // nobody waits: nothing happens
		c.Broadcast()
		e.Record("Signal and Broadcast with no waiter")
	})
}

// TestMixedCallers: greenthreads (in the greenthread run) and plain goroutines share one Mutex
// and one WaitGroup: the lock still excludes, and Wait still waits for every Done.
func TestMixedCallers(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		const each, rounds = 4, 50
		m := e.Sync.NewMutex()
		wg := e.Sync.NewWaitGroup()
		counter, inside, overlaps := 0, 0, 0
		work := func() {
			defer wg.Done()
			for range rounds {
				m.Lock()
				inside++
				if inside > 1 {
					overlaps++
				}
				v := counter
				if v%7 == 0 {
					e.Yield()
				}
				counter = v + 1
				inside--
				m.Unlock()
			}
		}
		wg.Add(2 * each)
		var waits []func()
		for range each {
			waits = append(waits, e.Go(work), e.GoPlain(work))
		}
		wg.Wait()
		m.Lock()
		e.Record("after Wait", counter, overlaps)
		m.Unlock()
		for _, wait := range waits {
			wait()
		}
	})
}
