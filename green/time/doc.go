// Package time mirrors the standard library's package time: it declares
// every exported name of time, so a program switches by changing its
// import path.
//
// Everything that does not wait is time's own: Time, Duration, Month,
// Location, the layouts and constants are aliases, and Now, Parse, Date
// and the other functions call time's. Reassigning Local or UTC changes
// this package's variables only, not time's.
//
// What waits is green: Sleep, After, Tick, AfterFunc, and the Timer and
// Ticker types park the calling greenlet on the hub's timers instead of
// blocking its thread. Called from a plain goroutine, they block that
// goroutine only, with the same results as time.
package time
