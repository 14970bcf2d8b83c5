package patch_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/eventlet-go/eventlet/patch"
)

// A program to patch: a module with one package.
const source = `package main

import (
	"fmt"
	"time"
)

func main() {
	done := make(chan string)
	go func() {
		time.Sleep(time.Millisecond)
		done <- "slept"
	}()
	fmt.Println(<-done)
}
`

func ExamplePackages() {
	dir, err := os.MkdirTemp("", "example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/hello\n\ngo 1.26\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "main.go"), []byte(source), 0o644)

	res, err := patch.Packages(&patch.Config{Dir: dir}, "./...")
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range res.Files {
		fmt.Print(string(f.Out))
	}
	// Output:
	// package main
	//
	// import (
	// 	"fmt"
	// 	"github.com/eventlet-go/eventlet"
	// 	"github.com/eventlet-go/eventlet/green/time"
	// )
	//
	// func main() {
	// 	done := make(chan string)
	// 	eventlet.SpawnN(func() {
	// 		time.Sleep(time.Millisecond)
	// 		eventlet.Send(done, "slept")
	// 	})
	// 	fmt.Println(eventlet.RecvValue(done))
	// }
}

func ExampleParseFeatures() {
	// Like monkey_patch(socket=True, thread=True): green net and go
	// statements, stdlib time, sync and channels.
	f, err := patch.ParseFeatures("net,go")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(f, f.Has(patch.Net), f.Has(patch.Time))
	// Output: net,go true false
}
