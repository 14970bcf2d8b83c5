// Package copies copies every green lock by value, for the test that checks go vet's copylocks
// analysis flags such copies as it does for sync's types.
package copies

import "github.com/eventlet-go/eventlet/green/sync"

func Mutex(m *sync.Mutex) sync.Mutex              { return *m }
func RWMutex(m *sync.RWMutex) sync.RWMutex        { return *m }
func WaitGroup(wg *sync.WaitGroup) sync.WaitGroup { return *wg }
func Once(o *sync.Once) sync.Once                 { return *o }
func Cond(c *sync.Cond) sync.Cond                 { return *c }
