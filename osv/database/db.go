package database

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/patchline/patchline/osv"
	"github.com/patchline/patchline/osv/check"
)

// DB is a database directory.
type DB struct {
	dir string
}

// Open opens the database in dir, creating the directory if it does not
// exist.
func Open(dir string) (*DB, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("opening OSV database: %w", err)
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("opening OSV database: %w", err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("opening OSV database: %s is not a directory", dir)
	}
	return &DB{dir: dir}, nil
}

// Dir returns the database directory.
func (db *DB) Dir() string { return db.dir }

// Path returns the file of the record with the given id, refusing an id
// that is not a plain file name (a path separator, "..").
func (db *DB) Path(id string) (string, error) {
	if msg := check.IDProblem(id); msg != "" {
		return "", fmt.Errorf("%s: %s", db.dir, msg)
	}
	return filepath.Join(db.dir, id+".json"), nil
}

// ErrNotFound is matched by the error of Get for an id without a record.
var ErrNotFound = errors.New("no such record")

// Get reads the record with the given id.
func (db *DB) Get(id string) (*osv.Record, error) {
	path, err := db.Path(id)
	if err != nil {
		return nil, err
	}
	r, _, err := readRecord(path, id)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w %s", db.dir, ErrNotFound, id)
	}
	return r, err
}

// readRecord reads a record file and checks that it holds the record its
// name says; it also returns the file's bytes.
func readRecord(path, id string) (*osv.Record, []byte, error) {
	d, err := osv.ReadDocument(path)
	if err != nil {
		return nil, nil, err
	}
	r, err := d.Record()
	if err != nil {
		return nil, nil, err
	}
	if r.ID != id {
		return nil, nil, fmt.Errorf("%s: holds the record %q; a record file must be named after its id", path, r.ID)
	}
	return r, d.Data, nil
}

// IDs lists the ids of the records in the database, sorted.
func (db *DB) IDs() ([]string, error) {
	entries, err := os.ReadDir(db.dir)
	if err != nil {
		return nil, fmt.Errorf("listing OSV database: %w", err)
	}
	var ids []string
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".json") || e.IsDir() {
			continue
		}
		ids = append(ids, strings.TrimSuffix(name, ".json"))
	}
	sort.Strings(ids)
	return ids, nil
}

// All reads every record of the database, sorted by id. Records are read
// in parallel; every file that cannot be read is reported, together, in the
// error, and then no records are returned.
func (db *DB) All() ([]*osv.Record, error) {
	ids, err := db.IDs()
	if err != nil {
		return nil, err
	}
	recs := make([]*osv.Record, len(ids))
	errs := make([]error, len(ids))
	workers := min(runtime.GOMAXPROCS(0), len(ids))
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				recs[i], _, errs[i] = readRecord(filepath.Join(db.dir, ids[i]+".json"), ids[i])
			}
		}()
	}
	for i := range ids {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return recs, nil
}

// InvalidError is returned for a record that fails validation; nothing was
// written.
type InvalidError struct {
	ID       string
	Findings []check.Finding // the error-level findings
}

func (e *InvalidError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "OSV record %s is not valid:", e.ID)
	for _, f := range e.Findings {
		b.WriteString("\n  " + f.String())
	}
	return b.String()
}

// Validate runs the schema and the offline checks on r. It returns the
// warnings, and an *InvalidError when there are errors.
func Validate(r *osv.Record) ([]check.Finding, error) {
	return validate(&check.Input{Record: r})
}

func validate(in *check.Input) ([]check.Finding, error) {
	var errs, warns []check.Finding
	for _, f := range check.Run(in) {
		if f.Level == check.Error {
			errs = append(errs, f)
		} else {
			warns = append(warns, f)
		}
	}
	if len(errs) > 0 {
		return warns, &InvalidError{ID: in.Record.ID, Findings: errs}
	}
	return warns, nil
}
