package netbench

import (
	"net"
	"sync"
	"testing"

	"github.com/eventlet-go/eventlet"
	greennet "github.com/eventlet-go/eventlet/green/net"
)

// BenchmarkParkedRead measures a Read that waits and then becomes ready: two parties pass one
// byte back and forth over a loopback TCP connection, each parked in Read until the other's
// byte arrives. One op is one hand-over: a 1-byte Write by one party and the wake-up and Read of
// the other, which was parked. "net" uses goroutines and the runtime's poller; "green"
// greenthreads on one hub. Run it at GOMAXPROCS=1 (-cpu 1).
func BenchmarkParkedRead(b *testing.B) {
	b.Run("net", func(b *testing.B) {
		c, s := pair(b, net.Listen, net.Dial)
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			bounce(b, s, b.N)
		}()
		b.ReportAllocs()
		b.ResetTimer()
		serve(b, c, b.N)
		wg.Wait()
	})
	b.Run("green", func(b *testing.B) {
		var c, s net.Conn
		inGreen(b, func() { c, s = pair(b, greennet.Listen, greennet.Dial) })
		b.ReportAllocs()
		b.ResetTimer()
		inGreen(b, func() {
			gt := eventlet.Spawn(func() struct{} { bounce(b, s, b.N); return struct{}{} })
			serve(b, c, b.N)
			gt.Wait()
		})
	})
}

// serve and bounce pass a byte back and forth over their ends of a connection, n hand-overs in
// all: serve sends first and sends every other byte, bounce answers.
func serve(b *testing.B, c net.Conn, n int) {
	buf := make([]byte, 1)
	for i := 0; i < n; i += 2 {
		if _, err := c.Write(buf); err != nil {
			b.Error(err)
			return
		}
		if i+1 < n {
			if _, err := c.Read(buf); err != nil {
				b.Error(err)
				return
			}
		}
	}
}

// bounce is serve's other end.
func bounce(b *testing.B, c net.Conn, n int) {
	buf := make([]byte, 1)
	for i := 0; i < n; i += 2 {
		if _, err := c.Read(buf); err != nil {
			b.Error(err)
			return
		}
		if i+1 < n {
			if _, err := c.Write(buf); err != nil {
				b.Error(err)
				return
			}
		}
	}
}

// pair returns the two ends of a loopback TCP connection, closed when b ends.
func pair(b *testing.B, listen func(network, address string) (net.Listener, error), dial func(network, address string) (net.Conn, error)) (net.Conn, net.Conn) {
	ln, err := listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer ln.Close()
	c, err := dial("tcp", ln.Addr().String())
	if err != nil {
		b.Fatal(err)
	}
	s, err := ln.Accept()
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { c.Close(); s.Close() })
	return c, s
}
