package main

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/eventlet-go/eventlet/conformance/internal/apiparity"
)

func main() {
	pkgs := flag.String("pkg", stdPaths(apiparity.Mirrors), "comma-separated stdlib packages to check")
	verbose := flag.Bool("v", false, "print one line per exported name")
	flag.Parse()
	pairs, err := selectPairs(*pkgs)
	if err != nil {
		fmt.Fprintln(os.Stderr, "parity:", err)
		os.Exit(2)
	}
	report, err := apiparity.Check(apiparity.Config{
		Pairs:      pairs,
		Mirrors:    apiparity.Mirrors,
		Exceptions: apiparity.Exceptions,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "parity:", err)
		os.Exit(2)
	}
	if err := report.Write(os.Stdout, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "parity:", err)
		os.Exit(2)
	}
	if !report.OK() {
		os.Exit(1)
	}
}

// stdPaths joins the stdlib paths of pairs with commas.
func stdPaths(pairs []apiparity.Pair) string {
	paths := make([]string, len(pairs))
	for i, p := range pairs {
		paths[i] = p.Std
	}
	return strings.Join(paths, ",")
}

// selectPairs picks the mirrors of the comma-separated stdlib paths list.
func selectPairs(list string) ([]apiparity.Pair, error) {
	var pairs []apiparity.Pair
	for std := range strings.SplitSeq(list, ",") {
		std = strings.TrimSpace(std)
		i := slices.IndexFunc(apiparity.Mirrors, func(p apiparity.Pair) bool { return p.Std == std })
		if i < 0 {
			return nil, fmt.Errorf("no mirror of %q; mirrored packages are %s", std, stdPaths(apiparity.Mirrors))
		}
		pairs = append(pairs, apiparity.Mirrors[i])
	}
	return pairs, nil
}
