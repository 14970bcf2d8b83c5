package patch

import (
	"fmt"
	"go/ast"
	"go/types"
	"slices"
	"strings"
)

// report records what the patch cannot make green in the file: calls that
// block the hub whatever the imports are, and stdlib values of the patched
// packages that reach code this run does not rewrite.
func (r *fileRewriter) report() {
	for _, spec := range r.file.Imports {
		if importPath(spec) == "C" {
			r.diag(spec.Pos(), "cgo calls run on the hub's thread and stall it while they run: call slow ones through eventlet.Offload")
		}
	}
	called := make(map[*ast.Ident]bool)
	ast.Inspect(r.file, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			switch f := ast.Unparen(call.Fun).(type) {
			case *ast.Ident:
				called[f] = true
			case *ast.SelectorExpr:
				called[f.Sel] = true
			}
		}
		return true
	})
	type use struct {
		id  *ast.Ident
		obj types.Object
	}
	var uses []use
	for id, obj := range r.info.Uses {
		if r.inFile(id.Pos()) {
			uses = append(uses, use{id, obj})
		}
	}
	slices.SortFunc(uses, func(a, b use) int { return int(a.id.Pos() - b.id.Pos()) })
	reported := make(map[string]bool)
	for _, u := range uses {
		msg := r.check(u.id, u.obj, called[u.id])
		line := r.fset.Position(u.id.Pos()).Line
		key := fmt.Sprint(line, msg)
		if msg != "" && !reported[key] {
			reported[key] = true
			r.diag(u.id.Pos(), "%s", msg)
		}
	}
}

// check says what is wrong with a use of obj, if anything.
func (r *fileRewriter) check(id *ast.Ident, obj types.Object, called bool) string {
	fn, isFunc := obj.(*types.Func)
	if isFunc {
		if b, ok := blockingCalls[fn.FullName()]; ok && r.features.Has(b.feature) {
			if fn.FullName() == "reflect.Select" && called {
				return "" // rewritten to eventlet.Select
			}
			return r.objName(fn) + " " + b.why
		}
	}
	pkg := obj.Pkg()
	if pkg == nil || r.rewritten(pkg.Path()) || pkg.Path() == Module || strings.HasPrefix(pkg.Path(), Module+"/") {
		return ""
	}
	if _, ok := mirrors[pkg.Path()]; ok {
		return ""
	}
	var find flowFinder
	find.features = r.features
	switch obj := obj.(type) {
	case *types.Func:
		sig := obj.Type().(*types.Signature)
		find.tuple(sig.Params(), false)
		find.tuple(sig.Results(), true)
	case *types.Var:
		find.typ(obj.Type(), true)
		find.typ(obj.Type(), false)
	default:
		return ""
	}
	if find.found == nil {
		return ""
	}
	std := find.found.Obj().Pkg().Path()
	if find.distinct {
		return fmt.Sprintf("%s uses %s, which %s replaces with a type of its own: the patched code cannot pass it to unpatched %s (patch that too with -deps, or leave %s out of -only)",
			r.objName(obj), typeName(find.found), mirrors[std].green, pkg.Path(), featureOf(std))
	}
	return fmt.Sprintf("%s gives the patched code a %s made by unpatched %s, whose calls stall the hub (patch that too with -deps)",
		r.objName(obj), typeName(find.found), pkg.Path())
}

// flowFinder looks through a type for the stdlib types of the patched
// packages that cannot cross into or out of unpatched code: the distinct
// green types in either direction, and blocking interfaces coming out.
type flowFinder struct {
	features Feature
	found    *types.Named
	distinct bool
}

// typ looks through t; out reports whether values of t flow from the
// unpatched code to the patched code.
func (f *flowFinder) typ(t types.Type, out bool) {
	if f.found != nil {
		return
	}
	switch t := types.Unalias(t).(type) {
	case *types.Named:
		obj := t.Obj()
		if obj.Pkg() == nil {
			return
		}
		path := obj.Pkg().Path()
		if _, ok := GreenPath(path, f.features); !ok {
			return
		}
		if slices.Contains(distinctTypes[path], obj.Name()) {
			f.found, f.distinct = t, true
		} else if out && slices.Contains(blockingInterfaces[path], obj.Name()) {
			f.found = t
		}
	case *types.Pointer:
		f.typ(t.Elem(), out)
	case *types.Slice:
		f.typ(t.Elem(), out)
	case *types.Array:
		f.typ(t.Elem(), out)
	case *types.Map:
		f.typ(t.Key(), out)
		f.typ(t.Elem(), out)
	case *types.Chan:
		f.typ(t.Elem(), out)
	case *types.Signature:
		// A function value's parameters flow the other way.
		f.tuple(t.Params(), !out)
		f.tuple(t.Results(), out)
	}
}

func (f *flowFinder) tuple(t *types.Tuple, out bool) {
	for v := range t.Variables() {
		f.typ(v.Type(), out)
	}
}

// objName spells obj for a message: pkg.Name, or pkg.Type.Method.
func (r *fileRewriter) objName(obj types.Object) string {
	qual := func(p *types.Package) string { return p.Name() }
	if fn, ok := obj.(*types.Func); ok {
		if recv := fn.Type().(*types.Signature).Recv(); recv != nil {
			t := recv.Type()
			if p, ok := t.(*types.Pointer); ok {
				t = p.Elem()
			}
			return types.TypeString(t, qual) + "." + fn.Name()
		}
	}
	if v, ok := obj.(*types.Var); ok && v.IsField() {
		return "field " + v.Name()
	}
	if obj.Pkg() == nil {
		return obj.Name()
	}
	return obj.Pkg().Name() + "." + obj.Name()
}

// typeName spells a stdlib type with its full package path.
func typeName(t *types.Named) string {
	return t.Obj().Pkg().Path() + "." + t.Obj().Name()
}

// featureOf is the -only name of the conversion that swaps the stdlib
// package path.
func featureOf(path string) string {
	return mirrors[path].feature.String()
}
