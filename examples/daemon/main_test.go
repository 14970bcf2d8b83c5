package main

import (
	"context"
	"io"
	stdhttp "net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/eventlet-go/eventlet"
)

// lockedWriter collects output from the main loop (a goroutine) and the periodic task (a
// greenthread), and signals each write.
type lockedWriter struct {
	mu      sync.Mutex
	b       strings.Builder
	written chan struct{}
}

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	select {
	case w.written <- struct{}{}:
	default:
	}
	return w.b.Write(p)
}

func (w *lockedWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

func TestDaemonServesHelloWorldAndRunsItsLoops(t *testing.T) {
	l, err := eventlet.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	out := lockedWriter{written: make(chan struct{}, 1)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, l, &out, 10*time.Millisecond, 20*time.Millisecond) }()

	resp, err := stdhttp.Get("http://" + l.Addr().String() + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(body) != "Hello, World!\n" || resp.Header.Get("Content-Type") != "text/plain" {
		t.Fatalf("got %d %q %q", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	timeout := time.After(5 * time.Second)
	for !(strings.Count(out.String(), "Executing periodic task...") >= 2 && strings.Count(out.String(), "Daemon is running...") >= 2) {
		select {
		case <-out.written:
		case <-timeout:
			t.Fatalf("the loops did not both run twice; output:\n%s", out.String())
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("run: %v", err)
	}
	if _, err := stdhttp.Get("http://" + l.Addr().String() + "/"); err == nil {
		t.Fatal("still serving after shutdown")
	}
}
