package patch

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// Overlay is the file go build -overlay reads: it maps each file to the
// file the build reads in its place.
type Overlay struct {
	Replace map[string]string
}

// Overlay writes the changed files under cacheDir and returns the overlay
// that builds the patched program from them, the user's files untouched.
// Patched files import eventlet, so when the main module does not require
// it the overlay also replaces go.mod and go.sum with copies that require
// it from src (a local checkout through a replace directive).
func (r *Result) Overlay(cacheDir string, src Source) (*Overlay, error) {
	ov := &Overlay{Replace: make(map[string]string)}
	changed := false
	for _, f := range r.Files {
		if !f.Changed() {
			continue
		}
		changed = true
		name, err := cacheFile(cacheDir, filepath.Base(f.Path), f.Out)
		if err != nil {
			return nil, err
		}
		ov.Replace[f.Path] = name
	}
	if !changed || r.GoMod == "" {
		return ov, nil
	}
	dir, err := os.MkdirTemp(cacheDir, "mod-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	mod, sum := filepath.Join(dir, "go.mod"), filepath.Join(dir, "go.sum")
	needed, err := requireEventlet(r.GoMod, mod, sum, src)
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
	_, err := requireEventlet(r.GoMod, r.GoMod, filepath.Join(filepath.Dir(r.GoMod), "go.sum"), src)
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
