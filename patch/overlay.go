package patch

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/packages"
)

// Overlay is the file go build -overlay reads: it maps each file to the
// file the build reads in its place.
type Overlay struct {
	Replace map[string]string
}

// Overlay writes the changed files under cacheDir and returns the overlay
// that builds the patched program from them, the user's files untouched.
//
// Patched files import eventlet, so when the main module does not require
// it the overlay also replaces go.mod and go.sum with copies that require
// it from src (a local checkout through a replace directive). The go
// command refuses overlays of files in the module cache, so a dependency
// module with patched files is copied, patched, into cacheDir and the
// overlaid go.mod replaces the module with the copy.
func (r *Result) Overlay(cacheDir string, src Source) (*Overlay, error) {
	modCache, err := goEnv("GOMODCACHE")
	if err != nil {
		return nil, err
	}
	ov := &Overlay{Replace: make(map[string]string)}
	changed := false
	// A module's packages (and their test variants) each carry their own
	// copy of its description: group by path and version.
	inModCache := make(map[string][]*File)
	var mods []*packages.Module
	for _, f := range r.Files {
		if !f.Changed() {
			continue
		}
		changed = true
		if f.Module != nil && f.Module.Dir != "" && modCache != "" && within(f.Module.Dir, modCache) {
			key := f.Module.Path + "@" + f.Module.Version
			if inModCache[key] == nil {
				mods = append(mods, f.Module)
			}
			inModCache[key] = append(inModCache[key], f)
			continue
		}
		name, err := cacheFile(cacheDir, filepath.Base(f.Path), f.Out)
		if err != nil {
			return nil, err
		}
		ov.Replace[f.Path] = name
	}
	if !changed || r.GoMod == "" {
		return ov, nil
	}
	var replaces []string
	for _, m := range mods {
		dir, err := copyModule(cacheDir, m, inModCache[m.Path+"@"+m.Version])
		if err != nil {
			return nil, err
		}
		replaces = append(replaces, m.Path+"@"+m.Version+"="+dir)
	}
	dir, err := os.MkdirTemp(cacheDir, "mod-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	mod, sum := filepath.Join(dir, "go.mod"), filepath.Join(dir, "go.sum")
	needed, err := editGoMod(r.GoMod, mod, sum, src, replaces)
	if err != nil || !needed {
		return ov, err
	}
	for _, name := range []*string{&mod, &sum} {
		data, err := os.ReadFile(*name)
		if err != nil {
			return nil, err
		}
		if *name, err = cacheFile(cacheDir, filepath.Base(*name), data); err != nil {
			return nil, err
		}
	}
	ov.Replace[r.GoMod] = mod
	ov.Replace[filepath.Join(filepath.Dir(r.GoMod), "go.sum")] = sum
	return ov, nil
}

// copyModule copies a module of the module cache into cacheDir with its
// patched files, under a name made of the patched contents, and returns
// the copy's directory. Its go line is raised to eventlet's language
// version where it is older: patched code ranges over functions.
func copyModule(cacheDir string, m *packages.Module, files []*File) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s@%s\n", m.Path, m.Version)
	for _, f := range files {
		fmt.Fprintf(h, "%s\n%x\n", f.Path, sha256.Sum256(f.Out))
	}
	dir := filepath.Join(cacheDir, "mod", filepath.FromSlash(m.Path)+"@"+m.Version+"-"+hex.EncodeToString(h.Sum(nil)[:8]))
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
		return dir, nil
	}
	tmp := dir + ".tmp"
	if err := os.RemoveAll(tmp); err != nil {
		return "", err
	}
	err := filepath.WalkDir(m.Dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(m.Dir, path)
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(tmp, rel), 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(tmp, rel), data, 0o644)
	})
	if err != nil {
		return "", err
	}
	for _, f := range files {
		rel, err := filepath.Rel(m.Dir, f.Path)
		if err != nil {
			return "", err
		}
		if err := os.WriteFile(filepath.Join(tmp, rel), f.Out, 0o644); err != nil {
			return "", err
		}
	}
	if err := raiseGoVersion(filepath.Join(tmp, "go.mod"), m.Path); err != nil {
		return "", err
	}
	return dir, os.Rename(tmp, dir)
}

// within reports whether path lies in dir.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// cacheFile stores data in cacheDir under a name made of its hash and base,
// so that the same content is stored once and is never overwritten while a
// build reads it.
func cacheFile(cacheDir, base string, data []byte) (string, error) {
	sum := sha256.Sum256(data)
	dir := filepath.Join(cacheDir, hex.EncodeToString(sum[:1]))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	name := filepath.Join(dir, hex.EncodeToString(sum[1:12])+"-"+base)
	if _, err := os.Stat(name); err == nil {
		return name, nil
	}
	tmp, err := os.CreateTemp(dir, "tmp-")
	if err != nil {
		return "", err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return "", err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return "", err
	}
	return name, os.Rename(tmp.Name(), name)
}

// WriteFile writes the overlay as JSON to name.
func (o *Overlay) WriteFile(name string) error {
	data, err := json.MarshalIndent(o, "", "\t")
	if err != nil {
		return err
	}
	return os.WriteFile(name, append(data, '\n'), 0o644)
}

// WriteInPlace writes the changed files over the originals and, when the
// main module does not require eventlet, makes its go.mod and go.sum
// require it from src. Dependencies' files cannot be written this way.
func (r *Result) WriteInPlace(src Source) error {
	changed := false
	for _, f := range r.Files {
		if !f.Changed() {
			continue
		}
		if f.Dep {
			return fmt.Errorf("%s is a dependency's file: patch dependencies through an overlay", f.Path)
		}
		changed = true
		if err := f.Write(); err != nil {
			return err
		}
	}
	if !changed || r.GoMod == "" {
		return nil
	}
	_, err := editGoMod(r.GoMod, r.GoMod, filepath.Join(filepath.Dir(r.GoMod), "go.sum"), src, nil)
	return err
}

// DefaultCacheDir is where greenpatch keeps overlay files unless told.
func DefaultCacheDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "greenpatch"), nil
}
