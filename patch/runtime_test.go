package patch

import (
	"go/token"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
)

// testEventlet is the eventlet checkout the patched test programs build
// against: this one, or the one $GREENPATCH_EVENTLET names.
func testEventlet(t *testing.T) Source {
	t.Helper()
	if dir := os.Getenv("GREENPATCH_EVENTLET"); dir != "" {
		src, err := ParseSource(dir)
		if err != nil {
			t.Fatal(err)
		}
		return src
	}
	src, err := LocateEventlet()
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// runtimeAPI is what patched code calls in the root package, and the green
// packages it imports.
var runtimeAPI = []string{"SpawnN", "Recv", "RecvValue", "Send", "Select", "Range"}

// requireRuntime skips the test when the eventlet checkout does not yet
// provide what patched programs use: the root package's spawn and channel
// operations, and every exported name of each mirrored package in its
// green mirror. The runtime is written alongside the patch.
func requireRuntime(t *testing.T, src Source) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs programs")
	}
	patterns := []string{Module}
	for std, m := range mirrors {
		patterns = append(patterns, std, m.green)
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedName | packages.NeedTypes, Dir: src.Dir}, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	byPath := make(map[string]*packages.Package)
	var missing []string
	for _, p := range pkgs {
		byPath[p.PkgPath] = p
		for _, e := range p.Errors {
			missing = append(missing, p.PkgPath+": "+e.Msg)
		}
	}
	if len(missing) == 0 {
		for _, name := range runtimeAPI {
			if byPath[Module].Types.Scope().Lookup(name) == nil {
				missing = append(missing, "eventlet."+name)
			}
		}
		for std, m := range mirrors {
			green := byPath[m.green].Types.Scope()
			for _, name := range byPath[std].Types.Scope().Names() {
				if token.IsExported(name) && green.Lookup(name) == nil {
					missing = append(missing, m.green+"."+name)
				}
			}
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		t.Skipf("the eventlet runtime in %s lacks what patched programs use:\n%s", src.Dir, strings.Join(missing, "\n"))
	}
}

// goCmd runs the go command in dir and fails the test on error.
func goCmd(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}
