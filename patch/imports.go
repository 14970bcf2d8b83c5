package patch

import (
	"go/token"
	"go/types"
	"path"
	"strconv"
)

// Module is the import path of eventlet-go's module.
const Module = "github.com/eventlet-go/eventlet"

// mirrors maps each stdlib package the patch swaps to its green mirror and
// the conversion that swaps it.
var mirrors = map[string]struct {
	green   string
	feature Feature
}{
	"net":      {Module + "/green/net", Net},
	"time":     {Module + "/green/time", Time},
	"sync":     {Module + "/green/sync", Sync},
	"net/http": {Module + "/green/http", HTTP},
}

// GreenPath returns the green mirror of the stdlib package path when
// features swap it.
func GreenPath(path string, features Feature) (string, bool) {
	m, ok := mirrors[path]
	if !ok || !features.Has(m.feature) {
		return "", false
	}
	return m.green, true
}

// rewriteImports points the file's imports of mirrored packages at the green
// mirrors. The file's names for them do not change: each mirror has the name
// of the package it mirrors.
func (r *fileRewriter) rewriteImports() {
	for _, spec := range r.file.Imports {
		if green, ok := GreenPath(importPath(spec), r.features); ok {
			r.replace(spec.Path, strconv.Quote(green))
		}
	}
}

// importName picks the name the file uses for the package at path: the
// name of an existing import when nothing else in the file or its package
// declares that name, or else a fresh name built from base. The caller adds
// the import when it uses the name.
func (r *fileRewriter) importName(path, base string) string {
	for _, spec := range r.file.Imports {
		if importPath(spec) != path {
			continue
		}
		pn := r.info.PkgNameOf(spec)
		if pn == nil || pn.Name() == "_" || pn.Name() == "." {
			continue
		}
		if !r.declaredElsewhere(pn) {
			return pn.Name()
		}
	}
	return r.fresh(base)
}

// declaredElsewhere reports whether something in the file or the package
// scope other than the import pn is declared with pn's name.
func (r *fileRewriter) declaredElsewhere(pn *types.PkgName) bool {
	if r.pkg.Scope().Lookup(pn.Name()) != nil {
		return true
	}
	for id, obj := range r.info.Defs {
		if obj != nil && obj != types.Object(pn) && id.Name == pn.Name() && r.inFile(id.Pos()) {
			return true
		}
	}
	return false
}

// fresh returns base, or base with the smallest number from 2 up appended,
// that the file does not use yet, and reserves it.
func (r *fileRewriter) fresh(base string) string {
	name := base
	for i := 2; r.taken[name]; i++ {
		name = base + strconv.Itoa(i)
	}
	r.taken[name] = true
	return name
}

// pkgNameOf is the declared name of the package at path, as far as the
// file's type information knows it; else the last element of the path.
func (r *fileRewriter) pkgNameOf(importPath string) string {
	for _, p := range r.pkg.Imports() {
		if p.Path() == importPath {
			return p.Name()
		}
	}
	return path.Base(importPath)
}

// fileImport finds the file's import of path usable at the scope of pos:
// its name, "" for a dot import, and whether there is one.
func (r *fileRewriter) fileImport(path string, scope *types.Scope, pos token.Pos) (string, bool) {
	for _, spec := range r.file.Imports {
		if importPath(spec) != path {
			continue
		}
		pn := r.info.PkgNameOf(spec)
		if pn == nil || pn.Name() == "_" {
			continue
		}
		if pn.Name() == "." {
			return "", true
		}
		if _, obj := scope.LookupParent(pn.Name(), pos); obj == types.Object(pn) {
			return pn.Name(), true
		}
	}
	return "", false
}
