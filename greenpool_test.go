package eventlet_test

import (
	"errors"
	"math/rand"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eventlet-go/eventlet"
)

// Ported from eventlet's tests/greenpool_test.py: GreenPool, GreenPile and imap.

func passthru[T any](v T) T {
	eventlet.Sleep(delay)
	return v
}

var errRuntime = errors.New("runtime error")

func TestPoolSpawn(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		p := eventlet.NewGreenPool(4)
		var gts []*eventlet.GreenThread[struct{}]
		results := make([]int, 10)
		for i := range 10 {
			gts = append(gts, p.Spawn(func() { results[i] = passthru(i) }))
		}
		for _, gt := range gts {
			if _, err := waitGT(t, gt); err != nil {
				t.Fatal(err)
			}
		}
		for i, v := range results {
			if v != i {
				t.Fatalf("results %v", results)
			}
		}
	})
}

func TestPoolSpawnNWaitall(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		p := eventlet.NewGreenPool(4)
		mu := eventlet.NewSemaphore(1)
		var results []int
		for i := range 10 {
			p.SpawnN(func() {
				eventlet.Sleep(delay)
				mu.Acquire()
				results = append(results, i)
				mu.Release()
			})
		}
		p.Waitall()
		mu.Acquire()
		defer mu.Release()
		if !slices.Equal(results, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}) {
			t.Fatalf("results %v", results)
		}
		if p.Running() != 0 {
			t.Fatalf("Running = %d after Waitall", p.Running())
		}
	})
}

func TestPoolWaiting(t *testing.T) {
	inGreen(t, func() {
		pool := eventlet.NewGreenPool(1)
		var done eventlet.Event[struct{}]
		waiter := func() struct{} {
			pool.Spawn(func() { done.Wait() }).Wait()
			return struct{}{}
		}
		var waiters []*eventlet.GreenThread[struct{}]
		if pool.Running() != 0 {
			t.Fatalf("Running = %d", pool.Running())
		}
		for want := range 3 {
			waiters = append(waiters, eventlet.Spawn(waiter))
			eventlet.Sleep(0)
			if pool.Waiting() != want {
				t.Fatalf("Waiting = %d, want %d", pool.Waiting(), want)
			}
		}
		if pool.Running() != 1 {
			t.Fatalf("Running = %d, want 1", pool.Running())
		}
		done.Send(struct{}{})
		for _, w := range waiters {
			w.Wait()
		}
		if pool.Waiting() != 0 || pool.Running() != 0 {
			t.Fatalf("Waiting %d Running %d, want 0 0", pool.Waiting(), pool.Running())
		}
	})
}

func TestPoolMultipleCoros(t *testing.T) {
	inGreen(t, func() {
		var evt eventlet.Event[struct{}]
		var results []string
		pool := eventlet.NewGreenPool(2)
		done := pool.Spawn(func() {
			results = append(results, "cons1")
			evt.Wait()
			results = append(results, "cons2")
		})
		pool.SpawnN(func() {
			results = append(results, "prod")
			evt.Send(struct{}{})
		})
		done.Wait()
		if !slices.Equal(results, []string{"cons1", "prod", "cons2"}) {
			t.Fatalf("results %v", results)
		}
	})
}

// TestPoolReentrant is test_reentrant: a member spawning into its own full pool runs the function
// itself instead of waiting for a room only it could free.
func TestPoolReentrant(t *testing.T) {
	inGreen(t, func() {
		pool := eventlet.NewGreenPool(1)
		outer := pool.Spawn(func() {
			inner := pool.Spawn(func() {})
			if _, err := inner.Wait(); err != nil {
				t.Errorf("inner: %v", err)
			}
		})
		if _, err := waitGT(t, outer); err != nil {
			t.Fatal(err)
		}
		var evt eventlet.Event[string]
		pool.SpawnN(func() {
			pool.SpawnN(func() {})
			evt.Send("done")
		})
		if v, err := evt.WaitTimeout(hangAfter); v != "done" || err != nil {
			t.Fatalf("the re-entrant SpawnN: %q, %v", v, err)
		}
	})
}

// assertPoolHasFree is assert_pool_has_free: exactly free more greenthreads fit in the pool.
func assertPoolHasFree(t *testing.T, pool *eventlet.GreenPool, free int) {
	t.Helper()
	if pool.Free() != free {
		t.Fatalf("Free = %d, want %d", pool.Free(), free)
	}
	var evt eventlet.Event[struct{}]
	waitLong := func() { evt.Wait() }
	if err := eventlet.WithTimeout(time.Second, func() {
		for range free {
			pool.Spawn(waitLong)
		}
	}); err != nil {
		t.Fatalf("the pool took fewer than %d more greenthreads", free)
	}
	r := catch(func() {
		to := eventlet.NewTimeoutError(0, errRuntime)
		defer to.Cancel()
		pool.Spawn(waitLong)
	})
	if r != errRuntime {
		t.Fatalf("the pool took more than %d more greenthreads (recovered %v)", free, r)
	}
	evt.Send(struct{}{})
	eventlet.Sleep(0)
	eventlet.Sleep(0)
}

func TestPoolResize(t *testing.T) {
	inGreen(t, func() {
		pool := eventlet.NewGreenPool(2)
		var evt eventlet.Event[struct{}]
		pool.Spawn(func() { evt.Wait() })
		pool.Spawn(func() { evt.Wait() })
		if pool.Free() != 0 || pool.Running() != 2 {
			t.Fatalf("Free %d Running %d, want 0 2", pool.Free(), pool.Running())
		}
		assertPoolHasFree(t, pool, 0)

		pool.Resize(1) // shrinking takes effect as they finish
		evt.Send(struct{}{})
		eventlet.Sleep(0)
		eventlet.Sleep(0)
		if pool.Free() != 1 || pool.Running() != 0 {
			t.Fatalf("after shrinking: Free %d Running %d, want 1 0", pool.Free(), pool.Running())
		}
		assertPoolHasFree(t, pool, 1)

		pool.Resize(2)
		if pool.Free() != 2 || pool.Running() != 0 {
			t.Fatalf("after growing: Free %d Running %d, want 2 0", pool.Free(), pool.Running())
		}
		assertPoolHasFree(t, pool, 2)
	})
}

func TestPoolResizeLetsParkedSpawnsIn(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		pool := eventlet.NewGreenPool(1)
		var evt eventlet.Event[struct{}]
		pool.SpawnN(func() { evt.Wait() })
		spawned := eventlet.Spawn(func() struct{} { pool.SpawnN(func() {}); return struct{}{} })
		waitUntil(t, "a Spawn parked for room", func() bool { return pool.Waiting() == 1 })
		pool.Resize(2)
		if _, err := waitGT(t, spawned); err != nil {
			t.Fatal(err)
		}
		evt.Send(struct{}{})
		pool.Waitall()
	})
}

// TestPoolSmash is test_pool_smash: a member that gives up waiting on another primitive (a token
// pool, here a Queue) leaves both the GreenPool and the token pool sound.
func TestPoolSmash(t *testing.T) {
	inGreen(t, func() {
		pool := eventlet.NewGreenPool(1)
		tokens := eventlet.NewQueue[string](1)
		e1 := pool.Spawn(func() {
			to := eventlet.NewTimeoutError(0, errRuntime)
			defer to.Cancel()
			tokens.Get()
			t.Error("got a token from an empty token pool")
		})
		if _, err := e1.Wait(); !errors.Is(err, errRuntime) {
			t.Fatalf("the member that gave up: %v", err)
		}
		gt := eventlet.Spawn(func() struct{} { tokens.Put("wakeup"); return struct{}{} })
		resumed := ""
		e2 := pool.Spawn(func() { resumed = "resumed" })
		e2.Wait()
		if resumed != "resumed" {
			t.Fatal("the pool did not run the next function")
		}
		if v := tokens.Get(); v != "wakeup" {
			t.Fatalf("token %q", v)
		}
		gt.Wait()
	})
}

// TestPoolSpawnN2 is test_spawn_n_2: once the pool is exhausted, spawning parks the spawner,
// which lets the members run.
func TestPoolSpawnN2(t *testing.T) {
	inGreen(t, func() {
		p := eventlet.NewGreenPool(2)
		if p.Free() != 2 {
			t.Fatalf("Free = %d", p.Free())
		}
		var r []int
		foo := func(a int) func() { return func() { r = append(r, a) } }
		gt := p.Spawn(foo(1))
		if p.Free() != 1 {
			t.Fatalf("Free = %d with one member", p.Free())
		}
		gt.Wait()
		if !slices.Equal(r, []int{1}) {
			t.Fatalf("r = %v", r)
		}
		eventlet.Sleep(0)
		if p.Free() != 2 {
			t.Fatalf("Free = %d after the member finished", p.Free())
		}
		p.SpawnN(foo(2))
		if p.Free() != 1 || !slices.Equal(r, []int{1}) {
			t.Fatalf("Free %d r %v", p.Free(), r)
		}
		p.SpawnN(foo(3))
		if p.Free() != 0 || !slices.Equal(r, []int{1}) {
			t.Fatalf("Free %d r %v", p.Free(), r)
		}
		p.SpawnN(foo(4))
		if got := slices.Sorted(slices.Values(r)); !slices.Equal(got, []int{1, 2, 3}) {
			t.Fatalf("after a spawn into the full pool: r = %v, want 1 2 3", r)
		}
		eventlet.Sleep(0)
		if got := slices.Sorted(slices.Values(r)); !slices.Equal(got, []int{1, 2, 3, 4}) {
			t.Fatalf("r = %v, want 1 2 3 4", r)
		}
	})
}

// TestPoolMembersThatFail is test_exceptions: a member that panics or is killed frees its room.
func TestPoolMembersThatFail(t *testing.T) {
	inGreen(t, func() {
		p := eventlet.NewGreenPool(2)
		for _, die := range []func(){
			func() { panic(errRuntime) },
			func() { panic(eventlet.ErrGreenletExit) },
		} {
			for _, spawn := range []func(func()){
				func(f func()) { p.Spawn(f) },
				p.SpawnN,
			} {
				assertPoolHasFree(t, p, 2)
				spawn(die)
				assertPoolHasFree(t, p, 1)
				p.Waitall()
				assertPoolHasFree(t, p, 2)
			}
		}
	})
}

func TestPoolWaitallOnNothing(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		eventlet.NewGreenPool(1000).Waitall()
	})
}

// TestPoolRecursiveWaitall is test_recursive_waitall: Waitall from a member of the pool would
// wait for itself; eventlet asserts instead of hanging.
func TestPoolRecursiveWaitall(t *testing.T) {
	p := eventlet.NewGreenPool(1000)
	gt := p.Spawn(p.Waitall)
	_, err := waitGT(t, gt)
	var pe *eventlet.PanicError
	if !errors.As(err, &pe) {
		t.Fatalf("Waitall from a member: %v, want it to panic", err)
	}
}

func TestPoolSizes(t *testing.T) {
	eventlet.NewGreenPool(0)
	eventlet.NewGreenPool(1)
	mustPanic(t, "NewGreenPool(-1)", func() { eventlet.NewGreenPool(-1) })
	mustPanic(t, "Resize(-1)", func() { eventlet.NewGreenPool(1).Resize(-1) })
}

func TestPoolSpawnFromGoroutineParksWhileFull(t *testing.T) {
	p := eventlet.NewGreenPool(1)
	var evt eventlet.Event[struct{}]
	p.SpawnN(func() { evt.Wait() })
	spawned := make(chan struct{})
	go func() { p.SpawnN(func() {}); close(spawned) }()
	waitUntil(t, "the goroutine parked in Spawn", func() bool { return p.Waiting() == 1 })
	evt.Send(struct{}{})
	<-spawned
	p.Waitall()
}

func TestImap(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		p := eventlet.NewGreenPool(4)
		got := slices.Collect(eventlet.Imap(p, slices.Values([]int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}), passthru[int]))
		if !slices.Equal(got, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}) {
			t.Fatalf("Imap = %v", got)
		}
	})
}

func TestImapEmpty(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		p := eventlet.NewGreenPool(4)
		for range eventlet.Imap(p, slices.Values([]int(nil)), passthru[int]) {
			t.Fatal("Imap of nothing yielded")
		}
	})
}

// TestImapKeepsOrder: results come out in the order of the items whatever order they finish in.
func TestImapKeepsOrder(t *testing.T) {
	inGreen(t, func() {
		p := eventlet.NewGreenPool(5)
		items := []int{5, 1, 4, 2, 3, 0}
		got := slices.Collect(eventlet.Imap(p, slices.Values(items), func(n int) int {
			eventlet.Sleep(time.Duration(n) * time.Millisecond)
			return n
		}))
		if !slices.Equal(got, items) {
			t.Fatalf("Imap = %v, want %v", got, items)
		}
	})
}

// TestImapStopEarly: breaking out of the loop stops the feeding, so Imap returns even over an
// endless sequence, and nothing more is spawned once it has.
func TestImapStopEarly(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		p := eventlet.NewGreenPool(2)
		var calls atomic.Int64
		endless := func(yield func(int) bool) {
			for i := 0; ; i++ {
				if !yield(i) {
					return
				}
			}
		}
		bounded(t, "Imap over an endless sequence, stopped early", func() {
			for v := range eventlet.Imap(p, endless, func(n int) int { calls.Add(1); return n }) {
				if v == 3 {
					break
				}
			}
		})
		p.Waitall()
		n := calls.Load()
		eventlet.Sleep(delay)
		if calls.Load() != n || p.Running() != 0 {
			t.Fatalf("Imap went on spawning after it returned: %d calls, then %d", n, calls.Load())
		}
	})
}

func TestPile(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		p := eventlet.NewGreenPile[int](4)
		for i := range 10 {
			p.Spawn(func() int { return passthru(i) })
		}
		if got := slices.Collect(p.All()); !slices.Equal(got, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}) {
			t.Fatalf("pile = %v", got)
		}
	})
}

func TestPileEmpty(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		p := eventlet.NewGreenPile[int](4)
		if got := slices.Collect(p.All()); len(got) != 0 {
			t.Fatalf("empty pile yielded %v", got)
		}
	})
}

// TestPileSpawnTimesOut is test_pile_spawn_times_out: a Spawn interrupted while it waits for
// room in the full pool leaves the sequence intact.
func TestPileSpawnTimesOut(t *testing.T) {
	inGreen(t, func() {
		p := eventlet.NewGreenPile[int](4)
		for i := range 4 {
			p.Spawn(func() int { return passthru(i) })
		}
		r := catch(func() {
			to := eventlet.NewTimeout(0)
			defer to.Cancel()
			p.Spawn(func() int { return passthru(-1) })
		})
		if _, ok := r.(*eventlet.Timeout); !ok {
			t.Fatalf("Spawn into the full pile: recovered %v, want the Timeout", r)
		}
		for i := 4; i < 10; i++ {
			p.Spawn(func() int { return passthru(i) })
		}
		var got []int
		for {
			v, err, ok := p.Next()
			if !ok {
				break
			}
			if err != nil {
				t.Fatalf("Next: %v", err)
			}
			got = append(got, v)
		}
		if !slices.Equal(got, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}) {
			t.Fatalf("pile = %v", got)
		}
	})
}

func TestPileNextReportsErrors(t *testing.T) {
	forEachContext(t, func(t *testing.T) {
		p := eventlet.NewGreenPile[int](2)
		p.Spawn(func() int { return 1 })
		p.Spawn(func() int { panic(errRuntime) })
		p.Spawn(func() int { return 3 })
		var got []string
		for {
			v, err, ok := p.Next()
			if !ok {
				break
			}
			if err != nil {
				if !errors.Is(err, errRuntime) {
					t.Fatalf("Next error %v", err)
				}
				got = append(got, "r")
				continue
			}
			got = append(got, string(rune('0'+v)))
		}
		if !slices.Equal(got, []string{"1", "r", "3"}) {
			t.Fatalf("results %v", got)
		}
	})
}

func TestPileConstructingFromPool(t *testing.T) {
	inGreen(t, func() {
		pool := eventlet.NewGreenPool(2)
		pile1 := eventlet.NewGreenPileIn[int](pool)
		pile2 := eventlet.NewGreenPileIn[int](pool)
		bunchOfWork := func(pile *eventlet.GreenPile[int], unique int) func() {
			return func() {
				for i := range 10 {
					pile.Spawn(func() int { return passthru(i + unique) })
				}
			}
		}
		eventlet.SpawnN(bunchOfWork(pile1, 0))
		eventlet.SpawnN(bunchOfWork(pile2, 100))
		eventlet.Sleep(0)
		want2 := []int{100, 101, 102, 103, 104, 105, 106, 107, 108, 109}
		if got := slices.Collect(pile2.All()); !slices.Equal(got, want2) {
			t.Fatalf("pile2 = %v", got)
		}
		if got := slices.Collect(pile1.All()); !slices.Equal(got, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}) {
			t.Fatalf("pile1 = %v", got)
		}
	})
}

// pressure is the stress tests' worker: it sleeps a random number of random short times, then
// returns its token or fails with it.
func pressure(r *rand.Rand, token [2]int) [2]int {
	for r.Float64() < 0.5 {
		eventlet.Sleep(time.Duration(r.Float64() * float64(time.Millisecond)))
	}
	if r.Float64() < 0.8 {
		return token
	}
	panic(token)
}

// TestPileOrderingUnderPressure is the Stress class's spawn_order_check: three feeders spawn into
// one pile while results are taken; each feeder's results come out in its order.
func TestPileOrderingUnderPressure(t *testing.T) {
	for _, concurrency := range []int{5, 50} {
		t.Run("", func(t *testing.T) {
			inGreen(t, func() {
				r := rand.New(rand.NewSource(0)) // greenthreads of one hub: no lock needed
				p := eventlet.NewGreenPile[[2]int](concurrency)
				const iters = 300
				var feeders []*eventlet.GreenThread[struct{}]
				for unique := 1; unique <= 3; unique++ {
					feeders = append(feeders, eventlet.Spawn(func() struct{} {
						for i := range iters {
							p.Spawn(func() [2]int { return pressure(r, [2]int{unique, i}) })
						}
						return struct{}{}
					}))
				}
				for _, f := range feeders {
					f.Wait()
				}
				latest := [4]int{-1, -1, -1, -1}
				received := 0
				for {
					v, err, ok := p.Next()
					if !ok {
						break
					}
					if err != nil {
						var pe *eventlet.PanicError
						if !errors.As(err, &pe) {
							t.Fatalf("Next: %v", err)
						}
						v = pe.Value.([2]int)
					}
					if received++; received%5 == 0 {
						eventlet.Sleep(100 * time.Microsecond)
					}
					if v[1] <= latest[v[0]] {
						t.Fatalf("token %v after %d of the same feeder", v, latest[v[0]])
					}
					latest[v[0]] = v[1]
				}
				for unique := 1; unique <= 3; unique++ {
					if latest[unique] != iters-1 {
						t.Fatalf("feeder %d: last token %d, want %d", unique, latest[unique], iters-1)
					}
				}
			})
		})
	}
}

// TestImapUnderPressure is imap_memory_check's ordering part: strictly ordered results, all of
// them.
func TestImapUnderPressure(t *testing.T) {
	for _, concurrency := range []int{50, 500} {
		t.Run("", func(t *testing.T) {
			inGreen(t, func() {
				r := rand.New(rand.NewSource(1))
				p := eventlet.NewGreenPool(concurrency)
				const count = 1000
				latest := -1
				items := func(yield func(int) bool) {
					for i := range count {
						if !yield(i) {
							return
						}
					}
				}
				for i := range eventlet.Imap(p, items, func(n int) int {
					for r.Float64() < 0.5 {
						eventlet.Sleep(time.Duration(r.Float64() * float64(time.Millisecond)))
					}
					return n
				}) {
					if i <= latest {
						t.Fatalf("%d after %d", i, latest)
					}
					latest = i
					if latest%5 == 0 {
						eventlet.Sleep(time.Millisecond)
					}
				}
				if latest != count-1 {
					t.Fatalf("last result %d, want %d", latest, count-1)
				}
			})
		})
	}
}

// TestImapReraisesAPanic is test_imap_raises: the failure of one call comes out of the iteration
// at its turn, after the results before it.
func TestImapReraisesAPanic(t *testing.T) {
	boom := errors.New("boom")
	inGreen(t, func() {
		p := eventlet.NewGreenPool(4)
		var got []int
		func() {
			defer func() {
				if r := recover(); r != boom {
					t.Errorf("iteration ended with %v, want the panic %v", r, boom)
				}
			}()
			for v := range eventlet.Imap(p, slices.Values([]int{1, 2, 3, 4, 5}), func(i int) int {
				if i == 3 {
					panic(boom)
				}
				return i * 10
			}) {
				got = append(got, v)
			}
		}()
		if !slices.Equal(got, []int{10, 20}) {
			t.Errorf("results before the failure: %v, want [10 20]", got)
		}
		p.Waitall()
	})
}
