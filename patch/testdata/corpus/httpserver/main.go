// HTTP server and client: a mux served on loopback, queried by concurrent
// clients; a handler shares a counter under a mutex.
package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
)

type counter struct {
	mu   sync.Mutex
	hits map[string]int
}

func (c *counter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.mu.Lock()
	c.hits[r.URL.Path]++
	n := c.hits[r.URL.Path]
	c.mu.Unlock()
	w.Header().Set("Content-Type", "text/plain")
	fmt.Fprintf(w, "%s %s #%d", r.Method, r.URL.Path, n)
}

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println("listen:", err)
		return
	}
	mux := http.NewServeMux()
	mux.Handle("/count/", &counter{hits: make(map[string]int)})
	mux.HandleFunc("/echo", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.WriteHeader(http.StatusCreated)
		w.Write([]byte(strings.ToUpper(string(body))))
	})
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	base := "http://" + ln.Addr().String()

	var wg sync.WaitGroup
	results := make(chan string, 8)
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := http.Get(base + "/count/a")
			if err != nil {
				results <- "error: " + err.Error()
				return
			}
			defer resp.Body.Close()
			io.ReadAll(resp.Body)
			results <- fmt.Sprint(resp.StatusCode)
		}()
	}
	wg.Wait()
	close(results)
	var codes []string
	for r := range results {
		codes = append(codes, r)
	}
	sort.Strings(codes)
	fmt.Println("codes:", codes)

	resp, err := http.Get(base + "/count/a")
	if err != nil {
		fmt.Println("get:", err)
		return
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println(resp.StatusCode, string(body))

	resp, err = http.Post(base+"/echo", "text/plain", strings.NewReader("hello"))
	if err != nil {
		fmt.Println("post:", err)
		return
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println(resp.StatusCode, string(body))

	resp, err = http.Get(base + "/missing")
	if err != nil {
		fmt.Println("get:", err)
		return
	}
	resp.Body.Close()
	fmt.Println(resp.StatusCode)
	srv.Close()
}
