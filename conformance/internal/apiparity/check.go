package apiparity

import (
	"errors"
	"fmt"
	"go/types"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"
)

// Pair names a stdlib package and the mirror that stands in for it.
type Pair struct {
	Std    string // the stdlib import path, such as "net/http"
	Mirror string // the mirror's import path
}

// Config says what Check loads and compares.
type Config struct {
	// Dir is the directory the go command runs in; it must lie in a module
	// that can import the mirrors. Empty means the current directory.
	Dir string
	// Pairs are the packages to check.
	Pairs []Pair
	// Mirrors are further pairs whose green types may stand for their
	// stdlib twins in the checked packages' declarations, though they are
	// not checked themselves. Pairs need not be repeated here.
	Mirrors []Pair
	// Exceptions maps the names that cannot be mirrored, written
	// "importpath.Name" (as in "net/http.Foo"), to the reason why.
	Exceptions map[string]string
}

// Check loads every package of cfg.Pairs in one go/packages call and
// reports, for each stdlib package, whether its mirror stands for every
// exported name. It fails when the go command or a stdlib package cannot
// be loaded; a mirror that cannot be loaded is reported with every name
// missing.
func Check(cfg Config) (*Report, error) {
	var patterns []string
	for _, p := range cfg.Pairs {
		patterns = append(patterns, p.Std, p.Mirror)
	}
	loaded, err := packages.Load(&packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedTypes,
		Dir:  cfg.Dir,
	}, patterns...)
	if err != nil {
		return nil, fmt.Errorf("apiparity: loading %s: %w", strings.Join(patterns, " "), err)
	}
	byPath := make(map[string]*packages.Package, len(loaded))
	for _, p := range loaded {
		byPath[p.PkgPath] = p
	}
	c := &comparer{mirrorOf: make(map[string]string)}
	for _, p := range append(cfg.Mirrors, cfg.Pairs...) {
		c.mirrorOf[p.Std] = p.Mirror
	}
	report := &Report{}
	used := make(map[string]bool)
	for _, pair := range cfg.Pairs {
		std, mir := byPath[pair.Std], byPath[pair.Mirror]
		if err := loadError(pair.Std, std); err != nil {
			return nil, fmt.Errorf("apiparity: %w", err)
		}
		pr := PackageReport{Pair: pair}
		var delegates map[string]string
		if err := loadError(pair.Mirror, mir); err != nil {
			pr.LoadError = err.Error()
		} else if delegates, err = delegations(mir.GoFiles); err != nil {
			return nil, fmt.Errorf("apiparity: reading %s: %w", pair.Mirror, err)
		}
		for _, name := range std.Types.Scope().Names() {
			obj := std.Types.Scope().Lookup(name)
			if !obj.Exported() {
				continue
			}
			var twin types.Object
			if pr.LoadError == "" {
				twin = mir.Types.Scope().Lookup(name)
			}
			e := c.entry(obj, twin, delegates[name], pr.LoadError)
			key := pair.Std + "." + name
			if reason, ok := cfg.Exceptions[key]; ok && e.Status == Missing {
				e.Status, e.Reason = Excepted, reason
				used[key] = true
			}
			pr.Entries = append(pr.Entries, e)
		}
		report.Packages = append(report.Packages, pr)
		for key := range cfg.Exceptions {
			if strings.HasPrefix(key, pair.Std+".") && !used[key] {
				report.UnusedExceptions = append(report.UnusedExceptions, key)
			}
		}
	}
	sort.Strings(report.UnusedExceptions)
	return report, nil
}

// entry judges how the mirror's object twin (nil when it has none), which
// hands over to delegate, stands for the stdlib's std.
func (c *comparer) entry(std, twin types.Object, delegate, loadErr string) Entry {
	e := Entry{Name: std.Name(), Kind: kindOf(std)}
	if loadErr != "" {
		e.Status, e.Problem = Missing, "mirror does not load"
		return e
	}
	how, diffs := c.declDiffs(std, twin, delegate)
	if len(diffs) > 0 {
		e.Status, e.Problem = Missing, strings.Join(diffs, "; ")
		return e
	}
	e.Status, e.How = Mirrored, how
	return e
}

// loadError explains why the package loaded for path p cannot be checked.
func loadError(path string, p *packages.Package) error {
	if p == nil {
		return fmt.Errorf("package %s was not loaded", path)
	}
	if len(p.Errors) > 0 {
		errs := make([]error, len(p.Errors))
		for i, e := range p.Errors {
			errs[i] = e
		}
		return fmt.Errorf("package %s: %w", path, errors.Join(errs...))
	}
	if p.Types == nil || p.IllTyped {
		return fmt.Errorf("package %s has no type information", path)
	}
	return nil
}
