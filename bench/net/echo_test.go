package netbench

import (
	"fmt"
	"io"
	"net"
	"sync"
	"testing"

	"github.com/eventlet-go/eventlet"
	greennet "github.com/eventlet-go/eventlet/green/net"
)

// msgSize is the size of one echoed message.
const msgSize = 64

// BenchmarkEcho measures echo round trips over loopback TCP: conns clients each send a message
// of msgSize bytes and wait for it to come back, over and over, to a server with one handler per
// connection. "net" is net with goroutines (server and clients); "green" is green/net with
// greenthreads on one hub (server and clients). It reports round trips per second (rt/s); run
// it at GOMAXPROCS=1 (-cpu 1) to compare one core's worth.
func BenchmarkEcho(b *testing.B) {
	for _, conns := range []int{1, 50} {
		b.Run(fmt.Sprintf("net/conns=%d", conns), func(b *testing.B) { echoNet(b, conns) })
		b.Run(fmt.Sprintf("green/conns=%d", conns), func(b *testing.B) { echoGreen(b, conns) })
	}
}

// echoNet is BenchmarkEcho for net.
func echoNet(b *testing.B, conns int) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go echo(c)
		}
	}()
	cs := dialAll(b, net.Dial, ln.Addr().String(), conns)
	defer closeAll(cs)
	b.ReportAllocs()
	b.ResetTimer()
	var wg sync.WaitGroup
	for i, c := range cs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pingPong(b, c, share(b.N, conns, i))
		}()
	}
	wg.Wait()
	reportRate(b)
}

// echoGreen is BenchmarkEcho for green/net: everything runs in greenthreads of the default hub.
func echoGreen(b *testing.B, conns int) {
	var ln net.Listener
	var cs []net.Conn
	inGreen(b, func() {
		var err error
		if ln, err = greennet.Listen("tcp", "127.0.0.1:0"); err != nil {
			b.Fatal(err)
		}
		eventlet.SpawnN(func() {
			for {
				c, err := ln.Accept()
				if err != nil {
					return
				}
				eventlet.SpawnN(func() { echo(c) })
			}
		})
		cs = dialAll(b, greennet.Dial, ln.Addr().String(), conns)
	})
	defer ln.Close()
	defer closeAll(cs)
	b.ReportAllocs()
	b.ResetTimer()
	inGreen(b, func() {
		gts := make([]*eventlet.GreenThread[struct{}], len(cs))
		for i, c := range cs {
			gts[i] = eventlet.Spawn(func() struct{} { pingPong(b, c, share(b.N, conns, i)); return struct{}{} })
		}
		for _, gt := range gts {
			gt.Wait()
		}
	})
	reportRate(b)
}

// echo writes back what c reads until c fails.
func echo(c net.Conn) {
	defer c.Close()
	buf := make([]byte, 512)
	for {
		n, err := c.Read(buf)
		if err != nil {
			return
		}
		if _, err := c.Write(buf[:n]); err != nil {
			return
		}
	}
}

// pingPong sends n messages on c, one at a time, each waiting for its echo.
func pingPong(b *testing.B, c net.Conn, n int) {
	out := make([]byte, msgSize)
	in := make([]byte, msgSize)
	for range n {
		if _, err := c.Write(out); err != nil {
			b.Error(err)
			return
		}
		if _, err := io.ReadFull(c, in); err != nil {
			b.Error(err)
			return
		}
	}
}

// share is client i's part of n round trips among conns clients.
func share(n, conns, i int) int {
	s := n / conns
	if i < n%conns {
		s++
	}
	return s
}

// dialAll dials conns connections to addr.
func dialAll(b *testing.B, dial func(network, address string) (net.Conn, error), addr string, conns int) []net.Conn {
	cs := make([]net.Conn, conns)
	for i := range cs {
		c, err := dial("tcp", addr)
		if err != nil {
			b.Fatal(err)
		}
		cs[i] = c
	}
	return cs
}

func closeAll(cs []net.Conn) {
	for _, c := range cs {
		c.Close()
	}
}

// reportRate reports b.N operations over the elapsed time as rt/s.
func reportRate(b *testing.B) {
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "rt/s")
}

// inGreen runs f in a greenthread of the default hub and waits for it.
func inGreen(b *testing.B, f func()) {
	if _, err := eventlet.Spawn(func() struct{} { f(); return struct{}{} }).Wait(); err != nil {
		b.Fatal(err)
	}
}
