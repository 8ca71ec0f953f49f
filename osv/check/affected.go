package check

import (
	"strings"

	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/osv"
	"github.com/patchline/patchline/osv/match"
	"github.com/patchline/patchline/severity"
)

func affectedPtr(i int) string { return osv.Pointer("/affected", i) }

func rangePtr(i, j int) string { return osv.Pointer("/affected", i, "ranges", j) }

func checkEcosystem(in *Input) []Problem {
	var ps []Problem
	s := in.schema()
	for i, a := range in.Record.Affected {
		eco := a.Package.Ecosystem
		if eco == "" {
			continue // the schema reports the missing field
		}
		if !s.KnownEcosystem(eco) {
			ps = append(ps, Problem{Pointer: affectedPtr(i) + "/package/ecosystem", Message: s.ExplainEcosystem(eco)})
		}
	}
	return ps
}

func checkRangeIntroduced(in *Input) []Problem {
	var ps []Problem
	for i, a := range in.Record.Affected {
		for j, r := range a.Ranges {
			has := false
			for _, e := range r.Events {
				if e.Introduced != "" {
					has = true
				}
			}
			if !has {
				ps = append(ps, problemf(rangePtr(i, j)+"/events",
					"the range has no introduced event: add {\"introduced\": \"0\"} if every version before the fix is affected"))
			}
		}
	}
	return ps
}

func checkFixedAndLastAffected(in *Input) []Problem {
	var ps []Problem
	for i, a := range in.Record.Affected {
		for j, r := range a.Ranges {
			var fixed, last bool
			for _, e := range r.Events {
				fixed = fixed || e.Fixed != ""
				last = last || e.LastAffected != ""
			}
			if fixed && last {
				ps = append(ps, problemf(rangePtr(i, j),
					"the range has both fixed and last_affected events, which OSV forbids: put the line without a fix in a range of its own"))
			}
		}
	}
	return ps
}

func checkVersionSyntax(in *Input) []Problem {
	var ps []Problem
	for i, a := range in.Record.Affected {
		eco := a.Package.Ecosystem
		for j, r := range a.Ranges {
			o, ok := match.OrderFor(r.Type, eco)
			if !ok {
				continue
			}
			for k, e := range r.Events {
				kind, ver, ok := e.Kind()
				if !ok || (kind == osv.EventIntroduced && ver == "0") || (kind == osv.EventLimit && strings.Contains(ver, "*")) {
					continue // the schema reports malformed events
				}
				if _, err := o.Parse(ver); err != nil && !scannersRead(r.Type, eco, ver) {
					ps = append(ps, problemf(osv.Pointer(rangePtr(i, j), "events", k, string(kind)),
						"%s %q is not a valid %s version: %v", kind, ver, o.Name, err))
				}
			}
		}
		if e, ok := match.EcosystemOf(eco); ok {
			for k, v := range a.Versions {
				if _, err := in.parse(e, v); err != nil && !scannersRead(osv.RangeEcosystem, eco, v) {
					ps = append(ps, problemf(osv.Pointer(affectedPtr(i), "versions", k), "%q is not a valid %s version: %v", v, e.Name(), err))
				}
			}
		}
	}
	return ps
}

func checkEventsSorted(in *Input) []Problem {
	var ps []Problem
	for i, a := range in.Record.Affected {
		for j, r := range a.Ranges {
			o, evs, ok := match.Events(a.Package.Ecosystem, r)
			if !ok {
				continue
			}
			for k := 1; k < len(evs); k++ {
				if o.Compare(evs[k-1].At, evs[k].At) > 0 {
					ps = append(ps, problemf(osv.Pointer(rangePtr(i, j), "events", evs[k].Index),
						"events are not in ascending version order: %s %s comes after %s %s",
						evs[k].Kind, evs[k].Version, evs[k-1].Kind, evs[k-1].Version))
					break
				}
			}
		}
	}
	return ps
}

func checkEventsAlternate(in *Input) []Problem {
	var ps []Problem
	for i, a := range in.Record.Affected {
		for j, r := range a.Ranges {
			o, evs, ok := match.Events(a.Package.Ecosystem, r)
			if !ok {
				continue
			}
			ps = append(ps, alternation(o, match.Sort(o, evs), rangePtr(i, j))...)
		}
	}
	return ps
}

// alternation checks sorted events: introduced and closing events
// alternate, starting with introduced; limits are not part of it.
func alternation(o *match.Order, evs []match.Event, rptr string) []Problem {
	var ps []Problem
	var prev *match.Event
	for k := range evs {
		e := &evs[k]
		if e.Kind == osv.EventLimit {
			continue
		}
		ptr := osv.Pointer(rptr, "events", e.Index)
		open := e.Kind == osv.EventIntroduced
		switch {
		case prev == nil && !open:
			ps = append(ps, problemf(ptr, "%s %s comes before any introduced event", e.Kind, e.Version))
		case prev == nil:
		case open && prev.Kind == osv.EventIntroduced:
			ps = append(ps, problemf(ptr, "introduced %s follows introduced %s with no fixed or last_affected between them: a fix is missing, or one of them is redundant",
				e.Version, prev.Version))
		case !open && prev.Kind != osv.EventIntroduced:
			ps = append(ps, problemf(ptr, "%s %s follows %s %s with no introduced between them: each branch's fix needs the version where that branch became affected",
				e.Kind, e.Version, prev.Kind, prev.Version))
		case e.Kind == osv.EventFixed && o.Compare(e.At, prev.At) == 0:
			ps = append(ps, problemf(ptr, "fixed %s equals the introduced version before it: the interval is empty", e.Version))
		}
		prev = e
	}
	return ps
}

func checkVersionsInRanges(in *Input) []Problem {
	var ps []Problem
	for i, a := range in.Record.Affected {
		if len(a.Versions) == 0 {
			continue
		}
		e, ok := match.EcosystemOf(a.Package.Ecosystem)
		if !ok {
			continue
		}
		ranges, ok := ecosystemRanges(&a)
		if !ok {
			continue
		}
		for k, v := range a.Versions {
			pv, err := in.parse(e, v)
			if err != nil {
				continue // OSV008
			}
			if !affectedByAny(ranges, pv) {
				ps = append(ps, problemf(osv.Pointer(affectedPtr(i), "versions", k),
					"version %s is listed as affected but is outside every ECOSYSTEM range of %s", v, a.Package.Name))
			}
		}
	}
	return ps
}

// orderedRange is one ECOSYSTEM range with its events in version order.
type orderedRange struct {
	order  *match.Order
	sorted []match.Event
}

// ecosystemRanges returns the ECOSYSTEM ranges of a package, ready to be
// evaluated. ok is false when there are none (GIT only: the versions list
// is then the only statement of what is affected) or when one cannot be
// evaluated, in which case nothing can be said.
func ecosystemRanges(a *osv.Affected) ([]orderedRange, bool) {
	var ranges []orderedRange
	for _, r := range a.Ranges {
		if r.Type != osv.RangeEcosystem {
			continue
		}
		o, evs, ok := match.Events(a.Package.Ecosystem, r)
		if !ok {
			return nil, false
		}
		ranges = append(ranges, orderedRange{o, match.Sort(o, evs)})
	}
	return ranges, len(ranges) > 0
}

// affectedByAny reports whether any of the ranges affects v.
func affectedByAny(ranges []orderedRange, v ecosystem.Version) bool {
	for _, r := range ranges {
		if match.AffectsSorted(r.order, r.sorted, match.Point{V: v}) {
			return true
		}
	}
	return false
}

func checkPackageName(in *Input) []Problem {
	var ps []Problem
	for i, a := range in.Record.Affected {
		e, ok := match.EcosystemOf(a.Package.Ecosystem)
		if !ok || a.Package.Name == "" {
			continue
		}
		ptr := affectedPtr(i) + "/package/name"
		norm, err := e.NormalizeName(a.Package.Name)
		switch {
		case err != nil:
			ps = append(ps, problemf(ptr, "%v", err))
		case norm != a.Package.Name && e.Name() == "PyPI":
			ps = append(ps, problemf(ptr, "PyPI package name %q is not normalised: OSV wants the PEP 503 form %q", a.Package.Name, norm))
		case norm != a.Package.Name:
			ps = append(ps, problemf(ptr, "%s package name %q should be written %q", e.Name(), a.Package.Name, norm))
		}
	}
	return ps
}

func checkPurl(in *Input) []Problem {
	var ps []Problem
	for i, a := range in.Record.Affected {
		if a.Package.Purl == "" {
			continue
		}
		ptr := affectedPtr(i) + "/package/purl"
		p, err := osv.ParsePackageURL(a.Package.Purl)
		if err != nil {
			ps = append(ps, Problem{Pointer: ptr, Message: err.Error()})
			continue
		}
		if p.Version != "" {
			ps = append(ps, problemf(ptr, "purl %q carries a version (@%s); OSV's package.purl identifies the package without one", a.Package.Purl, p.Version))
		}
		e, ok := match.EcosystemOf(a.Package.Ecosystem)
		if !ok {
			continue
		}
		name, err := e.NormalizeName(a.Package.Name)
		if err != nil {
			continue // OSV012
		}
		want, _ := osv.BuildPackageURL(e.Name(), name)
		wp, err := osv.ParsePackageURL(want)
		if err != nil {
			continue
		}
		same := p.Type == wp.Type
		switch e.Name() {
		case "PyPI":
			// The purl spec lower-cases PyPI names and reads "_" as "-";
			// compare PEP 503 forms.
			pn, err := e.NormalizeName(p.Name)
			same = same && p.Namespace == "" && err == nil && pn == name
		default:
			// npm purls are lower-cased by the purl spec.
			same = same && strings.EqualFold(p.Namespace, wp.Namespace) && strings.EqualFold(p.Name, wp.Name)
		}
		if !same {
			ps = append(ps, problemf(ptr, "purl %q does not name package %s/%s: want %s", a.Package.Purl, e.Name(), a.Package.Name, want))
		}
	}
	return ps
}

func checkSeverityVector(in *Input) []Problem {
	var ps []Problem
	check := func(base string, sev []osv.Severity) {
		for k, s := range sev {
			ptr := osv.Pointer(base, k, "score")
			var want string
			switch s.Type {
			case osv.SeverityCVSSv3:
				want = severity.OSVTypeV3
			case osv.SeverityCVSSv4:
				want = severity.OSVTypeV4
			default:
				continue // CVSS v2 and Ubuntu priorities: the schema's patterns decide
			}
			v, err := severity.Parse(s.Score)
			if err != nil {
				ps = append(ps, problemf(ptr, "%v", err))
				continue
			}
			if v.OSVType() != want {
				ps = append(ps, problemf(ptr, "a CVSS %s vector under severity type %s: want type %s", v.Version(), s.Type, v.OSVType()))
			}
		}
	}
	check("/severity", in.Record.Severity)
	for i, a := range in.Record.Affected {
		check(affectedPtr(i)+"/severity", a.Severity)
	}
	return ps
}

// scannersRead reports whether an ECOSYSTEM version the ecosystem refuses
// is one scanners read all the same ("14.0" for npm 14.0.0): OSV022's
// concern, a warning, not OSV-syntax's error.
func scannersRead(t osv.RangeType, eco, ver string) bool {
	if t != osv.RangeEcosystem {
		return false
	}
	e, ok := match.EcosystemOf(eco)
	if !ok {
		return false
	}
	_, ok = ecosystem.AsScannersRead(e, ver)
	return ok
}

// checkVersionSpelling finds the versions only scanners' reading makes
// valid: patchline reads them so too, but a record should write the
// version as the ecosystem spells it.
func checkVersionSpelling(in *Input) []Problem {
	var ps []Problem
	for i, a := range in.Record.Affected {
		e, ok := match.EcosystemOf(a.Package.Ecosystem)
		if !ok {
			continue
		}
		for j, r := range a.Ranges {
			if r.Type != osv.RangeEcosystem {
				continue
			}
			for k, ev := range r.Events {
				kind, ver, ok := ev.Kind()
				if !ok || (kind == osv.EventIntroduced && ver == "0") {
					// "0" is OSV's "since the first version", valid in
					// every ecosystem: no partial version.
					continue
				}
				if fixed, ok := ecosystem.AsScannersRead(e, ver); ok {
					ps = append(ps, problemf(osv.Pointer(rangePtr(i, j), "events", k, string(kind)),
						"%s %q is not a valid %s version; scanners read it as %s, and so does patchline: write %s", kind, ver, e.Name(), fixed, fixed))
				}
			}
		}
		for k, v := range a.Versions {
			if fixed, ok := ecosystem.AsScannersRead(e, v); ok {
				ps = append(ps, problemf(osv.Pointer(affectedPtr(i), "versions", k),
					"%q is not a valid %s version; scanners read it as %s, and so does patchline: write %s", v, e.Name(), fixed, fixed))
			}
		}
	}
	return ps
}
