package lint

import (
	"bytes"
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/patchline/patchline/analyzer/report"
	"github.com/patchline/patchline/osv"
	"github.com/patchline/patchline/osv/check"
	"github.com/patchline/patchline/osv/database"
)

// record is one record read, with the problems found in it. Its
// document keeps the input for positions, but not the decoded value: the
// checks that need it run as soon as the record is read (checkRead), so
// that an archive of many records is held once, not three times.
//
// The decoded record is not kept either, only its id and the packages it
// names: what comes after the local checks (the registry checks, one
// record at a time, and duplicate ids, for a few pairs at most) decodes
// it again from its input. A decoded record is several times its JSON,
// and an archive within its bounds may hold 65,536 of them (8,192 records
// of 380 versions took 214–245 MiB of heap at the peak; without them,
// 80–95 MiB).
type record struct {
	name     string // file, or "archive.zip:entry"
	entry    bool   // read from a zip archive
	base     string // the file or entry name without directory and extension
	id       string
	packages []osv.Package // of the affected entries, for the registry
	doc      *osv.Document
	problems []Problem
}

// newRecord returns the record read from doc, checked with the checks
// that need no registry.
func (r *runner) newRecord(name, base string, doc *osv.Document, rec *osv.Record) *record {
	out := &record{name: name, base: base, id: rec.ID, doc: doc}
	out.check(r.localChecks, &check.Input{Record: rec, Value: doc.Value})
	out.checkFileName()
	doc.Value = nil
	if r.opts.Registry != nil {
		for _, a := range rec.Affected {
			out.packages = append(out.packages, a.Package)
		}
	}
	return out
}

// record decodes the record again from its input.
func (rec *record) record() (*osv.Record, error) {
	return osv.Parse(rec.doc.Name, rec.doc.Data)
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
		data, err := osv.ReadInput(p)
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
	u.records = []*record{r.newRecord(p, baseName(filepath.Base(p)), doc, rec)}
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
	u.problems = append(u.problems, weaknessProblems(rep)...)
	return u
}

// readArchive reads and checks the entries of an archive one at a time
// (database.Walk); the problems of bad entries are reported beside the
// good entries' records.
func (r *runner) readArchive(p string) *unit {
	u := &unit{}
	err := database.Walk(p, func(e database.Entry) {
		_, entry, _ := strings.Cut(strings.TrimPrefix(e.Name, p), ":")
		rec := r.newRecord(e.Name, baseName(path.Base(entry)), e.Document, e.Record)
		rec.entry = true
		u.records = append(u.records, rec)
	})
	if err != nil {
		u.fail(p, err)
	}
	return u
}

func baseName(name string) string { return strings.TrimSuffix(name, path.Ext(name)) }

// check runs the record checks defs on in. As check.RunChecks does within
// one run, a schema problem at a place where another check found an error
// is left out: that check says more.
func (rec *record) check(defs []*check.CheckDef, in *check.Input) {
	findings := check.RunChecks(in, defs)
	covered := map[string]bool{}
	for _, f := range findings {
		if f.Level == check.Error {
			covered[f.Pointer] = true
		}
	}
	rec.problems = slices.DeleteFunc(rec.problems, func(p Problem) bool { return p.Code == schemaCode && covered[p.Pointer] })
	for _, f := range findings {
		rec.problems = append(rec.problems, rec.problem(f.Pointer, Code{Code: f.Code, Name: f.Name, Level: f.Level}, f.Message))
	}
}

// schemaCode is the code of the schema check (osv/check).
const schemaCode = "OSV001"

// checkFileName checks that the record's file is named after its id.
func (rec *record) checkFileName() {
	id := rec.id
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
		id := rec.id
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
		if prev.archived() != rec.archived() && sameRecord(prev, rec) {
			continue
		}
		rec.problems = append(rec.problems, rec.problem("/id", codeDuplicateID, "id "+id+" is also the id of the record in "+prev.name))
	}
}

// archived reports whether the record is an entry of a zip archive.
func (r *record) archived() bool { return r.entry }

// sameRecord reports whether two records are the same in canonical form.
func sameRecord(a, b *record) bool {
	ra, errA := a.record()
	rb, errB := b.record()
	if errA != nil || errB != nil {
		return false
	}
	da, errA := osv.Marshal(ra)
	db, errB := osv.Marshal(rb)
	return errA == nil && errB == nil && bytes.Equal(da, db)
}
