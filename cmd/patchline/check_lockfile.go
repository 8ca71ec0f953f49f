package main

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"time"

	"github.com/patchline/patchline/analyzer/lockfile"
	"github.com/patchline/patchline/ecosystem/pkgref"
	"github.com/patchline/patchline/osv/database"
	"github.com/patchline/patchline/osv/match"
)

// lockResult is the release gate's result for one lockfile.
type lockResult struct {
	file    *lockfile.File
	matches []lockMatch
}

type lockMatch struct {
	pin lockfile.Pin
	match.Match
}

// checkLockfiles runs the release gate: every pin of every lockfile
// against the records published at the as-of instant.
func (a *app) checkLockfiles(_ context.Context, cf checkFlags) error {
	format, err := a.outputFormat("text", "json", "github")
	if err != nil {
		return err
	}
	now, err := a.gateInstant()
	if err != nil {
		return err
	}
	src, err := a.recordSource(cf.db)
	if err != nil {
		return err
	}
	var results []*lockResult
	pins := map[pkgref.Ref][]string{}
	for _, path := range cf.lockfiles {
		f, err := lockfile.Read(path)
		if err != nil {
			return badInput(err)
		}
		results = append(results, &lockResult{file: f})
		for _, pin := range f.Pins {
			pins[pin.Package] = append(pins[pin.Package], pin.Version)
		}
	}
	ix, err := loadIndex(src, pins, now)
	if err != nil {
		return err
	}
	for _, res := range results {
		for _, pin := range res.file.Pins {
			ms, err := ix.Match(pin.Package, pin.Version)
			if err != nil {
				return badInputf("%s:%d: %s %s: %v", pin.Source, pin.Line, pin.Package, pin.Version, err)
			}
			for _, m := range ms {
				res.matches = append(res.matches, lockMatch{pin: pin, Match: m})
			}
		}
	}
	switch format {
	case "json":
		err = writeJSON(a.stdout, lockJSON(src, now, ix, results))
	case "github":
		writeLockGitHub(a.stdout, results)
	default:
		writeLockText(a.stdout, src, ix, results, a.palette)
	}
	if err != nil {
		return err
	}
	for _, r := range results {
		if len(r.matches) > 0 {
			return gateFailed
		}
	}
	return nil
}

// gateInstant is the instant records must be published by: the end of the
// --as-of day, or now (PATCHLINE_NOW when set).
func (a *app) gateInstant() (time.Time, error) {
	if a.flags.asOf == "" {
		return a.pinnedNow()
	}
	return a.historyUntil()
}

// recordSource is --db, or else the policy's database directory, which
// must exist: a gate that found no database must not pass for want of
// records.
func (a *app) recordSource(db string) (string, error) {
	if db != "" {
		return db, nil
	}
	pol, err := a.loadPolicy()
	if err != nil {
		return "", err
	}
	dir := pol.Advisories.Database
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return "", badInputf("no OSV database at %s (the policy's advisories.database): give one with --db", dir)
	}
	return dir, nil
}

// loadIndex reads the records of src one at a time and keeps, of those
// public at now, the matches of the pinned versions: memory follows the
// matches, not the database (a zip of 16,384 records held whole took
// 2.2 GB).
func loadIndex(src string, pins map[pkgref.Ref][]string, now time.Time) (*match.Index, error) {
	ix := match.ForPins(pins, now)
	if err := database.Walk(src, func(e database.Entry) { ix.Add(e.Record) }); err != nil {
		return nil, badInputf("reading OSV records: %v", err)
	}
	if err := ix.Err(); err != nil {
		return nil, badInput(err)
	}
	return ix, nil
}

// remedy says what fixes a matched version: the fixing release of its
// line, or that there is none yet.
func remedy(m match.Match) string {
	s := "no fix released"
	switch {
	case m.Fixed != "":
		s = "fixed in " + m.Fixed
	case m.Planned != "":
		s = "no fix released yet (planned: " + m.Planned + ")"
	}
	if m.Line != "" {
		s += " (line " + m.Line + ")"
	}
	return s
}
