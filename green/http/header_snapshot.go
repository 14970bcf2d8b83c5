package http

import (
	"bufio"
	"net/textproto"
	"slices"
	"strings"
	"sync"
)

// headerSnapshot is the copy of a handler's header that a response sends
// once the header is logically written (net/http clones the map: later
// changes by the handler must not reach the wire). Snapshots are reused:
// one lives from WriteHeader until the header is on the connection's
// buffer, so a keep-alive connection allocates no copy per response and
// an idle one holds none.
type headerSnapshot struct {
	h    Header
	vals []string    // backing of h's value slices
	kvs  []keyValues // write's sorting space
}

type keyValues struct {
	key    string
	values []string
}

var headerSnapshots = sync.Pool{New: func() any { return &headerSnapshot{h: make(Header)} }}

// takeHeaderSnapshot returns a snapshot of h: what h.Clone() returns, in
// reused storage.
func takeHeaderSnapshot(h Header) *headerSnapshot {
	s := headerSnapshots.Get().(*headerSnapshot)
	n := 0
	for _, vv := range h {
		n += len(vv)
	}
	if cap(s.vals) < n {
		s.vals = make([]string, 0, n)
	}
	vals := s.vals[:0]
	for k, vv := range h {
		if vv == nil {
			s.h[k] = nil // as Clone: nil and empty values differ to some callers
			continue
		}
		start := len(vals)
		vals = append(vals, vv...)
		s.h[k] = vals[start:len(vals):len(vals)]
	}
	s.vals = vals
	return s
}

// release empties s and returns it for reuse; s must not be used after.
func (s *headerSnapshot) release() {
	clear(s.h)
	clear(s.vals)
	clear(s.kvs)
	s.vals, s.kvs = s.vals[:0], s.kvs[:0]
	headerSnapshots.Put(s)
}

// write writes the snapshot's fields not in exclude as
// Header.WriteSubset does: sorted by key, fields with invalid names
// dropped, CR and LF in values turned to spaces, values trimmed.
func (s *headerSnapshot) write(w *bufio.Writer, exclude map[string]bool) {
	kvs := s.kvs[:0]
	for k, vv := range s.h {
		if !exclude[k] {
			kvs = append(kvs, keyValues{k, vv})
		}
	}
	slices.SortFunc(kvs, func(a, b keyValues) int { return strings.Compare(a.key, b.key) })
	s.kvs = kvs
	for _, kv := range kvs {
		if !validHeaderFieldName(kv.key) {
			continue
		}
		for _, v := range kv.values {
			if strings.ContainsAny(v, "\r\n") {
				v = headerNewlineToSpace.Replace(v)
			}
			w.WriteString(kv.key)
			w.Write(colonSpace)
			w.WriteString(textproto.TrimString(v))
			w.Write(crlf)
		}
	}
}
