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
//
// Timers and tickers live on the timer heap of the caller's hub (the
// default hub for a plain goroutine) and follow Go 1.23's rules: Stop and
// Reset report whether the timer was active, a value not yet received
// counting as active, and no value from before them is received after they
// return; a ticker drops the ticks a slow receiver misses. A greenlet
// receives from their channels with eventlet.Recv or eventlet.Select, which
// wait on the timer itself, with no helper goroutine; a plain goroutine
// receives as usual. AfterFunc runs its function in a greenthread of its
// own.
//
// Differences from time, all outside what time promises about values:
// Sleep(d) with d ≤ 0 yields to the other ready greenlets before it
// returns; a timer's channel has a buffer of one, so len(C) is 1 while an
// expired value waits (time's reports 0); a timer is held by its hub until
// it fires or is stopped, and a ticker until it is stopped (time lets the
// garbage collector take unreferenced ones); a panic in an AfterFunc
// function ends its greenthread only and is logged, where it would crash
// the program.
package time
