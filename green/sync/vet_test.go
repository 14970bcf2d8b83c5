package sync_test

import (
	"os/exec"
	"strings"
	"testing"
)

func TestVetFlagsCopies(t *testing.T) {
	// The green locks hold no sync.noCopy of their own; go vet must still see them as locks.
	if testing.Short() {
		t.Skip("runs go vet")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command:", err)
	}
	out, err := exec.Command(goTool, "vet", "./testdata/copies").CombinedOutput()
	if err == nil {
		t.Fatalf("go vet found nothing wrong with copies of the green locks:\n%s", out)
	}
	for _, typ := range []string{"Mutex", "RWMutex", "WaitGroup", "Once", "Cond"} {
		if !strings.Contains(string(out), "copies lock value: github.com/eventlet-go/eventlet/green/sync."+typ) {
			t.Errorf("go vet does not flag a copied %s:\n%s", typ, out)
		}
	}
}
