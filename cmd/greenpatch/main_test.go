package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const program = `package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	runtime.LockOSThread()
	done := make(chan bool)
	go func() {
		time.Sleep(time.Millisecond)
		done <- true
	}()
	fmt.Println(<-done)
}
`

// module writes a one-program module to a temporary directory and makes
// it the working directory.
func module(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range map[string]string{
		"go.mod":  "module example.com/prog\n\ngo 1.26\n",
		"main.go": program,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	return dir
}

func greenpatch(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

const lockMessage = "main.go:10: runtime.LockOSThread locks the thread"

func TestPrint(t *testing.T) {
	module(t)
	code, out, errOut := greenpatch(t, "./...")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{`"github.com/eventlet-go/eventlet/green/time"`, "eventlet.SpawnN(func() {", "eventlet.Send(done, true)", "fmt.Println(eventlet.RecvValue(done))"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, lockMessage) {
		t.Errorf("stderr lacks %q:\n%s", lockMessage, errOut)
	}
}

func TestList(t *testing.T) {
	module(t)
	code, out, _ := greenpatch(t, "-l", "./...")
	if code != 0 || out != "main.go\n" {
		t.Errorf("exit %d, output %q; want 0, %q", code, out, "main.go\n")
	}
}

func TestDiff(t *testing.T) {
	module(t)
	code, out, _ := greenpatch(t, "-d", "./...")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"--- main.go.orig\n+++ main.go\n", "-\tgo func() {\n", "+\teventlet.SpawnN(func() {\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("diff lacks %q:\n%s", want, out)
		}
	}
}

func TestWrite(t *testing.T) {
	dir := module(t)
	if code, _, errOut := greenpatch(t, "-w", "./..."); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	src, err := os.ReadFile(filepath.Join(dir, "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), "eventlet.SpawnN(") {
		t.Errorf("main.go is not patched:\n%s", src)
	}
	mod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(mod), "github.com/eventlet-go/eventlet v0.0.0-00010101000000-000000000000") || !strings.Contains(string(mod), "replace github.com/eventlet-go/eventlet =>") {
		t.Errorf("go.mod does not require eventlet:\n%s", mod)
	}
}

func TestOverlay(t *testing.T) {
	dir := module(t)
	cache := t.TempDir()
	overlay := filepath.Join(t.TempDir(), "overlay.json")
	if code, _, errOut := greenpatch(t, "-overlay", overlay, "-cache", cache, "./..."); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	data, err := os.ReadFile(overlay)
	if err != nil {
		t.Fatal(err)
	}
	var ov struct{ Replace map[string]string }
	if err := json.Unmarshal(data, &ov); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"main.go", "go.mod", "go.sum"} {
		repl, ok := ov.Replace[filepath.Join(dir, name)]
		if !ok || !strings.HasPrefix(repl, cache) {
			t.Errorf("overlay replaces %s with %q; want a file in %s", name, repl, cache)
		}
	}
	src, err := os.ReadFile(filepath.Join(dir, "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	if string(src) != program {
		t.Error("-overlay changed the user's main.go")
	}
}

func TestStrict(t *testing.T) {
	module(t)
	code, _, errOut := greenpatch(t, "-strict", "-l", "./...")
	if code != 1 || !strings.Contains(errOut, lockMessage) {
		t.Errorf("exit %d, stderr %q; want 1 and %q", code, errOut, lockMessage)
	}
}

func TestOnly(t *testing.T) {
	module(t)
	code, out, _ := greenpatch(t, "-only", "time", "./...")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(out, "green/time") || strings.Contains(out, "eventlet.") || !strings.Contains(out, "go func() {") {
		t.Errorf("-only time patched more or less than the time import:\n%s", out)
	}
}

func TestUsageErrors(t *testing.T) {
	module(t)
	for _, args := range [][]string{
		{},
		{"-only", "socket", "./..."},
		{"-deps", "./..."},
		{"./nosuchpackage"},
		{"-nosuchflag"},
	} {
		if code, _, _ := greenpatch(t, args...); code != 2 {
			t.Errorf("greenpatch %s: exit %d, want 2", strings.Join(args, " "), code)
		}
	}
}
