package eventlet_test

import (
	"bufio"
	"errors"
	"fmt"
	"testing"

	"github.com/eventlet-go/eventlet"
	"github.com/eventlet-go/eventlet/green/net"
)

func TestServeEchoAndStopServe(t *testing.T) {
	l, err := eventlet.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := eventlet.Spawn(func() error {
		return eventlet.Serve(l, func(c net.Conn) {
			line, err := bufio.NewReader(c).ReadString('\n')
			if err != nil {
				return
			}
			if line == "stop\n" {
				panic(eventlet.StopServe)
			}
			if line == "boom\n" {
				panic("handler bug")
			}
			fmt.Fprint(c, line)
		}, 10)
	})
	ask := func(msg string) (string, error) {
		c, err := eventlet.Connect("tcp", l.Addr().String())
		if err != nil {
			return "", err
		}
		defer c.Close()
		fmt.Fprint(c, msg)
		return bufio.NewReader(c).ReadString('\n')
	}
	for i := range 20 {
		msg := fmt.Sprintf("hello %d\n", i)
		if got, err := ask(msg); got != msg || err != nil {
			t.Fatalf("echo %q: %q, %v", msg, got, err)
		}
	}
	if _, err := ask("boom\n"); err == nil {
		t.Fatal("a panicking handler's connection should be closed without an answer")
	}
	if got, err := ask("still up\n"); got != "still up\n" || err != nil {
		t.Fatalf("after a handler panic: %q, %v", got, err)
	}
	ask("stop\n")
	if err, werr := served.Wait(); err != nil || werr != nil {
		t.Fatalf("Serve returned %v, %v", err, werr)
	}
	if _, err := eventlet.Connect("tcp", l.Addr().String()); err == nil {
		t.Fatal("the listener is still open after StopServe")
	}
}

func TestServeReturnsListenerError(t *testing.T) {
	l, _ := eventlet.Listen("tcp", "127.0.0.1:0")
	done := eventlet.Spawn(func() error { return eventlet.Serve(l, func(net.Conn) {}, 1) })
	eventlet.Sleep(0)
	l.Close()
	if err, _ := done.Wait(); !errors.Is(err, net.ErrClosed) {
		t.Fatalf("Serve after Close: %v", err)
	}
}
