package apiparity

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// Status says whether a stdlib name is accounted for by its mirror.
type Status int

const (
	// Mirrored means the mirror declares the name with the same kind and
	// type, green types substituted.
	Mirrored Status = iota
	// Excepted means the mirror does not stand for the name, for a reason
	// recorded in the exceptions.
	Excepted
	// Missing means the mirror does not stand for the name and no reason is
	// recorded.
	Missing
)

// String returns "mirrored", "excepted" or "MISSING".
func (s Status) String() string {
	switch s {
	case Mirrored:
		return "mirrored"
	case Excepted:
		return "excepted"
	case Missing:
		return "MISSING"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Entry is the verdict on one exported stdlib name.
type Entry struct {
	Name   string // the exported name
	Kind   string // "const", "var", "func" or "type", as the stdlib declares it
	Status Status
	// How is, for a mirrored name, the way the mirror declares it: "const",
	// "bound var" (the stdlib's own value), "own var", "wrapper" (a func that
	// calls the stdlib's), "green func", "alias" or "green type".
	How string
	// Problem says what keeps the mirror from standing for the name; empty
	// when it does.
	Problem string
	// Reason is the recorded reason of an excepted name.
	Reason string
}

// PackageReport is the verdict on every exported name of one stdlib
// package.
type PackageReport struct {
	Pair
	// LoadError is set when the mirror could not be loaded; every name is
	// then missing.
	LoadError string
	// Entries has one entry per exported stdlib name, sorted by name.
	Entries []Entry
}

// Count returns how many entries have status s.
func (p *PackageReport) Count(s Status) int {
	n := 0
	for _, e := range p.Entries {
		if e.Status == s {
			n++
		}
	}
	return n
}

// Report is the verdict on every checked package.
type Report struct {
	Packages []PackageReport
	// UnusedExceptions lists, as "importpath.Name", the exceptions of
	// checked packages that excused nothing: the name is mirrored, or the
	// stdlib package does not export it.
	UnusedExceptions []string
}

// OK reports whether every exported name of every checked package is
// mirrored or excepted.
func (r *Report) OK() bool {
	for i := range r.Packages {
		if r.Packages[i].Count(Missing) > 0 {
			return false
		}
	}
	return true
}

// Write prints one table row per package (mirrored, excepted, missing and
// total names), the unused exceptions and, when verbose, one line per name.
func (r *Report) Write(w io.Writer, verbose bool) error {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "package\tmirror\tmirrored\texcepted\tmissing\ttotal")
	for i := range r.Packages {
		p := &r.Packages[i]
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\n",
			p.Std, p.Mirror, p.Count(Mirrored), p.Count(Excepted), p.Count(Missing), len(p.Entries))
	}
	for _, name := range r.UnusedExceptions {
		fmt.Fprintf(tw, "unused exception: %s\n", name)
	}
	if !verbose {
		return tw.Flush()
	}
	for i := range r.Packages {
		p := &r.Packages[i]
		fmt.Fprintf(tw, "\n%s → %s\n", p.Std, p.Mirror)
		if p.LoadError != "" {
			fmt.Fprintf(tw, "  mirror does not load: %s\n", p.LoadError)
		}
		for _, e := range p.Entries {
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", e.Kind, e.Name, e.verdict())
		}
	}
	return tw.Flush()
}

// verdict is the last column of an entry's line.
func (e *Entry) verdict() string {
	switch e.Status {
	case Mirrored:
		return e.How
	case Excepted:
		return fmt.Sprintf("excepted: %s (%s)", e.Reason, e.Problem)
	}
	return fmt.Sprintf("MISSING: %s", e.Problem)
}
