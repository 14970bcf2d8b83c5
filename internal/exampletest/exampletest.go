// Package exampletest checks an example program against the Python program it ports: it runs
// the program's main in a child process of the test binary and compares what it prints with
// testdata/expected.txt, the Python program's output.
package exampletest

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// runMain tells a child test binary to run the program instead of its tests.
const runMain = "EVENTLET_EXAMPLE_RUN_MAIN"

// Main is the example's TestMain: in the child it runs the program and exits; otherwise it runs
// the tests.
func Main(m *testing.M, main func()) {
	if os.Getenv(runMain) == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// CompareWithPython runs the program in a child process and fails t if its standard output
// differs from testdata/expected.txt.
func CompareWithPython(t *testing.T) {
	t.Helper()
	want, err := os.ReadFile("testdata/expected.txt")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0])
	// A race-enabled child would idle a second on exit waiting for race reports.
	cmd.Env = append(os.Environ(), runMain+"=1", "GORACE=atexit_sleep_ms=0")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	got, err := cmd.Output()
	if err != nil {
		t.Fatalf("the program failed: %v\n%s", err, stderr.String())
	}
	if diff := cmp.Diff(lines(string(want)), lines(string(got))); diff != "" {
		t.Fatalf("output differs from the Python program's (-python +go):\n%s", diff)
	}
}

func lines(s string) []string { return strings.Split(s, "\n") }
