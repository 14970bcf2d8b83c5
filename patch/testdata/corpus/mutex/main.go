// Mutex-protected state: many goroutines update a shared account under a
// Mutex, read it under an RWMutex, and initialise it once.
package main

import (
	"fmt"
	"sync"
	"time"
)

type account struct {
	mu      sync.Mutex
	balance int
	history []int
}

func (a *account) deposit(n int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	b := a.balance
	// Sleep while holding the lock: another goroutine that ran now would
	// see a stale balance without the mutex.
	time.Sleep(time.Microsecond)
	a.balance = b + n
	a.history = append(a.history, n)
}

type cache struct {
	mu   sync.RWMutex
	data map[string]int
	once sync.Once
}

func (c *cache) get(k string) (int, bool) {
	c.once.Do(func() { c.data = map[string]int{"init": 1} })
	c.mu.RLock()
	defer c.mu.RUnlock()
	v, ok := c.data[k]
	return v, ok
}

func (c *cache) set(k string, v int) {
	c.once.Do(func() { c.data = map[string]int{"init": 1} })
	c.mu.Lock()
	c.data[k] = v
	c.mu.Unlock()
}

func main() {
	var acc account
	var wg sync.WaitGroup
	for i := 1; i <= 50; i++ {
		wg.Add(1)
		go func(n int) {
			defer wg.Done()
			acc.deposit(n)
		}(i)
	}
	wg.Wait()
	fmt.Println("balance:", acc.balance, "deposits:", len(acc.history))

	var c cache
	for i := 0; i < 10; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			c.set(fmt.Sprint("k", i), i)
		}()
		go func() {
			defer wg.Done()
			c.get("init")
		}()
	}
	wg.Wait()
	v, ok := c.get("k9")
	fmt.Println("k9:", v, ok, "size:", len(c.data))
	once := sync.OnceValue(func() int { return 42 })
	fmt.Println("once:", once(), once())
}
