package hub_test

import (
	"bytes"
	"log"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/eventlet-go/eventlet/hub"
)

// lockedBuffer collects log output written from the hub's goroutine.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

type panickyTimer struct{}

func (panickyTimer) OnTimer() { panic("timer handler bug") }

type closingTimer chan struct{}

func (c closingTimer) OnTimer() { close(c) }

func TestHubSurvivesPanickingCallbacks(t *testing.T) {
	var logged lockedBuffer
	log.SetOutput(&logged)
	defer log.SetOutput(os.Stderr)
	h, err := hub.New()
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	h.Call(func() { panic("call bug") })
	// A panicking timer, then one due later that proves the hub still fires timers after it.
	done := make(chan struct{})
	var bad, after hub.Timer
	bad.Init(panickyTimer{})
	after.Init(closingTimer(done))
	h.Call(func() {
		now := hub.Now()
		h.AddTimer(&bad, now)
		h.AddTimer(&after, now+1)
	})
	<-done
	out := logged.String()
	if !strings.Contains(out, "call bug") || !strings.Contains(out, "timer handler bug") {
		t.Fatalf("the panics were not logged:\n%s", out)
	}
}
