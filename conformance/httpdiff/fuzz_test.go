package httpdiff

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var (
	fuzzPairOnce sync.Once
	fuzzPair     *Pair
	fuzzPairErr  error
)

// FuzzServers feeds arbitrary bytes to both servers, as one client that
// sends them and closes its side, and requires the same answer, the same
// error log, and no stall. The servers only dump what they parsed: that
// is what random bytes exercise, and it keeps the answer independent of
// timing. The seed corpus is the differential corpus.
func FuzzServers(f *testing.F) {
	for _, c := range Corpus() {
		if c.Profile == "" && !c.Trickle {
			f.Add([]byte(c.Request))
		}
	}
	fuzzPairOnce.Do(func() {
		fuzzPair, fuzzPairErr = StartPair(Profile{}, func(Limits) http.Handler { return http.HandlerFunc(dump) })
	})
	if fuzzPairErr != nil {
		f.Fatal(fuzzPairErr)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		c := Case{Request: string(raw), HalfClose: true}
		if strings.HasPrefix(c.Request, "HEAD ") {
			c.Methods = []string{"HEAD"}
		}
		stdLog, greenLog := len(fuzzPair.StdLog.Messages()), len(fuzzPair.GreenLog.Messages())
		std := Exchange(fuzzPair.Std, c, fuzzLimit)
		green := Exchange(fuzzPair.Green, c, fuzzLimit)
		if diff := cmp.Diff(std, green); diff != "" {
			t.Errorf("request %q: net/http vs green/http (-std +green):\n%s", raw, diff)
		}
		if green.Stalled {
			t.Errorf("request %q: green/http stalled", raw)
		}
		if diff := cmp.Diff(fuzzPair.StdLog.Messages()[stdLog:], fuzzPair.GreenLog.Messages()[greenLog:]); diff != "" {
			t.Errorf("request %q: error logs (-std +green):\n%s", raw, diff)
		}
	})
}

// fuzzLimit bounds one fuzz exchange. Both servers answer a half-closed
// client at once, so reaching it means a stall.
const fuzzLimit = 3 * time.Second
