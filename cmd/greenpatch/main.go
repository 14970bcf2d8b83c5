// Command greenpatch monkey-patches Go packages to run on eventlet's hub.
//
// Usage:
//
//	greenpatch [flags] packages...
//
// It rewrites the packages' imports of net, time, sync and net/http to the
// green mirrors, go statements to green spawns, and channel operations to
// the green channel operations (see package patch). By default it prints
// the files that change. The flags:
//
//	-w          write the patched files over the originals (and make go.mod
//	            require eventlet)
//	-l          list the files that would change
//	-d          print diffs
//	-overlay F  write a go build -overlay file F; the patched files live in a
//	            cache directory and the user's files stay untouched:
//	            go build -overlay F ./...
//	-deps       with -overlay, also patch the non-stdlib dependencies
//	-only LIST  perform only these conversions: net,time,sync,http,go,chan
//	-strict     exit with status 1 when something could not be converted
//	-eventlet S where the patched build finds eventlet: a checkout directory
//	            or a version (default: the one greenpatch was built from)
//	-cache DIR  where -overlay keeps the patched files
//	-tags LIST  build tags
//
// What it cannot convert is listed on standard error as file:line: why.
// The exit status is 0 on success, 1 when -strict finds something it
// could not convert, and 2 on any other error.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/eventlet-go/eventlet/patch"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

type options struct {
	write, list, diff, deps, strict bool
	overlay, only, eventlet, cache  string
	tags                            string
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("greenpatch", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.BoolVar(&o.write, "w", false, "write the patched files over the originals")
	fs.BoolVar(&o.list, "l", false, "list the files that would change")
	fs.BoolVar(&o.diff, "d", false, "print diffs")
	fs.BoolVar(&o.deps, "deps", false, "with -overlay, also patch the non-stdlib dependencies")
	fs.BoolVar(&o.strict, "strict", false, "exit with status 1 when something could not be converted")
	fs.StringVar(&o.overlay, "overlay", "", "write a go build -overlay `file`")
	fs.StringVar(&o.only, "only", "", "perform only these conversions: net,time,sync,http,go,chan")
	fs.StringVar(&o.eventlet, "eventlet", "", "the eventlet module for the patched build: a checkout `dir` or a version")
	fs.StringVar(&o.cache, "cache", "", "where -overlay keeps the patched files")
	fs.StringVar(&o.tags, "tags", "", "build tags")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: greenpatch [flags] packages...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if err := patchPackages(o, fs.Args(), stdout, stderr); err != nil {
		var strict strictError
		if errors.As(err, &strict) {
			return 1
		}
		fmt.Fprintln(stderr, "greenpatch:", err)
		return 2
	}
	return 0
}

// strictError is the failure of -strict: the diagnostics are already out.
type strictError struct{}

func (strictError) Error() string { return "constructs left unconverted" }

func patchPackages(o options, patterns []string, stdout, stderr io.Writer) error {
	if len(patterns) == 0 {
		return errors.New("no packages given (try ./...)")
	}
	if o.deps && o.overlay == "" {
		return errors.New("-deps needs -overlay: dependencies' files live in the read-only module cache")
	}
	features, err := patch.ParseFeatures(o.only)
	if err != nil {
		return err
	}
	src, err := eventletSource(o.eventlet)
	if err != nil && (o.write || o.overlay != "") {
		return err
	}
	cfg := &patch.Config{Features: features, Deps: o.deps, Eventlet: src}
	if o.tags != "" {
		cfg.BuildFlags = []string{"-tags=" + o.tags}
	}
	res, err := patch.Packages(cfg, patterns...)
	if err != nil {
		return err
	}
	for _, d := range res.Diagnostics {
		d.Pos.Filename = relative(d.Pos.Filename)
		fmt.Fprintln(stderr, d)
	}
	if err := output(o, res, src, stdout); err != nil {
		return err
	}
	if o.strict && len(res.Diagnostics) > 0 {
		return strictError{}
	}
	return nil
}

func output(o options, res *patch.Result, src patch.Source, stdout io.Writer) error {
	for _, f := range res.Files {
		if !f.Changed() {
			continue
		}
		if o.list {
			fmt.Fprintln(stdout, relative(f.Path))
		}
		if o.diff {
			d, err := diff(relative(f.Path), f.Src, f.Out)
			if err != nil {
				return err
			}
			stdout.Write(d)
		}
		if !o.list && !o.diff && !o.write && o.overlay == "" {
			stdout.Write(f.Out)
		}
	}
	if o.write {
		if err := res.WriteInPlace(src); err != nil {
			return err
		}
	}
	if o.overlay != "" {
		cache := o.cache
		if cache == "" {
			var err error
			if cache, err = patch.DefaultCacheDir(); err != nil {
				return err
			}
		}
		ov, err := res.Overlay(cache, src)
		if err != nil {
			return err
		}
		return ov.WriteFile(o.overlay)
	}
	return nil
}

// eventletSource is where the patched build finds eventlet.
func eventletSource(flagValue string) (patch.Source, error) {
	if flagValue != "" {
		return patch.ParseSource(flagValue)
	}
	return patch.LocateEventlet()
}

// relative shortens name to a path relative to the working directory when
// it lies below it.
func relative(name string) string {
	wd, err := os.Getwd()
	if err != nil {
		return name
	}
	rel, err := filepath.Rel(wd, name)
	if err != nil || strings.HasPrefix(rel, "..") {
		return name
	}
	return rel
}

// diff returns the unified diff of a file's patch, made by diff -u.
func diff(name string, before, after []byte) ([]byte, error) {
	dir, err := os.MkdirTemp("", "greenpatch-diff-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	if err := os.WriteFile(a, before, 0o600); err != nil {
		return nil, err
	}
	if err := os.WriteFile(b, after, 0o600); err != nil {
		return nil, err
	}
	out, err := exec.Command("diff", "-u", "--label", name+".orig", "--label", name, a, b).Output()
	var ee *exec.ExitError
	if errors.As(err, &ee) && ee.ExitCode() == 1 {
		err = nil // diff's status for files that differ
	}
	if err != nil {
		return nil, fmt.Errorf("running diff: %w", err)
	}
	return out, nil
}
