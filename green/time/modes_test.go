package time_test

import (
	"reflect"
	"testing"

	"github.com/eventlet-go/eventlet"
)

// mode is how a test body, party 0, and the parties it starts run: as plain goroutines, as
// greenthreads of the default hub, or mixed (odd parties are greenthreads, the body and the even
// parties goroutines). The bodies receive and send with eventlet.Recv and eventlet.Send, which
// are the plain operations from a goroutine and park a greenthread.
type mode struct {
	name  string
	green func(party int) bool
}

var modes = []mode{
	{"goroutines", func(int) bool { return false }},
	{"greenthreads", func(int) bool { return true }},
	{"mixed", func(party int) bool { return party%2 == 1 }},
}

// forModes runs body once in each mode, as a subtest.
func forModes(t *testing.T, body func(t *testing.T, m mode)) {
	t.Helper()
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			m.run(t, func() { body(t, m) })
		})
	}
}

// run runs f as party 0 of m and waits for it; a panic in a greenthread fails t.
func (m mode) run(t *testing.T, f func()) {
	t.Helper()
	if !m.green(0) {
		f()
		return
	}
	if _, err := eventlet.Spawn(func() struct{} { f(); return struct{}{} }).Wait(); err != nil {
		t.Fatalf("test body: %v", err)
	}
}

// start starts f as the given party of m.
func (m mode) start(party int, f func()) {
	if m.green(party) {
		eventlet.SpawnN(f)
		return
	}
	go f()
}

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
