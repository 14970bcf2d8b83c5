package http

import (
	"bufio"
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestHeaderSnapshot: a snapshot holds what Header.Clone returns, sorted
// by key; it answers get, has and values as the map does, deletes as
// Header.Del does, is written as Header.WriteSubset writes, and a reused
// snapshot keeps nothing of its previous header.
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
			"X-Deleted":    {"not sent"},
			"x-lower-case": {"kept as is"},
			"Trailer:X":    {"a trailer, not sent"},
		},
		{"Content-Length": {"5"}},
	}
	for _, h := range headers {
		s := takeHeaderSnapshot(h)
		got := Header{}
		for i, kv := range s.kvs {
			got[kv.key] = kv.values
			if i > 0 && s.kvs[i-1].key >= kv.key {
				t.Errorf("snapshot of %v not sorted: %q before %q", h, s.kvs[i-1].key, kv.key)
			}
		}
		if diff := cmp.Diff(h.Clone(), got); diff != "" {
			t.Errorf("snapshot of %v differs from Clone (-Clone +snapshot):\n%s", h, diff)
		}
		for _, k := range []string{"Content-Type", "A-First", "X-Nil", "X-Empty", "Missing", ""} {
			vv, ok := h[k]
			if s.has(k) != ok || s.get(k) != headerGet(h, k) || !cmp.Equal(s.values(k), vv) {
				t.Errorf("snapshot of %v: has/get/values(%q) = %v/%q/%q, want %v/%q/%q", h, k, s.has(k), s.get(k), s.values(k), ok, headerGet(h, k), vv)
			}
		}

		want := h.Clone()
		want.Del("X-Deleted")
		s.del("X-Deleted")
		s.del("Missing")
		var wantBuf, gotBuf bytes.Buffer
		want.WriteSubset(&wantBuf, nil)
		bw := bufio.NewWriter(&gotBuf)
		s.write(bw)
		bw.Flush()
		if gotBuf.String() != wantBuf.String() {
			t.Errorf("snapshot of %v writes\n%q\nwant (WriteSubset)\n%q", h, gotBuf.String(), wantBuf.String())
		}
		s.release()
	}
}
