package registry

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/patchline/patchline/registry/fetch"
)

// Error is a failure to read a package's data from its registry. It names
// the package and the URL (without credentials) and reports
// RegistryFailure, which the command line maps to exit code 3.
type Error struct {
	Package Package
	Version string // set when the failure concerns one release's requirements
	URL     string
	Err     error
}

func (e *Error) Error() string {
	what := e.Package.String()
	if e.Version != "" {
		what += " " + e.Version
	}
	var fe *fetch.Error
	if errors.As(e.Err, &fe) {
		// The fetch error already names the URL.
		return what + ": " + e.Err.Error()
	}
	if e.URL != "" {
		return what + ": " + e.URL + ": " + e.Err.Error()
	}
	return what + ": " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// RegistryFailure marks the error as a registry failure (exit code 3).
func (e *Error) RegistryFailure() bool { return true }

// MissingError is returned offline when the cache lacks documents: it
// names every package (and release) whose data is missing, so that one
// online run can record them all.
type MissingError struct {
	Missing []string // "PyPI:name (URL)", sorted
}

func (e *MissingError) Error() string {
	return fmt.Sprintf("offline, and the cache has no copy of %d document(s); run once without --offline to record them:\n  %s",
		len(e.Missing), strings.Join(e.Missing, "\n  "))
}

// RegistryFailure marks the error as a registry failure (exit code 3).
func (e *MissingError) RegistryFailure() bool { return true }

// Is lets callers test for fetch.ErrNotCached.
func (e *MissingError) Is(target error) bool { return target == fetch.ErrNotCached }

// collect turns the errors of a batch into one error: all offline misses
// become one MissingError, other failures are joined after it.
func collect(errs []error) error {
	var missing []string
	var other []error
	seen := map[string]bool{}
	for _, err := range errs {
		if err == nil {
			continue
		}
		// A configuration error is returned for every package of its
		// ecosystem; say it once.
		if seen[err.Error()] {
			continue
		}
		seen[err.Error()] = true
		var re *Error
		var me *MissingError
		switch {
		case errors.As(err, &me):
			missing = append(missing, me.Missing...)
		case errors.Is(err, fetch.ErrNotCached) && errors.As(err, &re):
			name := re.Package.String()
			if re.Version != "" {
				name += " " + re.Version
			}
			entry := name + " (" + re.URL + ")"
			// An entry that is there but unusable says why.
			var ue *fetch.UnusableEntryError
			if errors.As(err, &ue) {
				entry += ": " + ue.Reason
			}
			missing = append(missing, entry)
		default:
			other = append(other, err)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		other = append([]error{&MissingError{Missing: missing}}, other...)
	}
	switch len(other) {
	case 0:
		return nil
	case 1:
		return other[0]
	}
	return &batchError{errs: other}
}

// batchError joins several failures, one per line; it is a registry
// failure when any of them is.
type batchError struct{ errs []error }

func (b *batchError) Error() string {
	msgs := make([]string, len(b.errs))
	for i, err := range b.errs {
		msgs[i] = err.Error()
	}
	return strings.Join(msgs, "\n")
}

func (b *batchError) Unwrap() []error { return b.errs }

func (b *batchError) RegistryFailure() bool {
	for _, err := range b.errs {
		var rf interface{ RegistryFailure() bool }
		if errors.As(err, &rf) && rf.RegistryFailure() {
			return true
		}
	}
	return false
}
