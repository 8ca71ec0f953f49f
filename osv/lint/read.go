package lint

import (
	"errors"
	"io/fs"
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
		u.records = append(u.records, &record{name: e.Name, base: baseName(path.Base(entry)), doc: e.Document, rec: e.Record})
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
	first := map[string]string{}
	for _, rec := range recs {
		id := rec.rec.ID
		if id == "" {
			continue
		}
		if prev, ok := first[id]; ok {
			rec.problems = append(rec.problems, rec.problem("/id", codeDuplicateID, "id "+id+" is also the id of the record in "+prev))
			continue
		}
		first[id] = rec.name
	}
}
