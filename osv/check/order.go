package check

import (
	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/osv"
	"github.com/patchline/patchline/osv/match"
)

// The version order of ranges and the evaluation of events belong to
// package match, which the release gate shares; these are the checks'
// names for them.

// scheme is the version order of one range.
type scheme struct {
	name  string // for messages: "PyPI", "npm", "SemVer 2.0"
	order *match.Order
}

func (s *scheme) parse(v string) (any, error) { return s.order.Parse(v) }

func (s *scheme) cmp(a, b point) int { return s.order.Compare(a.match(), b.match()) }

// schemeFor returns the version order of a range of a package, or false
// when patchline cannot order it (see match.OrderFor).
func schemeFor(t osv.RangeType, eco string) (*scheme, bool) {
	o, ok := match.OrderFor(t, eco)
	if !ok {
		return nil, false
	}
	return &scheme{name: o.Name, order: o}, true
}

// ecosystemOf returns patchline's implementation of an OSV ecosystem
// (without its ":suffix"), if there is one.
func ecosystemOf(eco string) (ecosystem.Ecosystem, bool) { return match.EcosystemOf(eco) }

// point is an event version placed in a scheme's order: "0" below every
// version, a limit of "*" above every version.
type point struct {
	v        any
	min, max bool
}

func (p point) match() match.Point { return match.Point{V: p.v, Min: p.min, Max: p.max} }

// event is one event of a range with its place in the order.
type event struct {
	index   int
	kind    osv.EventKind
	version string
	at      point
}

func (e event) match() match.Event {
	return match.Event{Index: e.index, Kind: e.kind, Version: e.version, At: e.at.match()}
}

func fromMatch(evs []match.Event) []event {
	out := make([]event, len(evs))
	for i, e := range evs {
		out[i] = event{index: e.Index, kind: e.Kind, version: e.Version, at: point{v: e.At.V, min: e.At.Min, max: e.At.Max}}
	}
	return out
}

func toMatch(evs []event) []match.Event {
	out := make([]match.Event, len(evs))
	for i, e := range evs {
		out[i] = e.match()
	}
	return out
}

// orderedEvents parses the events of a range. ok is false when the range
// cannot be ordered: no scheme, an event that does not set exactly one
// field, or a version that does not parse (check OSV008 reports those).
func orderedEvents(eco string, r osv.Range) (*scheme, []event, bool) {
	o, evs, ok := match.Events(eco, r)
	if !ok {
		return nil, nil, false
	}
	return &scheme{name: o.Name, order: o}, fromMatch(evs), true
}

// sortEvents returns the events in version order; events at the same
// version keep their order in the record.
func sortEvents(s *scheme, evs []event) []event {
	return fromMatch(match.Sort(s.order, toMatch(evs)))
}
