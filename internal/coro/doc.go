// Package coro implements greenlets on top of iter.Pull coroutines: the switching core shared by
// the public greenlet package and the hub.
//
// Each goroutine that touches greenlets owns a Tree. The goroutine itself is the tree's root (its
// implicit main greenlet); every other greenlet of the tree runs on a worker, an iter.Pull
// coroutine. Only one greenlet of a tree runs at a time. A third-party package cannot reach the
// runtime's symmetric coroutine switch, so switching between two non-root greenlets goes through
// the root: the switching greenlet yields to the root's trampoline, which resumes the target.
// Switching to or from the root costs one coroutine switch; between two other greenlets, two.
//
// The methods of G are the public greenlet API (package greenlet aliases G). The package-level
// functions (NewRoot, Resume, Park, Init, ...) are the hub's lower-level door: they return the raw
// Transfer instead of raising it, so a hub can survive whatever its greenlets do.
//
// Workers are reused: when a greenlet finishes, its worker goes back to the tree's idle pool and
// runs the next greenlet started in the tree, so starting a greenlet allocates no coroutine in
// steady state.
package coro
