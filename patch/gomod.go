package patch

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/version"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"

	"golang.org/x/tools/go/packages"
)

// Source is where the patched program's build finds the eventlet module:
// a local checkout, which the build uses through a replace directive, or a
// published version. The zero Source means the user's module already
// requires eventlet.
type Source struct {
	Dir     string
	Version string
}

// LocateEventlet finds the eventlet module this program was built from: the
// checkout holding this package's source, when it is on this machine, or
// else the version in the program's build information.
func LocateEventlet() (Source, error) {
	if _, file, _, ok := runtime.Caller(0); ok && filepath.IsAbs(file) {
		dir := filepath.Dir(filepath.Dir(file))
		if modulePath(filepath.Join(dir, "go.mod")) == Module {
			return Source{Dir: dir}, nil
		}
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, m := range append([]*debug.Module{&bi.Main}, bi.Deps...) {
			if m.Path == Module && strings.HasPrefix(m.Version, "v") {
				return Source{Version: m.Version}, nil
			}
		}
	}
	return Source{}, errors.New("cannot tell where the eventlet module is: give -eventlet a checkout directory or a version")
}

// ParseSource reads a -eventlet value: a version (v1.2.3) or a directory.
func ParseSource(s string) (Source, error) {
	if strings.HasPrefix(s, "v") && !strings.ContainsRune(s, filepath.Separator) {
		return Source{Version: s}, nil
	}
	dir, err := filepath.Abs(s)
	if err != nil {
		return Source{}, err
	}
	if modulePath(filepath.Join(dir, "go.mod")) != Module {
		return Source{}, fmt.Errorf("%s holds no checkout of %s", s, Module)
	}
	return Source{Dir: dir}, nil
}

// modulePath is the module path a go.mod file declares, or "".
func modulePath(gomod string) string {
	data, err := os.ReadFile(gomod)
	if err != nil {
		return ""
	}
	for line := range strings.Lines(string(data)) {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "module "); ok {
			path := strings.TrimSpace(rest)
			if unq, err := strconv.Unquote(path); err == nil {
				path = unq
			}
			return path
		}
	}
	return ""
}

// modFile is the part of go mod edit -json's output the patch reads.
type modFile struct {
	Module  struct{ Path string }
	Go      string
	Require []struct {
		Path    string
		Version string
	}
}

func readModFile(gomod string) (*modFile, error) {
	if _, err := os.Stat(gomod); err != nil {
		return nil, err
	}
	out, err := exec.Command("go", "mod", "edit", "-json", gomod).Output()
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", gomod, commandError(err))
	}
	var mf modFile
	if err := json.Unmarshal(out, &mf); err != nil {
		return nil, fmt.Errorf("reading %s: %w", gomod, err)
	}
	return &mf, nil
}

func commandError(err error) error {
	var ee *exec.ExitError
	if errors.As(err, &ee) && len(ee.Stderr) > 0 {
		return fmt.Errorf("%w: %s", err, bytes.TrimSpace(ee.Stderr))
	}
	return err
}

// editGoMod makes the module files gomod and its go.sum require eventlet
// from src, when they do not yet, and adds the replace directives
// replaces ("path@version=dir"), writing the results to outMod and outSum
// (which may be gomod and its go.sum themselves). It reports whether
// anything needed to change.
func editGoMod(gomod, outMod, outSum string, src Source, replaces []string) (bool, error) {
	user, err := readModFile(gomod)
	if err != nil {
		return false, err
	}
	args, err := requireArgs(user, gomod, src)
	if err != nil {
		return false, err
	}
	for _, r := range replaces {
		args = append(args, "-replace="+r)
	}
	if len(args) == 0 {
		return false, nil
	}
	if err := copyFile(gomod, outMod); err != nil {
		return false, err
	}
	cmd := exec.Command("go", append(append([]string{"mod", "edit"}, args...), outMod)...)
	if _, err := cmd.Output(); err != nil {
		return false, fmt.Errorf("editing %s: %w", outMod, commandError(err))
	}
	sums := []string{filepath.Join(filepath.Dir(gomod), "go.sum")}
	if src.Dir != "" {
		sums = append(sums, filepath.Join(src.Dir, "go.sum"))
	}
	sum, err := mergeSums(sums...)
	if err != nil {
		return false, err
	}
	return true, os.WriteFile(outSum, sum, 0o644)
}

// requireArgs returns the go mod edit flags that make the module require
// eventlet from src; none when it is eventlet or requires it already.
func requireArgs(user *modFile, gomod string, src Source) ([]string, error) {
	if user.Module.Path == Module {
		return nil, nil
	}
	for _, req := range user.Require {
		if req.Path == Module {
			return nil, nil
		}
	}
	switch {
	case src.Version != "" && src.Dir == "":
		return nil, fmt.Errorf("%s does not require %s: run go get %s@%s first", gomod, Module, Module, src.Version)
	case src.Dir == "":
		return nil, fmt.Errorf("%s does not require %s: give greenpatch -eventlet", gomod, Module)
	}
	ours, err := readModFile(filepath.Join(src.Dir, "go.mod"))
	if err != nil {
		return nil, err
	}
	needs, err := runtimeModules(src.Dir)
	if err != nil {
		return nil, err
	}
	args := []string{"-require=" + Module + "@v0.0.0-00010101000000-000000000000", "-replace=" + Module + "=" + src.Dir}
	// The main module must list every module that provides a package of
	// its build, at the version the build selects, and a go version no
	// older than theirs.
	have := make(map[string]string)
	for _, req := range user.Require {
		have[req.Path] = req.Version
	}
	for _, req := range ours.Require {
		if !needs[req.Path] {
			continue
		}
		if v, ok := have[req.Path]; !ok || compareSemver(v, req.Version) < 0 {
			args = append(args, "-require="+req.Path+"@"+req.Version)
		}
	}
	if version.Compare("go"+user.Go, "go"+ours.Go) < 0 {
		args = append(args, "-go="+ours.Go)
	}
	return args, nil
}

// patchedGoVersion is the oldest language version patched code builds
// with: it ranges over functions (eventlet.Range).
const patchedGoVersion = "1.23"

// raiseGoVersion raises the go line of the go.mod file of a copied module
// to patchedGoVersion, writing one if the module has none.
func raiseGoVersion(gomod, modPath string) error {
	mf, err := readModFile(gomod)
	if errors.Is(err, os.ErrNotExist) || err == nil && mf == nil {
		return os.WriteFile(gomod, []byte("module "+modPath+"\n\ngo "+patchedGoVersion+"\n"), 0o644)
	}
	if err != nil {
		return err
	}
	if mf.Go != "" && version.Compare("go"+mf.Go, "go"+patchedGoVersion) >= 0 {
		return nil
	}
	if out, err := exec.Command("go", "mod", "edit", "-go="+patchedGoVersion, gomod).CombinedOutput(); err != nil {
		return fmt.Errorf("editing %s: %v: %s", gomod, err, out)
	}
	return nil
}

// goEnv returns the go command's value of an environment variable.
func goEnv(name string) (string, error) {
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		return "", fmt.Errorf("go env %s: %w", name, commandError(err))
	}
	return strings.TrimSpace(string(out)), nil
}

// runtimeModules lists the modules that provide the packages eventlet's own
// packages import, directly or not, in the checkout dir.
func runtimeModules(dir string) (map[string]bool, error) {
	pkgs, err := packages.Load(&packages.Config{
		Mode: packages.NeedName | packages.NeedImports | packages.NeedDeps | packages.NeedModule,
		Dir:  dir,
	}, Module, Module+"/green/...")
	if err != nil {
		return nil, fmt.Errorf("listing eventlet's dependencies: %w", err)
	}
	mods := make(map[string]bool)
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if p.Module != nil {
			mods[p.Module.Path] = true
		}
	})
	return mods, nil
}

// mergeSums returns the lines of the go.sum files, each once, in order.
func mergeSums(files ...string) ([]byte, error) {
	var b bytes.Buffer
	seen := make(map[string]bool)
	for _, name := range files {
		data, err := os.ReadFile(name)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		for line := range strings.Lines(string(data)) {
			line = strings.TrimRight(line, "\n")
			if line != "" && !seen[line] {
				seen[line] = true
				b.WriteString(line + "\n")
			}
		}
	}
	return b.Bytes(), nil
}

func copyFile(from, to string) error {
	if from == to {
		return nil
	}
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o644)
}

// compareSemver orders two module versions (vMAJOR.MINOR.PATCH with an
// optional -prerelease, which pseudo-versions are): -1, 0 or +1.
func compareSemver(a, b string) int {
	a, b = strings.TrimPrefix(a, "v"), strings.TrimPrefix(b, "v")
	a, _, _ = strings.Cut(a, "+")
	b, _, _ = strings.Cut(b, "+")
	coreA, preA, hasPreA := strings.Cut(a, "-")
	coreB, preB, hasPreB := strings.Cut(b, "-")
	if c := compareDotted(coreA, coreB); c != 0 {
		return c
	}
	switch {
	case !hasPreA && !hasPreB:
		return 0
	case !hasPreA:
		return 1
	case !hasPreB:
		return -1
	}
	return compareDotted(preA, preB)
}

// compareDotted compares dot-separated identifiers, numbers by value.
func compareDotted(a, b string) int {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) && i < len(bs); i++ {
		na, errA := strconv.ParseUint(as[i], 10, 64)
		nb, errB := strconv.ParseUint(bs[i], 10, 64)
		switch {
		case errA == nil && errB == nil:
			if na != nb {
				if na < nb {
					return -1
				}
				return 1
			}
		case errA == nil:
			return -1
		case errB == nil:
			return 1
		default:
			if c := strings.Compare(as[i], bs[i]); c != 0 {
				return c
			}
		}
	}
	return len(as) - len(bs)
}
