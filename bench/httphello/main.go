// Command httphello serves the seed's hello world on net/http or on
// green/http, for side-by-side throughput and memory measurements.
//
//	httphello -impl green -addr 127.0.0.1:8084
package main

import (
	"flag"
	"log"
	stdhttp "net/http"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"

	http "github.com/eventlet-go/eventlet/green/http"
)

func main() {
	impl := flag.String("impl", "green", "server implementation: green or std")
	addr := flag.String("addr", "127.0.0.1:8084", "listen address")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile here until SIGTERM")
	flag.Parse()

	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			log.Fatal(err)
		}
		pprof.StartCPUProfile(f)
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, syscall.SIGTERM, os.Interrupt)
		go func() {
			<-sig
			pprof.StopCPUProfile()
			f.Close()
			os.Exit(0)
		}()
	}

	hello := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("Hello, World!\n"))
	})
	switch *impl {
	case "green":
		log.Fatal(http.ListenAndServe(*addr, hello))
	case "std":
		log.Fatal(stdhttp.ListenAndServe(*addr, hello))
	default:
		log.Fatalf("unknown -impl %q", *impl)
	}
}
