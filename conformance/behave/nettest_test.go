package behave_test

import (
	"net"
	"os"
	"path/filepath"
	"testing"

	"github.com/eventlet-go/eventlet"
	greennet "github.com/eventlet-go/eventlet/green/net"
	"golang.org/x/net/nettest"
)

// TestNettest runs golang.org/x/net/nettest's conformance suite for net.Conn on green
// connections. nettest's own goroutines use them, so every Read, Write, Close and deadline of
// the suite comes from plain goroutines; "in greenthread" variants make the connections inside
// a greenthread (registered with the hub from there) before handing them over.
func TestNettest(t *testing.T) {
	for _, tt := range []struct {
		name string
		make nettest.MakePipe
	}{
		{"tcp", streamPipe("tcp")},
		{"unix", streamPipe("unix")},
		{"pipe", func() (net.Conn, net.Conn, func(), error) {
			a, b := greennet.Pipe()
			return a, b, func() { a.Close(); b.Close() }, nil
		}},
		{"tcp in greenthread", inGreenthread(streamPipe("tcp"))},
		{"unix in greenthread", inGreenthread(streamPipe("unix"))},
		{"pipe in greenthread", inGreenthread(func() (net.Conn, net.Conn, func(), error) {
			a, b := greennet.Pipe()
			return a, b, func() { a.Close(); b.Close() }, nil
		})},
	} {
		t.Run(tt.name, func(t *testing.T) { nettest.TestConn(t, tt.make) })
	}
}

// streamPipe makes the two ends of a green connection over network ("tcp" on loopback, or
// "unix" in a new directory): the dialer's end first.
func streamPipe(network string) nettest.MakePipe {
	return func() (net.Conn, net.Conn, func(), error) {
		addr := "127.0.0.1:0"
		var dir string
		if network == "unix" {
			var err error
			if dir, err = os.MkdirTemp("", "nettest"); err != nil {
				return nil, nil, nil, err
			}
			addr = filepath.Join(dir, "sock")
		}
		ln, err := greennet.Listen(network, addr)
		if err != nil {
			return nil, nil, nil, err
		}
		defer ln.Close()
		c, err := greennet.Dial(network, ln.Addr().String())
		if err != nil {
			return nil, nil, nil, err
		}
		s, err := ln.Accept()
		if err != nil {
			c.Close()
			return nil, nil, nil, err
		}
		stop := func() {
			c.Close()
			s.Close()
			if dir != "" {
				os.RemoveAll(dir)
			}
		}
		return c, s, stop, nil
	}
}

// inGreenthread runs mp in a greenthread and waits for its results.
func inGreenthread(mp nettest.MakePipe) nettest.MakePipe {
	type pipe struct {
		c1, c2 net.Conn
		stop   func()
		err    error
	}
	return func() (net.Conn, net.Conn, func(), error) {
		p, err := eventlet.Spawn(func() pipe {
			c1, c2, stop, err := mp()
			return pipe{c1, c2, stop, err}
		}).Wait()
		if err != nil {
			return nil, nil, nil, err
		}
		return p.c1, p.c2, p.stop, p.err
	}
}
