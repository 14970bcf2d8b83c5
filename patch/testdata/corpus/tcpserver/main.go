// TCP server: one goroutine accepts on loopback and one goroutine serves
// each connection, echoing lines upper-cased; concurrent clients check the
// replies.
package main

import (
	"bufio"
	"fmt"
	"net"
	"sort"
	"strings"
	"sync"
)

func serve(ln net.Listener, done chan<- struct{}) {
	defer close(done)
	for {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		go handle(conn)
	}
}

func handle(conn net.Conn) {
	defer conn.Close()
	sc := bufio.NewScanner(conn)
	for sc.Scan() {
		fmt.Fprintln(conn, strings.ToUpper(sc.Text()))
	}
}

func client(addr string, id int) (string, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	r := bufio.NewReader(conn)
	var replies []string
	for i := 0; i < 3; i++ {
		fmt.Fprintf(conn, "client %d line %d\n", id, i)
		line, err := r.ReadString('\n')
		if err != nil {
			return "", err
		}
		replies = append(replies, strings.TrimSpace(line))
	}
	return strings.Join(replies, "|"), nil
}

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println("listen:", err)
		return
	}
	done := make(chan struct{})
	go serve(ln, done)

	var mu sync.Mutex
	var replies []string
	var wg sync.WaitGroup
	for id := 0; id < 5; id++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			reply, err := client(ln.Addr().String(), id)
			if err != nil {
				reply = "error: " + err.Error()
			}
			mu.Lock()
			replies = append(replies, reply)
			mu.Unlock()
		}(id)
	}
	wg.Wait()
	ln.Close()
	<-done
	sort.Strings(replies)
	for _, r := range replies {
		fmt.Println(r)
	}
}
