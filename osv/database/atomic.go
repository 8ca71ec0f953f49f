package database

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/patchline/patchline/internal/exitguard"
)

// writeTemp writes data to a new temporary file in dir, synced to disk,
// and returns its path. Temporary names start with "." so that listings
// skip them.
func writeTemp(dir, base string, data []byte) (string, error) {
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return "", err
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	if werr == nil {
		werr = f.Chmod(0o644)
	}
	if werr == nil {
		werr = f.Sync()
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		os.Remove(tmp)
		return "", werr
	}
	return tmp, nil
}

// writeFileAtomic replaces path with data: a reader sees the old file or
// the new one, never a mix, and a crash leaves one of them. An interrupted
// process lets the write finish (package exitguard), so that no temporary
// file is left either.
func writeFileAtomic(path string, data []byte) error {
	return writeFileAtomicMode(path, data, 0o644)
}

// writeFileAtomicMode is writeFileAtomic with the new file's permissions.
func writeFileAtomicMode(path string, data []byte, mode fs.FileMode) error {
	defer exitguard.Begin()()
	dir := filepath.Dir(path)
	tmp, err := writeTemp(dir, filepath.Base(path), data)
	if err == nil && mode != 0o644 {
		if err = os.Chmod(tmp, mode); err != nil {
			os.Remove(tmp)
		}
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return syncDir(dir)
}

// createExclusive creates path with data unless it exists, atomically in
// both senses: no reader sees a partial file, and of two processes creating
// the same path exactly one succeeds; the other gets an error matching
// fs.ErrExist. The complete file is linked into place, and link(2) fails
// when the name exists.
func createExclusive(path string, data []byte) error {
	defer exitguard.Begin()()
	dir := filepath.Dir(path)
	tmp, err := writeTemp(dir, filepath.Base(path), data)
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer os.Remove(tmp)
	if err := os.Link(tmp, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return err
		}
		return fmt.Errorf("writing %s: %w (the database directory must be on a file system with hard links)", path, err)
	}
	return syncDir(dir)
}

// syncDir makes a rename or link in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return fmt.Errorf("syncing %s: %w", dir, err)
	}
	return nil
}
