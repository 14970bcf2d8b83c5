// Package sync mirrors the standard library's package sync: it declares
// every exported name of sync, so a program switches by changing its
// import path.
//
// Map, Pool and Locker are sync's own, as aliases: they never make one
// goroutine wait for another.
//
// What waits is green: Mutex, RWMutex, WaitGroup, Once, Cond, OnceFunc,
// OnceValue and OnceValues park a waiting greenlet on the hub instead of
// blocking its thread, so a greenlet may hold a lock across a park without
// stalling the others. Called from a plain goroutine, they block that
// goroutine only. Zero values are ready to use, as in sync.
package sync
