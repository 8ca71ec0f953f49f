package main

import (
	"os"
	"time"
)

// nowEnv pins the clock of the commands that stamp records (modified,
// published, allocated ids, embargo decisions): an RFC 3339 instant, for
// reproducible output in tests and for re-running a past publication.
const nowEnv = "PATCHLINE_NOW"

// pinnedNow returns the current instant in UTC, or the one PATCHLINE_NOW
// pins.
func (a *app) pinnedNow() (time.Time, error) {
	s := os.Getenv(nowEnv)
	if s == "" {
		return time.Now().UTC(), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, badInputf("%s=%q: want an RFC 3339 instant such as 2026-03-04T10:00:00Z", nowEnv, s)
	}
	return t.UTC(), nil
}

// now is the instant embargoes and notice windows are judged at: the
// current time, or PATCHLINE_NOW. --as-of plays no part: it dates the
// analysis, and an embargo ends in real time, not at a chosen date.
func (a *app) now() (time.Time, error) { return a.pinnedNow() }
