package apiparity

import (
	"go/types"
)

// comparer decides whether a type written in a mirror may stand for a type
// written in the stdlib.
//
// It compares named types by package path and name rather than by object
// identity, so it does not depend on how the loader shared package objects,
// and it compares type parameters by their index in their declaration's
// list: a stdlib declaration and its mirror declare their own parameter
// objects, and the i-th of one stands for the i-th of the other.
type comparer struct {
	// mirrorOf maps a stdlib import path to its mirror's import path.
	mirrorOf map[string]string
}

// identical reports whether mir may stand for std: the two types are
// identical once every named type of a mirror is taken for its stdlib twin.
func (c *comparer) identical(std, mir types.Type) bool {
	std, mir = types.Unalias(std), types.Unalias(mir)
	switch s := std.(type) {
	case *types.Basic:
		m, ok := mir.(*types.Basic)
		return ok && s.Kind() == m.Kind()
	case *types.Named:
		m, ok := mir.(*types.Named)
		return ok && c.twins(s, m) && c.identicalLists(s.TypeArgs(), m.TypeArgs())
	case *types.Pointer:
		m, ok := mir.(*types.Pointer)
		return ok && c.identical(s.Elem(), m.Elem())
	case *types.Slice:
		m, ok := mir.(*types.Slice)
		return ok && c.identical(s.Elem(), m.Elem())
	case *types.Array:
		m, ok := mir.(*types.Array)
		return ok && s.Len() == m.Len() && c.identical(s.Elem(), m.Elem())
	case *types.Map:
		m, ok := mir.(*types.Map)
		return ok && c.identical(s.Key(), m.Key()) && c.identical(s.Elem(), m.Elem())
	case *types.Chan:
		m, ok := mir.(*types.Chan)
		return ok && s.Dir() == m.Dir() && c.identical(s.Elem(), m.Elem())
	case *types.Signature:
		m, ok := mir.(*types.Signature)
		return ok && c.signatureDiff(s, m) == ""
	case *types.Struct:
		m, ok := mir.(*types.Struct)
		return ok && c.identicalStructs(s, m)
	case *types.Interface:
		m, ok := mir.(*types.Interface)
		return ok && c.identicalInterfaces(s, m)
	case *types.Union:
		m, ok := mir.(*types.Union)
		return ok && c.identicalUnions(s, m)
	case *types.TypeParam:
		m, ok := mir.(*types.TypeParam)
		return ok && s.Index() == m.Index()
	case *types.Tuple:
		m, ok := mir.(*types.Tuple)
		return ok && c.identicalTuples(s, m)
	}
	return false
}

// twins reports whether the named type mir is the stdlib type std itself or
// the twin its package's mirror declares.
func (c *comparer) twins(std, mir *types.Named) bool {
	if std.Obj().Name() != mir.Obj().Name() {
		return false
	}
	stdPath, mirPath := pkgPath(std.Obj()), pkgPath(mir.Obj())
	if stdPath == mirPath {
		return true
	}
	twin, mirrored := c.mirrorOf[stdPath]
	return mirrored && twin == mirPath
}

// pkgPath is the import path of obj's package, "" for predeclared objects.
func pkgPath(obj types.Object) string {
	if obj.Pkg() == nil {
		return ""
	}
	return obj.Pkg().Path()
}

// identicalLists compares type arguments position by position.
func (c *comparer) identicalLists(std, mir *types.TypeList) bool {
	if std.Len() != mir.Len() {
		return false
	}
	for i := range std.Len() {
		if !c.identical(std.At(i), mir.At(i)) {
			return false
		}
	}
	return true
}

// identicalTuples compares parameter or result types; names do not matter.
func (c *comparer) identicalTuples(std, mir *types.Tuple) bool {
	if std.Len() != mir.Len() {
		return false
	}
	for i := range std.Len() {
		if !c.identical(std.At(i).Type(), mir.At(i).Type()) {
			return false
		}
	}
	return true
}

// identicalStructs compares struct literal types field by field, names,
// embedding and tags included, as the language does.
func (c *comparer) identicalStructs(std, mir *types.Struct) bool {
	if std.NumFields() != mir.NumFields() {
		return false
	}
	for i := range std.NumFields() {
		s, m := std.Field(i), mir.Field(i)
		if s.Name() != m.Name() || s.Embedded() != m.Embedded() || std.Tag(i) != mir.Tag(i) ||
			!c.identical(s.Type(), m.Type()) {
			return false
		}
	}
	return true
}

// identicalInterfaces compares complete method sets and, for constraint
// interfaces, the type terms; embedding an interface and spelling out its
// methods are the same interface, as in the language.
func (c *comparer) identicalInterfaces(std, mir *types.Interface) bool {
	if std.IsComparable() != mir.IsComparable() || std.IsMethodSet() != mir.IsMethodSet() {
		return false
	}
	if len(c.interfaceMethodDiffs(std, mir)) > 0 {
		return false
	}
	if std.IsMethodSet() {
		return true
	}
	if std.NumEmbeddeds() != mir.NumEmbeddeds() {
		return false
	}
	for i := range std.NumEmbeddeds() {
		if !c.identical(std.EmbeddedType(i), mir.EmbeddedType(i)) {
			return false
		}
	}
	return true
}

// identicalUnions compares the terms of a constraint union in order.
func (c *comparer) identicalUnions(std, mir *types.Union) bool {
	if std.Len() != mir.Len() {
		return false
	}
	for i := range std.Len() {
		s, m := std.Term(i), mir.Term(i)
		if s.Tilde() != m.Tilde() || !c.identical(s.Type(), m.Type()) {
			return false
		}
	}
	return true
}
