package patch

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"
	"unicode"
	"unicode/utf8"
)

// goStmt turns go f(x) into a green spawn. A go statement evaluates the
// function value and the arguments in the calling goroutine and runs the
// call in the new one; the spawn does the same:
//
//	go func() { ... }()         eventlet.SpawnN(func() { ... })
//	go s.serve()                eventlet.SpawnN(s.serve)   (binds s now)
//	go func(c net.Conn) {...}(conn)
//	                            { c := conn; eventlet.SpawnN(func() {...}) }
//	go handle(conn, 5)          { conn := conn; eventlet.SpawnN(func() { handle(conn, 5) }) }
//
// Operands that cannot change before the greenthread runs (constants,
// functions, function literals, &v) are left in the call; every other one
// is evaluated into a variable of a new block, in the original order.
func (r *fileRewriter) goStmt(g *ast.GoStmt) {
	call := g.Call
	fun := ast.Unparen(call.Fun)
	if lit, ok := fun.(*ast.FuncLit); ok && lit.Type.Results.NumFields() == 0 {
		if len(call.Args) == 0 && lit.Type.Params.NumFields() == 0 {
			r.replace(g, r.eventletName()+".SpawnN("+r.text(lit)+")")
			return
		}
		if text, ok := r.bindParams(call, lit); ok {
			r.replace(g, text)
			return
		}
	}
	if len(call.Args) == 0 && !r.isBuiltin(fun) && types.AssignableTo(r.typeOf(call.Fun), types.NewSignatureType(nil, nil, nil, nil, nil, false)) {
		r.replace(g, r.eventletName()+".SpawnN("+r.text(call.Fun)+")")
		return
	}
	text, err := r.spawnCall(g)
	if err != nil {
		r.diag(g.Pos(), "go statement left as a plain goroutine: %v", err)
		return
	}
	r.replace(g, text)
}

// bindParams spawns a function literal's body with its parameters declared
// in a block around the spawn and set to the arguments:
//
//	{
//		c, n := conn, 3
//		eventlet.SpawnN(func() { ...body... })
//	}
//
// It applies when every parameter is named, no argument is a multi-value
// call and a variadic parameter gets its slice with xs....
func (r *fileRewriter) bindParams(call *ast.CallExpr, lit *ast.FuncLit) (string, bool) {
	sig := r.typeOf(lit).(*types.Signature)
	var names, values []string
	allBlank := true
	for _, field := range lit.Type.Params.List {
		if len(field.Names) == 0 {
			return "", false
		}
		typeText := r.text(field.Type)
		if e, ok := field.Type.(*ast.Ellipsis); ok {
			if !call.Ellipsis.IsValid() {
				return "", false
			}
			typeText = "[]" + r.text(e.Elt)
		}
		for _, name := range field.Names {
			i := len(names)
			if i >= len(call.Args) || name.Name == r.eventlet {
				return "", false
			}
			arg := call.Args[i]
			value := r.text(arg)
			if !types.Identical(types.Default(r.naturalType(arg)), sig.Params().At(i).Type()) {
				value = conversionText(typeText, value)
			}
			bound := name.Name
			if !r.usedIn(r.info.Defs[name], lit.Body) {
				// A parameter may go unused; a variable may not.
				bound = "_"
			}
			names = append(names, bound)
			values = append(values, value)
			allBlank = allBlank && bound == "_"
		}
	}
	if len(names) != len(call.Args) {
		return "", false
	}
	op := " := "
	if allBlank {
		op = " = "
	}
	return "{\n" + strings.Join(names, ", ") + op + strings.Join(values, ", ") + "\n" +
		r.eventletName() + ".SpawnN(func() " + r.text(lit.Body) + ")\n}", true
}

// usedIn reports whether the body refers to obj.
func (r *fileRewriter) usedIn(obj types.Object, body ast.Node) bool {
	used := false
	ast.Inspect(body, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && obj != nil && r.info.Uses[id] == obj {
			used = true
		}
		return !used
	})
	return used
}

// conversionText converts the expression text x to the type spelled t.
func conversionText(t, x string) string {
	for _, prefix := range []string{"*", "<-", "func", "chan"} {
		if strings.HasPrefix(t, prefix) {
			return "(" + t + ")(" + x + ")"
		}
	}
	return t + "(" + x + ")"
}

// spawnCall spawns a closure that makes the call, with the operands that
// could change evaluated first into variables of a new block.
func (r *fileRewriter) spawnCall(g *ast.GoStmt) (string, error) {
	call := g.Call
	fun := ast.Unparen(call.Fun)
	builtin := r.isBuiltin(fun)
	generic := r.isGenericCall(fun)
	sig, _ := r.typeOf(call.Fun).Underlying().(*types.Signature)
	w := r.typeWriter(g.Pos())

	// Temporaries must not capture a name the call still refers to.
	inUse := map[string]bool{r.eventlet: true}
	stableParts := []ast.Node{}
	if r.stable(fun) {
		stableParts = append(stableParts, fun)
	}
	for _, arg := range call.Args {
		if r.stable(arg) {
			stableParts = append(stableParts, arg)
		}
	}
	for _, n := range stableParts {
		ast.Inspect(n, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				inUse[id.Name] = true
			}
			return true
		})
	}
	temp := func(base string) string {
		name := base
		for i := 2; inUse[name]; i++ {
			name = fmt.Sprintf("%s%d", base, i)
		}
		inUse[name] = true
		return name
	}

	var stmts, lhs, rhs []string
	funText := r.text(call.Fun)
	if !r.stable(fun) {
		funText = temp(baseName(fun, "fn"))
		lhs, rhs = append(lhs, funText), append(rhs, r.text(call.Fun))
	}
	var args []string
	if tuple, ok := r.typeOf(firstArg(call)).(*types.Tuple); ok && len(call.Args) == 1 {
		if len(lhs) > 0 {
			stmts = append(stmts, lhs[0]+" := "+rhs[0])
			lhs, rhs = nil, nil
		}
		for i := range tuple.Len() {
			if !builtin && !passes(tuple.At(i).Type(), paramType(sig, call, i), generic) {
				return "", fmt.Errorf("result %d of the multi-value argument needs a conversion", i+1)
			}
			args = append(args, temp("arg"))
		}
		stmts = append(stmts, strings.Join(args, ", ")+" := "+r.text(call.Args[0]))
	} else {
		temps := make(map[types.Object]string)
		for i, arg := range call.Args {
			if r.stable(arg) {
				args = append(args, r.text(arg))
				continue
			}
			obj := r.identVar(arg)
			if name, ok := temps[obj]; ok && obj != nil {
				args = append(args, name)
				continue
			}
			value := r.text(arg)
			if !builtin {
				pt := paramType(sig, call, i)
				if !passes(types.Default(r.naturalType(arg)), pt, generic) {
					conv, err := w.conversion(pt, value)
					if err != nil {
						return "", fmt.Errorf("argument %d needs a conversion to a type that cannot be named here (%v)", i+1, err)
					}
					value = conv
				}
			}
			name := temp(baseName(arg, "arg"))
			temps[obj] = name
			args = append(args, name)
			lhs, rhs = append(lhs, name), append(rhs, value)
		}
	}
	w.commit()
	if len(lhs) > 0 {
		stmts = append(stmts, strings.Join(lhs, ", ")+" := "+strings.Join(rhs, ", "))
	}
	ellipsis := ""
	if call.Ellipsis.IsValid() {
		ellipsis = "..."
	}
	spawn := r.eventletName() + ".SpawnN(func() { " + funText + "(" + strings.Join(args, ", ") + ellipsis + ") })"
	if len(stmts) == 0 {
		return spawn, nil
	}
	return "{\n" + strings.Join(stmts, "\n") + "\n" + spawn + "\n}", nil
}

// passes reports whether a variable of type from can stand for an argument
// of type to in the call: assignable, or identical where the call infers
// type arguments from it.
func passes(from, to types.Type, generic bool) bool {
	if generic {
		return types.Identical(from, to)
	}
	return types.AssignableTo(from, to)
}

// paramType is the type of the parameter argument i is passed to.
func paramType(sig *types.Signature, call *ast.CallExpr, i int) types.Type {
	n := sig.Params().Len()
	if sig.Variadic() && !call.Ellipsis.IsValid() && i >= n-1 {
		return sig.Params().At(n - 1).Type().(*types.Slice).Elem()
	}
	return sig.Params().At(i).Type()
}

func firstArg(call *ast.CallExpr) ast.Expr {
	if len(call.Args) == 0 {
		return nil
	}
	return call.Args[0]
}

// baseName names the variable that holds the value of e: after the
// variable e reads, or the field or method it selects (lower-cased), else
// fallback.
func baseName(e ast.Expr, fallback string) string {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		r, size := utf8.DecodeRuneInString(e.Sel.Name)
		return string(unicode.ToLower(r)) + e.Sel.Name[size:]
	}
	return fallback
}

// stable reports whether e yields the same value however late it is
// evaluated, and has no effects: constants, nil, functions and function
// literals, method expressions, and the address of a variable.
func (r *fileRewriter) stable(e ast.Expr) bool {
	if e == nil {
		return false
	}
	if tv, ok := r.info.Types[e]; ok && (tv.Value != nil || tv.IsNil()) {
		return true
	}
	switch e := e.(type) {
	case *ast.ParenExpr:
		return r.stable(e.X)
	case *ast.FuncLit:
		return true
	case *ast.Ident:
		switch r.info.Uses[e].(type) {
		case *types.Func, *types.Builtin:
			return true
		}
	case *ast.SelectorExpr:
		if sel, ok := r.info.Selections[e]; ok {
			return sel.Kind() == types.MethodExpr
		}
		_, ok := r.info.Uses[e.Sel].(*types.Func)
		return ok
	case *ast.IndexExpr:
		return r.stable(e.X) && r.info.Types[e.Index].IsType()
	case *ast.IndexListExpr:
		for _, idx := range e.Indices {
			if !r.info.Types[idx].IsType() {
				return false
			}
		}
		return r.stable(e.X)
	case *ast.UnaryExpr:
		if id, ok := ast.Unparen(e.X).(*ast.Ident); ok && e.Op.String() == "&" {
			_, isVar := r.info.Uses[id].(*types.Var)
			return isVar
		}
	}
	return false
}

// identVar is the variable e names, or nil.
func (r *fileRewriter) identVar(e ast.Expr) types.Object {
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		if v, ok := r.info.Uses[id].(*types.Var); ok {
			return v
		}
	}
	return nil
}

func (r *fileRewriter) isBuiltin(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	if !ok {
		return false
	}
	_, ok = r.info.Uses[id].(*types.Builtin)
	return ok
}

// isGenericCall reports whether the called function is generic, so that
// the call infers its type arguments from the arguments' types.
func (r *fileRewriter) isGenericCall(fun ast.Expr) bool {
	switch f := fun.(type) {
	case *ast.Ident:
		_, ok := r.info.Instances[f]
		return ok
	case *ast.SelectorExpr:
		_, ok := r.info.Instances[f.Sel]
		return ok
	case *ast.IndexExpr:
		return r.isGenericCall(f.X)
	case *ast.IndexListExpr:
		return r.isGenericCall(f.X)
	}
	return false
}
