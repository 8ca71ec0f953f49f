package match

import (
	"strings"

	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/osv"
)

// Order is the version order of one range: how its event versions and the
// versions tested against it are parsed and compared.
type Order struct {
	// Name is the order's name for messages: "PyPI", "npm", "SemVer 2.0".
	Name    string
	parse   func(string) (any, error)
	compare func(a, b any) int
}

// Parse parses a version in the order's syntax.
func (o *Order) Parse(s string) (any, error) { return o.parse(s) }

// OrderFor returns the version order of a range of a package of ecosystem
// eco, or false when patchline cannot order it: GIT ranges, ECOSYSTEM
// ranges of ecosystems it does not implement.
func OrderFor(t osv.RangeType, eco string) (*Order, bool) {
	switch t {
	case osv.RangeSemver:
		return &Order{
			Name:    "SemVer 2.0",
			parse:   func(s string) (any, error) { return parseSemver(s) },
			compare: func(a, b any) int { return compareSemver(a.(semverVersion), b.(semverVersion)) },
		}, true
	case osv.RangeEcosystem:
		e, ok := EcosystemOf(eco)
		if !ok {
			return nil, false
		}
		return &Order{
			Name:    e.Name(),
			parse:   func(s string) (any, error) { return ParseAsRead(e, s) },
			compare: func(a, b any) int { return e.Compare(a.(ecosystem.Version), b.(ecosystem.Version)) },
		}, true
	}
	return nil, false
}

// ParseAsRead parses a version of a record as its consumers read it: the
// ecosystem's parser, else the reading scanners give a version it refuses
// (ecosystem.AsScannersRead: npm "14.0" is 14.0.0). osv/check warns about
// such a version (OSV022); matching must not miss the record for it.
func ParseAsRead(e ecosystem.Ecosystem, s string) (ecosystem.Version, error) {
	v, err := e.Parse(s)
	if err != nil {
		if fixed, ok := ecosystem.AsScannersRead(e, s); ok {
			return e.Parse(fixed)
		}
	}
	return v, err
}

// EcosystemOf returns patchline's implementation of an OSV ecosystem
// (without its ":suffix"), if there is one.
func EcosystemOf(eco string) (ecosystem.Ecosystem, bool) {
	base, _, _ := strings.Cut(eco, ":")
	e, err := ecosystem.Lookup(base)
	if err != nil {
		return nil, false
	}
	return e, true
}

// Point is an event version placed in an order: "0" (Min) below every
// version, a limit of "*" (Max) above every version, else the parsed V.
type Point struct {
	V        any
	Min, Max bool
}

// Compare orders two points.
func (o *Order) Compare(a, b Point) int {
	switch {
	case a.Min && b.Min, a.Max && b.Max:
		return 0
	case a.Min, b.Max:
		return -1
	case b.Min, a.Max:
		return 1
	}
	return o.compare(a.V, b.V)
}

// Event is one event of a range with its place in the order.
type Event struct {
	Index   int // in the record's events
	Kind    osv.EventKind
	Version string
	At      Point
}

// Events parses the events of a range of a package of ecosystem eco, in
// record order. ok is false when the range cannot be ordered: no order,
// an event that does not set exactly one field, or a version that does not
// parse.
func Events(eco string, r osv.Range) (*Order, []Event, bool) {
	o, ok := OrderFor(r.Type, eco)
	if !ok {
		return nil, nil, false
	}
	evs := make([]Event, 0, len(r.Events))
	for i, e := range r.Events {
		kind, ver, ok := e.Kind()
		if !ok {
			return nil, nil, false
		}
		ev := Event{Index: i, Kind: kind, Version: ver}
		switch {
		case kind == osv.EventIntroduced && ver == "0":
			ev.At = Point{Min: true}
		case kind == osv.EventLimit && strings.Contains(ver, "*"):
			ev.At = Point{Max: true}
		default:
			v, err := o.parse(ver)
			if err != nil {
				return nil, nil, false
			}
			ev.At = Point{V: v}
		}
		evs = append(evs, ev)
	}
	return o, evs, true
}

// Sort returns the events in version order; events at the same version
// keep their order in the record.
func Sort(o *Order, evs []Event) []Event {
	out := append([]Event(nil), evs...)
	// Insertion sort: ranges have a handful of events, and it is stable.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && o.Compare(out[j-1].At, out[j].At) > 0; j-- {
			out[j-1], out[j] = out[j], out[j-1]
		}
	}
	return out
}

// Affects evaluates OSV's IncludedInRanges for one range and a version, as
// the specification's pseudocode does: the range applies below one of its
// limits (all versions when it has none), and then the last event at or
// below the version decides. evs may be in any order.
func Affects(o *Order, evs []Event, v Point) bool {
	return AffectsSorted(o, Sort(o, evs), v)
}

// AffectsSorted is Affects for events already in version order (Sort),
// for callers that evaluate one range for many versions.
func AffectsSorted(o *Order, sorted []Event, v Point) bool {
	hasLimit, below := false, false
	for _, e := range sorted {
		if e.Kind == osv.EventLimit {
			hasLimit = true
			if o.Compare(v, e.At) < 0 {
				below = true
			}
		}
	}
	if hasLimit && !below {
		return false
	}
	vulnerable := false
	for _, e := range sorted {
		switch e.Kind {
		case osv.EventIntroduced:
			if o.Compare(v, e.At) >= 0 {
				vulnerable = true
			}
		case osv.EventFixed:
			if o.Compare(v, e.At) >= 0 {
				vulnerable = false
			}
		case osv.EventLastAffected:
			if o.Compare(v, e.At) > 0 {
				vulnerable = false
			}
		}
	}
	return vulnerable
}
