package apiparity

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The synthetic packages live in their own module under testdata: std/...
// play stdlib packages, green/... their mirrors, other/ a package that
// mirrors nothing.
const (
	testDir     = "testdata/mod"
	stdBase     = "example.test/std/base"
	greenBase   = "example.test/green/base"
	stdCases    = "example.test/std/cases"
	greenCases  = "example.test/green/cases"
	greenAbsent = "example.test/green/absent"
)

var (
	basePair  = Pair{Std: stdBase, Mirror: greenBase}
	casesPair = Pair{Std: stdCases, Mirror: greenCases}
)

func mirrored(kind, name, how string) Entry {
	return Entry{Name: name, Kind: kind, Status: Mirrored, How: how}
}

func missing(kind, name, problem string) Entry {
	return Entry{Name: name, Kind: kind, Status: Missing, Problem: problem}
}

// wantCases is the verdict on every name of std/cases: green/cases mirrors
// some correctly and breaks each of the others in the way its name says.
var wantCases = []Entry{
	mirrored("type", "Alias", "alias"),
	missing("func", "Arity", "type parameters are [A any], want [A any, B any]"),
	mirrored("type", "Box", "green type"),
	mirrored("var", "Default", "own var"),
	mirrored("var", "ErrGone", "bound var"),
	{Name: "Excused", Kind: "func", Status: Excepted, Problem: "not declared", Reason: "cannot be mirrored in a test"},
	mirrored("func", "ExcusedNeedlessly", "wrapper"),
	missing("type", "ExtraMethod", "method Extra is not in the stdlib interface"),
	mirrored("type", "Handler", "green type"),
	missing("func", "Impostor", "result 0 is *example.test/other.Conn, want *example.test/std/base.Conn"),
	mirrored("func", "Keys", "wrapper"),
	missing("func", "LooseKeys", "type parameter 0 is constrained by any, want comparable"),
	mirrored("func", "Misdirected", "green func"),
	missing("type", "MissingField", "field Port missing"),
	missing("type", "MissingMethod", "method B missing"),
	missing("func", "NotDeclared", "not declared"),
	mirrored("func", "Open", "green func"),
	mirrored("type", "Outer", "green type"),
	mirrored("type", "Pair", "alias"),
	mirrored("type", "PointerReceiver", "green type"),
	mirrored("var", "Rebound", "own var"),
	mirrored("func", "Route", "green func"),
	mirrored("type", "Session", "green type"),
	mirrored("const", "Size", "const"),
	missing("type", "SwappedAlias", "aliases example.test/std/cases.SwappedAlias[V, K], "+
		"want example.test/std/cases.SwappedAlias[K, V any] instantiated with the alias's type parameters in order"),
	missing("func", "SwappedParams", "result 0 is []K, want []V"),
	missing("func", "TooFew", "parameters are (a int), want (a int, b int)"),
	missing("type", "ValueReceiver", "method Get has a pointer receiver, want a value receiver"),
	missing("func", "Variadic", "variadic is false, want true"),
	mirrored("type", "Waiter", "green type"),
	mirrored("func", "Wrapped", "wrapper"),
	missing("type", "WrongAlias", "aliases example.test/std/cases.Alias, want example.test/std/cases.WrongAlias"),
	missing("const", "WrongConstType", "type untyped int, want example.test/std/base.Kind"),
	missing("type", "WrongConstraint", "type parameter 0 is constrained by comparable, want any"),
	missing("func", "WrongDirection", "parameter 0 is <-chan int, want chan<- int"),
	missing("type", "WrongFieldType", "field Port is string, want int"),
	missing("type", "WrongHandler", "underlying type is func(c *example.test/green/base.Conn) error, "+
		"want func(c *example.test/std/base.Conn)"),
	missing("func", "WrongKind", "declared as a var, want a func"),
	missing("type", "WrongMethod", "method Do: parameter 0 is int64, want int"),
	missing("func", "WrongResult", "result 0 is int64, want int"),
	missing("type", "WrongUnderlying", "underlying type is int, want a struct"),
	missing("const", "WrongValue", "value 3, want 2"),
	missing("var", "WrongVarType", "type int64, want int"),
}

var testExceptions = map[string]string{
	stdCases + ".Excused":           "cannot be mirrored in a test",
	stdCases + ".ExcusedNeedlessly": "is mirrored after all",
	stdCases + ".NeverDeclared":     "names nothing",
}

func TestCheckJudgesEveryName(t *testing.T) {
	r, err := Check(Config{Dir: testDir, Pairs: []Pair{casesPair}, Mirrors: []Pair{basePair}, Exceptions: testExceptions})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Packages) != 1 {
		t.Fatalf("got %d package reports, want 1", len(r.Packages))
	}
	got := r.Packages[0]
	if got.Pair != casesPair || got.LoadError != "" {
		t.Errorf("got pair %v, load error %q; want %v and none", got.Pair, got.LoadError, casesPair)
	}
	if diff := cmp.Diff(wantCases, got.Entries); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	wantUnused := []string{stdCases + ".ExcusedNeedlessly", stdCases + ".NeverDeclared"}
	if diff := cmp.Diff(wantUnused, r.UnusedExceptions); diff != "" {
		t.Errorf("unused exceptions (-want +got):\n%s", diff)
	}
	if r.OK() {
		t.Error("OK() = true with names missing")
	}
}

func TestCheckPassesCompleteMirror(t *testing.T) {
	r, err := Check(Config{Dir: testDir, Pairs: []Pair{basePair}})
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{
		mirrored("type", "Addr", "alias"),
		mirrored("type", "Conn", "green type"),
		mirrored("func", "Dial", "green func"),
		mirrored("type", "Kind", "alias"),
	}
	if diff := cmp.Diff(want, r.Packages[0].Entries); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	if !r.OK() {
		t.Error("OK() = false for a complete mirror")
	}
}

// Without std/base → green/base among the mirrors, green/base.Conn is no
// twin of std/base.Conn, so names that mention it are missing.
func TestCheckSubstitutesOnlyKnownMirrors(t *testing.T) {
	r, err := Check(Config{Dir: testDir, Pairs: []Pair{casesPair}})
	if err != nil {
		t.Fatal(err)
	}
	got := make(map[string]Status)
	for _, e := range r.Packages[0].Entries {
		got[e.Name] = e.Status
	}
	for _, name := range []string{"Default", "Open", "Route", "Session", "Handler", "Waiter"} {
		if got[name] != Missing {
			t.Errorf("%s is %v, want %v", name, got[name], Missing)
		}
	}
	if got["Size"] != Mirrored {
		t.Errorf("Size is %v, want %v", got["Size"], Mirrored)
	}
}

func TestCheckReportsMirrorThatDoesNotLoad(t *testing.T) {
	r, err := Check(Config{Dir: testDir, Pairs: []Pair{{Std: stdBase, Mirror: greenAbsent}}})
	if err != nil {
		t.Fatal(err)
	}
	p := r.Packages[0]
	if p.LoadError == "" {
		t.Error("no load error for a mirror that does not exist")
	}
	if p.Count(Missing) != 4 || len(p.Entries) != 4 {
		t.Errorf("%d of %d names missing, want 4 of 4", p.Count(Missing), len(p.Entries))
	}
	if r.OK() {
		t.Error("OK() = true for a mirror that does not load")
	}
}

func TestCheckFailsWhenStdlibDoesNotLoad(t *testing.T) {
	_, err := Check(Config{Dir: testDir, Pairs: []Pair{{Std: "example.test/std/absent", Mirror: greenBase}}})
	if err == nil {
		t.Fatal("Check succeeded without its stdlib package")
	}
	if !strings.Contains(err.Error(), "example.test/std/absent") {
		t.Errorf("error %q does not name the package", err)
	}
}

func TestWriteTable(t *testing.T) {
	r, err := Check(Config{Dir: testDir, Pairs: []Pair{basePair, casesPair}, Exceptions: testExceptions})
	if err != nil {
		t.Fatal(err)
	}
	var quiet, verbose bytes.Buffer
	if err := r.Write(&quiet, false); err != nil {
		t.Fatal(err)
	}
	if err := r.Write(&verbose, true); err != nil {
		t.Fatal(err)
	}
	wantQuiet := []string{
		"package                 mirror                    mirrored  excepted  missing  total",
		"example.test/std/base   example.test/green/base   4         0         0        4",
		"example.test/std/cases  example.test/green/cases  18        1         24       43",
		"unused exception: example.test/std/cases.ExcusedNeedlessly",
		"unused exception: example.test/std/cases.NeverDeclared",
	}
	if diff := cmp.Diff(wantQuiet, strings.Split(strings.TrimSuffix(quiet.String(), "\n"), "\n")); diff != "" {
		t.Errorf("table (-want +got):\n%s", diff)
	}
	for _, line := range []string{
		"example.test/std/cases → example.test/green/cases",
		"  type   Alias              alias",
		"  func   Excused            excepted: cannot be mirrored in a test (not declared)",
		"  func   NotDeclared        MISSING: not declared",
	} {
		if !strings.Contains(verbose.String(), line+"\n") {
			t.Errorf("verbose output lacks line %q:\n%s", line, verbose.String())
		}
	}
	if !strings.HasPrefix(verbose.String(), quiet.String()) {
		t.Errorf("verbose output does not start with the table:\n%s", verbose.String())
	}
}
