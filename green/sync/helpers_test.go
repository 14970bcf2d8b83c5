package sync_test

import (
	"bytes"
	"log"
	"reflect"
	"runtime"
	stdsync "sync"
	"testing"

	"github.com/eventlet-go/eventlet"
	"github.com/eventlet-go/eventlet/hub"
)

// yield lets others run: a greenthread parks until the other ready greenthreads of its hub have
// run, a goroutine gives up its processor.
func yield() {
	if hub.Current() != nil {
		eventlet.Sleep(0)
		return
	}
	runtime.Gosched()
}

// allParked returns once every greenthread the caller spawned on the default hub before it has
// run until it parked: greenthreads run in turn, each until it parks, so one spawned last runs
// after them.
func allParked() {
	eventlet.Spawn(func() struct{} { return struct{}{} }).Wait()
}

// panicOf returns what f panics with, or nil.
func panicOf(f func()) (p any) {
	defer func() { p = recover() }()
	f()
	return nil
}

// selectRecv waits for a value on any of the channels cs, as a select statement over receives
// would, and returns the index of the channel it came from.
func selectRecv(cs ...any) int {
	cases := make([]reflect.SelectCase, len(cs))
	for i, c := range cs {
		cases[i] = reflect.SelectCase{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(c)}
	}
	i, _, _ := eventlet.Select(cases)
	return i
}

// captureLog returns what the standard logger printed while f ran and the greenthreads of the
// default hub that were ready meanwhile finished.
func captureLog(t *testing.T, f func()) string {
	t.Helper()
	var mu stdsync.Mutex
	var buf bytes.Buffer
	defer log.SetOutput(log.Writer())
	log.SetOutput(writerFunc(func(p []byte) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		return buf.Write(p)
	}))
	f()
	allParked()
	mu.Lock()
	defer mu.Unlock()
	return buf.String()
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// recvOrDefault receives from c if a value is there, without waiting.
func recvOrDefault[T any](c <-chan T) (T, bool) {
	select {
	case v := <-c:
		return v, true
	default:
		var zero T
		return zero, false
	}
}
