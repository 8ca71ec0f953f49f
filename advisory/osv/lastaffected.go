package osv

import (
	"github.com/patchline/patchline/analyzer/report"
	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/registry"
)

// lastAffectedOf returns, for a run of affected releases that reaches the
// newest release, the last affected version the report itself names for
// it, or nil when the report leaves the run open (no fix and no last
// affected version, or a fix that is not released yet).
func lastAffectedOf(a *report.Affected) func(last *registry.Release) ecosystem.Version {
	eco := a.Ecosystem()
	switch a.Form {
	case report.FormFixed:
		if a.LastAffected == nil {
			return nil
		}
		return func(last *registry.Release) ecosystem.Version {
			if eco.Compare(last.Parsed, a.LastAffected) <= 0 {
				return a.LastAffected
			}
			return nil
		}
	case report.FormRanges:
		return func(last *registry.Release) ecosystem.Version {
			var la ecosystem.Version
			for _, iv := range a.Intervals {
				if !iv.Contains(eco, last.Parsed) {
					continue
				}
				if iv.LastAffected == nil {
					return nil // an open interval, or a fix still to release
				}
				if la == nil || eco.Compare(iv.LastAffected, la) > 0 {
					la = iv.LastAffected
				}
			}
			return la
		}
	}
	return nil
}
