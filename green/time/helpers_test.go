package time_test

import (
	"reflect"

	"github.com/eventlet-go/eventlet"
)

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
