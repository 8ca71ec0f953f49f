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
