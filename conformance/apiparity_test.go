package conformance_test

import (
	"strings"
	"testing"

	"github.com/eventlet-go/eventlet/conformance/internal/apiparity"
)

// TestAPIParity fails for every exported name of a mirrored stdlib package
// that its green mirror does not stand for and that no exception excuses,
// and for every exception that excuses nothing.
func TestAPIParity(t *testing.T) {
	report, err := apiparity.Check(apiparity.Config{
		Pairs:      apiparity.Mirrors,
		Exceptions: apiparity.Exceptions,
	})
	if err != nil {
		t.Fatal(err)
	}
	var table strings.Builder
	if err := report.Write(&table, false); err != nil {
		t.Fatal(err)
	}
	t.Logf("API parity:\n%s", table.String())
	for _, p := range report.Packages {
		if p.LoadError != "" {
			t.Errorf("%s does not load: %s", p.Mirror, p.LoadError)
			continue
		}
		for _, e := range p.Entries {
			if e.Status == apiparity.Missing {
				t.Errorf("%s.%s (%s): %s", p.Std, e.Name, e.Kind, e.Problem)
			}
		}
	}
	for _, name := range report.UnusedExceptions {
		t.Errorf("exception %s excuses nothing: remove it", name)
	}
}
