package net_test

import (
	"errors"
	"net"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/eventlet-go/eventlet"
)

// TestReadAfterShortRead: after a Read that came back short (so the next one waits for an edge
// instead of trying the socket), the next bytes are read whatever consumed the edge that
// announced them first — nothing, a RawConn.Read wait, WaitReadable, or NotifyReadable's probe.
func TestReadAfterShortRead(t *testing.T) {
	for _, tt := range []struct {
		name    string
		consume func(t *testing.T, c net.Conn) // runs after the peer wrote the second message
	}{
		{"Read waits for the edge", func(t *testing.T, c net.Conn) {}},
		{"RawConn.Read consumed the edge", func(t *testing.T, c net.Conn) {
			rc, err := c.(syscall.Conn).SyscallConn()
			if err != nil {
				t.Fatal(err)
			}
			calls := 0
			if err := rc.Read(func(uintptr) bool { calls++; return calls > 1 }); err != nil {
				t.Fatal(err)
			}
		}},
		{"WaitReadable consumed the edge", func(t *testing.T, c net.Conn) {
			if err := c.(interface{ WaitReadable() error }).WaitReadable(); err != nil {
				t.Fatal(err)
			}
		}},
		{"NotifyReadable forgot the edge", func(t *testing.T, c net.Conn) { waitReadable(t, c) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, s := pair(t)
			if err := c.SetReadDeadline(time.Now().Add(waitFor)); err != nil {
				t.Fatal(err)
			}
			buf := make([]byte, 100)
			// The first Read parks before "ab" is written, so its wait consumes the edge that
			// announces "ab", and none is left over for the second Read.
			if got := parkedRead(t, c, buf, func() { s.Write([]byte("ab")) }); got != "ab" {
				t.Fatalf("first Read = %q; want \"ab\"", got)
			}
			s.Write([]byte("cd"))
			flushHub(t) // the hub has seen the edge of "cd"
			tt.consume(t, c)
			if n, err := c.Read(buf); err != nil || string(buf[:n]) != "cd" {
				t.Fatalf("second Read = %q, %v; want \"cd\", nil", buf[:n], err)
			}
		})
	}
}

// TestWaitReadableIgnoresStaleEdge: an edge whose bytes a Read took without waiting does not
// make WaitReadable return: it waits for new bytes (here, until its deadline).
func TestWaitReadableIgnoresStaleEdge(t *testing.T) {
	c, s := pair(t)
	s.Write([]byte("ab"))
	flushHub(t) // the hub has seen the edge of "ab"
	buf := make([]byte, 100)
	if n, err := c.Read(buf); err != nil || string(buf[:n]) != "ab" {
		t.Fatalf("Read = %q, %v; want \"ab\", nil", buf[:n], err)
	}
	c.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
	err := c.(interface{ WaitReadable() error }).WaitReadable()
	if !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("WaitReadable with nothing to read = %v, want the deadline", err)
	}
	c.SetReadDeadline(time.Now().Add(waitFor))
	s.Write([]byte("cd"))
	if err := c.(interface{ WaitReadable() error }).WaitReadable(); err != nil {
		t.Fatalf("WaitReadable with bytes to read = %v", err)
	}
}

// TestReadAfterUrgentData: a Read stops short at TCP's urgent mark with bytes left behind it, and
// no later edge announces them: the next Read still gets them, as net's does.
func TestReadAfterUrgentData(t *testing.T) {
	c, s := pair(t)
	if err := c.SetReadDeadline(time.Now().Add(waitFor)); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 100)
	// The reader parks before anything is sent, so its wait consumes the one edge of all three
	// sends (they are made without yielding) and none is left over for the second Read.
	got := parkedRead(t, c, buf, func() {
		rc, err := s.(syscall.Conn).SyscallConn()
		if err != nil {
			t.Error(err)
			return
		}
		rc.Write(func(fd uintptr) bool {
			for _, m := range []struct {
				b     string
				flags int
			}{{"ab", 0}, {"c", syscall.MSG_OOB}, {"de", 0}} {
				if err := syscall.Sendto(int(fd), []byte(m.b), m.flags, nil); err != nil {
					t.Error(err)
				}
			}
			return true
		})
	})
	if got != "ab" {
		t.Fatalf("first Read = %q; want \"ab\" (stopped at the urgent mark)", got)
	}
	if n, err := c.Read(buf); err != nil || string(buf[:n]) != "de" {
		t.Fatalf("second Read = %q, %v; want \"de\", nil", buf[:n], err)
	}
}

// parkedRead reads c into buf in a greenthread that parks before send runs (send runs in another
// greenthread, after the reader parked), and returns what the Read got, or its error's text.
func parkedRead(t *testing.T, c net.Conn, buf []byte, send func()) string {
	t.Helper()
	first := eventlet.Spawn(func() string {
		n, err := c.Read(buf)
		if err != nil {
			return err.Error()
		}
		return string(buf[:n])
	})
	if _, err := eventlet.Spawn(func() struct{} {
		eventlet.Sleep(0) // the reader runs until it parks
		send()
		return struct{}{}
	}).Wait(); err != nil {
		t.Fatal(err)
	}
	got, err := first.Wait()
	if err != nil {
		t.Fatal(err)
	}
	return got
}
