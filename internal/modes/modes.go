// Package modes runs a test body the three ways a green primitive must work: with every party a
// plain goroutine, with every party a greenthread of the default hub, and mixed. Party 0 is the
// body itself; the body starts the others with Mode.Start. Bodies receive and send with
// eventlet.Recv and eventlet.Send, the plain operations from a goroutine that park a greenthread.
package modes

import (
	"testing"

	"github.com/eventlet-go/eventlet"
)

// Mode says which parties of a test body are greenthreads.
type Mode struct {
	Name  string
	green func(party int) bool
}

// All lists the modes: goroutines, greenthreads, and mixed (odd parties are greenthreads, the
// body and the even parties goroutines).
var All = []Mode{
	{"goroutines", func(int) bool { return false }},
	{"greenthreads", func(int) bool { return true }},
	{"mixed", func(party int) bool { return party%2 == 1 }},
}

// Run runs body once in each mode, as a subtest named for the mode.
func Run(t *testing.T, body func(t *testing.T, m Mode)) {
	t.Helper()
	for _, m := range All {
		t.Run(m.Name, func(t *testing.T) {
			if !m.Green(0) {
				body(t, m)
				return
			}
			_, err := eventlet.Spawn(func() struct{} { body(t, m); return struct{}{} }).Wait()
			if err != nil {
				t.Fatalf("test body: %v", err)
			}
		})
	}
}

// Green reports whether party runs as a greenthread in m.
func (m Mode) Green(party int) bool { return m.green(party) }

// Start starts f as the given party of m: a greenthread of the default hub or a goroutine.
func (m Mode) Start(party int, f func()) {
	if m.green(party) {
		eventlet.SpawnN(f)
		return
	}
	go f()
}
