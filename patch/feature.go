package patch

import (
	"fmt"
	"strings"
)

// Feature is a set of the conversions the patch performs, like the keyword
// arguments of eventlet's monkey_patch(socket=True, time=False).
type Feature uint8

// The conversions. Net, Time, Sync and HTTP swap the imports of net, time,
// sync and net/http for the green mirrors; Go turns go statements into green
// spawns; Chan turns channel receives, sends, range loops and selects into
// the green channel operations.
const (
	Net Feature = 1 << iota
	Time
	Sync
	HTTP
	Go
	Chan

	// All is every conversion: what a plain monkey_patch() does.
	All = Net | Time | Sync | HTTP | Go | Chan
)

var featureNames = []struct {
	f    Feature
	name string
}{
	{Net, "net"}, {Time, "time"}, {Sync, "sync"}, {HTTP, "http"}, {Go, "go"}, {Chan, "chan"},
}

// ParseFeatures parses a comma-separated list of conversion names (net, time,
// sync, http, go, chan), as given to greenpatch -only. An empty list is All.
func ParseFeatures(list string) (Feature, error) {
	if strings.TrimSpace(list) == "" {
		return All, nil
	}
	var set Feature
	for _, word := range strings.Split(list, ",") {
		word = strings.TrimSpace(word)
		found := false
		for _, fn := range featureNames {
			if fn.name == word {
				set |= fn.f
				found = true
			}
		}
		if !found {
			return 0, fmt.Errorf("unknown conversion %q (want net, time, sync, http, go or chan)", word)
		}
	}
	return set, nil
}

// String lists the conversions in f, comma-separated, in the form
// ParseFeatures reads.
func (f Feature) String() string {
	var words []string
	for _, fn := range featureNames {
		if f&fn.f != 0 {
			words = append(words, fn.name)
		}
	}
	return strings.Join(words, ",")
}

// Has reports whether every conversion in g is in f.
func (f Feature) Has(g Feature) bool { return f&g == g }
