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
// changes by the handler must not reach the wire), and that writeHeader
// then edits before writing it. It is a slice sorted by key, not a map:
// a response header has a handful of fields, which a scan finds faster
// than a map lookup hashes, and it is written in key order anyway.
// Snapshots are reused: one lives from WriteHeader until the header is on
// the connection's buffer, so a keep-alive connection allocates no copy
// per response and an idle one holds none.
type headerSnapshot struct {
	kvs  []keyValues // sorted by key, keys unique
	vals []string    // backing of the kvs' values
}

type keyValues struct {
	key    string
	values []string
}

var headerSnapshots = sync.Pool{New: func() any { return new(headerSnapshot) }}

// takeHeaderSnapshot returns a snapshot of h: the fields h.Clone()
// returns, in reused storage.
func takeHeaderSnapshot(h Header) *headerSnapshot {
	s := headerSnapshots.Get().(*headerSnapshot)
	n := 0
	for _, vv := range h {
		n += len(vv)
	}
	if cap(s.vals) < n {
		s.vals = make([]string, 0, n)
	}
	vals, kvs := s.vals[:0], s.kvs[:0]
	for k, vv := range h {
		kv := keyValues{key: k}
		if vv != nil { // as Clone: nil and empty values differ to some callers
			start := len(vals)
			vals = append(vals, vv...)
			kv.values = vals[start:len(vals):len(vals)]
		}
		// Insertion sort: there are few fields.
		i := len(kvs)
		kvs = append(kvs, kv)
		for ; i > 0 && kvs[i-1].key > k; i-- {
			kvs[i] = kvs[i-1]
		}
		kvs[i] = kv
	}
	s.vals, s.kvs = vals, kvs
	return s
}

// release empties s and returns it for reuse; s must not be used after.
func (s *headerSnapshot) release() {
	clear(s.vals)
	clear(s.kvs)
	s.vals, s.kvs = s.vals[:0], s.kvs[:0]
	headerSnapshots.Put(s)
}

// find returns the index of key, which must be in canonical form, or -1.
func (s *headerSnapshot) find(key string) int {
	for i := range s.kvs {
		if s.kvs[i].key == key {
			return i
		}
	}
	return -1
}

// has reports whether the field key is present, even with no value.
func (s *headerSnapshot) has(key string) bool { return s.find(key) >= 0 }

// values returns the values of key (Header's h[key]).
func (s *headerSnapshot) values(key string) []string {
	if i := s.find(key); i >= 0 {
		return s.kvs[i].values
	}
	return nil
}

// get returns the first value of key, or "" (Header.Get).
func (s *headerSnapshot) get(key string) string {
	if vv := s.values(key); len(vv) > 0 {
		return vv[0]
	}
	return ""
}

// del removes the field key.
func (s *headerSnapshot) del(key string) {
	if i := s.find(key); i >= 0 {
		s.kvs = slices.Delete(s.kvs, i, i+1)
	}
}

// write writes the snapshot's fields as Header.WriteSubset does: sorted
// by key, fields with invalid names dropped (the TrailerPrefix ones among
// them), CR and LF in values turned to spaces, values trimmed.
func (s *headerSnapshot) write(w *bufio.Writer) {
	for _, kv := range s.kvs {
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
