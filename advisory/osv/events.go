package osv

import (
	"github.com/patchline/patchline/ecosystem"
	model "github.com/patchline/patchline/osv"
	"github.com/patchline/patchline/registry"
)

// compress returns the events of the ECOSYSTEM range that matches exactly
// the affected releases of the ascending history rels (see the package
// documentation). lastAffected gives the report's own last affected
// version bounding a run that reaches the newest release, given that
// run's last release, or nil. fromZero allows "0" for a run that starts
// at the oldest release: only when the report itself starts there.
func compress(rels []*registry.Release, affected []bool, lastAffected func(last *registry.Release) ecosystem.Version, fromZero bool) []model.Event {
	var events []model.Event
	for i := 0; i < len(rels); {
		if !affected[i] {
			i++
			continue
		}
		start := i
		for i < len(rels) && affected[i] {
			i++
		}
		intro := rels[start].Version
		if start == 0 && fromZero {
			intro = "0"
		}
		events = append(events, model.Event{Introduced: intro})
		switch {
		case i < len(rels) && installable(rels[i]):
			events = append(events, model.Event{Fixed: rels[i].Version})
		case i < len(rels):
			// The release that ends the run is yanked or deprecated: not
			// a fix anyone should be sent to, so the run is closed at its
			// own last release, which is as exact over the history.
			events = append(events, model.Event{LastAffected: rels[i-1].Version})
		case lastAffected != nil:
			if la := lastAffected(rels[i-1]); la != nil {
				events = append(events, model.Event{LastAffected: la.String()})
			}
		}
	}
	return events
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

// affectedVersions lists the affected releases as the registry spells them.
func affectedVersions(rels []*registry.Release, affected []bool) []string {
	var out []string
	for i, r := range rels {
		if affected[i] {
			out = append(out, r.Version)
		}
	}
	return out
}
