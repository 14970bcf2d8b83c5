package timesync

import (
	"reflect"
	stdsync "sync"
	stdtime "time"

	gsync "github.com/eventlet-go/eventlet/green/sync"
	gtime "github.com/eventlet-go/eventlet/green/time"
)

// Impl is an implementation of time and sync: the functions checks call, typed so that the
// stdlib's and the green packages' fit the same fields. green/time's Time and Duration are
// time's, so channels and durations need no conversion.
type Impl struct {
	Name string

	NewTimer   func(d stdtime.Duration) (Timer, <-chan stdtime.Time)
	AfterFunc  func(d stdtime.Duration, f func()) Timer
	After      func(d stdtime.Duration) <-chan stdtime.Time
	NewTicker  func(d stdtime.Duration) (Ticker, <-chan stdtime.Time)
	Tick       func(d stdtime.Duration) <-chan stdtime.Time
	Sleep      func(d stdtime.Duration)
	ZeroTimer  func() Timer  // a Timer declared, not made by NewTimer
	ZeroTicker func() Ticker // a Ticker declared, not made by NewTicker

	NewMutex     func() Mutex
	NewRWMutex   func() RWMutex
	NewWaitGroup func() WaitGroup
	NewOnce      func() Once
	NewCond      func(l stdsync.Locker) Cond
	// SignalCopiedCond uses a Cond, copies it (hidden from vet) and signals the copy.
	SignalCopiedCond func()
	OnceFunc         func(f func()) func()
	OnceValue        func(f func() int) func() int
	OnceValues       func(f func() (int, string)) func() (int, string)
}

// Timer is what time.Timer and green/time.Timer have in common.
type Timer interface {
	Stop() bool
	Reset(d stdtime.Duration) bool
}

// Ticker is what time.Ticker and green/time.Ticker have in common.
type Ticker interface {
	Stop()
	Reset(d stdtime.Duration)
}

// Mutex is what sync.Mutex and green/sync.Mutex have in common.
type Mutex interface {
	Lock()
	Unlock()
	TryLock() bool
}

// RWMutex is what sync.RWMutex and green/sync.RWMutex have in common.
type RWMutex interface {
	Mutex
	RLock()
	RUnlock()
	TryRLock() bool
	RLocker() stdsync.Locker
}

// WaitGroup is what sync.WaitGroup and green/sync.WaitGroup have in common.
type WaitGroup interface {
	Add(delta int)
	Done()
	Wait()
	Go(f func())
}

// Once is what sync.Once and green/sync.Once have in common.
type Once interface{ Do(f func()) }

// Cond is what sync.Cond and green/sync.Cond have in common.
type Cond interface {
	Wait()
	Signal()
	Broadcast()
}

// Stdlib is time and sync.
var Stdlib = &Impl{
	Name: "stdlib",

	NewTimer: func(d stdtime.Duration) (Timer, <-chan stdtime.Time) {
		t := stdtime.NewTimer(d)
		return t, t.C
	},
	AfterFunc: func(d stdtime.Duration, f func()) Timer { return stdtime.AfterFunc(d, f) },
	After:     stdtime.After,
	NewTicker: func(d stdtime.Duration) (Ticker, <-chan stdtime.Time) {
		t := stdtime.NewTicker(d)
		return t, t.C
	},
	Tick:       stdtime.Tick,
	Sleep:      stdtime.Sleep,
	ZeroTimer:  func() Timer { return new(stdtime.Timer) },
	ZeroTicker: func() Ticker { return new(stdtime.Ticker) },

	NewMutex:     func() Mutex { return new(stdsync.Mutex) },
	NewRWMutex:   func() RWMutex { return new(stdsync.RWMutex) },
	NewWaitGroup: func() WaitGroup { return new(stdsync.WaitGroup) },
	NewOnce:      func() Once { return new(stdsync.Once) },
	NewCond:      func(l stdsync.Locker) Cond { return stdsync.NewCond(l) },
	SignalCopiedCond: func() {
		c := stdsync.Cond{L: new(stdsync.Mutex)}
		c.Signal()
		var c2 stdsync.Cond
		reflect.ValueOf(&c2).Elem().Set(reflect.ValueOf(&c).Elem())
		c2.Signal()
	},
	OnceFunc:   stdsync.OnceFunc,
	OnceValue:  stdsync.OnceValue[int],
	OnceValues: stdsync.OnceValues[int, string],
}

// Green is green/time and green/sync.
var Green = &Impl{
	Name: "green",

	NewTimer: func(d stdtime.Duration) (Timer, <-chan stdtime.Time) {
		t := gtime.NewTimer(d)
		return t, t.C
	},
	AfterFunc: func(d stdtime.Duration, f func()) Timer { return gtime.AfterFunc(d, f) },
	After:     gtime.After,
	NewTicker: func(d stdtime.Duration) (Ticker, <-chan stdtime.Time) {
		t := gtime.NewTicker(d)
		return t, t.C
	},
	Tick:       gtime.Tick,
	Sleep:      gtime.Sleep,
	ZeroTimer:  func() Timer { return new(gtime.Timer) },
	ZeroTicker: func() Ticker { return new(gtime.Ticker) },

	NewMutex:     func() Mutex { return new(gsync.Mutex) },
	NewRWMutex:   func() RWMutex { return new(gsync.RWMutex) },
	NewWaitGroup: func() WaitGroup { return new(gsync.WaitGroup) },
	NewOnce:      func() Once { return new(gsync.Once) },
	NewCond:      func(l stdsync.Locker) Cond { return gsync.NewCond(l) },
	SignalCopiedCond: func() {
		c := gsync.Cond{L: new(gsync.Mutex)}
		c.Signal()
		var c2 gsync.Cond
		reflect.ValueOf(&c2).Elem().Set(reflect.ValueOf(&c).Elem())
		c2.Signal()
	},
	OnceFunc:   gsync.OnceFunc,
	OnceValue:  gsync.OnceValue[int],
	OnceValues: gsync.OnceValues[int, string],
}
