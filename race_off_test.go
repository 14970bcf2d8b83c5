//go:build !race

package eventlet_test

const raceSlowdown = 1
