package patch

import (
	"go/types"
	"slices"
	"testing"

	"golang.org/x/tools/go/packages"
)

// TestGreenTypeTable checks distinctTypes against the green mirrors: a type
// the table calls distinct must not be the stdlib type, and every type of a
// mirror that is not the stdlib type must be in the table, or the patch
// would report the wrong values as crossing into unpatched code.
func TestGreenTypeTable(t *testing.T) {
	src := testEventlet(t)
	var patterns []string
	for std, m := range mirrors {
		patterns = append(patterns, std, m.green)
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedName | packages.NeedTypes, Dir: src.Dir}, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	byPath := make(map[string]*types.Package)
	for _, p := range pkgs {
		if len(p.Errors) > 0 {
			t.Skipf("%s does not build yet: %v", p.PkgPath, p.Errors[0])
		}
		byPath[p.PkgPath] = p.Types
	}
	for std, m := range mirrors {
		stdScope, green := byPath[std].Scope(), byPath[m.green].Scope()
		for _, name := range stdScope.Names() {
			stdType, ok := stdScope.Lookup(name).(*types.TypeName)
			if !ok || !stdType.Exported() {
				continue
			}
			greenType, ok := green.Lookup(name).(*types.TypeName)
			if !ok {
				continue // not mirrored yet
			}
			distinct := !types.Identical(greenType.Type(), stdType.Type())
			if listed := slices.Contains(distinctTypes[std], name); listed != distinct {
				t.Errorf("%s.%s: distinct from %s.%s is %v, but distinctTypes says %v", m.green, name, std, name, distinct, listed)
			}
		}
	}
}
