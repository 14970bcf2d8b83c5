package net_test

import (
	"net"
	"testing"
	"time"

	greennet "github.com/eventlet-go/eventlet/green/net"
	"github.com/eventlet-go/eventlet/hub"
)

// notifier is the eventlet-go extension of green connections.
type notifier interface {
	NotifyReadable(func()) error
}

// waitFor bounds the waits of these tests.
const waitFor = 10 * time.Second

// TestNotifyReadable: the callback runs once the connection has something to read (data, or
// the peer's close) — at once if it has already — and not because of data a Read took without
// waiting.
func TestNotifyReadable(t *testing.T) {
	for _, tt := range []struct {
		name      string
		before    func(c, s net.Conn) // what happens before NotifyReadable
		after     func(c, s net.Conn) // what should then make the callback run
		runsAtReg bool                // whether it runs at once
	}{
		{"data arrives later", func(c, s net.Conn) {}, func(c, s net.Conn) { s.Write([]byte("x")) }, false},
		{"data already there", func(c, s net.Conn) { s.Write([]byte("x")) }, nil, true},
		{"data taken by a Read that did not wait", func(c, s net.Conn) {
			s.Write([]byte("x"))
			waitReadable(t, c)
			c.Read(make([]byte, 1))
		}, func(c, s net.Conn) { s.Write([]byte("y")) }, false},
		{"peer closes later", func(c, s net.Conn) {}, func(c, s net.Conn) { s.Close() }, false},
		{"peer closed already", func(c, s net.Conn) { s.Close() }, nil, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, s := pair(t)
			tt.before(c, s)
			ran := make(chan struct{}, 2)
			if err := c.(notifier).NotifyReadable(func() { ran <- struct{}{} }); err != nil {
				t.Fatal(err)
			}
			flushHub(t)
			select {
			case <-ran:
				if !tt.runsAtReg {
					t.Fatal("the callback ran with nothing to read")
				}
			default:
				if tt.runsAtReg {
					t.Fatal("the callback did not run at once though the connection is readable")
				}
				tt.after(c, s)
				select {
				case <-ran:
				case <-time.After(waitFor):
					t.Fatal("the callback did not run once the connection became readable")
				}
			}
			flushHub(t)
			if len(ran) != 0 {
				t.Fatal("the callback ran twice")
			}
		})
	}
}

// pair returns the ends of a green loopback TCP connection, closed when the test ends.
func pair(t *testing.T) (net.Conn, net.Conn) {
	t.Helper()
	ln, err := greennet.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	c, err := greennet.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	s, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(); s.Close() })
	return c, s
}

// flushHub returns once the default hub has run every call queued before it.
func flushHub(t *testing.T) {
	t.Helper()
	done := make(chan struct{})
	hub.Default().Call(func() { close(done) })
	select {
	case <-done:
	case <-time.After(waitFor):
		t.Fatal("the hub did not run a call")
	}
}

// waitReadable returns once the hub has seen c readable: the epoll edge that a later Read
// leaves behind when it does not wait.
func waitReadable(t *testing.T, c net.Conn) {
	t.Helper()
	seen := make(chan struct{})
	if err := c.(notifier).NotifyReadable(func() { close(seen) }); err != nil {
		t.Fatal(err)
	}
	select {
	case <-seen:
	case <-time.After(waitFor):
		t.Fatal("the connection never became readable")
	}
}
