package apiparity

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
)

// declDiffs explains how the mirror's declaration mir (nil when the mirror
// declares no such name) fails to stand for the stdlib's std. delegate is
// the "importpath.Name" that mir's source hands over to, if any (see
// delegations). how names the way mir mirrors std: "const", "bound var"
// (std's own value), "own var", "wrapper" (of std), "green func", "alias"
// or "green type".
func (c *comparer) declDiffs(std, mir types.Object, delegate string) (how string, diffs []string) {
	if mir == nil {
		return "", []string{"not declared"}
	}
	if kindOf(std) != kindOf(mir) {
		return "", []string{fmt.Sprintf("declared as a %s, want a %s", kindOf(mir), kindOf(std))}
	}
	delegates := delegate == pkgPath(std)+"."+std.Name()
	switch std := std.(type) {
	case *types.Const:
		return "const", c.constDiffs(std, mir.(*types.Const))
	case *types.Var:
		if !c.identical(std.Type(), mir.Type()) {
			diffs = []string{fmt.Sprintf("type %s, want %s", typeString(mir.Type()), typeString(std.Type()))}
		}
		if delegates {
			return "bound var", diffs
		}
		return "own var", diffs
	case *types.Func:
		if d := c.signatureDiff(std.Signature(), mir.(*types.Func).Signature()); d != "" {
			diffs = []string{d}
		}
		if delegates {
			return "wrapper", diffs
		}
		return "green func", diffs
	case *types.TypeName:
		return c.typeDiffs(std, mir.(*types.TypeName))
	}
	return "", []string{fmt.Sprintf("cannot compare a %s", kindOf(std))}
}

// kindOf names the kind of a package-level declaration.
func kindOf(obj types.Object) string {
	switch obj.(type) {
	case *types.Const:
		return "const"
	case *types.Var:
		return "var"
	case *types.Func:
		return "func"
	case *types.TypeName:
		return "type"
	}
	return fmt.Sprintf("%T", obj)
}

// constDiffs checks that mir has std's type (untyped stays untyped) and
// value.
func (c *comparer) constDiffs(std, mir *types.Const) []string {
	var diffs []string
	if !c.identical(std.Type(), mir.Type()) {
		diffs = append(diffs, fmt.Sprintf("type %s, want %s", typeString(mir.Type()), typeString(std.Type())))
	}
	if !sameValue(std.Val(), mir.Val()) {
		diffs = append(diffs, fmt.Sprintf("value %s, want %s", mir.Val().ExactString(), std.Val().ExactString()))
	}
	return diffs
}

// sameValue reports whether two constant values are equal; values of kinds
// that cannot be compared, or unknown ones, are not.
func sameValue(a, b constant.Value) bool {
	numeric := func(v constant.Value) bool {
		k := v.Kind()
		return k == constant.Int || k == constant.Float || k == constant.Complex
	}
	switch {
	case a.Kind() == constant.Unknown || b.Kind() == constant.Unknown:
		return false
	case numeric(a) && numeric(b), a.Kind() == b.Kind():
		return constant.Compare(a, token.EQL, b)
	}
	return false
}
