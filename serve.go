package eventlet

import (
	"errors"
	"log"
	"time"

	"github.com/eventlet-go/eventlet/green/net"
)

// StopServe stops Serve: a handler that panics with it (or with an error wrapping it) ends the
// server loop, as raising eventlet.StopServe does.
var StopServe = errors.New("eventlet: stop serving")

// Listen announces on address, with green sockets (eventlet.listen). The stdlib's socket options
// apply: SO_REUSEADDR, a dual-stack listener for "tcp" on a wildcard address.
func Listen(network, address string) (net.Listener, error) {
	return net.Listen(network, address)
}

// Connect dials address with a green socket (eventlet.connect).
func Connect(network, address string) (net.Conn, error) {
	return net.Dial(network, address)
}

// Serve accepts connections on l and runs handler for each in a greenthread of a pool of at most
// concurrency (eventlet.serve); while the pool is full, accepting waits. The connection is closed
// when handler returns. A handler panic is logged and ends only its connection; a panic with
// StopServe ends Serve, which then returns nil after closing l. Serve returns the listener's error
// when Accept fails for good (after Close, net.ErrClosed). Temporary accept failures (out of file
// descriptors) are retried with a backoff, as net/http does.
func Serve(l net.Listener, handler func(net.Conn), concurrency int) error {
	pool := NewGreenPool(concurrency)
	stop := &Event[struct{}]{}
	var backoff time.Duration
	for {
		c, err := acceptUnlessStopped(l, stop)
		if stop.Ready() {
			if c != nil {
				c.Close()
			}
			pool.Waitall()
			return nil
		}
		if err != nil {
			var ne net.Error
			if errors.As(err, &ne) && !ne.Timeout() && isTemporary(err) {
				backoff = min(max(2*backoff, 5*time.Millisecond), time.Second)
				log.Printf("eventlet: Serve: accept: %v; retrying in %v", err, backoff)
				Sleep(backoff)
				continue
			}
			pool.Waitall()
			return err
		}
		backoff = 0
		pool.Spawn(func() {
			defer c.Close()
			defer func() {
				r := recover()
				if r == nil {
					return
				}
				if e, ok := r.(error); ok && errors.Is(e, StopServe) {
					if !stop.Ready() {
						stop.Send(struct{}{})
						l.Close()
					}
					return
				}
				if e, ok := interruption(r); ok {
					panic(e) // killed: let the greenthread die of it
				}
				log.Printf("eventlet: Serve: handler panicked: %v", r)
			}()
			handler(c)
		})
	}
}

// acceptUnlessStopped accepts the next connection; once stop is sent, the listener is closed and
// the error it causes is not the caller's concern.
func acceptUnlessStopped(l net.Listener, stop *Event[struct{}]) (net.Conn, error) {
	c, err := l.Accept()
	if err != nil && stop.Ready() {
		return nil, nil
	}
	return c, err
}

// isTemporary reports accept errors worth retrying: running out of descriptors or buffers.
func isTemporary(err error) bool {
	type temporary interface{ Temporary() bool }
	var t temporary
	return errors.As(err, &t) && t.Temporary()
}
