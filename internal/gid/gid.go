// Package gid identifies the running goroutine.
//
// Get returns the address of the runtime's g structure for the calling goroutine: unique among
// goroutines alive at the same moment, stable for the life of one goroutine, and reused by the
// runtime after a goroutine exits. Callers must therefore only compare it against the identity of
// a goroutine they know to be alive (for example the greenlet a hub is running right now) and
// never keep it as a long-lived key.
//
// On amd64 and arm64 Get is a three-instruction assembly stub that reads the g register or TLS
// slot. Elsewhere it falls back to parsing the goroutine id out of runtime.Stack, which is about a
// thousand times slower but has the same contract. No runtime struct offsets are read anywhere.
package gid
