// Command echo is an echo server on eventlet-go: one hub, one greenthread per connection, each
// writing back what its client sends until the client closes.
//
//	go run ./examples/echo -addr 127.0.0.1:7007
//
// It is the program of eventlet's echoserver example, with green/net in place of net.
package main

import (
	"errors"
	"flag"
	"io"
	"log"
	"syscall"
	"time"

	"github.com/eventlet-go/eventlet"
	"github.com/eventlet-go/eventlet/green/net"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:7007", "address to listen on")
	flag.Parse()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("echo: listening on %s", ln.Addr())
	if _, err := eventlet.Spawn(func() error { return serve(ln) }).Wait(); err != nil {
		log.Fatal(err)
	}
}

// serve accepts connections on ln and echoes each in a greenthread of its own, until ln is
// closed (then it returns nil) or Accept fails for good. When the process runs out of file
// descriptors it waits a little and accepts again, as net/http's server does.
func serve(ln net.Listener) error {
	backoff := time.Duration(0)
	for {
		c, err := ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return nil
			}
			if errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE) {
				backoff = min(max(2*backoff, 5*time.Millisecond), time.Second)
				log.Printf("echo: %v; accepting again in %v", err, backoff)
				eventlet.Sleep(backoff)
				continue
			}
			return err
		}
		backoff = 0
		eventlet.SpawnN(func() { echo(c) })
	}
}

// bufSize is each connection's buffer: the most one read takes.
const bufSize = 4 << 10

// echo writes back everything c reads, until c's peer closes it or an error, and closes c.
func echo(c net.Conn) {
	defer c.Close()
	buf := make([]byte, bufSize)
	for {
		n, err := c.Read(buf)
		if n > 0 {
			if _, werr := c.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			if err != io.EOF {
				log.Printf("echo: %v", err)
			}
			return
		}
	}
}
