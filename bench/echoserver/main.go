// Command echoserver is an echo server on net (a goroutine per connection) or on green/net (a
// greenthread per connection on one hub), the same code with the one import swapped, for
// side-by-side throughput measured by echoload from another process.
//
//	echoserver -impl green -addr 127.0.0.1:7010
package main

import (
	"flag"
	"io"
	"log"
	stdnet "net"

	"github.com/eventlet-go/eventlet"
	greennet "github.com/eventlet-go/eventlet/green/net"
)

func main() {
	impl := flag.String("impl", "green", "implementation: green or std")
	addr := flag.String("addr", "127.0.0.1:7010", "listen address")
	flag.Parse()
	switch *impl {
	case "std":
		ln, err := stdnet.Listen("tcp", *addr)
		if err != nil {
			log.Fatal(err)
		}
		serve(ln, func(f func()) { go f() })
	case "green":
		ln, err := greennet.Listen("tcp", *addr)
		if err != nil {
			log.Fatal(err)
		}
		eventlet.Spawn(func() struct{} { serve(ln, eventlet.SpawnN); return struct{}{} }).Wait()
	default:
		log.Fatalf("unknown -impl %q", *impl)
	}
}

// serve accepts connections and echoes each on its own goroutine or greenthread (spawn).
func serve(ln stdnet.Listener, spawn func(func())) {
	for {
		c, err := ln.Accept()
		if err != nil {
			log.Fatal(err)
		}
		spawn(func() {
			defer c.Close()
			io.CopyBuffer(struct{ io.Writer }{c}, struct{ io.Reader }{c}, make([]byte, 4096))
		})
	}
}
