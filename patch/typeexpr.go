package patch

import (
	"fmt"
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

// typeWriter spells types as source text that denotes them at one position
// of the file: every name it writes resolves there to the object it means.
// Some conversions need a type the user never wrote (the element type of a
// channel returned by a function); when a type cannot be spelled there (an
// unexported type of another package, a shadowed name), the conversion is
// left out and reported.
type typeWriter struct {
	r     *fileRewriter
	pos   token.Pos
	scope *types.Scope
	// imports holds the imports the spellings need that the file lacks,
	// path → name; commit adds them.
	imports map[string]string
}

func (r *fileRewriter) typeWriter(pos token.Pos) *typeWriter {
	scope := r.pkg.Scope().Innermost(pos)
	if scope == nil {
		scope = r.info.Scopes[r.file]
	}
	return &typeWriter{r: r, pos: pos, scope: scope, imports: make(map[string]string)}
}

// commit adds the imports the written spellings need.
func (w *typeWriter) commit() {
	for path, name := range w.imports {
		w.r.addImports[path] = name
	}
}

// conversion spells the conversion of the expression text x to t.
func (w *typeWriter) conversion(t types.Type, x string) (string, error) {
	s, err := w.typeString(t)
	if err != nil {
		return "", err
	}
	return conversionText(s, x), nil
}

// typeString spells t.
func (w *typeWriter) typeString(t types.Type) (string, error) {
	switch t := t.(type) {
	case *types.Basic:
		if t.Kind() == types.UnsafePointer {
			return w.qualified(types.Unsafe, "Pointer", nil)
		}
		if t.Info()&types.IsUntyped != 0 {
			return "", fmt.Errorf("%s has no type", t)
		}
		return w.universe(t.Name())
	case *types.Alias:
		if s, err := w.named(t.Obj(), t.TypeArgs()); err == nil {
			return s, nil
		}
		return w.typeString(types.Unalias(t))
	case *types.Named:
		return w.named(t.Obj(), t.TypeArgs())
	case *types.TypeParam:
		if !w.visible(t.Obj().Name(), t.Obj()) {
			return "", fmt.Errorf("type parameter %s is not visible here", t.Obj().Name())
		}
		return t.Obj().Name(), nil
	case *types.Pointer:
		return w.prefixed("*", t.Elem())
	case *types.Slice:
		return w.prefixed("[]", t.Elem())
	case *types.Array:
		return w.prefixed("["+strconv.FormatInt(t.Len(), 10)+"]", t.Elem())
	case *types.Map:
		k, err := w.typeString(t.Key())
		if err != nil {
			return "", err
		}
		return w.prefixed("map["+k+"]", t.Elem())
	case *types.Chan:
		return w.chanType(t)
	case *types.Signature:
		s, err := w.signature(t)
		if err != nil {
			return "", err
		}
		return "func" + s, nil
	case *types.Struct:
		return w.structType(t)
	case *types.Interface:
		return w.interfaceType(t)
	}
	return "", fmt.Errorf("%s cannot be spelled", t)
}

func (w *typeWriter) prefixed(prefix string, elem types.Type) (string, error) {
	s, err := w.typeString(elem)
	if err != nil {
		return "", err
	}
	return prefix + s, nil
}

func (w *typeWriter) chanType(t *types.Chan) (string, error) {
	elem, err := w.typeString(t.Elem())
	if err != nil {
		return "", err
	}
	switch t.Dir() {
	case types.SendOnly:
		return "chan<- " + elem, nil
	case types.RecvOnly:
		return "<-chan " + elem, nil
	}
	if c, ok := t.Elem().(*types.Chan); ok && c.Dir() == types.RecvOnly {
		// chan <-chan T would read as chan<- chan T.
		return "chan (" + elem + ")", nil
	}
	return "chan " + elem, nil
}

// signature spells a function type after the func keyword.
func (w *typeWriter) signature(sig *types.Signature) (string, error) {
	params, err := w.tuple(sig.Params(), sig.Variadic())
	if err != nil {
		return "", err
	}
	results, err := w.tuple(sig.Results(), false)
	if err != nil {
		return "", err
	}
	switch sig.Results().Len() {
	case 0:
		return "(" + params + ")", nil
	case 1:
		return "(" + params + ") " + results, nil
	}
	return "(" + params + ") (" + results + ")", nil
}

func (w *typeWriter) tuple(t *types.Tuple, variadic bool) (string, error) {
	var parts []string
	for i := range t.Len() {
		typ := t.At(i).Type()
		prefix := ""
		if variadic && i == t.Len()-1 {
			typ = typ.(*types.Slice).Elem()
			prefix = "..."
		}
		s, err := w.typeString(typ)
		if err != nil {
			return "", err
		}
		parts = append(parts, prefix+s)
	}
	return strings.Join(parts, ", "), nil
}

func (w *typeWriter) structType(t *types.Struct) (string, error) {
	var fields []string
	for i := range t.NumFields() {
		f := t.Field(i)
		if !f.Exported() && f.Pkg() != w.r.pkg {
			return "", fmt.Errorf("struct field %s belongs to package %s", f.Name(), f.Pkg().Path())
		}
		typ, err := w.typeString(f.Type())
		if err != nil {
			return "", err
		}
		field := typ
		if !f.Embedded() {
			field = f.Name() + " " + typ
		}
		if tag := t.Tag(i); tag != "" {
			field += " " + strconv.Quote(tag)
		}
		fields = append(fields, field)
	}
	return "struct{" + strings.Join(fields, "; ") + "}", nil
}

func (w *typeWriter) interfaceType(t *types.Interface) (string, error) {
	if t.Empty() {
		return "interface{}", nil
	}
	var elems []string
	for i := range t.NumEmbeddeds() {
		s, err := w.typeString(t.EmbeddedType(i))
		if err != nil {
			return "", err
		}
		elems = append(elems, s)
	}
	for i := range t.NumExplicitMethods() {
		m := t.ExplicitMethod(i)
		if !m.Exported() && m.Pkg() != w.r.pkg {
			return "", fmt.Errorf("method %s belongs to package %s", m.Name(), m.Pkg().Path())
		}
		s, err := w.signature(m.Type().(*types.Signature))
		if err != nil {
			return "", err
		}
		elems = append(elems, m.Name()+s)
	}
	return "interface{ " + strings.Join(elems, "; ") + " }", nil
}

// named spells a defined type or an alias, with its type arguments.
func (w *typeWriter) named(obj *types.TypeName, targs *types.TypeList) (string, error) {
	var s string
	var err error
	if obj.Pkg() == nil {
		s, err = w.universe(obj.Name())
	} else {
		s, err = w.qualified(obj.Pkg(), obj.Name(), obj)
	}
	if err != nil || targs.Len() == 0 {
		return s, err
	}
	var args []string
	for t := range targs.Types() {
		a, err := w.typeString(t)
		if err != nil {
			return "", err
		}
		args = append(args, a)
	}
	return s + "[" + strings.Join(args, ", ") + "]", nil
}

// universe spells a predeclared name, if nothing shadows it here.
func (w *typeWriter) universe(name string) (string, error) {
	if !w.visible(name, types.Universe.Lookup(name)) {
		return "", fmt.Errorf("predeclared %s is shadowed here", name)
	}
	return name, nil
}

// qualified spells the name of an object of pkg; obj is nil for names of
// package unsafe.
func (w *typeWriter) qualified(pkg *types.Package, name string, obj types.Object) (string, error) {
	if pkg == w.r.pkg {
		if !w.visible(name, obj) {
			return "", fmt.Errorf("%s is not visible here", name)
		}
		return name, nil
	}
	if !token.IsExported(name) {
		return "", fmt.Errorf("%s.%s is not exported", pkg.Path(), name)
	}
	if obj != nil && obj.Parent() != pkg.Scope() {
		return "", fmt.Errorf("%s.%s is local to a function", pkg.Path(), name)
	}
	qual, err := w.pkgName(pkg)
	if err != nil {
		return "", err
	}
	if qual == "" {
		if !w.visible(name, obj) {
			return "", fmt.Errorf("dot-imported %s is shadowed here", name)
		}
		return name, nil
	}
	return qual + "." + name, nil
}

// pkgName is the name of pkg at the position, "" for a dot import; it
// plans a new import when the file has none of pkg.
func (w *typeWriter) pkgName(pkg *types.Package) (string, error) {
	if name, ok := w.r.fileImport(pkg.Path(), w.scope, w.pos); ok {
		return name, nil
	}
	path := pkg.Path()
	if green, ok := GreenPath(path, w.r.features); ok {
		path = green
	}
	if name, ok := w.r.addImports[path]; ok {
		return name, nil
	}
	if name, ok := w.imports[path]; ok {
		return name, nil
	}
	if pkg.Name() == "main" || !importable(path, w.r.pkg.Path()) {
		return "", fmt.Errorf("package %s cannot be imported here", pkg.Path())
	}
	name := w.r.fresh(pkg.Name())
	w.imports[path] = name
	return name, nil
}

// importable reports whether the package at importer may import path under
// the internal-package rule.
func importable(path, importer string) bool {
	elems := strings.Split(path, "/")
	for i, e := range elems {
		if e != "internal" {
			continue
		}
		parent := strings.Join(elems[:i], "/")
		if parent == "" || !(importer == parent || strings.HasPrefix(importer, parent+"/")) {
			return false
		}
	}
	return true
}

// visible reports whether name resolves to obj at the position.
func (w *typeWriter) visible(name string, obj types.Object) bool {
	_, found := w.scope.LookupParent(name, w.pos)
	return found == obj
}
