// Command daemon is the seed program, an OpenStack-style daemon, on eventlet-go: an HTTP API
// (hello world on 127.0.0.1:8080), a periodic task and a main loop, all in one process and one
// hub. The eventlet original:
//
//	import eventlet
//	from eventlet import wsgi
//
//	def hello_world(env, start_response):
//	    start_response('200 OK', [('Content-Type', 'text/plain')])
//	    return [b"Hello, World!\n"]
//
//	def periodic_task():
//	    while True:
//	        print("Executing periodic task...")
//	        eventlet.sleep(10)
//
//	eventlet.spawn(periodic_task)
//	eventlet.spawn(wsgi.server, eventlet.listen(('127.0.0.1', 8080)), hello_world)
//	while True:
//	    print("Daemon is running...")
//	    eventlet.sleep(5)
//
// Run it with `go run ./examples/daemon` and try `curl http://127.0.0.1:8080/`. Interrupt it
// (Ctrl-C) to stop: the server shuts down gracefully.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/eventlet-go/eventlet"
	"github.com/eventlet-go/eventlet/green/http"
	"github.com/eventlet-go/eventlet/green/net"
)

func helloWorld(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain")
	io.WriteString(w, "Hello, World!\n")
}

func periodicTask(out io.Writer, every time.Duration) {
	for {
		fmt.Fprintln(out, "Executing periodic task...")
		eventlet.Sleep(every)
	}
}

// run serves on l and runs the periodic task and the main loop until ctx is done.
func run(ctx context.Context, l net.Listener, out io.Writer, task, loop time.Duration) error {
	srv := &http.Server{Handler: http.HandlerFunc(helloWorld)}
	periodic := eventlet.Spawn(func() struct{} { periodicTask(out, task); return struct{}{} })
	served := eventlet.Spawn(func() error { return srv.Serve(l) })
	for ctx.Err() == nil {
		fmt.Fprintln(out, "Daemon is running...")
		select {
		case <-ctx.Done():
		case <-time.After(loop):
		}
	}
	periodic.Kill()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err, _ := served.Wait(); err != http.ErrServerClosed {
		return err
	}
	return nil
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to serve HTTP on")
	task := flag.Duration("task", 10*time.Second, "period of the periodic task")
	loop := flag.Duration("loop", 5*time.Second, "period of the main loop")
	flag.Parse()
	l, err := eventlet.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, l, os.Stdout, *task, *loop); err != nil {
		log.Fatal(err)
	}
}
