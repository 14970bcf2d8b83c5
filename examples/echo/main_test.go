package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	stdnet "net"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/eventlet-go/eventlet"
	"github.com/eventlet-go/eventlet/green/net"
	"github.com/eventlet-go/eventlet/internal/resource"
)

// clients is how many connections the test keeps open at once.
const clients = 10000

// clientEnv, set to the server's address, makes the test binary the client process.
const clientEnv = "ECHO_TEST_CLIENT_ADDR"

// idleGreenthreads is how many finished greenthreads a hub keeps for reuse, by default.
const idleGreenthreads = 256

// hangAfter bounds every wait of the test: long enough for a loaded machine, short enough to
// fail instead of hanging.
const hangAfter = 60 * time.Second

func TestMain(m *testing.M) {
	if addr := os.Getenv(clientEnv); addr != "" {
		os.Exit(runClients(addr))
	}
	os.Exit(m.Run())
}

// TestEcho serves 10,000 concurrent connections on the default hub, in this process, and checks
// every byte echoed, that all 10,000 were open at once (the server held a descriptor and a
// greenthread for each), and that descriptors and goroutines return to their baseline once the
// clients are gone and the listener is closed.
//
// The clients run in a child process (this test binary again): each end of a connection is a
// descriptor, and 2 × 10,000 of them plus the process's own exceed the 20,000 that ulimit -n
// allows here.
func TestEcho(t *testing.T) {
	raiseNofile(t, clients+64)
	warmHub()
	baseFDs, baseGs := countFDs(t), runtime.NumGoroutine()

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	server := eventlet.Spawn(func() error { return serve(ln) })

	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), clientEnv+"="+ln.Addr().String())
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(stdout)
	if !lines.Scan() || lines.Text() != "connected" {
		cmd.Wait()
		t.Fatalf("client process: %q, %v\n%s", lines.Text(), lines.Err(), stderr.String())
	}
	// The clients are connected; wait until the server has accepted them all and each has its
	// greenthread, waiting in Read. (The first greenthreads took the idle goroutines that the
	// baseline counts.)
	peakFDs, peakGs := waitUntil(t, "the server to hold every connection", func(fds, gs int) bool {
		return fds >= baseFDs+1+clients && gs >= baseGs-idleGreenthreads+1+clients
	})
	t.Logf("%d connections open at once after %v: the server holds %d descriptors and %d goroutines (baseline %d, %d)",
		clients, time.Since(start).Round(time.Millisecond), peakFDs, peakGs, baseFDs, baseGs)
	fmt.Fprintln(stdin, "go")
	rest, _ := io.ReadAll(stdout)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("client process: %v\n%s%s", err, rest, stderr.String())
	}
	t.Logf("client process: %s (%v in all)", strings.TrimSpace(string(rest)), time.Since(start).Round(time.Millisecond))

	if err := ln.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := server.Wait(); err != nil {
		t.Fatalf("serve: %v", err)
	}
	// The baseline may count the goroutine of a greenthread that had just finished (it goes
	// once the hub has filed it away): at most the baseline, then.
	waitUntil(t, fmt.Sprintf("descriptors and goroutines to return to %d and %d", baseFDs, baseGs), func(fds, gs int) bool {
		return fds == baseFDs && gs <= baseGs
	})
}

// raiseNofile raises this process's soft limit on descriptors to at least n, or fails.
func raiseNofile(t *testing.T, n uint64) {
	t.Helper()
	if err := resource.RaiseNofile(n); err != nil {
		t.Fatal(err)
	}
}

// warmHub fills the default hub's pool of finished greenthreads (idleGreenthreads), so
// that the goroutines counted before the test and after it include the same idle ones: from a
// greenthread, it starts 300 that wait on an Event, yields so that all of them are waiting at
// once, and releases them.
func warmHub() {
	eventlet.Spawn(func() struct{} {
		var release eventlet.Event[struct{}]
		gts := make([]*eventlet.GreenThread[struct{}], 300)
		for i := range gts {
			gts[i] = eventlet.Spawn(func() struct{} { release.Wait(); return struct{}{} })
		}
		eventlet.Sleep(0)
		release.Send(struct{}{})
		for _, gt := range gts {
			gt.Wait()
		}
		return struct{}{}
	}).Wait()
}

// countFDs counts this process's open descriptors.
func countFDs(t *testing.T) int {
	t.Helper()
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	return len(ents)
}

// waitUntil polls the counts of descriptors and goroutines until ok accepts them, and returns
// them; it fails the test after hangAfter. Nothing signals "the last greenthread has exited", so
// it polls.
func waitUntil(t *testing.T, what string, ok func(fds, gs int) bool) (int, int) {
	t.Helper()
	deadline := time.Now().Add(hangAfter)
	for {
		fds, gs := countFDs(t), runtime.NumGoroutine()
		if ok(fds, gs) {
			return fds, gs
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited %v for %s: %d descriptors, %d goroutines", hangAfter, what, fds, gs)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// runClients is the client process: it connects clients connections to addr (stdlib net, on
// goroutines: a reference independent of the server), says "connected", waits for "go" on
// stdin, then on every connection at once sends messages of several sizes, checks that each
// comes back byte for byte, half-closes and checks that the server closes too. It prints a
// summary and returns 0, or the errors and 1.
func runClients(addr string) int {
	if err := resource.RaiseNofile(clients + 64); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	conns := make([]*stdnet.TCPConn, clients)
	var errs errorList
	dial := make(chan int)
	var dialers sync.WaitGroup
	for range 64 {
		dialers.Add(1)
		go func() {
			defer dialers.Done()
			for i := range dial {
				c, err := stdnet.DialTimeout("tcp", addr, hangAfter)
				if err != nil {
					errs.add(fmt.Errorf("conn %d: %v", i, err))
					continue
				}
				conns[i] = c.(*stdnet.TCPConn)
			}
		}()
	}
	for i := range conns {
		dial <- i
	}
	close(dial)
	dialers.Wait()
	if errs.len() > 0 {
		return errs.report()
	}
	fmt.Println("connected")
	if line, _ := bufio.NewReader(os.Stdin).ReadString('\n'); line != "go\n" {
		fmt.Fprintf(os.Stderr, "want go, got %q\n", line)
		return 1
	}

	sizes := []int{1, 100, 5000}
	var wg sync.WaitGroup
	for i, c := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer c.Close()
			if err := exchange(c, i, sizes); err != nil {
				errs.add(fmt.Errorf("conn %d: %v", i, err))
			}
		}()
	}
	wg.Wait()
	if errs.len() > 0 {
		return errs.report()
	}
	total := 0
	for _, s := range sizes {
		total += s
	}
	fmt.Printf("%d connections, %d bytes each way, every byte checked, 0 errors\n", clients, clients*total)
	return 0
}

// exchange sends c a message of each size, each with content particular to connection i, reads
// each back whole and compares it, then half-closes and expects the server to close.
func exchange(c *stdnet.TCPConn, i int, sizes []int) error {
	if err := c.SetDeadline(time.Now().Add(hangAfter)); err != nil {
		return err
	}
	for _, size := range sizes {
		msg := make([]byte, size)
		for j := range msg {
			msg[j] = byte((i*31 + j*7 + size) % 251)
		}
		if _, err := c.Write(msg); err != nil {
			return err
		}
		got := make([]byte, size)
		if _, err := io.ReadFull(c, got); err != nil {
			return fmt.Errorf("reading %d bytes back: %v", size, err)
		}
		if !bytes.Equal(got, msg) {
			return fmt.Errorf("%d bytes came back different", size)
		}
	}
	if err := c.CloseWrite(); err != nil {
		return err
	}
	if n, err := c.Read(make([]byte, 1)); n != 0 || err != io.EOF {
		return fmt.Errorf("after CloseWrite: read %d bytes, %v; want the server to close", n, err)
	}
	return nil
}

// errorList collects the errors of many goroutines.
type errorList struct {
	mu   sync.Mutex
	errs []error
}

func (l *errorList) add(err error) {
	l.mu.Lock()
	l.errs = append(l.errs, err)
	l.mu.Unlock()
}

func (l *errorList) len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.errs)
}

// report prints the first errors and their count, and returns 1.
func (l *errorList) report() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, err := range l.errs[:min(len(l.errs), 20)] {
		fmt.Fprintln(os.Stderr, err)
	}
	fmt.Fprintln(os.Stderr, strconv.Itoa(len(l.errs))+" errors")
	return 1
}
