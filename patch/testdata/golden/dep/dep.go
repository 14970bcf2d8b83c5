// Package dep stands for a dependency the golden tests do not patch.
package dep

import (
	"net"
	"net/http"
	"sync"
	"time"
)

// Lock locks mu.
func Lock(mu *sync.Mutex) { mu.Lock() }

// Dial returns a stdlib connection.
func Dial() (net.Conn, error) { return net.Dial("tcp", "127.0.0.1:1") }

// Client returns a stdlib HTTP client.
func Client() *http.Client { return http.DefaultClient }

// Serve calls handle with each connection it accepts.
func Serve(handle func(net.Conn)) {}

// Handle takes a connection: a green one is fine.
func Handle(c net.Conn) {}

// Ticks returns a channel of times.
func Ticks() <-chan time.Time { return time.After(0) }

type secret struct{ n int }

// Secrets returns a channel of a type other packages cannot name.
func Secrets() chan secret { return make(chan secret, 1) }

// Config holds a client.
type Config struct {
	Client *http.Client
	Name   string
}
