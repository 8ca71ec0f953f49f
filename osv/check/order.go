package check

import (
	"strings"

	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/osv"
)

// scheme is the version order of one range: a parser and a comparison.
type scheme struct {
	name    string // for messages: "PyPI", "npm", "SemVer 2.0"
	parse   func(string) (any, error)
	compare func(a, b any) int
}

// schemeFor returns the version order of a range of a package, or false
// when patchline cannot order it: GIT ranges, ECOSYSTEM ranges of
// ecosystems it does not implement.
func schemeFor(t osv.RangeType, eco string) (*scheme, bool) {
	switch t {
	case osv.RangeSemver:
		return &scheme{
			name:    "SemVer 2.0",
			parse:   func(s string) (any, error) { return parseSemver(s) },
			compare: func(a, b any) int { return compareSemver(a.(semverVersion), b.(semverVersion)) },
		}, true
	case osv.RangeEcosystem:
		e, ok := ecosystemOf(eco)
		if !ok {
			return nil, false
		}
		return &scheme{
			name:    e.Name(),
			parse:   func(s string) (any, error) { return e.Parse(s) },
			compare: func(a, b any) int { return e.Compare(a.(ecosystem.Version), b.(ecosystem.Version)) },
		}, true
	}
	return nil, false
}

// ecosystemOf returns patchline's implementation of an OSV ecosystem
// (without its ":suffix"), if there is one.
func ecosystemOf(eco string) (ecosystem.Ecosystem, bool) {
	base, _, _ := strings.Cut(eco, ":")
	e, err := ecosystem.Lookup(base)
	if err != nil {
		return nil, false
	}
	return e, true
}

// point is an event version placed in a scheme's order: "0" below every
// version, a limit of "*" above every version.
type point struct {
	v        any
	min, max bool
}

func (s *scheme) cmp(a, b point) int {
	switch {
	case a.min && b.min, a.max && b.max:
		return 0
	case a.min, b.max:
		return -1
	case b.min, a.max:
		return 1
	}
	return s.compare(a.v, b.v)
}

// event is one event of a range with its place in the order.
type event struct {
	index   int
	kind    osv.EventKind
	version string
	at      point
}

// orderedEvents parses the events of a range. ok is false when the range
// cannot be ordered: no scheme, an event that does not set exactly one
// field, or a version that does not parse (check OSV008 reports those).
func orderedEvents(eco string, r osv.Range) (*scheme, []event, bool) {
	s, ok := schemeFor(r.Type, eco)
	if !ok {
		return nil, nil, false
	}
	evs := make([]event, 0, len(r.Events))
	for i, e := range r.Events {
		kind, ver, ok := e.Kind()
		if !ok {
			return nil, nil, false
		}
		ev := event{index: i, kind: kind, version: ver}
		switch {
		case kind == osv.EventIntroduced && ver == "0":
			ev.at = point{min: true}
		case kind == osv.EventLimit && strings.Contains(ver, "*"):
			ev.at = point{max: true}
		default:
			v, err := s.parse(ver)
			if err != nil {
				return nil, nil, false
			}
			ev.at = point{v: v}
		}
		evs = append(evs, ev)
	}
	return s, evs, true
}

// affects evaluates OSV's IncludedInRanges for one range and a version, as
// the specification's pseudocode does: the range applies below one of its
// limits (all versions when it has none), and then the last event at or
// below the version decides.
func affects(s *scheme, evs []event, v point) bool {
	return affectsSorted(s, sortEvents(s, evs), v)
}

// affectsSorted is affects for events already in version order, for
// callers that evaluate one range for many versions.
func affectsSorted(s *scheme, sorted []event, v point) bool {
	hasLimit, below := false, false
	for _, e := range sorted {
		if e.kind == osv.EventLimit {
			hasLimit = true
			if s.cmp(v, e.at) < 0 {
				below = true
			}
		}
	}
	if hasLimit && !below {
		return false
	}
	vulnerable := false
	for _, e := range sorted {
		switch e.kind {
		case osv.EventIntroduced:
			if s.cmp(v, e.at) >= 0 {
				vulnerable = true
			}
		case osv.EventFixed:
			if s.cmp(v, e.at) >= 0 {
				vulnerable = false
			}
		case osv.EventLastAffected:
			if s.cmp(v, e.at) > 0 {
				vulnerable = false
			}
		}
	}
	return vulnerable
}

// sortEvents returns the events in version order; events at the same
// version keep their order in the record.
func sortEvents(s *scheme, evs []event) []event {
	out := append([]event(nil), evs...)
	// Insertion sort: ranges have a handful of events, and it is stable.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && s.cmp(out[j-1].at, out[j].at) > 0; j-- {
			out[j-1], out[j] = out[j], out[j-1]
		}
	}
	return out
}
