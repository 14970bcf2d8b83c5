package patch

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/ast/astutil"
)

// fileRewriter rewrites one file of a type-checked package. It never changes
// the syntax tree: every conversion is a text edit, built from the rewritten
// text of the construct's parts, so comments and the user's layout survive
// and the type information of the original tree stays valid throughout.
type fileRewriter struct {
	fset     *token.FileSet
	tf       *token.File
	file     *ast.File
	pkg      *types.Package
	info     *types.Info
	features Feature
	// rewritten reports whether this run rewrites the package with the
	// given path, so that its stdlib values are green ones.
	rewritten func(path string) bool

	ed edits
	// taken holds every name the file declares or refers to and every name
	// of the package scope: new imports and switch variables avoid them.
	taken map[string]bool

	eventlet, reflect         string // the names the file refers to those packages by
	needEventlet, needReflect bool
	reflectCalls              int               // reflect.Select calls turned into eventlet.Select
	addImports                map[string]string // path → name of imports added for type names

	commaOK map[*ast.UnaryExpr]bool // receives whose ok result is used
	comm    map[ast.Node]bool       // communications a select statement owns

	diags []Diagnostic
}

func newFileRewriter(fset *token.FileSet, file *ast.File, src []byte, pkg *types.Package, info *types.Info, features Feature, rewritten func(string) bool) *fileRewriter {
	r := &fileRewriter{
		fset:       fset,
		tf:         fset.File(file.Pos()),
		file:       file,
		pkg:        pkg,
		info:       info,
		features:   features,
		rewritten:  rewritten,
		ed:         edits{src: src},
		taken:      make(map[string]bool),
		addImports: make(map[string]string),
		commaOK:    make(map[*ast.UnaryExpr]bool),
		comm:       make(map[ast.Node]bool),
	}
	ast.Inspect(file, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			r.taken[id.Name] = true
		}
		return true
	})
	for _, name := range pkg.Scope().Names() {
		r.taken[name] = true
	}
	r.eventlet = r.importName(Module, "eventlet")
	r.reflect = r.importName("reflect", "reflect")
	return r
}

// rewrite returns the patched file, gofmt-formatted, or the source unchanged
// when there is nothing to patch.
func (r *fileRewriter) rewrite() ([]byte, error) {
	r.rewriteImports()
	r.walk()
	r.report()
	if len(r.ed.list) == 0 {
		return r.ed.src, nil
	}
	out := r.ed.apply()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, r.tf.Name(), out, parser.ParseComments)
	if err != nil {
		return nil, fmt.Errorf("rewritten %s does not parse: %v", r.tf.Name(), err)
	}
	if r.needEventlet {
		addImport(fset, f, r.eventlet, "eventlet", Module)
	}
	if r.needReflect {
		addImport(fset, f, r.reflect, "reflect", "reflect")
	} else if r.reflectCalls > 0 && r.reflectUses() == r.reflectCalls {
		deleteImports(fset, f, "reflect")
	}
	for path, name := range r.addImports {
		addImport(fset, f, name, r.pkgNameOf(path), path)
	}
	var b bytes.Buffer
	if err := format.Node(&b, fset, f); err != nil {
		return nil, fmt.Errorf("formatting rewritten %s: %v", r.tf.Name(), err)
	}
	return b.Bytes(), nil
}

// addImport adds an import of path under name, leaving the name out when it
// is the package's own.
func addImport(fset *token.FileSet, f *ast.File, name, pkgName, path string) {
	if name == pkgName {
		name = ""
	}
	for _, spec := range f.Imports {
		if importPath(spec) == path && (spec.Name == nil && name == "" || spec.Name != nil && spec.Name.Name == name) {
			return
		}
	}
	astutil.AddNamedImport(fset, f, name, path)
}

// deleteImports removes every import of path.
func deleteImports(fset *token.FileSet, f *ast.File, path string) {
	for _, spec := range append([]*ast.ImportSpec(nil), f.Imports...) {
		if importPath(spec) != path {
			continue
		}
		name := ""
		if spec.Name != nil {
			name = spec.Name.Name
		}
		astutil.DeleteNamedImport(fset, f, name, path)
	}
}

func importPath(spec *ast.ImportSpec) string {
	path, _ := strconv.Unquote(spec.Path.Value)
	return path
}

// walk visits the file's nodes and rewrites each one after its children, so
// that a construct is rebuilt from the already rewritten text of its parts.
func (r *fileRewriter) walk() {
	var stack []ast.Node
	ast.Inspect(r.file, func(n ast.Node) bool {
		if n == nil {
			r.leave(stack)
			stack = stack[:len(stack)-1]
			return true
		}
		r.enter(n)
		stack = append(stack, n)
		return true
	})
}

// enter marks the receives that their parent converts itself.
func (r *fileRewriter) enter(n ast.Node) {
	switch n := n.(type) {
	case *ast.AssignStmt:
		if len(n.Lhs) == 2 && len(n.Rhs) == 1 {
			if u := recvExpr(n.Rhs[0]); u != nil {
				r.commaOK[u] = true
			}
		}
	case *ast.ValueSpec:
		if len(n.Names) == 2 && len(n.Values) == 1 {
			if u := recvExpr(n.Values[0]); u != nil {
				r.commaOK[u] = true
			}
		}
	case *ast.SelectStmt:
		for _, c := range n.Body.List {
			switch comm := c.(*ast.CommClause).Comm.(type) {
			case *ast.SendStmt:
				r.comm[comm] = true
			case *ast.ExprStmt:
				r.comm[recvExpr(comm.X)] = true
			case *ast.AssignStmt:
				r.comm[recvExpr(comm.Rhs[0])] = true
			}
		}
	}
}

// leave rewrites the node on top of stack; the nodes below are its parents.
func (r *fileRewriter) leave(stack []ast.Node) {
	chans := r.features.Has(Chan)
	switch n := stack[len(stack)-1].(type) {
	case *ast.UnaryExpr:
		if chans && n.Op == token.ARROW && !r.comm[n] {
			r.recv(n)
		}
	case *ast.SendStmt:
		if chans && !r.comm[n] {
			r.send(n)
		}
	case *ast.RangeStmt:
		if chans {
			r.rangeStmt(n)
		}
	case *ast.SelectStmt:
		if chans {
			r.selectStmt(n, stack)
		}
	case *ast.GoStmt:
		if r.features.Has(Go) {
			r.goStmt(n)
		}
	case *ast.CallExpr:
		if chans && r.isFunc(n.Fun, "reflect", "Select") {
			r.replace(n.Fun, r.eventletName()+".Select")
			r.reflectCalls++
		}
	}
}

// recvExpr returns e as a receive operation, or nil.
func recvExpr(e ast.Expr) *ast.UnaryExpr {
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		return u
	}
	return nil
}

// offset is the byte offset of pos in the file.
func (r *fileRewriter) offset(pos token.Pos) int { return r.tf.Offset(pos) }

// text is the rewritten source of n.
func (r *fileRewriter) text(n ast.Node) string {
	return r.ed.text(r.offset(n.Pos()), r.offset(n.End()))
}

// textRange is the rewritten source between two positions.
func (r *fileRewriter) textRange(from, to token.Pos) string {
	return r.ed.text(r.offset(from), r.offset(to))
}

// replace makes text the rewritten source of n.
func (r *fileRewriter) replace(n ast.Node, text string) {
	r.ed.replace(r.offset(n.Pos()), r.offset(n.End()), text)
}

// eventletName is the file's name for the eventlet package, and notes that
// the file needs it.
func (r *fileRewriter) eventletName() string {
	r.needEventlet = true
	return r.eventlet
}

// reflectName is the file's name for the reflect package, and notes that the
// file needs it.
func (r *fileRewriter) reflectName() string {
	r.needReflect = true
	return r.reflect
}

// diag records that the construct at pos is left as it is, and why.
func (r *fileRewriter) diag(pos token.Pos, format string, args ...any) {
	r.diags = append(r.diags, Diagnostic{Pos: r.fset.Position(pos), Msg: fmt.Sprintf(format, args...)})
}

// isFunc reports whether e names the function pkgPath.name.
func (r *fileRewriter) isFunc(e ast.Expr, pkgPath, name string) bool {
	var id *ast.Ident
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		id = e
	case *ast.SelectorExpr:
		id = e.Sel
	default:
		return false
	}
	fn, ok := r.info.Uses[id].(*types.Func)
	return ok && fn.Pkg() != nil && fn.Pkg().Path() == pkgPath && fn.Name() == name && fn.Type().(*types.Signature).Recv() == nil
}

// reflectUses counts the file's references to the reflect package.
func (r *fileRewriter) reflectUses() int {
	n := 0
	for id, obj := range r.info.Uses {
		if pn, ok := obj.(*types.PkgName); ok && pn.Imported().Path() == "reflect" && r.inFile(id.Pos()) {
			n++
		}
	}
	return n
}

func (r *fileRewriter) inFile(pos token.Pos) bool {
	return pos >= r.file.FileStart && pos <= r.file.FileEnd
}

// typeOf is the recorded type of e.
func (r *fileRewriter) typeOf(e ast.Expr) types.Type { return r.info.TypeOf(e) }
