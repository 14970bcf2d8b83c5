package apiparity

import (
	"fmt"
	"go/types"
)

// fieldDiffs checks that every exported field of the stdlib struct std,
// promoted ones included, is a field of mir with an identical type.
func (c *comparer) fieldDiffs(std *types.Struct, mir *types.Named) []string {
	var diffs []string
	for _, f := range exportedFields(std) {
		obj, _, _ := types.LookupFieldOrMethod(mir, true, mir.Obj().Pkg(), f.Name())
		m, ok := obj.(*types.Var)
		switch {
		case !ok || !m.IsField():
			diffs = append(diffs, fmt.Sprintf("field %s missing", f.Name()))
		case !c.identical(f.Type(), m.Type()):
			diffs = append(diffs, fmt.Sprintf("field %s is %s, want %s", f.Name(), typeString(m.Type()), typeString(f.Type())))
		}
	}
	return diffs
}

// exportedFields lists the exported fields a value of struct type s can
// select, its own and those promoted from embedded structs, shallowest
// first; a name seen at a shallower depth hides deeper ones.
func exportedFields(s *types.Struct) []*types.Var {
	var fields []*types.Var
	seen := make(map[string]bool)
	visited := make(map[*types.Struct]bool)
	for level := []*types.Struct{s}; len(level) > 0; {
		var next []*types.Struct
		for _, st := range level {
			if visited[st] {
				continue
			}
			visited[st] = true
			for f := range st.Fields() {
				if !seen[f.Name()] && f.Exported() {
					fields = append(fields, f)
				}
				seen[f.Name()] = true
				if embedded, ok := embeddedStruct(f); ok {
					next = append(next, embedded)
				}
			}
		}
		level = next
	}
	return fields
}

// embeddedStruct is the struct an embedded field f promotes fields from.
func embeddedStruct(f *types.Var) (*types.Struct, bool) {
	if !f.Embedded() {
		return nil, false
	}
	t := f.Type()
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	s, ok := t.Underlying().(*types.Struct)
	return s, ok
}
