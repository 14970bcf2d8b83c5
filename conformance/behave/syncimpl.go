package behave

import (
	"sync"

	greensync "github.com/eventlet-go/eventlet/green/sync"
)

// Sync is an implementation of package sync's waiting types, typed so that sync's and
// green/sync's fit the same fields. The New functions return zero values, as a program declares
// them.
type Sync struct {
	NewMutex     func() Mutex
	NewRWMutex   func() RWMutex
	NewWaitGroup func() WaitGroup
	NewOnce      func() Once
	NewCond      func(l sync.Locker) Cond
	OnceFunc     func(f func()) func()
	OnceValue    func(f func() int) func() int
	OnceValues   func(f func() (int, error)) func() (int, error)
}

// Mutex is what sync's and green/sync's Mutex share.
type Mutex interface {
	sync.Locker
	TryLock() bool
}

// RWMutex is what sync's and green/sync's RWMutex share.
type RWMutex interface {
	Mutex
	RLock()
	RUnlock()
	TryRLock() bool
	RLocker() sync.Locker
}

// WaitGroup is what sync's and green/sync's WaitGroup share.
type WaitGroup interface {
	Add(delta int)
	Done()
	Wait()
	Go(f func())
}

// Once is what sync's and green/sync's Once share.
type Once interface {
	Do(f func())
}

// Cond is what sync's and green/sync's Cond share (L is the Locker given to NewCond).
type Cond interface {
	Wait()
	Signal()
	Broadcast()
}

// StdlibSync is package sync.
var StdlibSync = &Sync{
	NewMutex:     func() Mutex { return new(sync.Mutex) },
	NewRWMutex:   func() RWMutex { return new(sync.RWMutex) },
	NewWaitGroup: func() WaitGroup { return new(sync.WaitGroup) },
	NewOnce:      func() Once { return new(sync.Once) },
	NewCond:      func(l sync.Locker) Cond { return sync.NewCond(l) },
	OnceFunc:     sync.OnceFunc,
	OnceValue:    sync.OnceValue[int],
	OnceValues:   sync.OnceValues[int, error],
}

// GreenSync is package green/sync.
var GreenSync = &Sync{
	NewMutex:     func() Mutex { return new(greensync.Mutex) },
	NewRWMutex:   func() RWMutex { return new(greensync.RWMutex) },
	NewWaitGroup: func() WaitGroup { return new(greensync.WaitGroup) },
	NewOnce:      func() Once { return new(greensync.Once) },
	NewCond:      func(l sync.Locker) Cond { return greensync.NewCond(l) },
	OnceFunc:     greensync.OnceFunc,
	OnceValue:    greensync.OnceValue[int],
	OnceValues:   greensync.OnceValues[int, error],
}
