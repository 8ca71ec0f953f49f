package match

import (
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/ecosystem/pkgref"
	"github.com/patchline/patchline/osv"
)

// Index holds the public records of a database by package: every entry
// (New), or, for a gate that knows its pins (ForPins), only the matches
// of the pinned versions.
type Index struct {
	now     time.Time
	entries map[pkgref.Ref][]*entry
	// pins, when set, are the versions asked about, by package; found
	// holds their matches and badPin the pinned versions that do not parse.
	pins   map[pkgref.Ref][]string
	found  map[pin][]Match
	badPin map[pin]error
	refs   map[pkgref.Ref]bool // the packages of any entry, with pins
	errs   Errors
	// Records is how many records were indexed; Skipped are the records
	// left out, with the reason.
	Records int
	Skipped []Skipped
}

// pin is one pinned version of a package, as its text.
type pin struct {
	ref     pkgref.Ref
	version string
}

// Skipped is a record New left out.
type Skipped struct {
	ID     string
	Reason string
}

// entry is one affected[] entry of a record, parsed.
type entry struct {
	id       string
	eco      ecosystem.Ecosystem
	ranges   []parsedRange
	versions []ecosystem.Version
	lines    []lineVerdict
}

type parsedRange struct {
	order  *Order
	sorted []Event
	semver bool
}

// Match is one record affecting one package version.
type Match struct {
	ID      string
	Package pkgref.Ref
	Version string
	// Fixed is the release that fixes the version's line, "" when none is
	// known; FixedFrom says where it comes from: "line" (the record's
	// per-line verdicts, with Line the line's name) or "event" (the first
	// fixed event above the version).
	Fixed     string
	FixedFrom string
	Line      string
	// Planned is the line's planned fixing version when the record gives
	// one and no fix is released.
	Planned string
}

// Error is a record the index cannot evaluate.
type Error struct {
	ID      string
	Pointer string
	Msg     string
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %s: %s", e.ID, e.Pointer, e.Msg) }

// Errors is every record problem New found.
type Errors []*Error

func (es Errors) Error() string {
	s := fmt.Sprintf("%d record problem(s) in the OSV database:", len(es))
	for _, e := range es {
		s += "\n  " + e.Error()
	}
	return s
}

// New indexes the records that are public at now: with a published time
// not after now, and not withdrawn at or before now. Drafts, embargoed and
// withdrawn records are listed in Skipped. Affected entries of ecosystems
// patchline does not implement are ignored (no lockfile pins them); an
// entry of PyPI or npm whose ranges or versions cannot be evaluated makes
// New fail with Errors naming every one, because a gate must not pass a
// version it could not judge.
func New(records []*osv.Record, now time.Time) (*Index, error) {
	ix := &Index{now: now, entries: map[pkgref.Ref][]*entry{}}
	for _, r := range records {
		ix.Add(r)
	}
	if err := ix.Err(); err != nil {
		return nil, err
	}
	return ix, nil
}

// ForPins returns an empty index that answers Match for the pinned
// versions alone (by package, as pinned). Each record Add is given is
// judged against the pins at once and only its matches are kept, so that
// the index holds what the gate reports, whatever the size of the
// database read one record at a time: 20,000 records of 380 versions
// held as New holds them take 2.5 GB.
func ForPins(pins map[pkgref.Ref][]string, now time.Time) *Index {
	// A version pinned twice (in two lockfiles) is judged once.
	distinct := make(map[pkgref.Ref][]string, len(pins))
	for ref, vs := range pins {
		vs = slices.Clone(vs)
		slices.Sort(vs)
		distinct[ref] = slices.Compact(vs)
	}
	return &Index{now: now, pins: distinct, found: map[pin][]Match{}, badPin: map[pin]error{}, refs: map[pkgref.Ref]bool{}}
}

// Add indexes r when it is public at the index's instant, as New does;
// its problems are kept for Err.
func (ix *Index) Add(r *osv.Record) {
	switch {
	case !r.PublicAt(ix.now):
		ix.Skipped = append(ix.Skipped, Skipped{r.ID, "not published at " + ix.now.UTC().Format(time.RFC3339)})
		return
	case !r.Withdrawn.IsZero() && r.Withdrawn.Valid() && !r.Withdrawn.Time().After(ix.now):
		ix.Skipped = append(ix.Skipped, Skipped{r.ID, "withdrawn"})
		return
	}
	ix.Records++
	for i := range r.Affected {
		ref, e, perr := parseEntry(r, i)
		switch {
		case perr != nil:
			ix.errs = append(ix.errs, perr)
		case e == nil:
		case ix.pins == nil:
			ix.entries[ref] = append(ix.entries[ref], e)
		default:
			ix.refs[ref] = true
			ix.matchPins(ref, e)
		}
	}
}

// matchPins keeps the matches of e among the pinned versions of ref.
func (ix *Index) matchPins(ref pkgref.Ref, e *entry) {
	for _, text := range ix.pins[ref] {
		p := pin{ref, text}
		if _, bad := ix.badPin[p]; bad {
			continue
		}
		v, err := e.eco.Parse(text)
		if err != nil {
			ix.badPin[p] = err
			continue
		}
		if m, hit := e.match(v, text); hit {
			m.Package = ref
			ix.found[p] = append(ix.found[p], m)
		}
	}
}

// Err returns every problem of the records added, as Errors, or nil.
func (ix *Index) Err() error {
	if len(ix.errs) > 0 {
		return ix.errs
	}
	return nil
}

func parseEntry(r *osv.Record, i int) (pkgref.Ref, *entry, *Error) {
	a := &r.Affected[i]
	ptr := osv.Pointer("/affected", i)
	eco, ok := EcosystemOf(a.Package.Ecosystem)
	if !ok {
		return pkgref.Ref{}, nil, nil
	}
	ref, err := pkgref.New(eco.Name(), a.Package.Name)
	if err != nil {
		return pkgref.Ref{}, nil, &Error{r.ID, ptr + "/package/name", err.Error()}
	}
	e := &entry{id: r.ID, eco: eco}
	for j, rg := range a.Ranges {
		if rg.Type == osv.RangeGit {
			continue
		}
		o, evs, ok := Events(a.Package.Ecosystem, rg)
		if !ok {
			return ref, nil, &Error{r.ID, osv.Pointer(ptr, "ranges", j), fmt.Sprintf("a %s range whose events cannot be evaluated (an event without exactly one field, or a version that does not parse)", rg.Type)}
		}
		e.ranges = append(e.ranges, parsedRange{order: o, sorted: Sort(o, evs), semver: rg.Type == osv.RangeSemver})
	}
	for k, s := range a.Versions {
		v, err := ParseAsRead(eco, s)
		if err != nil {
			return ref, nil, &Error{r.ID, osv.Pointer(ptr, "versions", k), err.Error()}
		}
		e.versions = append(e.versions, v)
	}
	e.lines = lineVerdicts(r, a, eco, ref)
	return ref, e, nil
}

// Match returns the records affecting version v (the text as pinned) of a
// package, sorted by record id. A version that does not parse in the
// package's ecosystem is an error. An index ForPins knows the pinned
// versions alone.
func (ix *Index) Match(ref pkgref.Ref, version string) ([]Match, error) {
	if ix.pins != nil {
		p := pin{ref, version}
		if err := ix.badPin[p]; err != nil {
			return nil, err
		}
		out := append([]Match(nil), ix.found[p]...)
		sort.SliceStable(out, func(i, j int) bool { return out[i].ID < out[j].ID })
		return out, nil
	}
	es := ix.entries[ref]
	if len(es) == 0 {
		return nil, nil
	}
	v, err := es[0].eco.Parse(version)
	if err != nil {
		return nil, err
	}
	var out []Match
	for _, e := range es {
		m, hit := e.match(v, version)
		if hit {
			m.Package = ref
			out = append(out, m)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// Packages returns how many packages the index has records for.
func (ix *Index) Packages() int {
	if ix.pins != nil {
		return len(ix.refs)
	}
	return len(ix.entries)
}

func (e *entry) match(v ecosystem.Version, text string) (Match, bool) {
	m := Match{ID: e.id, Version: text}
	hit := false
	for _, w := range e.versions {
		if e.eco.Compare(v, w) == 0 {
			hit = true
			break
		}
	}
	var hitRange *parsedRange
	var at Point
	for i := range e.ranges {
		r := &e.ranges[i]
		p := Point{V: v}
		if r.semver {
			sv, err := parseSemver(text)
			if err != nil {
				continue // not a SemVer 2.0 version: the range cannot speak of it
			}
			p = Point{V: sv}
		}
		if AffectsSorted(r.order, r.sorted, p) {
			hit, hitRange, at = true, r, p
			break
		}
	}
	if !hit {
		return m, false
	}
	if lv := e.lineOf(v); lv != nil {
		m.Line, m.FixedFrom, m.Fixed, m.Planned = lv.line, "line", lv.fixed, lv.planned
		return m, true
	}
	if hitRange != nil {
		for _, ev := range hitRange.sorted {
			if ev.Kind == osv.EventFixed && hitRange.order.Compare(ev.At, at) > 0 {
				m.Fixed, m.FixedFrom = ev.Version, "event"
				break
			}
		}
	}
	return m, true
}
