package report

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/patchline/patchline/analyzer/policy"
	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/ecosystem/pkgref"
	"github.com/patchline/patchline/osv"
	"github.com/patchline/patchline/severity"
)

// FromOSV turns an OSV record read from path (osv.ReadFile: a GHSA, PYSEC
// or patchline record, JSON or YAML) into a report, so that a published
// record can be analysed against the policy like a report of the
// project's own.
//
// Every affected package becomes one entry of form FormRanges: the
// ECOSYSTEM and SEMVER ranges of all the record's entries for the package
// (GHSA writes one entry per branch), evaluated as OSV evaluates events
// (sorted by version, each introduced opening an interval that the next
// fixed, limit or last_affected closes). An entry without such ranges
// contributes its versions, each as an interval of one version. GIT ranges
// name commits, not releases, and are left out. The record's versions
// list is otherwise not used: the analysis regenerates it from the
// registry.
//
// The weaknesses of database_specific.cwe_ids (GitHub's records) become
// CWEIDs. The first CVSS v3 or v4 vector is scored with the policy's levels (a nil
// pol: the default levels). A published time becomes EmbargoUntil, the
// instant before which nothing is public, so that Embargoed answers for
// the record. Unknown ecosystems, invalid package names, versions and
// vectors are errors (osv.Errors), each naming the file, the line and
// column when the file can be read again, and the JSON pointer.
func FromOSV(path string, rec *osv.Record, pol *policy.Policy) (*Report, error) {
	c := &osvConverter{path: path}
	if d, err := osv.ReadDocument(path); err == nil {
		c.doc = d
	}
	r := &Report{
		Path:    path,
		ID:      rec.ID,
		Summary: strings.TrimSpace(rec.Summary),
		Details: rec.Details,
		Aliases: append([]string(nil), rec.Aliases...),
	}
	if rec.Published.Valid() && !rec.Published.IsZero() {
		t := rec.Published.Time()
		r.EmbargoUntil = &t
	}
	levels := severity.DefaultLevels()
	if pol != nil && len(pol.Severity) > 0 {
		levels = pol.Severity
	}
	for i, s := range rec.Severity {
		if s.Type != osv.SeverityCVSSv3 && s.Type != osv.SeverityCVSSv4 {
			continue
		}
		res, err := severity.Score(s.Score, levels)
		if err != nil {
			c.fail(osv.Pointer("/severity", i, "score"), "%v", err)
			break
		}
		r.Severity = &res
		break
	}
	byRef := map[pkgref.Ref]int{}
	for i := range rec.Affected {
		a, ok := c.entry(rec, i)
		if !ok {
			continue
		}
		if k, seen := byRef[a.Package]; seen {
			r.Affected[k].Intervals = append(r.Affected[k].Intervals, a.Intervals...)
			continue
		}
		byRef[a.Package] = len(r.Affected)
		r.Affected = append(r.Affected, a)
	}
	if len(rec.Affected) == 0 {
		c.fail("/affected", "no affected packages")
	}
	for _, ref := range rec.References {
		r.References = append(r.References, Reference{Type: string(ref.Type), URL: ref.URL})
	}
	for _, cr := range rec.Credits {
		r.Credits = append(r.Credits, Credit{Name: cr.Name, Contact: append([]string(nil), cr.Contact...), Type: string(cr.Type)})
	}
	r.CWEIDs = recordCWEIDs(rec)
	if len(c.errs) > 0 {
		return nil, c.errs
	}
	r.Repairs = c.repairs
	return r, nil
}

// recordCWEIDs reads the weaknesses a record names where GitHub's
// advisory database writes them (database_specific.cwe_ids); ids of
// another form are left out, since they are the database's, not an
// input to correct.
func recordCWEIDs(rec *osv.Record) []string {
	list, _ := rec.DatabaseSpecific["cwe_ids"].([]any)
	var out []string
	for _, v := range list {
		if s, ok := v.(string); ok && cweID.MatchString(s) && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

type osvConverter struct {
	path    string
	doc     *osv.Document // nil when the file cannot be read again
	errs    osv.Errors
	repairs []Repair
}

// parse reads a version of the record as its consumers read it: the
// ecosystem's parser, else the reading scanners give a version the
// ecosystem refuses (ecosystem.AsScannersRead), recorded as a repair.
func (c *osvConverter) parse(eco ecosystem.Ecosystem, ref pkgref.Ref, s, ptr string) (ecosystem.Version, error) {
	v, err := eco.Parse(s)
	if err == nil {
		return v, nil
	}
	fixed, ok := ecosystem.AsScannersRead(eco, s)
	if !ok {
		return nil, err
	}
	if v, perr := eco.Parse(fixed); perr == nil {
		line, col := c.pos(ptr)
		c.repairs = append(c.repairs, Repair{Pos: Pos{File: c.path, Line: line, Column: col}, Pointer: ptr, From: s, To: fixed, Package: ref.String()})
		return v, nil
	}
	return nil, err
}

func (c *osvConverter) pos(ptr string) (line, col int) {
	if c.doc == nil {
		return 0, 0
	}
	return c.doc.Position(ptr)
}

func (c *osvConverter) fail(ptr, format string, args ...any) {
	line, col := c.pos(ptr)
	c.errs = append(c.errs, &osv.Error{File: c.path, Line: line, Column: col, Pointer: ptr, Msg: fmt.Sprintf(format, args...)})
}

// entry converts affected entry i; false when its package is unusable.
func (c *osvConverter) entry(rec *osv.Record, i int) (Affected, bool) {
	e := rec.Affected[i]
	base := osv.Pointer("/affected", i)
	ecoName, _, _ := strings.Cut(e.Package.Ecosystem, ":")
	ref, err := pkgref.New(ecoName, e.Package.Name)
	if err != nil {
		ptr := base + "/package/name"
		if _, lookErr := ecosystem.Lookup(ecoName); lookErr != nil {
			ptr = base + "/package/ecosystem"
		}
		c.fail(ptr, "%v", err)
		return Affected{}, false
	}
	eco, err := ref.Lookup()
	if err != nil {
		c.fail(base+"/package/ecosystem", "%v", err)
		return Affected{}, false
	}
	line, col := c.pos(base)
	a := Affected{Package: ref, Form: FormRanges, eco: eco, Pos: Pos{File: c.path, Line: line, Column: col}}
	ranged, good := false, true
	for j, rg := range e.Ranges {
		if rg.Type != osv.RangeEcosystem && rg.Type != osv.RangeSemver {
			continue
		}
		ranged = true
		ivs, ok := c.intervals(a, rg, osv.Pointer(base+"/ranges", j))
		good = good && ok
		a.Intervals = append(a.Intervals, ivs...)
	}
	for j, s := range e.Versions {
		v, err := c.parse(eco, ref, s, osv.Pointer(base+"/versions", j))
		if err != nil {
			c.fail(osv.Pointer(base+"/versions", j), "%s: %v", ref, err)
			good = false
			continue
		}
		if !ranged {
			a.Intervals = append(a.Intervals, Interval{Introduced: v, LastAffected: v})
		}
	}
	if !ranged && len(e.Versions) == 0 {
		c.fail(base, "%s: no ECOSYSTEM or SEMVER range and no versions: nothing says which releases are affected", ref)
		good = false
	}
	return a, good
}

// osvEvent is one event with its parsed version (nil for "0").
type osvEvent struct {
	kind osv.EventKind
	v    ecosystem.Version
}

// intervals evaluates one range's events as OSV does.
func (c *osvConverter) intervals(a Affected, rg osv.Range, ptr string) ([]Interval, bool) {
	var evs []osvEvent
	good := true
	for k, ev := range rg.Events {
		kind, s, ok := ev.Kind()
		eptr := osv.Pointer(ptr+"/events", k)
		if !ok {
			c.fail(eptr, "an event sets exactly one of introduced, fixed, last_affected and limit")
			good = false
			continue
		}
		if kind == osv.EventIntroduced && s == "0" {
			evs = append(evs, osvEvent{kind, nil})
			continue
		}
		v, err := c.parse(a.eco, a.Package, s, eptr+"/"+string(kind))
		if err != nil {
			c.fail(eptr+"/"+string(kind), "%s: %v", a.Package, err)
			good = false
			continue
		}
		evs = append(evs, osvEvent{kind, v})
	}
	if !good {
		return nil, false
	}
	sort.SliceStable(evs, func(i, j int) bool {
		switch {
		case evs[i].v == nil:
			return evs[j].v != nil
		case evs[j].v == nil:
			return false
		}
		return a.eco.Compare(evs[i].v, evs[j].v) < 0
	})
	var out []Interval
	var cur *Interval
	for _, ev := range evs {
		switch ev.kind {
		case osv.EventIntroduced:
			if cur == nil {
				cur = &Interval{Introduced: ev.v}
			}
		case osv.EventFixed, osv.EventLimit:
			if cur != nil {
				if cur.Introduced == nil || a.eco.Compare(ev.v, cur.Introduced) > 0 {
					cur.Fixed = ev.v
					out = append(out, *cur)
				}
				cur = nil
			}
		case osv.EventLastAffected:
			if cur != nil {
				cur.LastAffected = ev.v
				out = append(out, *cur)
				cur = nil
			}
		}
	}
	if cur != nil {
		out = append(out, *cur)
	}
	return out, true
}
