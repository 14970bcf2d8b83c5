package netbench

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eventlet-go/eventlet"
	greennet "github.com/eventlet-go/eventlet/green/net"
	"github.com/eventlet-go/eventlet/internal/resource"
)

// idleConns is how many idle connections BenchmarkIdleConn holds.
const idleConns = 10000

// idleServerEnv, set to a server kind, makes the test binary the server of BenchmarkIdleConn.
const idleServerEnv = "NETBENCH_IDLE_SERVER"

func TestMain(m *testing.M) {
	if kind := os.Getenv(idleServerEnv); kind != "" {
		os.Exit(idleServer(kind))
	}
	os.Exit(m.Run())
}

// BenchmarkIdleConn measures the memory an idle connection costs a server: a server process of
// each kind accepts idleConns connections from this process, echoes one message on each, and
// then, with every connection idle, reports how much its resident set (VmRSS of
// /proc/self/status, after a GC that returns freed memory to the kernel) grew over what it was
// before the first connection. The kinds are "net" (a goroutine per connection, parked in Read),
// "green" (a greenthread per connection, parked in Read) and "green-notify" (no greenthread
// while idle: NotifyReadable starts one when the next message arrives, which borrows a pooled
// buffer). Every handler reads into a buffer of handlerBuf bytes. It reports B/conn; the
// measurement is one run whatever b.N (use -benchtime 1x).
func BenchmarkIdleConn(b *testing.B) {
	if err := resource.RaiseNofile(idleConns + 64); err != nil {
		b.Skip(err)
	}
	for _, kind := range []string{"net", "green", "green-notify"} {
		b.Run(kind, func(b *testing.B) {
			before, after, gs := idleRun(b, kind)
			b.ReportMetric(float64(after-before)/idleConns, "B/conn")
			b.ReportMetric(float64(gs), "goroutines")
		})
	}
}

// idleRun starts a server of kind, connects idleConns connections to it, echoes a message on
// each, and returns the server's VmRSS before and after, and its goroutines at the end.
func idleRun(b *testing.B, kind string) (before, after int64, goroutines int) {
	cmd := exec.Command(os.Args[0], "-test.run=^$", "-test.bench=^$")
	cmd.Env = append(os.Environ(), idleServerEnv+"="+kind)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer cmd.Wait()
	defer stdin.Close()
	lines := bufio.NewScanner(stdout)
	var addr string
	if !lines.Scan() {
		b.Fatalf("server: %v\n%s", lines.Err(), stderr.String())
	}
	if _, err := fmt.Sscan(lines.Text(), &addr, &before); err != nil {
		b.Fatalf("server said %q: %v", lines.Text(), err)
	}
	conns := make([]net.Conn, idleConns)
	defer closeAll(conns)
	var wg sync.WaitGroup
	var failed atomic.Int64
	next := make(chan int)
	for range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			msg := make([]byte, msgSize)
			for i := range next {
				c, err := net.Dial("tcp", addr)
				if err == nil {
					conns[i] = c
					if _, err = c.Write(msg); err == nil {
						_, err = io.ReadFull(c, msg)
					}
				}
				if err != nil {
					failed.Add(1)
				}
			}
		}()
	}
	for i := range conns {
		next <- i
	}
	close(next)
	wg.Wait()
	if n := failed.Load(); n > 0 {
		b.Fatalf("%d connections failed", n)
	}
	fmt.Fprintln(stdin, "measure")
	if !lines.Scan() {
		b.Fatalf("server: %v\n%s", lines.Err(), stderr.String())
	}
	if _, err := fmt.Sscan(lines.Text(), &after, &goroutines); err != nil {
		b.Fatalf("server said %q: %v", lines.Text(), err)
	}
	return before, after, goroutines
}

// handlerBuf is the buffer every idle-connection handler reads into.
const handlerBuf = 4 << 10

// idleServer is the server process of BenchmarkIdleConn: it prints its address and VmRSS, serves
// connections of kind, and on "measure" (once every connection is idle) prints its VmRSS and
// goroutine count, then exits when its stdin closes.
func idleServer(kind string) int {
	if err := resource.RaiseNofile(idleConns + 64); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	listen := greennet.Listen
	if kind == "net" {
		listen = net.Listen
	}
	ln, err := listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	var served atomic.Int64
	switch kind {
	case "net":
		go acceptLoop(ln, func(c net.Conn) { go echoIdle(c, &served) })
	case "green":
		eventlet.SpawnN(func() { acceptLoop(ln, func(c net.Conn) { eventlet.SpawnN(func() { echoIdle(c, &served) }) }) })
	case "green-notify":
		eventlet.SpawnN(func() { acceptLoop(ln, func(c net.Conn) { notifyEcho(c, &served) }) })
	default:
		fmt.Fprintln(os.Stderr, "unknown server kind", kind)
		return 1
	}
	fmt.Println(ln.Addr(), settledRSS())
	in := bufio.NewScanner(os.Stdin)
	if !in.Scan() || in.Text() != "measure" {
		return 1
	}
	for served.Load() < idleConns {
		time.Sleep(10 * time.Millisecond) // the last handlers are finishing their echo
	}
	fmt.Println(settledRSS(), runtime.NumGoroutine())
	for in.Scan() {
	}
	return 0
}

// acceptLoop hands every connection ln accepts to handle.
func acceptLoop(ln net.Listener, handle func(net.Conn)) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		handle(c)
	}
}

// echoIdle echoes c with a buffer of its own, counting the messages echoed, until c fails.
func echoIdle(c net.Conn, served *atomic.Int64) {
	defer c.Close()
	buf := make([]byte, handlerBuf)
	for {
		n, err := c.Read(buf)
		if err != nil {
			return
		}
		if _, err := c.Write(buf[:n]); err != nil {
			return
		}
		served.Add(1)
	}
}

// notifier is green/net's extension of its connections.
type notifier interface {
	NotifyReadable(func()) error
}

// bufPool holds the buffers of green-notify's handlers between messages.
var bufPool = sync.Pool{New: func() any { return new([handlerBuf]byte) }}

// notifyEcho arranges for the next message on c to be echoed by a greenthread started when it
// arrives; that greenthread echoes what is there with a pooled buffer and arranges for the next.
func notifyEcho(c net.Conn, served *atomic.Int64) {
	err := c.(notifier).NotifyReadable(func() {
		eventlet.SpawnN(func() {
			buf := bufPool.Get().(*[handlerBuf]byte)
			n, err := c.Read(buf[:])
			if err == nil {
				_, err = c.Write(buf[:n])
			}
			bufPool.Put(buf)
			if err != nil {
				c.Close()
				return
			}
			served.Add(1)
			notifyEcho(c, served)
		})
	})
	if err != nil {
		c.Close()
	}
}

// settledRSS returns VmRSS in bytes after a GC that returns freed memory to the kernel (-1 if
// it cannot be read).
func settledRSS() int64 {
	runtime.GC()
	debug.FreeOSMemory()
	rss, err := resource.RSS(0)
	if err != nil {
		return -1
	}
	return rss
}
