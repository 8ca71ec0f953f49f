package lint

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// source is one thing to read: a file or a zip archive.
type source struct {
	path    string
	archive bool
}

// collect lists the sources at paths: a file as given, a .zip file as an
// archive, a directory as its record and report files (.json, .yaml,
// .yml), in lexical order, skipping names that start with "." (.git,
// temporary files). Archives inside directories are not opened: an export
// holds each record both in its archive and as a file. Every path that
// cannot be read is reported, together.
func collect(paths []string) ([]source, error) {
	var srcs []source
	var errs []error
	seen := map[string]bool{}
	add := func(s source) {
		if !seen[s.path] {
			seen[s.path] = true
			srcs = append(srcs, s)
		}
	}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !fi.IsDir() {
			add(source{path: p, archive: strings.EqualFold(filepath.Ext(p), ".zip")})
			continue
		}
		err = filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if q != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.IsDir() && isRecordFile(q) {
				add(source{path: q})
			}
			return nil
		})
		if err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return nil, &UnusableError{Errs: errs}
	}
	if len(srcs) == 0 {
		return nil, &UnusableError{Errs: []error{fmt.Errorf("no record or report files (.json, .yaml, .yml, .zip) in %s", strings.Join(paths, ", "))}}
	}
	return srcs, nil
}

func isRecordFile(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json", ".yaml", ".yml":
		return true
	}
	return false
}

// UnusableError is returned by Run for paths that cannot be read at all;
// patchline exits with 2.
type UnusableError struct{ Errs []error }

func (e *UnusableError) Error() string { return errors.Join(e.Errs...).Error() }

func (e *UnusableError) Unwrap() []error { return e.Errs }
