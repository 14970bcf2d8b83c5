// Command httpidle measures the memory an idle keep-alive connection
// costs a server: it opens n connections to addr, makes one request on
// each and leaves them open, and prints the server's resident set size
// (from /proc/PID/status) before and after, and the difference per
// connection.
//
//	httpidle -addr 127.0.0.1:8084 -pid 1234 -n 10000
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	stdhttp "net/http"
	"time"

	"github.com/eventlet-go/eventlet/internal/resource"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8084", "server address")
	pid := flag.Int("pid", 0, "server process id")
	n := flag.Int("n", 10000, "connections to hold")
	flag.Parse()

	before := rssKB(*pid)
	conns := make([]net.Conn, 0, *n)
	for i := 0; i < *n; i++ {
		c, err := net.Dial("tcp", *addr)
		if err != nil {
			log.Fatalf("connection %d: %v", i, err)
		}
		br := bufio.NewReader(c)
		io.WriteString(c, "GET / HTTP/1.1\r\nHost: idle\r\n\r\n")
		resp, err := stdhttp.ReadResponse(br, nil)
		if err != nil {
			log.Fatalf("connection %d: %v", i, err)
		}
		io.Copy(io.Discard, resp.Body)
		conns = append(conns, c)
	}
	time.Sleep(2 * time.Second) // let the server settle into its idle state
	after := rssKB(*pid)
	fmt.Printf("conns=%d rssKB before=%d after=%d perConnBytes=%d\n",
		len(conns), before, after, (after-before)*1024/int64(len(conns)))
	for _, c := range conns {
		c.Close()
	}
}

// rssKB reads VmRSS of process pid, in KiB.
func rssKB(pid int) int64 {
	rss, err := resource.RSS(pid)
	if err != nil {
		log.Fatal(err)
	}
	return rss >> 10
}
