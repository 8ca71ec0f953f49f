package impact

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/patchline/patchline/analyzer/membership"
	"github.com/patchline/patchline/analyzer/policy"
	"github.com/patchline/patchline/analyzer/report"
	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/internal/memregistry"
	"github.com/patchline/patchline/registry"
)

// TestProperties checks, for random histories, lines and reports, that
// every version reported affected is in the report's range and in the
// line, and that every fixing release is above all affected versions of its
// line (of its minor, with every-minor), not affected, and not yanked.
func TestProperties(t *testing.T) {
	eco, err := ecosystem.Lookup("PyPI")
	if err != nil {
		t.Fatal(err)
	}
	rapid.Check(t, func(rt *rapid.T) {
		// A history of app 1.x to 3.x with random gaps, candidates and yanks.
		reg := memregistry.New()
		var all []string
		for major := 1; major <= 3; major++ {
			for minor := 0; minor <= 2; minor++ {
				for patch := 0; patch <= 3; patch++ {
					if rapid.IntRange(0, 3).Draw(rt, "skip") == 0 {
						continue
					}
					v := fmt.Sprintf("%d.%d.%d", major, minor, patch)
					if rapid.IntRange(0, 5).Draw(rt, "rc") == 0 {
						v += "rc1"
					}
					rel := reg.Add("PyPI:app", v)
					if rapid.IntRange(0, 6).Draw(rt, "yank") == 0 {
						rel.Yanked()
					}
					all = append(all, v)
				}
			}
		}
		if len(all) == 0 {
			reg.Add("PyPI:app", "1.0.0")
			all = append(all, "1.0.0")
		}
		goTo := rapid.SampledFrom([]string{"latest-minor", "every-minor"}).Draw(rt, "goTo")
		pol := fmt.Sprintf(`
project: P
packages: {PyPI: [app]}
fixes_go_to: %s
lines:
  - {name: v3, status: supported, released: 2025-01-01, from: "PyPI:app >=3.0.0rc1,<4"}
  - {name: v2, status: %s, released: 2024-01-01, from: "PyPI:app >=2.0.0rc1,<3"}
  - {name: v1, status: supported, released: 2023-01-01, from: "PyPI:app >=1.0.0rc1,<2"}
`, goTo, rapid.SampledFrom([]string{"supported", "eol"}).Draw(rt, "v2status"))
		p, err := policy.Parse("patchline.yaml", []byte(pol))
		if err != nil {
			rt.Fatal(err)
		}

		// A report: introduced/fixed from random versions (released or
		// not), last_affected, or OSV intervals.
		pick := func(label string) string {
			if rapid.Bool().Draw(rt, label+"-released") {
				return rapid.SampledFrom(all).Draw(rt, label)
			}
			return fmt.Sprintf("%d.%d.%d", rapid.IntRange(1, 3).Draw(rt, label+"M"), rapid.IntRange(0, 2).Draw(rt, label+"m"), rapid.IntRange(0, 4).Draw(rt, label+"p"))
		}
		var entry string
		switch rapid.IntRange(0, 2).Draw(rt, "form") {
		case 0:
			var fixes []string
			for range rapid.IntRange(0, 3).Draw(rt, "nfix") {
				f := pick("fix")
				if !strings.Contains(strings.Join(fixes, ","), f) {
					fixes = append(fixes, f)
				}
			}
			entry = fmt.Sprintf("{package: PyPI:app, fixed: [%s]}", strings.Join(fixes, ", "))
		case 1:
			entry = fmt.Sprintf("{package: PyPI:app, last_affected: %s}", pick("last"))
		default:
			lo, hi := pick("lo"), pick("hi")
			a, _ := eco.Parse(lo)
			b, _ := eco.Parse(hi)
			if eco.Compare(a, b) >= 0 {
				lo = "0"
			}
			entry = fmt.Sprintf("{package: PyPI:app, ranges: [{introduced: \"%s\", fixed: %s}]}", lo, hi)
		}
		rep, err := report.Parse("report.yaml", []byte("summary: s\naffected: ["+entry+"]\n"), p)
		if err != nil {
			rt.Skip(err) // e.g. fixed not above introduced: the loader's job
		}
		m, err := membership.Compute(context.Background(), p, reg)
		if err != nil {
			rt.Fatal(err)
		}
		an, err := Analyze(m, rep, policy.Date{Year: 2026, Month: 1, Day: 1}, nil)
		var refused *EntryError
		if errors.As(err, &refused) {
			rt.Skip(err) // a fix the policy cannot place: the analysis refuses it
		}
		if err != nil {
			rt.Fatal(err)
		}
		a := &rep.Affected[0]
		for i, l := range an.Lines {
			mem := m.Lines[i].Members(a.Package)
			for _, pk := range l.Packages {
				checkPackage(rt, eco, a, mem, m.Histories[a.Package], pk, goTo, l)
			}
		}
	})
}

func checkPackage(rt *rapid.T, eco ecosystem.Ecosystem, a *report.Affected, mem *membership.Members, h *registry.History, p *Package, goTo string, l *Line) {
	affected := map[*registry.Release]bool{}
	for _, r := range p.Affected {
		affected[r] = true
		if !mem.Contains(r.Parsed) {
			rt.Fatalf("%s: affected %s is not a member", l.Policy.Name, r.Version)
		}
		if !inReportRange(eco, a, h, r) {
			rt.Fatalf("%s: affected %s is outside the report's range", l.Policy.Name, r.Version)
		}
	}
	for _, f := range p.FixedIn {
		if affected[f] || f.Yanked || !mem.Contains(f.Parsed) {
			rt.Fatalf("%s: fixing release %s is affected, yanked or not a member", l.Policy.Name, f.Version)
		}
		for _, r := range p.Affected {
			if goTo == "every-minor" && minorOf(eco, r.Parsed) != minorOf(eco, f.Parsed) {
				continue
			}
			if eco.Compare(f.Parsed, r.Parsed) <= 0 {
				rt.Fatalf("%s: fixing release %s is not above affected %s", l.Policy.Name, f.Version, r.Version)
			}
		}
	}
	switch {
	case len(p.Affected) == 0 && p.Verdict != NotAffected,
		len(p.Affected) > 0 && p.Verdict == NotAffected,
		(len(p.Pending) > 0) != (p.Verdict == Affected),
		p.Verdict == Affected && !l.Supported,
		p.Verdict == Unsupported && l.Supported:
		rt.Fatalf("%s: inconsistent verdict %s (affected %d, fixed in %d, pending %d, supported %v)",
			l.Policy.Name, p.Verdict, len(p.Affected), len(p.FixedIn), len(p.Pending), l.Supported)
	}
}

// inReportRange is the report's range read without lines: introduced up to
// the last affected version, or below the highest fix (above it too when
// that fix was not published by the time of the release), or without end.
func inReportRange(eco ecosystem.Ecosystem, a *report.Affected, h *registry.History, r *registry.Release) bool {
	v := r.Parsed
	switch a.Form {
	case report.FormFixed:
		if a.Introduced != nil && eco.Compare(v, a.Introduced) < 0 {
			return false
		}
		switch {
		case a.LastAffected != nil:
			return eco.Compare(v, a.LastAffected) <= 0
		case len(a.Fixed) > 0:
			highest := a.Fixed[len(a.Fixed)-1]
			if eco.Compare(v, highest) < 0 {
				return true
			}
			for _, f := range h.Releases {
				if eco.Compare(f.Parsed, highest) == 0 {
					return !f.Uploaded.IsZero() && !r.Uploaded.IsZero() && f.Uploaded.After(r.Uploaded)
				}
			}
			return true // the fix is not published: nothing above it carries it
		}
		return true
	}
	return a.Affected(v)
}
