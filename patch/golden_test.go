package patch

import (
	"bytes"
	"flag"
	"go/format"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files from the patch's output")

// goldenModule lays out testdata/golden as a module in a temporary
// directory: each NAME.input becomes the package NAME/x.go, and dep/ stays
// a package of its own, which the tests never patch.
func goldenModule(t *testing.T) (dir string, names []string) {
	t.Helper()
	dir = t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/golden\n\ngo 1.26\n")
	dep, err := os.ReadFile("testdata/golden/dep/dep.go")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "dep", "dep.go"), string(dep))
	inputs, err := filepath.Glob("testdata/golden/*.input")
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range inputs {
		src, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(in), ".input")
		writeFile(t, filepath.Join(dir, name, "x.go"), string(src))
		names = append(names, name)
	}
	return dir, names
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// goldenFeatures reads the conversions an input asks for on its first
// line ("// greenpatch -only sync,go"); All otherwise.
func goldenFeatures(t *testing.T, src []byte) Feature {
	first, _, _ := bytes.Cut(src, []byte("\n"))
	list, ok := strings.CutPrefix(string(first), "// greenpatch -only ")
	if !ok {
		return All
	}
	f, err := ParseFeatures(list)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// patchGolden patches every golden input and returns each one's output and
// diagnostics (as NAME.input:LINE: why) by name.
func patchGolden(t *testing.T) (dir string, results []*Result, outs map[string][]byte, diags map[string][]string) {
	t.Helper()
	dir, names := goldenModule(t)
	byFeatures := make(map[Feature][]string)
	for _, name := range names {
		src, err := os.ReadFile(filepath.Join(dir, name, "x.go"))
		if err != nil {
			t.Fatal(err)
		}
		f := goldenFeatures(t, src)
		byFeatures[f] = append(byFeatures[f], "./"+name)
	}
	outs, diags = make(map[string][]byte), make(map[string][]string)
	for features, patterns := range byFeatures {
		res, err := Packages(&Config{Dir: dir, Features: features}, patterns...)
		if err != nil {
			t.Fatal(err)
		}
		results = append(results, res)
		for _, f := range res.Files {
			outs[filepath.Base(filepath.Dir(f.Path))] = f.Out
		}
		for _, d := range res.Diagnostics {
			name := filepath.Base(filepath.Dir(d.Pos.Filename))
			d.Pos.Filename = name + ".input"
			diags[name] = append(diags[name], d.String())
		}
	}
	return dir, results, outs, diags
}

// TestGolden checks the patch of each testdata/golden/NAME.input against
// NAME.golden, and its diagnostics against NAME.diag (none when there is
// no such file); -update rewrites them. Every output must be gofmt-clean.
func TestGolden(t *testing.T) {
	_, _, outs, diags := patchGolden(t)
	if len(outs) == 0 {
		t.Fatal("no golden inputs")
	}
	for name, out := range outs {
		t.Run(name, func(t *testing.T) {
			formatted, err := format.Source(out)
			if err != nil {
				t.Fatalf("output does not parse: %v\n%s", err, out)
			}
			if !bytes.Equal(formatted, out) {
				t.Errorf("output is not gofmt-formatted:\n%s", out)
			}
			diag := strings.Join(diags[name], "\n")
			if diag != "" {
				diag += "\n"
			}
			golden := filepath.Join("testdata", "golden", name+".golden")
			diagFile := filepath.Join("testdata", "golden", name+".diag")
			if *update {
				if err := os.WriteFile(golden, out, 0o644); err != nil {
					t.Fatal(err)
				}
				if diag == "" {
					os.Remove(diagFile)
				} else if err := os.WriteFile(diagFile, []byte(diag), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out, want) {
				t.Errorf("patched %s.input differs from %s:\n%s", name, golden, out)
			}
			wantDiag, err := os.ReadFile(diagFile)
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			if diag != string(wantDiag) {
				t.Errorf("diagnostics:\n%s\nwant (%s):\n%s", diag, diagFile, wantDiag)
			}
		})
	}
	if *update {
		return
	}
	goldens, _ := filepath.Glob("testdata/golden/*.golden")
	for _, g := range goldens {
		if _, ok := outs[strings.TrimSuffix(filepath.Base(g), ".golden")]; !ok {
			t.Errorf("%s has no input", g)
		}
	}
}

// TestGoldenBuilds writes the patched golden packages in place, with the
// go.mod edit that makes the module require eventlet, and builds them. The
// unconvertible package is left out: what its diagnostics report stops it
// from building.
func TestGoldenBuilds(t *testing.T) {
	src := testEventlet(t)
	requireRuntime(t, src)
	dir, results, outs, _ := patchGolden(t)
	for _, res := range results {
		if err := res.WriteInPlace(src); err != nil {
			t.Fatal(err)
		}
	}
	args := []string{"build"}
	for name := range outs {
		if name != "unconvertible" {
			args = append(args, "./"+name)
		}
	}
	goCmd(t, dir, args...)

	// Patching the patched packages again changes nothing.
	for _, pattern := range args[1:] {
		features := goldenFeatures(t, outs[strings.TrimPrefix(pattern, "./")])
		res, err := Packages(&Config{Dir: dir, Features: features}, pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range res.Files {
			if f.Changed() {
				t.Errorf("a second patch changes %s:\n%s", f.Path, f.Out)
			}
		}
	}
}
