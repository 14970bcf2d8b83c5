package apiparity

import (
	"fmt"
	"go/types"
)

// methodDiffs checks that every exported method of the stdlib type std is a
// method of mir with an identical signature, in the same method set: a
// method the stdlib declares on the value (or promotes to it) must be
// callable on a mirror value, one it declares on the pointer must be
// callable on a mirror pointer. A mirror that declares on the value what
// the stdlib declares on the pointer still compiles every stdlib caller,
// and is accepted.
func (c *comparer) methodDiffs(std, mir *types.Named) []string {
	stdValue, stdPointer := types.NewMethodSet(std), types.NewMethodSet(types.NewPointer(std))
	mirValue, mirPointer := types.NewMethodSet(mir), types.NewMethodSet(types.NewPointer(mir))
	var diffs []string
	for sel := range stdPointer.Methods() {
		name := sel.Obj().Name()
		if !sel.Obj().Exported() {
			continue
		}
		onValue := stdValue.Lookup(sel.Obj().Pkg(), name) != nil
		want := mirPointer
		if onValue {
			want = mirValue
		}
		m := want.Lookup(mir.Obj().Pkg(), name)
		switch {
		case m == nil && onValue && mirPointer.Lookup(mir.Obj().Pkg(), name) != nil:
			diffs = append(diffs, fmt.Sprintf("method %s has a pointer receiver, want a value receiver", name))
		case m == nil:
			diffs = append(diffs, fmt.Sprintf("method %s missing", name))
		default:
			if d := c.signatureDiff(sel.Type().(*types.Signature), m.Type().(*types.Signature)); d != "" {
				diffs = append(diffs, fmt.Sprintf("method %s: %s", name, d))
			}
		}
	}
	return diffs
}

// interfaceDiffs checks that the interface twin mir has exactly the method
// set of std, with identical signatures, and the same type set: anything
// that implements one implements the other.
func (c *comparer) interfaceDiffs(std, mir *types.Interface) []string {
	diffs := c.interfaceMethodDiffs(std, mir)
	if len(diffs) == 0 && !c.identicalInterfaces(std, mir) {
		diffs = append(diffs, fmt.Sprintf("type set is %s, want %s", typeString(mir), typeString(std)))
	}
	return diffs
}

// interfaceMethodDiffs compares the complete method sets of two interfaces
// by method identity: an unexported stdlib method cannot be matched.
func (c *comparer) interfaceMethodDiffs(std, mir *types.Interface) []string {
	mirMethods := make(map[string]*types.Func, mir.NumMethods())
	for m := range mir.Methods() {
		mirMethods[m.Id()] = m
	}
	var diffs []string
	for s := range std.Methods() {
		m, ok := mirMethods[s.Id()]
		if !ok {
			diffs = append(diffs, fmt.Sprintf("method %s missing", s.Name()))
			continue
		}
		delete(mirMethods, s.Id())
		if d := c.signatureDiff(s.Signature(), m.Signature()); d != "" {
			diffs = append(diffs, fmt.Sprintf("method %s: %s", s.Name(), d))
		}
	}
	for m := range mir.Methods() {
		if _, extra := mirMethods[m.Id()]; extra {
			diffs = append(diffs, fmt.Sprintf("method %s is not in the stdlib interface", m.Name()))
		}
	}
	return diffs
}
