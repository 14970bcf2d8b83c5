package apiparity

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path"
	"strconv"
)

// delegations reads a mirror's source files and maps each package-level
// func and var that merely hands over to a declaration of another package
// to that declaration, written "importpath.Name": a func whose body is one
// call of (or one return of a call of) an imported func, a var initialised
// with an imported var. The check uses it only to say how a name is
// mirrored: as a wrapper or a bound var, or by code of its own.
func delegations(files []string) (map[string]string, error) {
	fset := token.NewFileSet()
	to := make(map[string]string)
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		imports := importNames(f)
		for _, decl := range f.Decls {
			switch decl := decl.(type) {
			case *ast.FuncDecl:
				if decl.Recv == nil {
					if target := imported(imports, calledFunc(decl.Body)); target != "" {
						to[decl.Name.Name] = target
					}
				}
			case *ast.GenDecl:
				if decl.Tok == token.VAR {
					bindings(imports, decl, to)
				}
			}
		}
	}
	return to, nil
}

// importNames maps the names a file refers to its imports by to their
// paths; an import without a name is referred to by its path's last
// element.
func importNames(f *ast.File) map[string]string {
	names := make(map[string]string)
	for _, spec := range f.Imports {
		p, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			continue
		}
		name := path.Base(p)
		if spec.Name != nil {
			name = spec.Name.Name
		}
		names[name] = p
	}
	return names
}

// calledFunc is the function a body of exactly one call statement, or one
// return of one call, calls.
func calledFunc(body *ast.BlockStmt) ast.Expr {
	if body == nil || len(body.List) != 1 {
		return nil
	}
	var call ast.Expr
	switch stmt := body.List[0].(type) {
	case *ast.ExprStmt:
		call = stmt.X
	case *ast.ReturnStmt:
		if len(stmt.Results) == 1 {
			call = stmt.Results[0]
		}
	}
	if call, ok := call.(*ast.CallExpr); ok {
		return call.Fun
	}
	return nil
}

// bindings records each var of decl initialised with an imported var.
func bindings(imports map[string]string, decl *ast.GenDecl, to map[string]string) {
	for _, spec := range decl.Specs {
		spec := spec.(*ast.ValueSpec)
		if len(spec.Values) != len(spec.Names) {
			continue
		}
		for i, name := range spec.Names {
			if target := imported(imports, spec.Values[i]); target != "" {
				to[name.Name] = target
			}
		}
	}
}

// imported writes the expression pkg.Name, or its instantiation
// pkg.Name[T], as "importpath.Name"; any other expression as "".
func imported(imports map[string]string, e ast.Expr) string {
	switch x := e.(type) {
	case *ast.IndexExpr:
		e = x.X
	case *ast.IndexListExpr:
		e = x.X
	}
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	pkg, ok := sel.X.(*ast.Ident)
	if !ok {
		return ""
	}
	p, ok := imports[pkg.Name]
	if !ok {
		return ""
	}
	return p + "." + sel.Sel.Name
}
