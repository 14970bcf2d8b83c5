//go:build race

package eventlet_test

// raceSlowdown is how much longer timing bounds get under the race detector, which slows
// greenlet-heavy code several times over.
const raceSlowdown = 3
