package eventlet_test

import (
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eventlet-go/eventlet"
)

func TestTenThousandSleepersShareOneHub(t *testing.T) {
	const n = 10000
	counter := 0 // no lock: greenthreads of one hub never run at the same time
	elapsed, err := eventlet.Spawn(func() time.Duration {
		gts := make([]*eventlet.GreenThread[struct{}], n)
		for i := range n {
			gts[i] = eventlet.Spawn(func() struct{} {
				eventlet.Sleep(20 * time.Millisecond)
				counter++
				return struct{}{}
			})
		}
		// None has started yet: they run once this greenthread yields, here.
		start := time.Now()
		for _, gt := range gts {
			if _, err := gt.Wait(); err != nil {
				t.Error(err)
			}
		}
		return time.Since(start)
	}).Wait()
	if err != nil {
		t.Fatal(err)
	}
	if counter != n {
		t.Fatalf("counter %d, want %d", counter, n)
	}
	// One after another they would take 200 s.
	if elapsed > raceSlowdown*900*time.Millisecond {
		t.Fatalf("%d concurrent 20ms sleeps took %v: they did not run concurrently", n, elapsed)
	}
	t.Logf("%d greenthreads slept 20ms each in %v", n, elapsed)
}

func TestWaitResultPanicAndKill(t *testing.T) {
	if v, err := eventlet.Spawn(func() int { return 7 }).Wait(); v != 7 || err != nil {
		t.Fatalf("got %v, %v", v, err)
	}
	boom := errors.New("boom")
	_, err := eventlet.Spawn(func() int { panic(boom) }).Wait()
	var pe *eventlet.PanicError
	if !errors.As(err, &pe) || !errors.Is(err, boom) {
		t.Fatalf("panic came back as %v", err)
	}
	// From a greenthread, a spawned greenthread cannot start before the spawner yields.
	eventlet.Spawn(func() struct{} {
		ran := false
		gt := eventlet.Spawn(func() int { ran = true; return 1 })
		gt.Kill()
		if _, err := gt.Wait(); !errors.Is(err, eventlet.ErrGreenletExit) || ran {
			t.Errorf("killed before start: err=%v ran=%v", err, ran)
		}
		return struct{}{}
	}).Wait()
	started := make(chan struct{})
	var cleaned atomic.Bool
	gt := eventlet.Spawn(func() int {
		defer cleaned.Store(true)
		close(started)
		eventlet.Sleep(time.Hour)
		return 1
	})
	<-started
	gt.Kill()
	if !gt.Dead() || !cleaned.Load() {
		t.Fatalf("after Kill: dead=%v cleaned=%v", gt.Dead(), cleaned.Load())
	}
	if _, err := gt.Wait(); !errors.Is(err, eventlet.ErrGreenletExit) {
		t.Fatal(err)
	}
}

func TestTimeoutInterruptsSleep(t *testing.T) {
	_, err := eventlet.Spawn(func() error {
		return eventlet.WithTimeout(10*time.Millisecond, func() { eventlet.Sleep(time.Hour) })
	}).Wait()
	if err != nil {
		t.Fatal(err)
	}
	res, _ := eventlet.Spawn(func() error {
		return eventlet.WithTimeout(10*time.Millisecond, func() { eventlet.Sleep(time.Hour) })
	}).Wait()
	if !errors.Is(res, eventlet.ErrTimeout) {
		t.Fatalf("WithTimeout returned %v", res)
	}
	if err := eventlet.WithTimeout(10*time.Millisecond, func() { eventlet.Sleep(time.Hour) }); !errors.Is(err, eventlet.ErrTimeout) {
		t.Fatalf("from a goroutine: %v", err)
	}
}

func TestQueueBetweenGreenthreadsAndGoroutines(t *testing.T) {
	for _, size := range []int{-1, 0, 1, 3} {
		q := eventlet.NewQueue[int](size)
		const n = 200
		eventlet.SpawnN(func() {
			for i := range n {
				q.Put(i)
			}
		})
		go func() {
			for i := n; i < 2*n; i++ {
				q.Put(i)
			}
		}()
		sum := 0
		got, _ := eventlet.Spawn(func() int {
			for range n {
				sum += q.Get()
			}
			return sum
		}).Wait()
		for range n {
			got += q.Get()
		}
		if want := (2*n - 1) * 2 * n / 2; got != want {
			t.Fatalf("maxsize %d: sum %d, want %d", size, got, want)
		}
	}
}

func TestRecvFromGoroutineChannel(t *testing.T) {
	ch := make(chan int)
	go func() {
		for i := range 100 {
			ch <- i
		}
		close(ch)
	}()
	sum, _ := eventlet.Spawn(func() int {
		s := 0
		for v := range eventlet.Range(ch) {
			s += v
		}
		return s
	}).Wait()
	if sum != 4950 {
		t.Fatal(sum)
	}
}

func TestRecvInterruptedByTimeout(t *testing.T) {
	ch := make(chan int)
	err, _ := eventlet.Spawn(func() error {
		return eventlet.WithTimeout(10*time.Millisecond, func() { eventlet.Recv(ch) })
	}).Wait()
	if !errors.Is(err, eventlet.ErrTimeout) {
		t.Fatal(err)
	}
	select {
	case ch <- 1:
		t.Fatal("the helper goroutine still receives after the greenthread gave up")
	default:
	}
}
