package patch

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// corpusModule copies the programs of testdata/corpus into a new module in
// a temporary directory and returns the directory and the programs' names.
func corpusModule(t *testing.T) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/corpus\n\ngo 1.26\n")
	entries, err := os.ReadDir("testdata/corpus")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		src, err := os.ReadFile(filepath.Join("testdata/corpus", e.Name(), "main.go"))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, e.Name(), "main.go"), string(src))
		names = append(names, e.Name())
	}
	return dir, names
}

// patchCorpus patches the corpus module in dir, requiring that every
// program changes and that nothing is left unconverted.
func patchCorpus(t *testing.T, dir string, names []string) *Result {
	t.Helper()
	res, err := Packages(&Config{Dir: dir}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diagnostics {
		t.Errorf("unexpected diagnostic: %s", d)
	}
	changed := make(map[string]bool)
	for _, f := range res.Files {
		changed[filepath.Base(filepath.Dir(f.Path))] = f.Changed()
	}
	for _, name := range names {
		if !changed[name] {
			t.Errorf("the patch leaves %s unchanged", name)
		}
	}
	return res
}

// TestCorpus builds each corpus program three ways — unpatched, patched in
// place (in a copy) and patched through an overlay — runs each build and
// requires the three outputs to be identical.
func TestCorpus(t *testing.T) {
	src := testEventlet(t)
	requireRuntime(t, src)
	plain, names := corpusModule(t)
	inPlace, _ := corpusModule(t)
	bin := t.TempDir()

	goCmd(t, plain, "build", "-o", filepath.Join(bin, "plain")+"/", "./...")

	if err := patchCorpus(t, inPlace, names).WriteInPlace(src); err != nil {
		t.Fatal(err)
	}
	goCmd(t, inPlace, "build", "-o", filepath.Join(bin, "inplace")+"/", "./...")

	ov, err := patchCorpus(t, plain, names).Overlay(t.TempDir(), src)
	if err != nil {
		t.Fatal(err)
	}
	overlay := filepath.Join(t.TempDir(), "overlay.json")
	if err := ov.WriteFile(overlay); err != nil {
		t.Fatal(err)
	}
	goCmd(t, plain, "build", "-overlay", overlay, "-o", filepath.Join(bin, "overlay")+"/", "./...")
	if _, err := os.Stat(filepath.Join(plain, "go.sum")); err == nil {
		t.Error("the overlay build wrote go.sum into the user's module")
	}

	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			want, err := runProgram(filepath.Join(bin, "plain", name))
			if err != nil {
				t.Fatalf("unpatched: %v\n%s", err, want)
			}
			if len(want) == 0 {
				t.Fatal("the unpatched program prints nothing")
			}
			for _, build := range []string{"inplace", "overlay"} {
				got, err := runProgram(filepath.Join(bin, build, name))
				if err == nil && bytes.Equal(got, want) {
					continue
				}
				t.Errorf("%s build: %v, prints:\n%s\nunpatched prints:\n%s", build, err, got, want)
			}
		})
	}
}

// runProgram runs a corpus program, which must finish within 30 seconds
// (they take well under one), and returns what it printed.
func runProgram(path string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return exec.CommandContext(ctx, path).CombinedOutput()
}
