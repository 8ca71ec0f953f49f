package osv

import (
	"github.com/patchline/patchline/ecosystem"
	model "github.com/patchline/patchline/osv"
	"github.com/patchline/patchline/registry"
)

// Interval is one maximal run of consecutive affected releases of a
// history, as the record's range states it: from Introduced (its first
// release, or "0") to Fixed (the release that ends it) or LastAffected
// (its own last release, or the report's last affected version), or open
// when both are empty.
type Interval struct {
	Introduced   string
	Fixed        string
	LastAffected string
	// Next is the release that follows the run in the history ("" when
	// the run reaches the newest release): the first release after a run
	// closed by LastAffected, which formats that state where a gap starts
	// need.
	Next string
}

// intervals returns the runs of affected releases of the ascending
// history rels (see the package documentation). lastAffected gives the
// report's own last affected version bounding a run that reaches the
// newest release, given that run's last release, or nil. fromZero allows
// "0" for a run that starts at the oldest release: only when the report
// itself starts there.
func intervals(rels []*registry.Release, affected []bool, lastAffected func(last *registry.Release) ecosystem.Version, fromZero bool) []Interval {
	var out []Interval
	for i := 0; i < len(rels); {
		if !affected[i] {
			i++
			continue
		}
		start := i
		for i < len(rels) && affected[i] {
			i++
		}
		iv := Interval{Introduced: rels[start].Version}
		if start == 0 && fromZero {
			iv.Introduced = "0"
		}
		switch {
		case i < len(rels) && installable(rels[i]):
			iv.Fixed, iv.Next = rels[i].Version, rels[i].Version
		case i < len(rels):
			// The release that ends the run is yanked or deprecated: not
			// a fix anyone should be sent to, so the run is closed at its
			// own last release, which is as exact over the history.
			iv.LastAffected, iv.Next = rels[i-1].Version, rels[i].Version
		case lastAffected != nil:
			if la := lastAffected(rels[i-1]); la != nil {
				iv.LastAffected = la.String()
			}
		}
		out = append(out, iv)
	}
	return out
}

// compress returns the events of the ECOSYSTEM range that matches exactly
// the affected releases of the ascending history rels: the intervals'
// events in order.
func compress(rels []*registry.Release, affected []bool, lastAffected func(last *registry.Release) ecosystem.Version, fromZero bool) []model.Event {
	return events(intervals(rels, affected, lastAffected, fromZero))
}

// events states the intervals as OSV events.
func events(ivs []Interval) []model.Event {
	var out []model.Event
	for _, iv := range ivs {
		out = append(out, model.Event{Introduced: iv.Introduced})
		switch {
		case iv.Fixed != "":
			out = append(out, model.Event{Fixed: iv.Fixed})
		case iv.LastAffected != "":
			out = append(out, model.Event{LastAffected: iv.LastAffected})
		}
	}
	return out
}

// installable reports whether a release may stand as a fix.
func installable(r *registry.Release) bool { return !r.Yanked && r.Deprecated == "" }

// ranges puts the events into one ECOSYSTEM range, except that runs closed
// by last_affected go into a second range when the others have fixed
// events: OSV forbids both kinds in one range.
func ranges(events []model.Event) []model.Range {
	var fixed, last []model.Event
	for i := 0; i < len(events); i++ {
		if i+1 < len(events) && events[i+1].LastAffected != "" {
			last = append(last, events[i], events[i+1])
			i++
			continue
		}
		fixed = append(fixed, events[i])
	}
	hasFixed := false
	for _, e := range fixed {
		hasFixed = hasFixed || e.Fixed != ""
	}
	if !hasFixed {
		fixed, last = events, nil // one range, in version order
	}
	var out []model.Range
	for _, evs := range [][]model.Event{fixed, last} {
		if len(evs) > 0 {
			out = append(out, model.Range{Type: model.RangeEcosystem, Events: evs})
		}
	}
	return out
}

// affectedVersions lists the affected releases as the registry spells them,
// every spelling of each.
func affectedVersions(rels []*registry.Release, affected []bool) []string {
	var out []string
	for i, r := range rels {
		if !affected[i] {
			continue
		}
		// A release the index publishes under several equal spellings
		// (PyPI "3.13" and "3.13.0") is listed under each: scanners
		// compare versions as strings.
		out = append(out, r.Version)
		for _, s := range r.Spellings {
			if s != r.Version {
				out = append(out, s)
			}
		}
	}
	return out
}
