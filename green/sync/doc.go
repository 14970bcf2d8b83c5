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
//
// Greenlets and plain goroutines may share one value: every waiter, of
// either kind, joins the same first-come, first-served line (the hub's
// Waiter queue), and a lock is handed to the longest waiter on unlock. A
// lock belongs to no goroutine or greenlet, so its holder may park. A
// greenlet interrupted while it waits (Kill, an expired eventlet.Timeout)
// leaves the line without what it waited for and the interruption is
// raised from the call; Cond.Wait locks L again first. go vet's copylocks
// check flags copies of these types, as it does sync's.
//
// Differences from sync: unlocking an unlocked Mutex or RWMutex panics with
// sync's message instead of throwing an unrecoverable fatal error; a panic
// in a function started by WaitGroup.Go ends its greenthread only, is
// logged, and counts the task as done, where it would crash the program; an
// interruption that unwinds the function of a Once or OnceFunc counts as its
// panic.
package sync
