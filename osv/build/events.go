package build

import (
	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/osv"
	"github.com/patchline/patchline/registry"
)

// compress returns the events of the ECOSYSTEM range that matches exactly
// the affected releases of the ascending history rels (see the package
// documentation). lastAffected gives the report's own last affected
// version bounding a run that reaches the newest release, given that
// run's last release, or nil.
func compress(rels []*registry.Release, affected []bool, lastAffected func(last *registry.Release) ecosystem.Version) []osv.Event {
	var events []osv.Event
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
		if start == 0 {
			intro = "0"
		}
		events = append(events, osv.Event{Introduced: intro})
		switch {
		case i < len(rels):
			events = append(events, osv.Event{Fixed: rels[i].Version})
		case lastAffected != nil:
			if la := lastAffected(rels[i-1]); la != nil {
				events = append(events, osv.Event{LastAffected: la.String()})
			}
		}
	}
	return events
}

// ranges puts the events into one ECOSYSTEM range, except that a closing
// last_affected goes into a range of its own when the others have fixed
// events: OSV forbids both kinds in one range.
func ranges(events []osv.Event) []osv.Range {
	if len(events) == 0 {
		return nil
	}
	n := len(events)
	if n > 2 && events[n-1].LastAffected != "" {
		return []osv.Range{
			{Type: osv.RangeEcosystem, Events: events[:n-2]},
			{Type: osv.RangeEcosystem, Events: events[n-2:]},
		}
	}
	return []osv.Range{{Type: osv.RangeEcosystem, Events: events}}
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
