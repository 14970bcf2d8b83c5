package apiparity

import (
	"fmt"
	"go/types"
)

// typeDiffs explains how the mirror's type declaration mir fails to stand
// for the stdlib's std. how says whether mir is an alias or a green type.
func (c *comparer) typeDiffs(std, mir *types.TypeName) (how string, diffs []string) {
	if mir.IsAlias() {
		return "alias", c.aliasDiffs(std, mir)
	}
	return "green type", c.greenTypeDiffs(std, mir)
}

// aliasDiffs checks that mir aliases std's type. A generic alias must
// declare std's type parameters and instantiate std's type with them, in
// order.
func (c *comparer) aliasDiffs(std, mir *types.TypeName) []string {
	target := types.Unalias(mir.Type())
	stdParams := typeParams(std.Type())
	if d := c.typeParamsDiff(stdParams, typeParams(mir.Type())); d != "" {
		return []string{d}
	}
	if named, ok := std.Type().(*types.Named); ok && stdParams.Len() > 0 {
		instance, ok := target.(*types.Named)
		if !ok || !c.twins(named, instance) || !ownParamsInOrder(instance.TypeArgs()) {
			return []string{fmt.Sprintf("aliases %s, want %s instantiated with the alias's type parameters in order",
				typeString(target), typeString(named))}
		}
		return nil
	}
	if !c.identical(std.Type(), target) {
		return []string{fmt.Sprintf("aliases %s, want %s", typeString(target), typeString(types.Unalias(std.Type())))}
	}
	return nil
}

// typeParams is the type parameter list of a generic named type or alias.
func typeParams(t types.Type) *types.TypeParamList {
	switch t := t.(type) {
	case *types.Alias:
		return t.TypeParams()
	case *types.Named:
		return t.TypeParams()
	}
	return nil
}

// ownParamsInOrder reports whether the i-th type argument is the i-th type
// parameter of the declaration that wrote it.
func ownParamsInOrder(args *types.TypeList) bool {
	for i := range args.Len() {
		p, ok := args.At(i).(*types.TypeParam)
		if !ok || p.Index() != i {
			return false
		}
	}
	return true
}

// greenTypeDiffs checks the mirror's own named type mir against its stdlib
// twin: the same type parameters, the same kind of underlying type, every
// exported field of a struct and every exported method with an identical
// type. An interface twin must have the stdlib's method set exactly; any
// other underlying type that is not a struct must be identical.
func (c *comparer) greenTypeDiffs(std, mir *types.TypeName) []string {
	stdNamed, ok := types.Unalias(std.Type()).(*types.Named)
	if !ok {
		return []string{fmt.Sprintf("declares a type, want an alias of %s", typeString(types.Unalias(std.Type())))}
	}
	mirNamed := mir.Type().(*types.Named)
	var diffs []string
	if d := c.typeParamsDiff(stdNamed.TypeParams(), mirNamed.TypeParams()); d != "" {
		diffs = append(diffs, d)
	}
	stdUnder, mirUnder := stdNamed.Underlying(), mirNamed.Underlying()
	if underlyingKind(stdUnder) != underlyingKind(mirUnder) {
		return append(diffs, fmt.Sprintf("underlying type is %s, want %s", underlyingKind(mirUnder), underlyingKind(stdUnder)))
	}
	switch stdUnder := stdUnder.(type) {
	case *types.Interface:
		return append(diffs, c.interfaceDiffs(stdUnder, mirUnder.(*types.Interface))...)
	case *types.Struct:
		diffs = append(diffs, c.fieldDiffs(stdUnder, mirNamed)...)
	default:
		if !c.identical(stdUnder, mirUnder) {
			diffs = append(diffs, fmt.Sprintf("underlying type is %s, want %s", typeString(mirUnder), typeString(stdUnder)))
		}
	}
	return append(diffs, c.methodDiffs(stdNamed, mirNamed)...)
}

// underlyingKind names the kind of an underlying type, as in "a struct".
func underlyingKind(t types.Type) string {
	switch t := t.(type) {
	case *types.Basic:
		return t.Name()
	case *types.Struct:
		return "a struct"
	case *types.Interface:
		return "an interface"
	case *types.Pointer:
		return "a pointer"
	case *types.Slice:
		return "a slice"
	case *types.Array:
		return "an array"
	case *types.Map:
		return "a map"
	case *types.Chan:
		return "a channel"
	case *types.Signature:
		return "a func"
	}
	return typeString(t)
}
