package registry

import (
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"

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

// UnknownPackageError says that the registry does not know the package:
// it answered 404 (or 410) for the package's page. That is the user's
// input at fault (a misspelt name, a package of another index), not an
// outage: it is not a RegistryFailure, and the command line maps it to
// exit code 2.
type UnknownPackageError struct {
	Package Package
	// Index is the index or registry asked, URL the page that was not
	// found (both without credentials).
	Index, URL string
	Err        error
}

func (e *UnknownPackageError) Error() string {
	return fmt.Sprintf("%s: no such package on %s (%s answered HTTP 404): check the name's spelling, and that the package is published on this index",
		e.Package, e.Index, e.URL)
}

func (e *UnknownPackageError) Unwrap() error { return e.Err }

// RegistryFailure is false: the registry answered.
func (e *UnknownPackageError) RegistryFailure() bool { return false }

// pageError wraps the failure to read package p's page at u from index.
func pageError(p Package, index, u string, err error) error {
	var ce *CAError
	if errors.As(err, &ce) {
		return ce
	}
	if errors.Is(err, fetch.ErrNotFound) {
		return &UnknownPackageError{Package: p, Index: redactURL(index), URL: u, Err: err}
	}
	return &Error{Package: p, URL: u, Err: err}
}

// redactURL drops user info from a configured URL.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(unparsable URL)"
	}
	u.User = nil
	return u.String()
}

// UndatedError says that a history cannot be read as it stood at a past
// instant because the registry gives no upload time for some releases (a
// PEP 691 index of API version 1.0, a PEP 503 HTML page, a mirror that
// drops the times): whether they existed then cannot be known, and
// keeping or dropping them would both be a guess. It is not a registry
// failure; the command line maps it to exit code 2.
type UndatedError struct {
	Package  Package
	URL      string
	Until    time.Time
	Versions []string
}

func (e *UndatedError) Error() string {
	vs := e.Versions
	more := ""
	if len(vs) > 5 {
		vs, more = vs[:5], fmt.Sprintf(" and %d more", len(e.Versions)-5)
	}
	return fmt.Sprintf("%s: cannot read the history as of %s: %s gives no upload time for %s%s (the index serves no PEP 700 upload-time), so whether they existed then is unknown; run without --as-of, or against an index that serves upload times",
		e.Package, e.Until.UTC().Format(time.DateOnly), e.URL, strings.Join(vs, ", "), more)
}

// RegistryFailure is false: the registry answered, the question cannot be.
func (e *UndatedError) RegistryFailure() bool { return false }

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
