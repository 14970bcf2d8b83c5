// Command httpclient drives a local HTTP server with green/http's client: N greenthreads on one
// hub, each sending keep-alive GETs in a loop for a while, and reports requests per second,
// errors, and the connections the client opened. The server runs in another process
// (bench/httphello), so the client has its core to itself.
//
//	httpclient -url http://127.0.0.1:8084/ -c 50 -d 10s
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"sync/atomic"
	"time"

	"github.com/eventlet-go/eventlet"
	"github.com/eventlet-go/eventlet/green/http"
)

func main() {
	url := flag.String("url", "http://127.0.0.1:8084/", "URL to GET")
	conns := flag.Int("c", 50, "concurrent greenthreads (and keep-alive connections)")
	dur := flag.Duration("d", 10*time.Second, "how long to run")
	flag.Parse()

	tr := &http.Transport{MaxIdleConnsPerHost: *conns}
	client := &http.Client{Transport: tr}
	var ok, failed atomic.Int64
	stop := time.Now().Add(*dur)
	pool := eventlet.NewGreenPool(*conns)
	start := time.Now()
	for range *conns {
		pool.Spawn(func() {
			for time.Now().Before(stop) {
				resp, err := client.Get(*url)
				if err != nil {
					failed.Add(1)
					log.Print(err)
					continue
				}
				if _, err := io.Copy(io.Discard, resp.Body); err != nil || resp.StatusCode != 200 {
					failed.Add(1)
				} else {
					ok.Add(1)
				}
				resp.Body.Close()
			}
		})
	}
	pool.Waitall()
	elapsed := time.Since(start)
	fmt.Printf("green client c=%d: %.0f req/s, %d ok, %d errors in %v\n",
		*conns, float64(ok.Load())/elapsed.Seconds(), ok.Load(), failed.Load(), elapsed.Round(time.Millisecond))
	if failed.Load() > 0 {
		os.Exit(1)
	}
}
