package http

import (
	"bufio"
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestHeaderSnapshot: a snapshot is what Header.Clone returns, it is
// written as Header.WriteSubset writes, and a reused snapshot keeps
// nothing of its previous header.
func TestHeaderSnapshot(t *testing.T) {
	headers := []Header{
		{},
		{"Content-Type": {"text/plain"}},
		{
			"Z-Last":       {"z"},
			"A-First":      {"  padded\t", "second"},
			"X-Newlines":   {"a\r\nb", "c\nd\re"},
			"X-Nil":        nil,
			"X-Empty":      {},
			"Bad Name":     {"dropped"},
			"":             {"dropped too"},
			"Set-Cookie":   {"a=1", "b=2", "c=3"},
			"X-Excluded":   {"not sent"},
			"x-lower-case": {"kept as is"},
		},
		{"Content-Length": {"5"}},
	}
	exclude := map[string]bool{"X-Excluded": true}
	for _, h := range headers {
		s := takeHeaderSnapshot(h)
		if diff := cmp.Diff(h.Clone(), s.h); diff != "" {
			t.Errorf("snapshot of %v differs from Clone (-Clone +snapshot):\n%s", h, diff)
		}
		var want, got bytes.Buffer
		h.WriteSubset(&want, exclude)
		bw := bufio.NewWriter(&got)
		s.write(bw, exclude)
		bw.Flush()
		if got.String() != want.String() {
			t.Errorf("snapshot of %v writes\n%q\nwant (WriteSubset)\n%q", h, got.String(), want.String())
		}
		s.release()
	}
}
