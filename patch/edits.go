package patch

import (
	"bytes"
	"sort"
)

// An edit replaces the source bytes [start, end) with text.
type edit struct {
	start, end int
	text       string
}

// edits is a file's pending rewrites: sorted by start and never
// overlapping. The rewriter works from the leaves up, so an outer construct
// is rewritten after its parts: it reads its parts' rewritten text with
// text and then swallows their edits with replace.
type edits struct {
	src  []byte
	list []edit
}

// text returns the source bytes [start, end) with the edits inside applied.
func (e *edits) text(start, end int) string {
	var b bytes.Buffer
	at := start
	for _, ed := range e.list[e.first(start):] {
		if ed.start >= end {
			break
		}
		b.Write(e.src[at:ed.start])
		b.WriteString(ed.text)
		at = ed.end
	}
	b.Write(e.src[at:end])
	return b.String()
}

// replace records that [start, end) becomes text, dropping the edits inside.
func (e *edits) replace(start, end int, text string) {
	i := e.first(start)
	j := i
	for j < len(e.list) && e.list[j].start < end {
		j++
	}
	e.list = append(e.list[:i], append([]edit{{start, end, text}}, e.list[j:]...)...)
}

// first is the index of the first edit that starts at or after offset.
func (e *edits) first(offset int) int {
	return sort.Search(len(e.list), func(i int) bool { return e.list[i].start >= offset })
}

// apply returns the whole source with every edit applied.
func (e *edits) apply() []byte {
	return []byte(e.text(0, len(e.src)))
}
