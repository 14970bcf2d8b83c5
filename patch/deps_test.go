package patch

import (
	"path/filepath"
	"strings"
	"testing"
)

// depsModules writes a module app that uses a module lib (replaced by a
// local directory) and returns app's directory.
func depsModules(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "lib", "go.mod"), "module example.com/lib\n\ngo 1.22\n")
	writeFile(t, filepath.Join(dir, "lib", "lib.go"), `package lib

import "sync"

// Lock locks mu from another goroutine and waits for it.
func Lock(mu *sync.Mutex) {
	done := make(chan bool)
	go func() {
		mu.Lock()
		done <- true
	}()
	<-done
}
`)
	writeFile(t, filepath.Join(dir, "app", "go.mod"), "module example.com/app\n\ngo 1.26\n\nrequire example.com/lib v0.0.0\n\nreplace example.com/lib => ../lib\n")
	writeFile(t, filepath.Join(dir, "app", "main.go"), `package main

import (
	"fmt"
	"sync"

	"example.com/lib"
)

func main() {
	var mu sync.Mutex
	lib.Lock(&mu)
	fmt.Println("locked:", !mu.TryLock())
}
`)
	return filepath.Join(dir, "app")
}

func TestDeps(t *testing.T) {
	app := depsModules(t)
	libFile := filepath.Join(filepath.Dir(app), "lib", "lib.go")

	// Without Deps the patched program would hand a green mutex to the
	// unpatched lib: reported.
	res, err := Packages(&Config{Dir: app}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diagnostics) != 1 || !strings.Contains(res.Diagnostics[0].Msg, "lib.Lock uses sync.Mutex") {
		t.Errorf("diagnostics without Deps: %v; want one about lib.Lock", res.Diagnostics)
	}

	// With Deps lib is patched too, and nothing is left to report.
	src := testEventlet(t)
	res, err = Packages(&Config{Dir: app, Deps: true, Eventlet: src}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diagnostics) != 0 {
		t.Errorf("diagnostics with Deps: %v", res.Diagnostics)
	}
	var lib *File
	for _, f := range res.Files {
		if f.Path == libFile {
			lib = f
		}
	}
	if lib == nil || !lib.Dep || !strings.Contains(string(lib.Out), "eventlet.SpawnN(func() {") {
		t.Fatalf("lib.go is not patched as a dependency: %+v", lib)
	}
	ov, err := res.Overlay(t.TempDir(), src)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{libFile, filepath.Join(app, "main.go"), filepath.Join(app, "go.mod"), filepath.Join(app, "go.sum")} {
		if _, ok := ov.Replace[name]; !ok {
			t.Errorf("the overlay does not replace %s", name)
		}
	}

	requireRuntime(t, src)
	overlay := filepath.Join(t.TempDir(), "overlay.json")
	if err := ov.WriteFile(overlay); err != nil {
		t.Fatal(err)
	}
	if out := goCmd(t, app, "run", "-overlay", overlay, "."); out != "locked: true\n" {
		t.Errorf("patched program prints %q", out)
	}
}
