package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	advosv "github.com/patchline/patchline/advisory/osv"
	"github.com/patchline/patchline/analyzer/impact"
	"github.com/patchline/patchline/analyzer/policy"
	"github.com/patchline/patchline/internal/exitguard"
	"github.com/patchline/patchline/osv"
	"github.com/patchline/patchline/osv/database"
)

func (a *app) osvCommand() *cobra.Command {
	var toStdout, force bool
	cmd := &cobra.Command{
		Use:   "osv REPORT...",
		Short: "Write or update the OSV records of reports in the advisory database",
		Long: `Analyse each report, build its OSV record and write it into the policy's
advisory database (advisories.database, relative to the policy file): one
ECOSYSTEM range per package that matches exactly the affected releases of its
whole history, the enumerated versions, and the per-line verdicts and the
policy's severity level in database_specific. --as-of decides which lines are
supported; the record still covers every release the registry has now, since
it is published now.

A report without an id gets the next id PREFIX-YYYY-NNNN of the database, and
the id is written back into the report (an id: line at its top), so that the
next run updates the same record. Allocation and write-back happen under the
database's lock: runs on one report at the same time make one record, the
later ones updating the record the first created. Rewriting an unchanged record changes no
byte; modified moves only when the content changes; published, once public,
is never overwritten.

An input may also be an OSV record (.json, or YAML with schema_version or
modified): its versions and per-line verdicts are derived again from the
registry, under its own id.

A report under embargo (embargo_until in the future) is refused unless
--force; --stdout prints the record instead of writing it, and says on stderr
when it is under embargo. One line is printed per record: id, file, and
created, updated or unchanged.

The clock can be pinned with PATCHLINE_NOW (an RFC 3339 instant).`,
		Example: `  patchline osv reports/unsafe-html.yaml
  patchline osv --stdout reports/pending-communities.yaml
  patchline osv GHSA-xxxx-xxxx-xxxx.json
  patchline osv export dist/osv`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runOSV(cmd.Context(), args, toStdout, force)
		},
	}
	cmd.Flags().BoolVar(&toStdout, "stdout", false, "print the records instead of writing them")
	cmd.Flags().BoolVar(&force, "force", false, "write records of reports under embargo too, and replace a stored record about other packages that an input's id names")
	cmd.AddCommand(a.osvExportCommand())
	return cmd
}

// builtRecord is one input's record, ready to be written.
type builtRecord struct {
	in  *osvInput
	rec *osv.Record
}

// runOSV builds and validates every record before it writes any, so that
// a bad input leaves the database as it was.
func (a *app) runOSV(ctx context.Context, paths []string, toStdout, force bool) error {
	a.lines.wholeHistory = true
	pol, asOf, err := a.policyAsOf()
	if err != nil {
		return err
	}
	now, err := a.pinnedNow()
	if err != nil {
		return err
	}
	var built []builtRecord
	seen := map[string]bool{}
	for _, path := range paths {
		// The same file named twice (./r.yaml and r.yaml, overlapping
		// globs, a link) is one record, not two.
		key := path
		if abs, err := filepath.Abs(path); err == nil {
			key = abs
			if real, err := filepath.EvalSymlinks(abs); err == nil {
				key = real
			}
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		in, err := readOSVInput(path, pol)
		if err != nil {
			return err
		}
		a.warnRepairs(in.report)
		if in.record == nil && in.report.ID == "" && !toStdout {
			// Checked before anything is written: an id the report could
			// not take back would leave a record that the next run
			// creates again.
			if pol.Advisories.IDPrefix == "" {
				return badInputf("%s has no id and the policy names no advisories.id_prefix to allocate one under", path)
			}
			probe := fmt.Sprintf("%s-%d-0000", pol.Advisories.IDPrefix, now.Year())
			if _, _, err := withIDLine(path, probe, pol); err != nil {
				return badInput(fmt.Errorf("%s: %w", path, err))
			}
		}
		if in.embargoed(now) && !toStdout && !force {
			return badInputf("%s: under embargo until %s: refusing to write it into the database before then (--force writes it anyway, --stdout prints it)",
				path, in.embargoUntil().Format(time.RFC3339))
		}
		rec, err := a.buildRecord(ctx, pol, in, asOf, now)
		if errors.Is(err, advosv.ErrNoRecord) {
			// An upstream report that no release of the project forces:
			// nothing to publish, which is a result, not a failure.
			fmt.Fprintf(a.stdout, "%s: %v\n", path, advosv.ErrNoRecord)
			continue
		}
		if err != nil {
			return err
		}
		if _, err := database.Validate(withDraftID(rec, pol, now)); err != nil {
			return badInput(fmt.Errorf("%s: %w", path, err))
		}
		for _, b := range built {
			if rec.ID != "" && b.rec.ID == rec.ID {
				return badInputf("%s and %s both carry id %s: one record cannot come from two inputs", b.in.path, path, rec.ID)
			}
		}
		built = append(built, builtRecord{in, rec})
	}
	if toStdout {
		return a.printRecords(built, pol, now)
	}
	if len(built) == 0 {
		// Only upstream reports that no release of the project forces:
		// nothing to write, so no database is created either.
		return nil
	}
	if pol.Advisories.Database == "" {
		return badInputf("%s: the policy names no advisories.database", pol.Path)
	}
	db, err := database.Open(pol.Advisories.Database)
	if err != nil {
		return err
	}
	if !force {
		for _, b := range built {
			if err := sameAdvisory(db, b); err != nil {
				return err
			}
		}
	}
	for _, b := range built {
		if err := a.writeRecord(db, pol, b, now); err != nil {
			return err
		}
	}
	return nil
}

// sameAdvisory refuses to update a stored record from an input about
// other packages altogether: a report copied from another one keeps that
// one's id, and writing it would replace the other advisory.
func sameAdvisory(db *database.DB, b builtRecord) error {
	if b.rec.ID == "" {
		return nil
	}
	old, err := db.Get(b.rec.ID)
	if err != nil || old == nil {
		return nil // a new id, or one Put reports on
	}
	stored := map[string]bool{}
	for _, a := range old.Affected {
		stored[a.Package.Ecosystem+":"+a.Package.Name] = true
	}
	var names []string
	for _, a := range b.rec.Affected {
		k := a.Package.Ecosystem + ":" + a.Package.Name
		if stored[k] || len(stored) == 0 {
			return nil
		}
		names = append(names, k)
	}
	if len(names) == 0 {
		return nil
	}
	return badInputf("%s: id %s is the record of another advisory (%q, on %s); this input is about %s: remove its id line to allocate a new id, or --force to replace that record",
		b.in.path, b.rec.ID, old.Summary, packagesOf(old), strings.Join(names, ", "))
}

// packagesOf lists a record's packages as ECOSYSTEM:NAME.
func packagesOf(r *osv.Record) string {
	var out []string
	for _, a := range r.Affected {
		out = append(out, a.Package.Ecosystem+":"+a.Package.Name)
	}
	return strings.Join(out, ", ")
}

// buildRecord analyses one input and builds its record.
func (a *app) buildRecord(ctx context.Context, pol *policy.Policy, in *osvInput, asOf policy.Date, now time.Time) (*osv.Record, error) {
	an, err := a.analyze(ctx, pol, in.report, asOf)
	if err != nil {
		return nil, err
	}
	return a.recordOf(in, an, now)
}

// recordOf builds the record of an analysed input: re-derived under the
// original's id when the input is a record. An upstream report that no
// release of the project forces gives advosv.ErrNoRecord.
func (a *app) recordOf(in *osvInput, an *impact.Analysis, now time.Time) (*osv.Record, error) {
	for _, u := range an.Unplaced {
		fmt.Fprintf(a.stderr, "patchline: warning: %s: %s %s: %s\n", in.path, u.Package, u.Version, unplacedReason(an, u))
	}
	rec, err := advosv.Record(an, advosv.Options{Now: now})
	if errors.Is(err, advosv.ErrNoRecord) {
		return nil, err
	}
	if err != nil {
		return nil, badInput(err)
	}
	if in.record != nil {
		rec = advosv.Rebase(in.record, rec)
	}
	return rec, nil
}

// withDraftID gives a record without id the shape of the id the database
// will allocate, so that it can be validated and printed.
func withDraftID(rec *osv.Record, pol *policy.Policy, now time.Time) *osv.Record {
	if rec.ID != "" {
		return rec
	}
	r := *rec
	r.ID = draftID(pol, now)
	return &r
}

// printRecords prints the records as the database would store them: a
// record already stored keeps its published time, and its modified time
// when nothing changed.
func (a *app) printRecords(built []builtRecord, pol *policy.Policy, now time.Time) error {
	var db *database.DB
	if fi, err := os.Stat(pol.Advisories.Database); err == nil && fi.IsDir() {
		if db, err = database.Open(pol.Advisories.Database); err != nil {
			return err
		}
	}
	for _, b := range built {
		rec := withDraftID(b.rec, pol, now)
		if db != nil && b.rec.ID != "" {
			res, err := db.Preview(b.rec, now)
			if err != nil {
				return storeError(err)
			}
			rec = res.Record
		}
		if b.rec.ID == "" && !a.flags.quiet {
			fmt.Fprintf(a.stderr, "patchline: %s has no id yet: %s is a placeholder; writing the record allocates one\n", b.in.path, rec.ID)
		}
		if b.in.embargoed(now) {
			fmt.Fprintf(a.stderr, "patchline: %s is under EMBARGO until %s: do not publish it before then\n", rec.ID, b.in.embargoUntil().Format(time.RFC3339))
		}
		data, err := osv.Marshal(rec)
		if err != nil {
			return err
		}
		if _, err := a.stdout.Write(data); err != nil {
			return err
		}
	}
	return nil
}

// writeRecord stores one record: under its id, or under a new id that is
// then written back into the report.
func (a *app) writeRecord(db *database.DB, pol *policy.Policy, b builtRecord, now time.Time) error {
	if b.rec.ID != "" {
		res, err := db.Put(b.rec, now)
		if err != nil {
			return storeError(err)
		}
		a.printResult(res)
		return nil
	}
	if pol.Advisories.IDPrefix == "" {
		return badInputf("%s has no id and the policy names no advisories.id_prefix to allocate one under", b.in.path)
	}
	// Allocation and write-back are one step across processes: under the
	// database's lock the report is read again, and a run that finds the id
	// another run gave it updates that record instead of creating another.
	unlock, err := db.LockAllocation()
	if err != nil {
		return err
	}
	defer unlock()
	// A stop between the record and its id in the report would leave a
	// record the next run creates again: the step is finished first.
	defer exitguard.Begin()()
	if id, err := currentID(b.in.path, pol); err != nil {
		return err
	} else if id != "" {
		rec := *b.rec
		rec.ID = id
		res, err := db.Put(&rec, now)
		if err != nil {
			return storeError(err)
		}
		if !a.flags.quiet {
			fmt.Fprintf(a.stderr, "patchline: %s was given id %s by another run meanwhile; that record is the one written\n", b.in.path, id)
		}
		a.printResult(res)
		return nil
	}
	res, err := db.Create(b.rec, pol.Advisories.IDPrefix, now)
	if err != nil {
		return storeError(err)
	}
	if err := writeBackID(b.in.path, res.ID, pol); err != nil {
		// A record whose report does not name it would be created again
		// by the next run: take it back, so that one report has one record.
		if rerr := os.Remove(res.Path); rerr != nil {
			return fmt.Errorf("record %s was written to %s, but its id could not be written back into %s (%w), nor the record removed (%v): add \"id: %s\" to the report by hand",
				res.ID, res.Path, b.in.path, err, rerr, res.ID)
		}
		return fmt.Errorf("%s: the allocated id %s could not be written into the report, so no record was stored; run again once the report is writable: %w",
			b.in.path, res.ID, err)
	}
	a.printResult(res)
	return nil
}

// currentID reads the id the report at path has now.
func currentID(path string, pol *policy.Policy) (string, error) {
	in, err := readOSVInput(path, pol)
	if err != nil {
		return "", err
	}
	return in.report.ID, nil
}

func (a *app) printResult(res *database.Result) {
	status := res.Status.String()
	if res.Status == database.Reformatted {
		status = database.Unchanged.String() + " (reformatted)"
	}
	fmt.Fprintf(a.stdout, "%s\t%s\t%s\n", res.ID, res.Path, status)
}

// storeError maps the database's refusals to bad input.
func storeError(err error) error {
	var inv *database.InvalidError
	if errors.As(err, &inv) {
		return badInput(err)
	}
	return err
}

// draftID is the shape of the id the database will allocate.
func draftID(pol *policy.Policy, now time.Time) string {
	prefix := pol.Advisories.IDPrefix
	if prefix == "" {
		prefix = "x_DRAFT"
	}
	return fmt.Sprintf("%s-%d-NNNN", prefix, now.Year())
}
