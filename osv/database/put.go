package database

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/patchline/patchline/osv"
	"github.com/patchline/patchline/osv/check"
	"github.com/patchline/patchline/osv/schema"
)

// Status says what Put did.
type Status int

// What Put can do.
const (
	Unchanged   Status = iota // the stored record had the same content; nothing written
	Reformatted               // same content, but the file was not canonical; rewritten, modified kept
	Updated                   // the content changed; modified moved to now
	Created                   // there was no record with this id
)

func (s Status) String() string {
	return [...]string{"unchanged", "reformatted", "updated", "created"}[s]
}

// Result reports the outcome of Put or Create.
type Result struct {
	ID       string
	Path     string
	Status   Status
	Record   *osv.Record     // the record as stored
	Warnings []check.Finding // warning-level findings of the stored record
}

// Put stores r under r.ID. The caller's r is not modified. Whether anything
// is written, and what becomes of modified and published, is described in
// the package documentation. modified is never moved backwards: a now
// before the stored record's modified is an error.
func (db *DB) Put(r *osv.Record, now time.Time) (*Result, error) {
	return db.put(r, now, false)
}

// Preview returns what Put would store, and with which status, without
// writing anything: the record as it would be stored, with the published
// time kept and modified as Put would set it. Missing directories are not
// created.
func (db *DB) Preview(r *osv.Record, now time.Time) (*Result, error) {
	res, _, err := db.prepare(r, now, false)
	return res, err
}

// put implements Put; keepModified keeps r's own modified time when r is
// new or changed (for imports of records published elsewhere).
func (db *DB) put(r *osv.Record, now time.Time, keepModified bool) (*Result, error) {
	for attempt := 0; ; attempt++ {
		res, data, err := db.prepare(r, now, keepModified)
		if err != nil || data == nil {
			return res, err
		}
		if res.Status != Created {
			if err := writeFileAtomic(res.Path, data); err != nil {
				return nil, err
			}
			return res, nil
		}
		// A new record is published exclusively: if another process
		// created the same id since prepare looked, its record (and its
		// published time) stays, and this one becomes an update of it.
		err = createExclusive(res.Path, data)
		if errors.Is(err, fs.ErrExist) && attempt == 0 {
			continue
		}
		if err != nil {
			return nil, err
		}
		return res, nil
	}
}

// prepare decides what put stores: the result, and the bytes to write (nil
// when the file stays as it is).
func (db *DB) prepare(r *osv.Record, now time.Time, keepModified bool) (*Result, []byte, error) {
	path, err := db.Path(r.ID)
	if err != nil {
		return nil, nil, err
	}
	rec := *r
	old, oldData, err := readRecord(path, r.ID)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		old = nil
	case err != nil:
		return nil, nil, fmt.Errorf("reading the stored record: %w", err)
	}

	status := Created
	if old != nil {
		if !old.Published.IsZero() && (rec.Published.IsZero() || old.PublicAt(now)) {
			rec.Published = old.Published
		}
		// Same content except modified?
		rec.Modified = old.Modified
		data, err := osv.Marshal(&rec)
		if err != nil {
			return nil, nil, err
		}
		canon, err := osv.Canonical(path, oldData)
		if err != nil {
			return nil, nil, err
		}
		if bytes.Equal(data, canon) {
			warns, err := Validate(&rec)
			if err != nil {
				return nil, nil, err
			}
			res := &Result{ID: rec.ID, Path: path, Status: Unchanged, Record: &rec, Warnings: warns}
			if !bytes.Equal(data, oldData) {
				res.Status = Reformatted
				return res, data, nil
			}
			return res, nil, nil
		}
		status = Updated
	}

	switch {
	case keepModified && !r.Modified.IsZero():
		rec.Modified = r.Modified
	case old != nil && old.Modified.Valid() && now.Before(old.Modified.Time()):
		return nil, nil, fmt.Errorf("updating %s: now (%s) is before the stored modified time (%s); refusing to move modified backwards",
			r.ID, now.UTC().Format(time.RFC3339), old.Modified)
	default:
		rec.Modified = osv.NewTime(now)
	}
	warns, err := Validate(&rec)
	if err != nil {
		return nil, nil, err
	}
	data, err := marshalStored(&rec)
	if err != nil {
		return nil, nil, err
	}
	return &Result{ID: rec.ID, Path: path, Status: status, Record: &rec, Warnings: warns}, data, nil
}

// marshalStored encodes a record for the database, refusing one larger
// than osv.MaxRecordSize: every reader of the database, patchline's
// included, would refuse the file.
func marshalStored(r *osv.Record) ([]byte, error) {
	data, err := osv.Marshal(r)
	if err != nil {
		return nil, err
	}
	if len(data) > osv.MaxRecordSize {
		return nil, fmt.Errorf("record %s: %d bytes, larger than the %d MiB limit for one OSV record that readers accept; refusing to write it: %w",
			r.ID, len(data), osv.MaxRecordSize>>20, osv.ErrTooLarge)
	}
	return data, nil
}

// maxCreateAttempts bounds the ids Create tries when other processes keep
// taking them.
const maxCreateAttempts = 1000

// Create stores r, whose ID is ignored, under a newly allocated id
// PREFIX-YYYY-NNNN (see the package documentation); modified is set to now.
// The caller's r is not modified; the result holds the stored record.
func (db *DB) Create(r *osv.Record, prefix string, now time.Time) (*Result, error) {
	if err := checkPrefix(prefix); err != nil {
		return nil, err
	}
	year := now.UTC().Year()
	n, err := db.highest(prefix, year)
	if err != nil {
		return nil, err
	}
	rec := *r
	rec.Modified = osv.NewTime(now)
	for range maxCreateAttempts {
		n++
		rec.ID = fmt.Sprintf("%s-%d-%04d", prefix, year, n)
		warns, err := Validate(&rec)
		if err != nil {
			return nil, err
		}
		data, err := marshalStored(&rec)
		if err != nil {
			return nil, err
		}
		path, err := db.Path(rec.ID)
		if err != nil {
			return nil, err
		}
		err = createExclusive(path, data)
		if errors.Is(err, fs.ErrExist) {
			continue // taken by another process since we listed
		}
		if err != nil {
			return nil, err
		}
		return &Result{ID: rec.ID, Path: path, Status: Created, Record: &rec, Warnings: warns}, nil
	}
	return nil, fmt.Errorf("allocating an id %s-%d-NNNN: gave up after %d ids taken by others", prefix, year, maxCreateAttempts)
}

var prefixSyntax = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*$`)

// checkPrefix refuses an id prefix that would give ids OSV does not accept
// or that are not plain file names.
func checkPrefix(prefix string) error {
	if !prefixSyntax.MatchString(prefix) {
		return fmt.Errorf("id prefix %q: want letters, digits and \"_\", such as x_INVENIO", prefix)
	}
	example := prefix + "-2026-0001"
	if s := schema.Main(); !s.KnownPrefix(example) {
		return fmt.Errorf("id prefix %q: %s", prefix, s.ExplainPrefix(example))
	}
	return nil
}

// highest returns the highest number of the ids PREFIX-YEAR-N in the
// database, 0 if there are none.
func (db *DB) highest(prefix string, year int) (int, error) {
	entries, err := os.ReadDir(db.dir)
	if err != nil {
		return 0, fmt.Errorf("listing OSV database: %w", err)
	}
	head := fmt.Sprintf("%s-%d-", prefix, year)
	high := 0
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, head) || !strings.HasSuffix(name, ".json") {
			continue
		}
		digits := strings.TrimSuffix(strings.TrimPrefix(name, head), ".json")
		if n, err := strconv.Atoi(digits); err == nil && n > high && digits[0] != '+' && digits[0] != '-' {
			high = n
		}
	}
	return high, nil
}
