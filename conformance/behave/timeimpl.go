package behave

import (
	"time"

	greentime "github.com/eventlet-go/eventlet/green/time"
)

// Time is an implementation of package time's waiting functions, typed so that time's and
// green/time's fit the same fields.
type Time struct {
	Sleep      func(d time.Duration)
	After      func(d time.Duration) <-chan time.Time
	Tick       func(d time.Duration) <-chan time.Time
	NewTimer   func(d time.Duration) Timer
	AfterFunc  func(d time.Duration, f func()) Timer
	NewTicker  func(d time.Duration) Ticker
	ZeroTimer  func() Timer  // a Timer not made by NewTimer or AfterFunc
	ZeroTicker func() Ticker // a Ticker not made by NewTicker
}

// Timer is a *time.Timer or green/time's *Timer: its channel and methods.
type Timer struct {
	C     <-chan time.Time
	Stop  func() bool
	Reset func(d time.Duration) bool
}

// Ticker is a *time.Ticker or green/time's *Ticker: its channel and methods.
type Ticker struct {
	C     <-chan time.Time
	Stop  func()
	Reset func(d time.Duration)
}

// StdlibTime is package time.
var StdlibTime = &Time{
	Sleep: time.Sleep,
	After: time.After,
	Tick:  time.Tick,
	NewTimer: func(d time.Duration) Timer {
		t := time.NewTimer(d)
		return Timer{t.C, t.Stop, t.Reset}
	},
	AfterFunc: func(d time.Duration, f func()) Timer {
		t := time.AfterFunc(d, f)
		return Timer{t.C, t.Stop, t.Reset}
	},
	NewTicker: func(d time.Duration) Ticker {
		t := time.NewTicker(d)
		return Ticker{t.C, t.Stop, t.Reset}
	},
	ZeroTimer: func() Timer {
		t := new(time.Timer)
		return Timer{t.C, t.Stop, t.Reset}
	},
	ZeroTicker: func() Ticker {
		t := new(time.Ticker)
		return Ticker{t.C, t.Stop, t.Reset}
	},
}

// GreenTime is package green/time.
var GreenTime = &Time{
	Sleep: greentime.Sleep,
	After: greentime.After,
	Tick:  greentime.Tick,
	NewTimer: func(d time.Duration) Timer {
		t := greentime.NewTimer(d)
		return Timer{t.C, t.Stop, t.Reset}
	},
	AfterFunc: func(d time.Duration, f func()) Timer {
		t := greentime.AfterFunc(d, f)
		return Timer{t.C, t.Stop, t.Reset}
	},
	NewTicker: func(d time.Duration) Ticker {
		t := greentime.NewTicker(d)
		return Ticker{t.C, t.Stop, t.Reset}
	},
	ZeroTimer: func() Timer {
		t := new(greentime.Timer)
		return Timer{t.C, t.Stop, t.Reset}
	},
	ZeroTicker: func() Ticker {
		t := new(greentime.Ticker)
		return Ticker{t.C, t.Stop, t.Reset}
	},
}
