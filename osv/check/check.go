// Package check owns the semantic checks of OSV records: the rules beyond
// the JSON schema that a record must follow to be read correctly (events in
// order and alternating, versions inside the ranges, normalised names,
// parseable CVSS vectors, ...), each with a stable code (OSV001...) that
// patchline lint prints and that users can look up.
//
// The checks form a table in the style of osv-linter's CheckDef: code, name,
// description, level. The schema itself is check OSV001. Checks that need
// package data from a registry are marked NeedsRegistry; Run skips them,
// and RunChecks feeds them the release histories the caller puts in
// Input.Registry (package advisory/lint reads them from package registry), so
// that no check touches the network.
// Codes are never reused or renumbered: a retired check keeps its code.
//
// Version order comes from package ecosystem for the ecosystems patchline
// implements (PyPI, npm) and from SemVer 2.0 precedence for SEMVER ranges;
// ranges of other ecosystems and GIT ranges are not ordered, so the checks
// that need an order skip them.
package check

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/patchline/patchline/osv"
	"github.com/patchline/patchline/osv/schema"
)

// Level is how serious a finding is. Errors make a record unfit for
// publication: patchline refuses to write or export it. Warnings are
// reported and do not block.
type Level int

// The levels of findings.
const (
	Error Level = iota
	Warning
)

func (l Level) String() string {
	if l == Warning {
		return "warning"
	}
	return "error"
}

// Input is what the checks look at.
type Input struct {
	// Record is the record, as osv.Document.Record or a builder made it.
	Record *osv.Record
	// Value is the record as read (osv.Document.Value), which the schema
	// check validates so that it sees the file and not the model's
	// normalised form. When nil, the schema check validates Record.Value().
	Value any
	// Schema is the schema of check OSV001; nil means schema.Main().
	Schema *schema.Schema
	// Registry returns what the registry says about a package, for the
	// checks marked NeedsRegistry; nil (for the func or its result) when
	// unknown, and those checks then say nothing about the package.
	Registry func(osv.Package) *Releases

	parsed map[parseKey]parseResult // see parse; an Input serves one goroutine at a time
}

// Problem is what a check function reports: where (a JSON pointer into the
// record) and what.
type Problem struct {
	Pointer string
	Message string
}

// CheckDef defines one check.
type CheckDef struct {
	Code        string // stable, "OSV001"
	Name        string // short kebab-case name, "events-sorted"
	Description string // one sentence: what the check requires and why
	Level       Level
	// NeedsRegistry marks a check that needs the package's releases from a
	// registry or cache; Run skips it.
	NeedsRegistry bool
	Check         func(*Input) []Problem
}

// Finding is one problem found by a check.
type Finding struct {
	Code    string
	Name    string
	Level   Level
	Pointer string // JSON pointer of the value concerned; "" for the record
	Message string
}

func (f Finding) String() string {
	loc := f.Pointer
	if loc == "" {
		loc = "/"
	}
	return fmt.Sprintf("%s %s %s: %s", f.Code, f.Level, loc, f.Message)
}

// Checks returns the check table in code order.
func Checks() []*CheckDef { return append([]*CheckDef(nil), table...) }

// Lookup returns the check with the given code or name, or nil.
func Lookup(codeOrName string) *CheckDef {
	for _, c := range table {
		if strings.EqualFold(c.Code, codeOrName) || c.Name == codeOrName {
			return c
		}
	}
	return nil
}

// Run runs every check that needs no registry data and returns the
// findings in document order, then by code.
//
// A schema error (OSV001) at the same place as an error of a semantic check
// is left out: the semantic checks cover the common schema violations (an
// unknown id prefix, a timestamp with an offset, a misspelt ecosystem, ...)
// with messages that name the fix, and one problem is reported once.
func Run(in *Input) []Finding {
	var defs []*CheckDef
	for _, c := range table {
		if !c.NeedsRegistry {
			defs = append(defs, c)
		}
	}
	return RunChecks(in, defs)
}

// RunChecks runs the given checks; see Run.
func RunChecks(in *Input, defs []*CheckDef) []Finding {
	var findings []Finding
	covered := map[string]bool{}
	var schemaFindings []Finding
	for _, c := range defs {
		for _, p := range c.Check(in) {
			f := Finding{Code: c.Code, Name: c.Name, Level: c.Level, Pointer: p.Pointer, Message: p.Message}
			if c == schemaCheck {
				schemaFindings = append(schemaFindings, f)
				continue
			}
			if c.Level == Error {
				covered[p.Pointer] = true
			}
			findings = append(findings, f)
		}
	}
	for _, f := range schemaFindings {
		if !covered[f.Pointer] {
			findings = append(findings, f)
		}
	}
	sort.SliceStable(findings, func(i, j int) bool {
		a, b := findings[i], findings[j]
		if a.Pointer != b.Pointer {
			return pointerLess(a.Pointer, b.Pointer)
		}
		return a.Code < b.Code
	})
	return findings
}

// HasErrors reports whether any finding is an error.
func HasErrors(fs []Finding) bool {
	for _, f := range fs {
		if f.Level == Error {
			return true
		}
	}
	return false
}

// pointerLess orders JSON pointers by their tokens, array indices
// numerically.
func pointerLess(a, b string) bool {
	at, bt := strings.Split(a, "/"), strings.Split(b, "/")
	for i := 0; i < len(at) && i < len(bt); i++ {
		if at[i] == bt[i] {
			continue
		}
		ai, aerr := strconv.Atoi(at[i])
		bi, berr := strconv.Atoi(bt[i])
		if aerr == nil && berr == nil {
			return ai < bi
		}
		return at[i] < bt[i]
	}
	return len(at) < len(bt)
}

func (in *Input) schema() *schema.Schema {
	if in.Schema != nil {
		return in.Schema
	}
	return schema.Main()
}

func problemf(ptr, format string, args ...any) Problem {
	return Problem{Pointer: ptr, Message: fmt.Sprintf(format, args...)}
}
