package fetch

import (
	"errors"
	"fmt"
)

// Sentinel causes, matched with errors.Is on an *Error.
var (
	// ErrNotFound: the server answered 404 or 410.
	ErrNotFound = errors.New("not found")
	// ErrNotCached: offline, and the cache holds no entry for the URL.
	ErrNotCached = errors.New("not in the cache (offline)")
	// ErrTooLarge: the response exceeds the size cap.
	ErrTooLarge = errors.New("response too large")
	// ErrIntegrity: the body's digest differs from the one the caller
	// expected.
	ErrIntegrity = errors.New("digest mismatch")
	// ErrStatus: any other unexpected HTTP status.
	ErrStatus = errors.New("unexpected status")
	// ErrRedirects: too many redirects, or a redirect without a usable
	// Location.
	ErrRedirects = errors.New("bad redirect")
)

// UnusableEntryError is an offline miss of an entry the cache holds but
// cannot answer with: corrupt (and dropped), or out of date. It matches
// ErrNotCached.
type UnusableEntryError struct {
	Reason string // what is wrong with the entry
}

func (e *UnusableEntryError) Error() string { return ErrNotCached.Error() + ": " + e.Reason }

// Is makes the error an offline miss.
func (e *UnusableEntryError) Is(target error) bool { return target == ErrNotCached }

// Error is a failed GET. Its URL never carries credentials. It reports
// RegistryFailure so that the command line maps it to exit code 3.
type Error struct {
	URL      string // the URL requested (the last one, after redirects)
	Status   int    // the last HTTP status, 0 when no response was read
	Attempts int    // network attempts made for the last URL
	Err      error  // the cause; one of the sentinels above or a network error
}

func (e *Error) Error() string {
	msg := fmt.Sprintf("GET %s: ", e.URL)
	switch {
	case e.Status != 0 && errors.Is(e.Err, ErrStatus):
		msg += fmt.Sprintf("HTTP %d", e.Status)
	case e.Status != 0:
		msg += fmt.Sprintf("HTTP %d: %v", e.Status, e.Err)
	default:
		msg += e.Err.Error()
	}
	if e.Attempts > 1 {
		msg += fmt.Sprintf(" (after %d attempts)", e.Attempts)
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// RegistryFailure marks the error as a registry or network failure.
func (e *Error) RegistryFailure() bool { return true }
