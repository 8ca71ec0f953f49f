package lint

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/patchline/patchline/analyzer/report"
	"github.com/patchline/patchline/osv"
	"github.com/patchline/patchline/osv/check"
	"github.com/patchline/patchline/osv/database"
)

// record is one record read, with the problems found in it.
type record struct {
	name     string // file, or "archive.zip:entry"
	entry    bool   // read from a zip archive
	base     string // the file or entry name without directory and extension
	doc      *osv.Document
	rec      *osv.Record
	problems []Problem
}

func (r *runner) read(s source) *unit {
	if s.archive {
		return r.readArchive(s.path)
	}
	return r.readFile(s.path)
}

func (r *runner) readFile(p string) *unit {
	u := &unit{}
	if r.opts.Reports {
		data, err := readLimited(p)
		if err != nil {
			return u.fail(p, err)
		}
		return r.readReport(u, p, data)
	}
	doc, err := osv.ReadDocument(p)
	if err != nil {
		return u.fail(p, err)
	}
	if doc.IsReport() {
		return r.readReport(u, p, doc.Data)
	}
	rec, err := doc.Record()
	if err != nil {
		return u.fail(p, err)
	}
	u.records = []*record{{name: p, base: baseName(filepath.Base(p)), doc: doc, rec: rec}}
	return u
}

// fail records a file that could not be read as a problem of the file,
// or, when the file system refused it, as unusable input.
func (u *unit) fail(p string, err error) *unit {
	var pe *fs.PathError
	if errors.As(err, &pe) && !errors.Is(err, osv.ErrTooLarge) {
		u.unusable = err
		return u
	}
	u.problems = append(u.problems, problemsOf(p, codeUnreadable, err)...)
	return u
}

// readLimited reads a file given as a report, refusing one larger than a
// record may be: no report comes near it.
func readLimited(p string) ([]byte, error) {
	fi, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if fi.Size() > osv.MaxRecordSize {
		return nil, &osv.TooLargeError{File: p, Size: fi.Size(), Limit: osv.MaxRecordSize}
	}
	return os.ReadFile(p)
}

func (r *runner) readReport(u *unit, p string, data []byte) *unit {
	u.reports = 1
	pol, err := r.loadPolicy()
	if err != nil {
		return u // Run reports the policy's error
	}
	rep, err := report.Parse(p, data, pol)
	if err != nil {
		u.problems = append(u.problems, problemsOf(p, codeReport, err)...)
		return u
	}
	u.parsed = append(u.parsed, rep)
	return u
}

func (r *runner) readArchive(p string) *unit {
	u := &unit{}
	entries, err := database.ReadSource(p)
	if err != nil {
		return u.fail(p, err)
	}
	for _, e := range entries {
		_, entry, _ := strings.Cut(strings.TrimPrefix(e.Name, p), ":")
		u.records = append(u.records, &record{name: e.Name, entry: true, base: baseName(path.Base(entry)), doc: e.Document, rec: e.Record})
	}
	return u
}

func baseName(name string) string { return strings.TrimSuffix(name, path.Ext(name)) }

// check runs the record checks and the file-name check.
func (rec *record) check(defs []*check.CheckDef, registry func(osv.Package) *check.Releases) {
	in := &check.Input{Record: rec.rec, Value: rec.doc.Value, Registry: registry}
	for _, f := range check.RunChecks(in, defs) {
		rec.problems = append(rec.problems, rec.problem(f.Pointer, Code{Code: f.Code, Name: f.Name, Level: f.Level}, f.Message))
	}
	id := rec.rec.ID
	if id != "" && check.IDProblem(id) == "" && rec.base != id {
		rec.problems = append(rec.problems, rec.problem("/id", codeFileName,
			"the record "+id+" is in a file named "+rec.base+": name it "+id+path.Ext(rec.name)))
	}
}

func (rec *record) problem(pointer string, c Code, msg string) Problem {
	line, col := rec.doc.Position(pointer)
	return Problem{File: rec.name, Line: line, Column: col, Code: c.Code, Name: c.Name, Level: c.Level, Pointer: pointer, Message: msg}
}

// duplicateIDs reports each record whose id an earlier record has.
func duplicateIDs(recs []*record) {
	first := map[string]*record{}
	for _, rec := range recs {
		id := rec.rec.ID
		if id == "" {
			continue
		}
		prev, ok := first[id]
		if !ok {
			first[id] = rec
			continue
		}
		// A database linted with its own exported all.zip holds each
		// record twice, once as a file and once in the archive: the same
		// record is one advisory, not two. Two files of one tree with
		// one id stay a duplicate, whatever they hold.
		if prev.archived() != rec.archived() && sameRecord(prev.rec, rec.rec) {
			continue
		}
		rec.problems = append(rec.problems, rec.problem("/id", codeDuplicateID, "id "+id+" is also the id of the record in "+prev.name))
	}
}

// archived reports whether the record is an entry of a zip archive.
func (r *record) archived() bool { return r.entry }

// sameRecord reports whether two records are the same in canonical form.
func sameRecord(a, b *osv.Record) bool {
	da, errA := osv.Marshal(a)
	db, errB := osv.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(da, db)
}
