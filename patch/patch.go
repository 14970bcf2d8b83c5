package patch

import (
	"bytes"
	"errors"
	"fmt"
	"go/token"
	"os"
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"
)

// Config says which packages to patch and how.
type Config struct {
	// Dir is the directory the patterns and the go command run in; "" is
	// the current directory.
	Dir string
	// Env is the go command's environment; nil is the current one.
	Env []string
	// BuildFlags are passed to the go command (-tags...).
	BuildFlags []string
	// Features are the conversions to perform; zero is All.
	Features Feature
	// Deps also patches the packages the patterns depend on, except the
	// standard library and eventlet itself with its own dependencies:
	// gevent's aggressive patching. Their files are module cache files, so
	// they can only be used through an overlay.
	Deps bool
	// Eventlet is where the eventlet module is found; -deps uses it to know
	// which packages eventlet itself needs (and must stay unpatched).
	Eventlet Source
}

// File is one patched Go file.
type File struct {
	// Path is the file's absolute path.
	Path string
	// PkgPath is the import path of its package.
	PkgPath string
	// Dep marks a dependency's file, patched because of Config.Deps.
	Dep bool
	// Module is the module holding the file, nil outside modules.
	Module *packages.Module
	// Src is the file as it is; Out is the file patched, gofmt-formatted,
	// or Src itself when there is nothing to patch.
	Src, Out []byte
}

// Changed reports whether the patch changes the file.
func (f *File) Changed() bool { return !bytes.Equal(f.Src, f.Out) }

// Diagnostic is a construct the patch left as it was, and why: it blocks
// the hub, or stops the patched program from building.
type Diagnostic struct {
	Pos token.Position
	Msg string
}

// String formats d as file:line: why.
func (d Diagnostic) String() string {
	return fmt.Sprintf("%s:%d: %s", d.Pos.Filename, d.Pos.Line, d.Msg)
}

// Result is a patched set of packages.
type Result struct {
	// Files are the files of the packages, in load order.
	Files []*File
	// Diagnostics are sorted by file and line.
	Diagnostics []Diagnostic
	// GoMod is the main module's go.mod file ("" outside a module), which
	// the patched program's build must make require eventlet.
	GoMod string
}

// Packages loads the packages the patterns name, with their tests, and
// patches them (and their dependencies if cfg.Deps). The packages must
// type-check.
func Packages(cfg *Config, patterns ...string) (*Result, error) {
	features := cfg.Features
	if features == 0 {
		features = All
	}
	roots, err := load(cfg, true, patterns...)
	if err != nil {
		return nil, err
	}
	res := &Result{}
	for _, p := range roots {
		if p.Module != nil && p.Module.Main {
			res.GoMod = p.Module.GoMod
			break
		}
	}
	all := roots
	if cfg.Deps {
		deps, err := dependencies(cfg, roots)
		if err != nil {
			return nil, err
		}
		all = append(all, deps...)
	}
	rewritten := make(map[string]bool)
	for _, p := range all {
		rewritten[p.PkgPath] = true
	}
	isRewritten := func(path string) bool { return rewritten[path] }
	seen := make(map[string]bool)
	for i, p := range all {
		if strings.HasSuffix(p.ID, ".test") || p.PkgPath == Module || strings.HasPrefix(p.PkgPath, Module+"/") {
			continue
		}
		files, diags, err := patchPackage(p, i >= len(roots), features, isRewritten, seen)
		if err != nil {
			return nil, err
		}
		res.Files = append(res.Files, files...)
		res.Diagnostics = append(res.Diagnostics, diags...)
	}
	slices.SortStableFunc(res.Diagnostics, func(a, b Diagnostic) int {
		if c := strings.Compare(a.Pos.Filename, b.Pos.Filename); c != 0 {
			return c
		}
		return a.Pos.Offset - b.Pos.Offset
	})
	return res, nil
}

const loadMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedTypes | packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedModule

// load loads packages with syntax and types, failing on any error.
func load(cfg *Config, tests bool, patterns ...string) ([]*packages.Package, error) {
	pkgs, err := packages.Load(&packages.Config{
		Mode:       loadMode,
		Dir:        cfg.Dir,
		Env:        cfg.Env,
		BuildFlags: cfg.BuildFlags,
		Tests:      tests,
	}, patterns...)
	if err != nil {
		return nil, err
	}
	var errs []error
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			errs = append(errs, e)
		}
	})
	if len(errs) > 0 {
		return nil, fmt.Errorf("the packages do not build, so they cannot be patched:\n%w", errors.Join(errs...))
	}
	if len(pkgs) == 0 {
		return nil, fmt.Errorf("no packages match %s", strings.Join(patterns, " "))
	}
	return pkgs, nil
}

// patchPackage patches the files of p not seen before.
func patchPackage(p *packages.Package, dep bool, features Feature, rewritten func(string) bool, seen map[string]bool) ([]*File, []Diagnostic, error) {
	var files []*File
	var diags []Diagnostic
	goFiles := make(map[string]bool)
	for _, name := range p.GoFiles {
		goFiles[name] = true
	}
	for _, name := range p.GoFiles {
		if !slices.Contains(p.CompiledGoFiles, name) && !seen[name] {
			seen[name] = true
			diags = append(diags, Diagnostic{Pos: token.Position{Filename: name, Line: 1}, Msg: "file uses cgo and is left unpatched"})
		}
	}
	for _, f := range p.Syntax {
		name := p.Fset.File(f.Pos()).Name()
		if !goFiles[name] || seen[name] {
			continue
		}
		seen[name] = true
		src, err := os.ReadFile(name)
		if err != nil {
			return nil, nil, err
		}
		r := newFileRewriter(p.Fset, f, src, p.Types, p.TypesInfo, features, rewritten)
		out, err := r.rewrite()
		if err != nil {
			return nil, nil, err
		}
		files = append(files, &File{Path: name, PkgPath: p.PkgPath, Dep: dep, Module: p.Module, Src: src, Out: out})
		diags = append(diags, r.diags...)
	}
	return files, diags, nil
}

// dependencies loads, with syntax, the non-stdlib packages the roots depend
// on, less eventlet's own dependencies: patching those would make the green
// packages import themselves.
func dependencies(cfg *Config, roots []*packages.Package) ([]*packages.Package, error) {
	graph, err := packages.Load(&packages.Config{
		Mode:       packages.NeedName | packages.NeedImports | packages.NeedDeps | packages.NeedModule,
		Dir:        cfg.Dir,
		Env:        cfg.Env,
		BuildFlags: cfg.BuildFlags,
	}, rootPaths(roots)...)
	if err != nil {
		return nil, err
	}
	runtimeDeps, err := eventletDeps(cfg)
	if err != nil {
		return nil, err
	}
	isRoot := make(map[string]bool)
	for _, p := range roots {
		isRoot[p.PkgPath] = true
	}
	var paths []string
	packages.Visit(graph, nil, func(p *packages.Package) {
		if p.Module == nil || isRoot[p.PkgPath] || runtimeDeps[p.PkgPath] ||
			p.Module.Path == Module || strings.HasPrefix(p.PkgPath, Module+"/") {
			return
		}
		paths = append(paths, p.PkgPath)
	})
	if len(paths) == 0 {
		return nil, nil
	}
	slices.Sort(paths)
	return load(cfg, false, paths...)
}

func rootPaths(roots []*packages.Package) []string {
	var paths []string
	for _, p := range roots {
		if !strings.HasSuffix(p.ID, ".test") && !strings.HasSuffix(p.PkgPath, "_test") && !slices.Contains(paths, p.PkgPath) {
			paths = append(paths, p.PkgPath)
		}
	}
	return paths
}

// eventletDeps lists every package eventlet's own packages import,
// directly or not.
func eventletDeps(cfg *Config) (map[string]bool, error) {
	dir := cfg.Eventlet.Dir
	if dir == "" {
		dir = cfg.Dir
	}
	pkgs, err := packages.Load(&packages.Config{
		Mode: packages.NeedName | packages.NeedImports | packages.NeedDeps,
		Dir:  dir,
		Env:  cfg.Env,
	}, Module, Module+"/green/...")
	if err != nil {
		return nil, fmt.Errorf("listing eventlet's dependencies: %w", err)
	}
	deps := make(map[string]bool)
	packages.Visit(pkgs, nil, func(p *packages.Package) { deps[p.PkgPath] = true })
	return deps, nil
}

// Write writes the patched file over the original, keeping its mode.
func (f *File) Write() error {
	info, err := os.Stat(f.Path)
	if err != nil {
		return err
	}
	return os.WriteFile(f.Path, f.Out, info.Mode().Perm())
}
