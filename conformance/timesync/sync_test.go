package timesync_test

import (
	"fmt"
	"testing"

	"github.com/eventlet-go/eventlet"
	. "github.com/eventlet-go/eventlet/conformance/timesync"
)

// TestMutex: TryLock's results, and exclusion among parties that give way inside the critical
// section.
func TestMutex(t *testing.T) {
	Compare(t, func(e *Env) {
		m := e.Impl.NewMutex()
		e.Record("TryLock free", m.TryLock())
		e.Record("TryLock locked", m.TryLock())
		m.Unlock()
		counter := 0
		const parties, loops = 6, 100
		done := make(chan bool)
		for range parties {
			e.Go(func() {
				for range loops {
					m.Lock()
					v := counter
					e.Yield()
					counter = v + 1
					m.Unlock()
				}
				eventlet.Send(done, true)
			})
		}
		for range parties {
			eventlet.Recv(done)
		}
		e.Record("counter", counter)
		e.Record("TryLock after", m.TryLock())
	})
}

// TestRWMutex: TryLock's and TryRLock's results in each state, readers holding the lock
// together, and RLocker.
func TestRWMutex(t *testing.T) {
	Compare(t, func(e *Env) {
		m := e.Impl.NewRWMutex()
		m.Lock()
		e.Record("write-locked: TryLock, TryRLock", m.TryLock(), m.TryRLock())
		m.Unlock()
		e.Record("free: TryRLock, TryRLock", m.TryRLock(), m.TryRLock())
		e.Record("read-locked: TryLock", m.TryLock())
		m.RUnlock()
		m.RUnlock()

		const readers = 3
		locked, unlock := make(chan bool), make(chan bool)
		for range readers {
			e.Go(func() {
				m.RLock()
				eventlet.Send(locked, true)
				eventlet.Recv(unlock)
				m.RUnlock()
				eventlet.Send(locked, false)
			})
		}
		held := 0
		for range readers {
			if eventlet.RecvValue(locked) {
				held++
			}
		}
		e.Record("readers holding together", held, m.TryLock())
		for range readers {
			eventlet.Send(unlock, true)
			eventlet.Recv(locked)
		}
		rl := m.RLocker()
		rl.Lock()
		e.Record("RLocker locked: TryLock, TryRLock", m.TryLock(), m.TryRLock())
		m.RUnlock()
		rl.Unlock()
		e.Record("RLocker unlocked: TryLock", m.TryLock())
		m.Unlock()
	})
}

// TestWaitGroup: Wait returns at zero, after every task of Go and every Done; a negative counter
// panics with sync's message.
func TestWaitGroup(t *testing.T) {
	Compare(t, func(e *Env) {
		wg := e.Impl.NewWaitGroup()
		wg.Wait()
		e.Record("Wait at zero returned", true)
		results := make([]int, 5)
		for i := range 4 {
			wg.Go(func() { results[i] = i * i })
		}
		wg.Add(1)
		e.Go(func() { results[4] = -1; wg.Done() })
		wg.Wait()
		e.Record("results", fmt.Sprint(results))
		e.Record("Done below zero", Panic(wg.Done))
		e.Record("Add below zero", Panic(func() { wg.Add(-2) }))
	})
}

// TestOnce: one call of f among concurrent callers, all of which return after it; a panic in f
// comes out of Do and f is not called again.
func TestOnce(t *testing.T) {
	Compare(t, func(e *Env) {
		once := e.Impl.NewOnce()
		calls := 0
		seen := make(chan int)
		for range 5 {
			e.Go(func() {
				once.Do(func() { e.Yield(); calls++ })
				eventlet.Send(seen, calls)
			})
		}
		var saw []int
		for range 5 {
			saw = append(saw, eventlet.RecvValue(seen))
		}
		e.Record("calls seen by each caller", fmt.Sprint(saw))

		failing := e.Impl.NewOnce()
		e.Record("panicking f", Panic(func() { failing.Do(func() { panic("x") }) }))
		e.Record("after the panic", Panic(func() { failing.Do(func() { panic("called again") }) }))
	})
}

// TestOnceFuncs: OnceFunc, OnceValue and OnceValues call f once and return its results every
// time; a panic comes out of every call with the same value.
func TestOnceFuncs(t *testing.T) {
	Compare(t, func(e *Env) {
		calls := 0
		f := e.Impl.OnceFunc(func() { calls++ })
		f()
		f()
		e.Record("OnceFunc calls", calls)
		v := e.Impl.OnceValue(func() int { calls++; return calls })
		e.Record("OnceValue", v(), v(), calls)
		vs := e.Impl.OnceValues(func() (int, string) { calls++; return calls, "err" })
		a, b := vs()
		c, d := vs()
		e.Record("OnceValues", a, b, c, d, calls)

		p := e.Impl.OnceFunc(func() { calls++; panic("x") })
		e.Record("OnceFunc panics", Panic(p), Panic(p), calls)
		pv := e.Impl.OnceValue(func() int { calls++; panic("y") })
		e.Record("OnceValue panics", Panic(func() { pv() }), Panic(func() { pv() }), calls)
		pvs := e.Impl.OnceValues(func() (int, string) { calls++; panic("z") })
		e.Record("OnceValues panics", Panic(func() { pvs() }), Panic(func() { pvs() }), calls)
	})
}

// TestCond: Signal wakes one waiter, Broadcast the others; a copied Cond panics.
func TestCond(t *testing.T) {
	Compare(t, func(e *Env) {
		m := e.Impl.NewMutex()
		c := e.Impl.NewCond(m)
		const waiters = 3
		running, awake := make(chan bool, waiters), make(chan bool, waiters)
		for range waiters {
			e.Go(func() {
				m.Lock()
				running <- true
				c.Wait()
				awake <- true
				m.Unlock()
			})
		}
		for range waiters {
			eventlet.Recv(running)
		}
		m.Lock() // every waiter is in Wait once the mutex they held is ours
		m.Unlock()
		c.Signal()
		eventlet.Recv(awake)
		m.Lock() // the one woken has relocked and unlocked m by now
		e.Record("awake after Signal", 1+len(awake))
		m.Unlock()
		c.Broadcast()
		eventlet.Recv(awake)
		eventlet.Recv(awake)
		e.Record("awake after Broadcast", waiters)
		e.Record("copied Cond", Panic(e.Impl.SignalCopiedCond))
	})
}
