// Command echoload measures an echo server from another process: conns connections, each sending
// a message and waiting for its echo, back to back, for a while; it prints the round trips per
// second and checks every byte.
//
//	echoload -addr 127.0.0.1:7010 -c 50 -d 10s -size 64
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:7010", "server address")
	conns := flag.Int("c", 50, "connections")
	dur := flag.Duration("d", 10*time.Second, "how long")
	size := flag.Int("size", 64, "message size in bytes")
	flag.Parse()

	var trips, errs atomic.Int64
	stop := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for i := range *conns {
		c, err := net.Dial("tcp", *addr)
		if err != nil {
			log.Fatalf("connection %d: %v", i, err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer c.Close()
			out := bytes.Repeat([]byte{byte('a' + i%26)}, *size)
			in := make([]byte, *size)
			for time.Now().Before(stop) {
				if _, err := c.Write(out); err != nil {
					errs.Add(1)
					return
				}
				if _, err := io.ReadFull(c, in); err != nil || !bytes.Equal(in, out) {
					errs.Add(1)
					return
				}
				trips.Add(1)
			}
		}()
	}
	start := time.Now()
	wg.Wait()
	elapsed := time.Since(start)
	fmt.Printf("conns=%d rt/s=%.0f errors=%d\n", *conns, float64(trips.Load())/elapsed.Seconds(), errs.Load())
}
