package httpdiff

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// exchangeLimit bounds one exchange; it is far above what any case needs
// (the slowest lingers 500ms before closing) and only matters for a
// server that stalls.
const exchangeLimit = 5 * time.Second

// TestServerDifferential sends every corpus case to a net/http server and
// a green/http server serving the same handlers, and requires the same
// bytes back, the same fate of the connection and the same error log.
func TestServerDifferential(t *testing.T) {
	for _, c := range Corpus() {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			pair, err := StartPair(Profiles[c.Profile], Handler)
			if err != nil {
				t.Fatal(err)
			}
			defer pair.Close()
			std := Exchange(pair.Std, c, exchangeLimit)
			green := Exchange(pair.Green, c, exchangeLimit)
			if diff := cmp.Diff(std, green); diff != "" {
				t.Errorf("net/http vs green/http (-std +green):\n%s", diff)
			}
			if diff := cmp.Diff(pair.StdLog.Messages(), pair.GreenLog.Messages()); diff != "" {
				t.Errorf("error logs (-std +green):\n%s", diff)
			}
		})
	}
}
