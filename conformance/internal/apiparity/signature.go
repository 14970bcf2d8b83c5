package apiparity

import (
	"fmt"
	"go/types"
	"strings"
)

// signatureDiff explains how mir fails to stand for std, or returns "" when
// it does. Parameter names and receivers do not matter.
func (c *comparer) signatureDiff(std, mir *types.Signature) string {
	var diffs []string
	if d := c.typeParamsDiff(std.TypeParams(), mir.TypeParams()); d != "" {
		diffs = append(diffs, d)
	}
	if std.Variadic() != mir.Variadic() {
		diffs = append(diffs, fmt.Sprintf("variadic is %t, want %t", mir.Variadic(), std.Variadic()))
	}
	diffs = append(diffs, c.tupleDiffs("parameter", std.Params(), mir.Params())...)
	diffs = append(diffs, c.tupleDiffs("result", std.Results(), mir.Results())...)
	return strings.Join(diffs, "; ")
}

// tupleDiffs explains, one entry per position, how the parameters or
// results mir differ from std.
func (c *comparer) tupleDiffs(what string, std, mir *types.Tuple) []string {
	if std.Len() != mir.Len() {
		return []string{fmt.Sprintf("%ss are %s, want %s", what, typeString(mir), typeString(std))}
	}
	var diffs []string
	for i := range std.Len() {
		s, m := std.At(i).Type(), mir.At(i).Type()
		if !c.identical(s, m) {
			diffs = append(diffs, fmt.Sprintf("%s %d is %s, want %s", what, i, typeString(m), typeString(s)))
		}
	}
	return diffs
}

// typeParamsDiff explains how the type parameter list mir differs from std
// in length or constraints, or returns "" when it does not.
func (c *comparer) typeParamsDiff(std, mir *types.TypeParamList) string {
	if std.Len() != mir.Len() {
		return fmt.Sprintf("type parameters are %s, want %s", typeParamsString(mir), typeParamsString(std))
	}
	var diffs []string
	for i := range std.Len() {
		s, m := std.At(i).Constraint(), mir.At(i).Constraint()
		if !c.identical(s, m) {
			diffs = append(diffs, fmt.Sprintf("type parameter %d is constrained by %s, want %s", i, typeString(m), typeString(s)))
		}
	}
	return strings.Join(diffs, "; ")
}

// typeString writes t with every package named by its full import path, so
// a stdlib type and its twin never print alike.
func typeString(t types.Type) string {
	return types.TypeString(t, func(p *types.Package) string { return p.Path() })
}

// typeParamsString writes a type parameter list with its constraints, as
// in "[K comparable, V any]".
func typeParamsString(list *types.TypeParamList) string {
	params := make([]string, list.Len())
	for i := range list.Len() {
		p := list.At(i)
		params[i] = p.Obj().Name() + " " + typeString(p.Constraint())
	}
	return "[" + strings.Join(params, ", ") + "]"
}
