package impact

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/patchline/patchline/analyzer/membership"
	"github.com/patchline/patchline/analyzer/policy"
	"github.com/patchline/patchline/analyzer/report"
	"github.com/patchline/patchline/ecosystem/pkgref"
	"github.com/patchline/patchline/internal/memregistry"
	"github.com/patchline/patchline/registry"
)

const basePolicy = `
project: Example
packages:
  PyPI: [app, lib, "ex-*"]
  npm: [ui]
fixes_go_to: latest-minor
lines:
  - name: v14
    status: supported
    released: 2026-06-01
    from: PyPI:app >=14.0.0rc1,<15
  - name: v13
    status: supported
    released: 2025-06-01
    branch: maint-13.x
    from: PyPI:app >=13,<14
    packages:
      npm:ui: ^4.0.0
  - name: v12
    status: lts
    released: 2024-06-01
    end_of_life: 2026-10-31
    from: PyPI:app >=12,<13
    packages:
      npm:ui: ^3.0.0
  - name: v11
    status: supported
    released: 2023-06-01
    end_of_life: 2024-08-01
    from: PyPI:app >=11,<12
`

// testRegistry is the hand-made history the table runs on. app N pins lib
// and flask differently per line; lib 1.1.x belongs to v12 and v13.
func testRegistry(extra func(*memregistry.Registry), flags map[string]string) *memregistry.Registry {
	r := memregistry.New()
	add := func(pkg, v string, deps ...string) {
		rel := r.Add(pkg, v, deps...)
		switch flag := flags[pkg+"@"+v]; {
		case flag == "yanked":
			rel.Yanked()
		case flag == "deprecated":
			rel.Deprecated()
		case strings.HasPrefix(flag, "uploaded "):
			rel.Uploaded(strings.TrimPrefix(flag, "uploaded "))
		}
	}
	for i := 0; i <= 6; i++ {
		add("PyPI:app", fmt.Sprintf("11.0.%d", i), "lib>=1.0,<1.1", "flask>=2.0,<2.3")
	}
	for i := 0; i <= 10; i++ {
		add("PyPI:app", fmt.Sprintf("12.0.%d", i), "lib>=1.1,<1.2", "flask>=2.2,<3")
	}
	for i := 0; i <= 4; i++ {
		add("PyPI:app", fmt.Sprintf("13.0.%d", i), "lib>=1.1,<1.3", "flask>=2.3.3")
	}
	for i := 0; i <= 3; i++ {
		add("PyPI:app", fmt.Sprintf("13.1.%d", i), "lib>=1.1,<1.3", "flask>=2.3.3")
	}
	for _, v := range []string{"14.0.0rc1", "14.0.0rc2", "14.0.0rc3"} {
		add("PyPI:app", v, "lib>=1.2", "flask>=3")
	}
	for _, v := range []string{"1.0.0", "1.0.1", "1.1.0", "1.1.1", "1.2.0"} {
		add("PyPI:lib", v)
	}
	for _, v := range []string{"3.0.0", "3.1.0", "3.1.1", "3.1.2", "4.0.0", "4.1.0"} {
		add("npm:ui", v)
	}
	for _, v := range []string{"2.0.0", "2.2.0", "2.2.5", "2.3.2", "2.3.3", "3.0.0"} {
		add("PyPI:flask", v)
	}
	if extra != nil {
		extra(r)
	}
	return r
}

// render prints an analysis compactly, one line per line and package.
func render(an *Analysis) []string {
	var out []string
	for _, l := range an.Lines {
		out = append(out, fmt.Sprintf("%s %s", l.Policy.Name, l.Verdict))
		for _, p := range l.Packages {
			s := fmt.Sprintf("  %s %s", p.Package, p.Verdict)
			if len(p.Affected) > 0 {
				s += " affected=" + releases(p.Affected)
			}
			if len(p.AffectedPrereleases) > 0 {
				s += " affected-pre=" + releases(p.AffectedPrereleases)
			}
			if len(p.ReportFixes) > 0 {
				var fs []string
				for _, f := range p.ReportFixes {
					fs = append(fs, f.Version.String()+"("+string(f.Rule)+")")
				}
				s += " fixes=" + strings.Join(fs, ",")
			}
			if len(p.FixedIn) > 0 {
				s += " fixed-in=" + releases(p.FixedIn)
			}
			for _, pd := range p.Pending {
				s += " pending=" + pd.Version.String()
				if pd.Planned {
					s += "(planned)"
				}
			}
			for _, c := range p.Constraints {
				s += fmt.Sprintf(" [%s", c.Specifier)
				if len(c.Affected) > 0 {
					s += " admits " + releases(c.Affected)
				}
				if c.FirstFixed != nil {
					s += " first-fixed " + c.FirstFixed.Version
				}
				s += " " + string(c.Class) + "]"
			}
			for _, d := range p.Declaring {
				s += fmt.Sprintf(" {%s %s newest=%s:%s", d.Package, d.Verdict, d.Newest.Release.Version, d.Newest.Class)
				if d.FirstFixing != nil {
					s += " first-fixing=" + d.FirstFixing.Version
				}
				if d.Raise != "" {
					s += " raise=" + d.Raise
				}
				if d.FreshInstall != nil {
					s += " fresh=" + d.FreshInstall.Version
				}
				s += "}"
			}
			for _, pr := range p.Prereleases {
				s += " pre=" + pr.Package.Name + "@" + pr.Release.Version
			}
			out = append(out, s)
		}
	}
	for _, o := range an.Outside {
		out = append(out, fmt.Sprintf("outside %s upstream=%v", o.Package, o.Upstream))
	}
	return out
}

func releases(rs []*registry.Release) string {
	vs := make([]string, len(rs))
	for i, r := range rs {
		vs[i] = r.Version
	}
	return strings.Join(vs, ",")
}

func analyze(t *testing.T, pol *policy.Policy, reg *memregistry.Registry, reportYAML, asOf string) *Analysis {
	t.Helper()
	m, err := membership.Compute(context.Background(), pol, reg)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := report.Parse("report.yaml", []byte(reportYAML), pol)
	if err != nil {
		t.Fatal(err)
	}
	up := map[pkgref.Ref]*registry.History{}
	for _, ref := range UpstreamPackages(m, rep) {
		h, err := reg.History(context.Background(), registry.Package{Ecosystem: ref.Ecosystem, Name: ref.Name})
		if err != nil {
			t.Fatal(err)
		}
		up[ref] = h
	}
	d, err := policy.ParseDate(asOf)
	if err != nil {
		t.Fatal(err)
	}
	an, err := Analyze(m, rep, d, up)
	if err != nil {
		t.Fatal(err)
	}
	return an
}

func mustPolicy(t *testing.T, yaml string) *policy.Policy {
	t.Helper()
	p, err := policy.Parse("patchline.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestAnalyze(t *testing.T) {
	everyMinor := strings.Replace(basePolicy, "fixes_go_to: latest-minor", "fixes_go_to: every-minor", 1)
	tests := []struct {
		name   string
		policy string // default basePolicy
		extra  func(*memregistry.Registry)
		flags  map[string]string
		report string
		asOf   string // default 2026-01-01: v14, v13, v12 supported, v11 not
		want   []string
	}{
		{
			name:   "several fixes on several lines",
			report: "affected: [{package: PyPI:app, fixed: [12.0.9, 13.1.2]}]",
			want: []string{
				"v14 not-affected",
				"  PyPI:app not-affected", // released after both fixes: carries them
				"v13 fixed",
				"  PyPI:app fixed affected=13.0.0,13.0.1,13.0.2,13.0.3,13.0.4,13.1.0,13.1.1 fixes=13.1.2(policy) fixed-in=13.1.2",
				"v12 fixed",
				"  PyPI:app fixed affected=12.0.0,12.0.1,12.0.2,12.0.3,12.0.4,12.0.5,12.0.6,12.0.7,12.0.8 fixes=12.0.9(policy) fixed-in=12.0.9",
				"v11 unsupported", // between no fix and the fixes above: affected, past its end of life
				"  PyPI:app unsupported affected=11.0.0,11.0.1,11.0.2,11.0.3,11.0.4,11.0.5,11.0.6",
			},
		},
		{
			// The report names the line's fix before it is released: that
			// is the release to make, not the next patch.
			name:   "a named fix still to be released",
			report: "affected: [{package: PyPI:app, introduced: 13.0.0, fixed: [13.1.7, 14.0.0]}]",
			want: []string{
				"v14 affected",
				"  PyPI:app affected affected=14.0.0rc1,14.0.0rc2,14.0.0rc3 fixes=14.0.0(series) pending=14.0.0(planned)",
				"v13 affected",
				"  PyPI:app affected affected=13.0.0,13.0.1,13.0.2,13.0.3,13.0.4,13.1.0,13.1.1,13.1.2,13.1.3 fixes=13.1.7(series) pending=13.1.7(planned)",
				"v12 not-affected", "  PyPI:app not-affected",
				"v11 not-affected", "  PyPI:app not-affected",
			},
		},
		{
			// 14.0.0rc1 belongs to v13 and v14. v14's fix leaves it
			// affected, so it is affected on v13 too, whose own fix came
			// out after it: v13 owes a patch release of its newest final
			// release (rc users have v14's rc2).
			// 14.0.0rc1 is affected on both lines; on v13 it lies above
			// the newest final release and is listed apart: v13 is fixed
			// by 13.1.2 (design §2.3).
			name:   "a version in two lines is affected on both",
			policy: strings.Replace(basePolicy, "from: PyPI:app >=13,<14", "from: PyPI:app >=13,<=14.0.0rc1", 1),
			flags: map[string]string{
				"PyPI:app@14.0.0rc1": "uploaded 2025-09-01",
				"PyPI:app@13.1.2":    "uploaded 2025-10-01",
			},
			report: "affected: [{package: PyPI:app, introduced: 13.0.0, fixed: [13.1.2, 14.0.0rc2]}]",
			want: []string{
				"v14 fixed",
				"  PyPI:app fixed affected=14.0.0rc1 fixes=14.0.0rc2(policy) fixed-in=14.0.0rc2",
				"v13 fixed",
				"  PyPI:app fixed affected=13.0.0,13.0.1,13.0.2,13.0.3,13.0.4,13.1.0,13.1.1 affected-pre=14.0.0rc1 fixes=13.1.2(policy) fixed-in=13.1.2",
				"v12 not-affected", "  PyPI:app not-affected",
				"v11 not-affected", "  PyPI:app not-affected",
			},
		},
		{
			// A fix on the older minor decides the later minor only for
			// releases made after it: 13.1.0 came out before 13.0.3.
			name: "a later minor released before the fix",
			flags: map[string]string{
				"PyPI:app@13.0.3": "uploaded 2025-06-01",
				"PyPI:app@13.1.0": "uploaded 2025-05-01",
				"PyPI:app@13.1.1": "uploaded 2025-07-01",
				"PyPI:app@13.1.2": "uploaded 2025-07-02",
				"PyPI:app@13.1.3": "uploaded 2025-07-03",
			},
			report: "affected: [{package: PyPI:app, introduced: 13.0.0, fixed: [13.0.3]}]",
			want: []string{
				"v14 not-affected", "  PyPI:app not-affected",
				"v13 fixed",
				"  PyPI:app fixed affected=13.0.0,13.0.1,13.0.2,13.1.0 fixes=13.0.3(policy) fixed-in=13.1.1",
				"v12 not-affected", "  PyPI:app not-affected",
				"v11 not-affected", "  PyPI:app not-affected",
			},
		},
		{
			// The fix was published between v14's releases: those before
			// it cannot carry it, the one after it does.
			name: "a newer line released before the fix",
			flags: map[string]string{
				"PyPI:app@13.1.2":    "uploaded 2025-11-01",
				"PyPI:app@14.0.0rc1": "uploaded 2025-09-01",
				"PyPI:app@14.0.0rc2": "uploaded 2025-10-01",
				"PyPI:app@14.0.0rc3": "uploaded 2025-12-01",
			},
			report: "affected: [{package: PyPI:app, introduced: 13.0.0, fixed: [13.1.2]}]",
			want: []string{
				"v14 fixed",
				"  PyPI:app fixed affected=14.0.0rc1,14.0.0rc2 fixed-in=14.0.0rc3",
				"v13 fixed",
				"  PyPI:app fixed affected=13.0.0,13.0.1,13.0.2,13.0.3,13.0.4,13.1.0,13.1.1 fixes=13.1.2(policy) fixed-in=13.1.2",
				"v12 not-affected", "  PyPI:app not-affected",
				"v11 not-affected", "  PyPI:app not-affected",
			},
		},
		{
			name:   "a fix that is yanked",
			flags:  map[string]string{"PyPI:app@13.1.2": "yanked"},
			report: "affected: [{package: PyPI:app, introduced: 12.0.0, fixed: [13.1.2]}]",
			want: []string{
				"v14 not-affected",
				"  PyPI:app not-affected",
				"v13 fixed",
				"  PyPI:app fixed affected=13.0.0,13.0.1,13.0.2,13.0.3,13.0.4,13.1.0,13.1.1 fixes=13.1.2(policy) fixed-in=13.1.3",
				"v12 affected", // no fix of its own, one above: still affected
				"  PyPI:app affected affected=12.0.0,12.0.1,12.0.2,12.0.3,12.0.4,12.0.5,12.0.6,12.0.7,12.0.8,12.0.9,12.0.10 pending=12.0.11",
				"v11 not-affected",
				"  PyPI:app not-affected",
			},
		},
		{
			name:   "a pre-release fix",
			report: "affected: [{package: PyPI:app, introduced: 14.0.0rc1, fixed: [14.0.0rc3]}]",
			want: []string{
				"v14 fixed",
				"  PyPI:app fixed affected=14.0.0rc1,14.0.0rc2 fixes=14.0.0rc3(policy) fixed-in=14.0.0rc3",
				"v13 not-affected", "  PyPI:app not-affected",
				"v12 not-affected", "  PyPI:app not-affected",
				"v11 not-affected", "  PyPI:app not-affected",
			},
		},
		{
			name:   "last_affected",
			report: "affected: [{package: PyPI:app, introduced: 13.0.0, last_affected: 13.1.1}]",
			want: []string{
				"v14 not-affected", "  PyPI:app not-affected",
				"v13 fixed",
				"  PyPI:app fixed affected=13.0.0,13.0.1,13.0.2,13.0.3,13.0.4,13.1.0,13.1.1 fixed-in=13.1.2",
				"v12 not-affected", "  PyPI:app not-affected",
				"v11 not-affected", "  PyPI:app not-affected",
			},
		},
		{
			name: "the newest release is affected, with a planned fix on one line",
			report: `affected:
  - package: PyPI:app
    introduced: 12.0.0
    fixed: []
    planned_fix: {v13: 13.1.5}`,
			want: []string{
				"v14 affected", // only candidates: the next patch is the final release
				"  PyPI:app affected affected=14.0.0rc1,14.0.0rc2,14.0.0rc3 pending=14.0.0",
				"v13 affected",
				"  PyPI:app affected affected=13.0.0,13.0.1,13.0.2,13.0.3,13.0.4,13.1.0,13.1.1,13.1.2,13.1.3 pending=13.1.5(planned)",
				"v12 affected",
				"  PyPI:app affected affected=12.0.0,12.0.1,12.0.2,12.0.3,12.0.4,12.0.5,12.0.6,12.0.7,12.0.8,12.0.9,12.0.10 pending=12.0.11",
				"v11 not-affected", "  PyPI:app not-affected",
			},
		},
		{
			// Design §2.3: a fix shown to users is a final release where
			// the line has a fixed one, not the candidate that came first.
			name:   "a fixed final release is shown before a fixed pre-release",
			extra:  func(r *memregistry.Registry) { r.Add("PyPI:app", "14.0.0", "lib>=1.2", "flask>=3") },
			report: "affected: [{package: PyPI:app, introduced: 14.0.0rc1, fixed: [14.0.0rc3]}]",
			want: []string{
				"v14 fixed",
				"  PyPI:app fixed affected=14.0.0rc1,14.0.0rc2 fixes=14.0.0rc3(policy) fixed-in=14.0.0",
				"v13 not-affected", "  PyPI:app not-affected",
				"v12 not-affected", "  PyPI:app not-affected",
				"v11 not-affected", "  PyPI:app not-affected",
			},
		},
		{
			// A candidate of a minor above the newest final release is
			// listed apart: the next patch follows 13.1.3, not 13.2.0rc1.
			name:   "the next patch follows the newest final release, not a pre-release above it",
			extra:  func(r *memregistry.Registry) { r.Add("PyPI:app", "13.2.0rc1", "lib>=1.1,<1.3", "flask>=2.3.3") },
			report: "affected: [{package: PyPI:app, introduced: 13.0.0, fixed: []}]",
			want: []string{
				"v14 affected", "  PyPI:app affected affected=14.0.0rc1,14.0.0rc2,14.0.0rc3 pending=14.0.0",
				"v13 affected",
				"  PyPI:app affected affected=13.0.0,13.0.1,13.0.2,13.0.3,13.0.4,13.1.0,13.1.1,13.1.2,13.1.3 affected-pre=13.2.0rc1 pending=13.1.4",
				"v12 not-affected", "  PyPI:app not-affected",
				"v11 not-affected", "  PyPI:app not-affected",
			},
		},
		{
			name:   "an EOL line that got a fix is unsupported, its fix still shown",
			report: "affected: [{package: PyPI:app, fixed: [11.0.6, 12.0.9, 13.1.2]}]",
			want: []string{
				"v14 not-affected", "  PyPI:app not-affected",
				"v13 fixed",
				"  PyPI:app fixed affected=13.0.0,13.0.1,13.0.2,13.0.3,13.0.4,13.1.0,13.1.1 fixes=13.1.2(policy) fixed-in=13.1.2",
				"v12 fixed",
				"  PyPI:app fixed affected=12.0.0,12.0.1,12.0.2,12.0.3,12.0.4,12.0.5,12.0.6,12.0.7,12.0.8 fixes=12.0.9(policy) fixed-in=12.0.9",
				"v11 unsupported",
				"  PyPI:app unsupported affected=11.0.0,11.0.1,11.0.2,11.0.3,11.0.4,11.0.5 fixes=11.0.6(policy) fixed-in=11.0.6",
			},
		},
		{
			name:   "an EOL line at an earlier date is supported",
			report: "affected: [{package: PyPI:app, introduced: 11.0.2, fixed: [12.0.9]}]",
			asOf:   "2024-08-01", // v11's last day
			want: []string{
				"v14 not-affected", "  PyPI:app not-affected",
				"v13 not-affected", "  PyPI:app not-affected",
				"v12 fixed",
				"  PyPI:app fixed affected=12.0.0,12.0.1,12.0.2,12.0.3,12.0.4,12.0.5,12.0.6,12.0.7,12.0.8 fixes=12.0.9(policy) fixed-in=12.0.9",
				"v11 affected",
				"  PyPI:app affected affected=11.0.2,11.0.3,11.0.4,11.0.5,11.0.6 pending=11.0.7",
			},
		},
		{
			name: "packages no line contains",
			report: `affected:
  - {package: PyPI:ex-other, fixed: []}
  - {package: PyPI:unrequired, fixed: [1.0.0]}
  - {package: npm:ui, range: ">=9.0.0"}`,
			want: []string{
				"v14 not-affected",
				"v13 not-affected", "  npm:ui not-affected",
				"v12 not-affected", "  npm:ui not-affected",
				"v11 not-affected",
				"outside PyPI:ex-other upstream=false",
				"outside PyPI:unrequired upstream=true",
			},
		},
		{
			name:   "a version that belongs to two lines",
			report: "affected: [{package: PyPI:lib, fixed: [1.1.1]}]",
			want: []string{
				"v14 not-affected", "  PyPI:lib not-affected",
				"v13 fixed", "  PyPI:lib fixed affected=1.1.0 fixes=1.1.1(policy) fixed-in=1.1.1",
				"v12 fixed", "  PyPI:lib fixed affected=1.1.0 fixes=1.1.1(policy) fixed-in=1.1.1",
				"v11 unsupported", "  PyPI:lib unsupported affected=1.0.0,1.0.1",
			},
		},
		{
			// Both minors get the release the report names for them.
			name:   "every-minor with named fixes on both minors",
			policy: everyMinor,
			report: "affected: [{package: PyPI:app, introduced: 13.0.0, fixed: [13.0.7, 13.1.6]}]",
			want: []string{
				"v14 affected", "  PyPI:app affected affected=14.0.0rc1,14.0.0rc2,14.0.0rc3 pending=14.0.0",
				"v13 affected",
				"  PyPI:app affected affected=13.0.0,13.0.1,13.0.2,13.0.3,13.0.4,13.1.0,13.1.1,13.1.2,13.1.3 fixes=13.0.7(series),13.1.6(series) pending=13.0.7(planned) pending=13.1.6(planned)",
				"v12 not-affected", "  PyPI:app not-affected",
				"v11 not-affected", "  PyPI:app not-affected",
			},
		},
		{
			name:   "every-minor with an unreleased fix on the older minor",
			policy: everyMinor,
			report: "affected: [{package: PyPI:app, introduced: 12.0.0, fixed: [13.0.5, 13.1.2]}]",
			want: []string{
				"v14 not-affected", "  PyPI:app not-affected",
				"v13 affected",
				"  PyPI:app affected affected=13.0.0,13.0.1,13.0.2,13.0.3,13.0.4,13.1.0,13.1.1 fixes=13.0.5(series),13.1.2(policy) fixed-in=13.1.2 pending=13.0.5(planned)",
				"v12 affected",
				"  PyPI:app affected affected=12.0.0,12.0.1,12.0.2,12.0.3,12.0.4,12.0.5,12.0.6,12.0.7,12.0.8,12.0.9,12.0.10 pending=12.0.11",
				"v11 not-affected", "  PyPI:app not-affected",
			},
		},
		{
			name:   "every-minor with both fixes released",
			policy: everyMinor,
			extra:  func(r *memregistry.Registry) { r.Add("PyPI:app", "13.0.5") },
			report: "affected: [{package: PyPI:app, introduced: 13.0.0, fixed: [13.0.5, 13.1.2]}]",
			want: []string{
				"v14 not-affected", "  PyPI:app not-affected",
				"v13 fixed",
				"  PyPI:app fixed affected=13.0.0,13.0.1,13.0.2,13.0.3,13.0.4,13.1.0,13.1.1 fixes=13.0.5(policy),13.1.2(policy) fixed-in=13.0.5,13.1.2",
				"v12 not-affected", "  PyPI:app not-affected",
				"v11 not-affected", "  PyPI:app not-affected",
			},
		},
		{
			name:   "latest-minor: one fix on the newest minor fixes the line",
			extra:  func(r *memregistry.Registry) { r.Add("PyPI:app", "13.0.5") },
			report: "affected: [{package: PyPI:app, introduced: 13.0.0, fixed: [13.0.5, 13.1.2]}]",
			want: []string{
				"v14 not-affected", "  PyPI:app not-affected",
				"v13 fixed",
				"  PyPI:app fixed affected=13.0.0,13.0.1,13.0.2,13.0.3,13.0.4,13.1.0,13.1.1 fixes=13.0.5(policy),13.1.2(policy) fixed-in=13.1.2",
				"v12 not-affected", "  PyPI:app not-affected",
				"v11 not-affected", "  PyPI:app not-affected",
			},
		},
		{
			// v14 is above the fix but cannot carry a fix that does not
			// exist yet: it is affected too, and owes its own release.
			name:   "an unreleased fix goes by series",
			report: "affected: [{package: PyPI:app, introduced: 13.0.0, fixed: [13.1.4]}]",
			want: []string{
				"v14 affected", "  PyPI:app affected affected=14.0.0rc1,14.0.0rc2,14.0.0rc3 pending=14.0.0",
				"v13 affected",
				"  PyPI:app affected affected=13.0.0,13.0.1,13.0.2,13.0.3,13.0.4,13.1.0,13.1.1,13.1.2,13.1.3 fixes=13.1.4(series) pending=13.1.4(planned)",
				"v12 not-affected", "  PyPI:app not-affected",
				"v11 not-affected", "  PyPI:app not-affected",
			},
		},
		{
			name:   "npm range form, a deprecated release is not a fix",
			flags:  map[string]string{"npm:ui@3.1.1": "deprecated"},
			report: `affected: [{package: npm:ui, range: ">=3.0.0 <3.1.1 || >=4.0.0 <4.1.0"}]`,
			want: []string{
				"v14 not-affected",
				"v13 fixed", "  npm:ui fixed affected=4.0.0 fixed-in=4.1.0",
				"v12 fixed", "  npm:ui fixed affected=3.0.0,3.1.0 fixed-in=3.1.2",
				"v11 not-affected",
			},
		},
		{
			name: "OSV-style ranges",
			report: `affected:
  - package: PyPI:lib
    ranges:
      - {introduced: "0", fixed: 1.0.1}
      - {introduced: 1.1.0, last_affected: 1.1.0}`,
			want: []string{
				"v14 not-affected", "  PyPI:lib not-affected",
				// 1.0.1 belongs to v11 by the policy: no other line gets it.
				"v13 fixed", "  PyPI:lib fixed affected=1.1.0 fixed-in=1.1.1",
				"v12 fixed", "  PyPI:lib fixed affected=1.1.0 fixed-in=1.1.1",
				"v11 unsupported", "  PyPI:lib unsupported affected=1.0.0 fixes=1.0.1(policy) fixed-in=1.0.1",
			},
		},
		{
			// Design §2.4: v12's >=2.2,<3 admits affected releases and
			// the fix 2.3.3, so a fresh install of its newest release gets
			// a fixed flask: fixed, with a warning that a lockfile may
			// still pin an affected one. v11's <2.3 forces affected ones.
			name:   "upstream report",
			report: "affected: [{package: PyPI:flask, fixed: [2.3.3]}]",
			want: []string{
				"v14 not-affected", "  PyPI:flask not-affected [>=3 excludes] {PyPI:app not-affected newest=14.0.0rc3:excludes}",
				"v13 not-affected", "  PyPI:flask not-affected [>=2.3.3 excludes] {PyPI:app not-affected newest=13.1.3:excludes}",
				"v12 fixed", "  PyPI:flask fixed [>=2.2,<3 admits 2.2.0,2.2.5,2.3.2 first-fixed 2.3.3 admits] {PyPI:app fixed newest=12.0.10:admits fresh=2.3.3}",
				"v11 unsupported", "  PyPI:flask unsupported [>=2.0,<2.3 admits 2.0.0,2.2.0,2.2.5 forces] {PyPI:app unsupported newest=11.0.6:forces raise=>=2.3.3}",
			},
		},
		{
			// While v11 is supported, its newest release forces affected
			// versions: the action is a release requiring >=2.3.3.
			name:   "upstream report, a supported line forced",
			report: "affected: [{package: PyPI:flask, fixed: [2.3.3]}]",
			asOf:   "2024-08-01",
			want: []string{
				"v14 not-affected", "  PyPI:flask not-affected [>=3 excludes] {PyPI:app not-affected newest=14.0.0rc3:excludes}",
				"v13 not-affected", "  PyPI:flask not-affected [>=2.3.3 excludes] {PyPI:app not-affected newest=13.1.3:excludes}",
				"v12 fixed", "  PyPI:flask fixed [>=2.2,<3 admits 2.2.0,2.2.5,2.3.2 first-fixed 2.3.3 admits] {PyPI:app fixed newest=12.0.10:admits fresh=2.3.3}",
				"v11 affected", "  PyPI:flask affected [>=2.0,<2.3 admits 2.0.0,2.2.0,2.2.5 forces] {PyPI:app affected newest=11.0.6:forces raise=>=2.3.3}",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			polText := tt.policy
			if polText == "" {
				polText = basePolicy
			}
			asOf := tt.asOf
			if asOf == "" {
				asOf = "2026-01-01"
			}
			an := analyze(t, mustPolicy(t, polText), testRegistry(tt.extra, tt.flags), "summary: test\n"+tt.report, asOf)
			if diff := cmp.Diff(tt.want, render(an)); diff != "" {
				t.Errorf("analysis (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPlannedFixRefused: a planned fix that cannot be the line's next
// release is an error that names the report entry.
func TestPlannedFixRefused(t *testing.T) {
	pol := mustPolicy(t, basePolicy)
	reg := testRegistry(nil, nil)
	m, err := membership.Compute(context.Background(), pol, reg)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ planned, want string }{
		{"{v13: 13.1.2}", "report.yaml:3:5: planned fix 13.1.2 of PyPI:app for line v13 is already released"},
		{"{v13: 12.0.11}", "planned fix 12.0.11 of PyPI:app for line v13 is of a series the line has no release of (its newest is 13.1.3)"},
		{"{v13: 13.0.9}", "planned fix 13.0.9 of PyPI:app for line v13 is below the line's newest minor series (13.1.3)"},
		{"{v12: 12.0.9.1}", "planned fix 12.0.9.1 of PyPI:app for line v12 is not above 12.0.10, the line's newest release of its minor series"},
	} {
		rep, err := report.Parse("report.yaml", []byte("summary: s\naffected:\n  - package: PyPI:app\n    introduced: 12.0.0\n    fixed: []\n    planned_fix: "+tc.planned+"\n"), pol)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Analyze(m, rep, policy.Date{Year: 2026, Month: 1, Day: 1}, nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.planned, err, tc.want)
		}
	}
}

// TestUnplacedFix: a fixed version of a series no line has decides
// nothing, and the analysis says so instead of dropping it.
func TestUnplacedFix(t *testing.T) {
	an := analyze(t, mustPolicy(t, basePolicy), testRegistry(nil, nil),
		"summary: s\naffected: [{package: PyPI:app, introduced: 9.0.0, fixed: [9.0.1, 13.1.2]}]", "2026-01-01")
	if len(an.Unplaced) != 1 || an.Unplaced[0].Package.String() != "PyPI:app" || an.Unplaced[0].Version.String() != "9.0.1" {
		t.Errorf("unplaced %v, want PyPI:app 9.0.1", an.Unplaced)
	}
}

// TestNamedFixRefused: with latest-minor, an unreleased fix named below a
// line's newest minor cannot be that line's release; it is refused at the
// entry rather than dropped.
func TestNamedFixRefused(t *testing.T) {
	pol := mustPolicy(t, basePolicy)
	m, err := membership.Compute(context.Background(), pol, testRegistry(nil, nil))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := report.Parse("report.yaml", []byte("summary: s\naffected:\n  - {package: PyPI:app, introduced: 13.0.0, fixed: [13.0.7]}\n"), pol)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Analyze(m, rep, policy.Date{Year: 2026, Month: 1, Day: 1}, nil)
	if err == nil || !strings.Contains(err.Error(), "report.yaml:3:5: fixed 13.0.7 of PyPI:app for line v13 is not released and below the line's newest minor series (13.1.3)") {
		t.Errorf("error %v, want the fix refused at the entry", err)
	}
}
