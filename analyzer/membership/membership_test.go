package membership

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/patchline/patchline/analyzer/policy"
	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/ecosystem/pkgref"
	"github.com/patchline/patchline/internal/memregistry"
	"github.com/patchline/patchline/registry"
)

const testPolicy = `
project: Example
packages:
  PyPI: [app, lib, core, plug, search, preonly, "ex-*"]
lines:
  - name: v2
    status: supported
    released: 2025-01-01
    from: PyPI:app >=2.0,<3
    packages:
      PyPI:ex-declared: ">=5"
  - name: v1
    status: lts
    released: 2024-01-01
    from: PyPI:app >=1.0,<2
    extras: [Open_Search]
`

// testRegistry is a small graph with every rule of the walk on it.
func testRegistry() *memregistry.Registry {
	r := memregistry.New()
	r.Add("PyPI:app", "1.0", "lib[a]>=1.0,<2", "flask>=2.0,<3", "search>=1; extra == 'open-search'")
	r.Add("PyPI:app", "1.1", "lib>=1.1,<2", "flask>=2.2,<3")
	r.Add("PyPI:app", "2.1rc1", "lib>=1.1,<3", "flask>=2.2,<3")
	r.Add("PyPI:app", "2.0", "lib>=2,<3", "flask>=3", "unrelated>=1", "preonly")
	r.Add("PyPI:app", "3.0", "lib>=3")
	r.Add("PyPI:lib", "1.0", "core>=1,<2", "plug>=1; extra == 'a'")
	r.Add("PyPI:lib", "1.1", "core>=1,<2")
	r.Add("PyPI:lib", "1.2", "core>=1,<2").Yanked()
	r.Add("PyPI:lib", "1.3rc1", "core>=1,<2")
	r.Add("PyPI:lib", "2.0", "core>=9.0b1", "ex-url @ https://example.test/x.whl")
	r.Add("PyPI:lib", "3.0")
	r.Add("PyPI:core", "1.0", "flask")
	r.Add("PyPI:core", "2.0")
	r.Add("PyPI:core", "9.0b1")
	r.Add("PyPI:preonly", "1.0b1") // no final release: a requirement without range falls back to it
	r.Add("PyPI:plug", "1.0")
	r.Add("PyPI:search", "1.0", "opensearch-py>=2")
	r.Add("PyPI:ex-declared", "4.0")
	r.Add("PyPI:ex-declared", "5.0a1")
	r.Add("PyPI:ex-declared", "5.0", "plug>=1", "requests>=2.32")
	r.Add("PyPI:ex-declared", "5.1a1")
	return r
}

func mustPolicy(t *testing.T, yaml string) *policy.Policy {
	t.Helper()
	p, err := policy.Parse("patchline.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func ref(s string) pkgref.Ref {
	r, err := pkgref.Parse(s)
	if err != nil {
		panic(err)
	}
	return r
}

func version(r pkgref.Ref, s string) ecosystem.Version {
	e, _ := r.Lookup()
	v, err := e.Parse(s)
	if err != nil {
		panic(err)
	}
	return v
}

// members renders a line's members as "PyPI:name: v1 v2 ...".
func members(l *Line) []string {
	var out []string
	for _, r := range l.Refs() {
		var vs []string
		for _, rel := range l.Packages[r].Releases {
			vs = append(vs, rel.Version)
		}
		out = append(out, r.String()+": "+strings.Join(vs, " "))
	}
	return out
}

func TestCompute(t *testing.T) {
	reg := testRegistry()
	m, err := Compute(context.Background(), mustPolicy(t, testPolicy), reg)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"v2": {
			"PyPI:app: 2.0 2.1rc1",        // the anchor's range admits pre-releases
			"PyPI:core: 1.0 9.0b1",        // >=9.0b1 names a pre-release and so admits them
			"PyPI:ex-declared: 5.0 5.1a1", // declared range, pre-releases admitted
			"PyPI:lib: 1.1 1.2 2.0",       // >=1.1,<3 excludes 1.3rc1, keeps yanked 1.2
			"PyPI:plug: 1.0",              // required by the declared ex-declared 5.0
			"PyPI:preonly: 1.0b1",
		},
		"v1": {
			"PyPI:app: 1.0 1.1",
			"PyPI:core: 1.0",
			"PyPI:lib: 1.0 1.1 1.2",
			"PyPI:plug: 1.0",   // lib[a] asks for lib's extra a
			"PyPI:search: 1.0", // the line's extra, named as written in the policy
		},
	}
	for _, l := range m.Lines {
		if diff := cmp.Diff(want[l.Policy.Name], members(l)); diff != "" {
			t.Errorf("line %s members (-want +got):\n%s", l.Policy.Name, diff)
		}
	}

	// Only reached releases are asked about, each once: not app 3.0, lib
	// 1.3rc1 or 3.0, core 2.0, ex-declared 4.0; declared members are.
	asked, twice := reg.Asked()
	wantAsked := []string{"PyPI:app@1.0", "PyPI:app@1.1", "PyPI:app@2.0", "PyPI:app@2.1rc1",
		"PyPI:core@1.0", "PyPI:core@9.0b1", "PyPI:ex-declared@5.0", "PyPI:ex-declared@5.1a1", "PyPI:lib@1.0", "PyPI:lib@1.1", "PyPI:lib@1.2", "PyPI:lib@2.0",
		"PyPI:plug@1.0", "PyPI:preonly@1.0b1", "PyPI:search@1.0"}
	if diff := cmp.Diff(wantAsked, asked); diff != "" || twice {
		t.Errorf("requirements asked (twice: %v) (-want +got):\n%s", twice, diff)
	}

	v2, v1 := m.Lines[0], m.Lines[1]
	if got := m.Containing(ref("PyPI:lib"), version(ref("PyPI:lib"), "1.1")); len(got) != 2 {
		t.Errorf("lib 1.1 is in %d lines, want 2 (v2 and v1)", len(got))
	}
	if diff := cmp.Diff([]Unresolved{{Package: ref("PyPI:lib"), Version: "2.0", Requirement: "ex-url @ https://example.test/x.whl"}}, v2.Unresolved); diff != "" {
		t.Errorf("v2 unresolved (-want +got):\n%s", diff)
	}
	if len(v1.Unresolved) != 0 {
		t.Errorf("v1 unresolved = %v, want none", v1.Unresolved)
	}
}

func TestUpstream(t *testing.T) {
	m, err := Compute(context.Background(), mustPolicy(t, testPolicy), testRegistry())
	if err != nil {
		t.Fatal(err)
	}
	render := func(l *Line) []string {
		var out []string
		for _, r := range l.UpstreamRefs() {
			for _, c := range l.Upstream[r].Constraints {
				var by []string
				for _, d := range c.DeclaredBy {
					by = append(by, d.Package.Name+"@"+d.Version)
				}
				spec := c.Specifier
				if c.Range == nil {
					spec = "(no range) " + c.URL
				}
				out = append(out, fmt.Sprintf("%s %q by %s", r, spec, strings.Join(by, " ")))
			}
		}
		return out
	}
	want := map[string][]string{
		"v2": {
			`PyPI:flask "" by core@1.0`,
			`PyPI:flask ">=2.2,<3" by app@2.1rc1`,
			`PyPI:flask ">=3" by app@2.0`,
			`PyPI:requests ">=2.32" by ex-declared@5.0`, // a declared member's requirement
			`PyPI:unrelated ">=1" by app@2.0`,
		},
		"v1": {
			`PyPI:flask "" by core@1.0`,
			`PyPI:flask ">=2.0,<3" by app@1.0`,
			`PyPI:flask ">=2.2,<3" by app@1.1`,
			`PyPI:opensearch-py ">=2" by search@1.0`,
		},
	}
	for _, l := range m.Lines {
		if diff := cmp.Diff(want[l.Policy.Name], render(l)); diff != "" {
			t.Errorf("line %s upstream (-want +got):\n%s", l.Policy.Name, diff)
		}
	}
}

func TestExplain(t *testing.T) {
	m, err := Compute(context.Background(), mustPolicy(t, testPolicy), testRegistry())
	if err != nil {
		t.Fatal(err)
	}
	v2, v1 := m.Lines[0], m.Lines[1]
	tests := []struct {
		line *Line
		pkg  string
		ver  string
		want []Step
	}{
		{v1, "PyPI:plug", "1.0", []Step{
			{ref("PyPI:app"), "1.0", "from", ">=1.0,<2"},
			{ref("PyPI:lib"), "1.0", "requires", "lib[a]>=1.0,<2"},
			{ref("PyPI:plug"), "1.0", "requires", `plug>=1; extra == 'a'`},
		}},
		// core 1.0 is reached from app 1.0 through lib 1.0 first: the walk
		// expands releases in version order.
		{v1, "PyPI:core", "1.0", []Step{
			{ref("PyPI:app"), "1.0", "from", ">=1.0,<2"},
			{ref("PyPI:lib"), "1.0", "requires", "lib[a]>=1.0,<2"},
			{ref("PyPI:core"), "1.0", "requires", "core>=1,<2"},
		}},
		{v2, "PyPI:core", "9.0b1", []Step{
			{ref("PyPI:app"), "2.0", "from", ">=2.0,<3"},
			{ref("PyPI:lib"), "2.0", "requires", "lib>=2,<3"},
			{ref("PyPI:core"), "9.0b1", "requires", "core>=9.0b1"},
		}},
		{v2, "PyPI:ex-declared", "5.0", []Step{{ref("PyPI:ex-declared"), "5.0", "packages", ">=5"}}},
		{v2, "PyPI:plug", "1.0", []Step{
			{ref("PyPI:ex-declared"), "5.0", "packages", ">=5"},
			{ref("PyPI:plug"), "1.0", "requires", "plug>=1"},
		}},
		{v2, "PyPI:app", "2.0.0", []Step{{ref("PyPI:app"), "2.0", "from", ">=2.0,<3"}}}, // found by version equality
		{v1, "PyPI:core", "2.0", nil},
		{v1, "PyPI:nothing", "1.0", nil},
	}
	for _, tt := range tests {
		got := tt.line.Explain(ref(tt.pkg), version(ref(tt.pkg), tt.ver))
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: Explain(%s %s) (-want +got):\n%s", tt.line.Policy.Name, tt.pkg, tt.ver, diff)
		}
	}
}

// An extra asked for by a second path re-expands a release already
// reached, for the new extra only.
func TestExtraReachedLater(t *testing.T) {
	r := memregistry.New()
	r.Add("PyPI:app", "1.0", "lib>=1", "mid>=1")
	r.Add("PyPI:mid", "1.0", "lib[x]>=1")
	r.Add("PyPI:lib", "1.0", "core>=1", "plug>=1; extra == 'x' or extra == 'y'")
	r.Add("PyPI:core", "1.0")
	r.Add("PyPI:plug", "1.0")
	pol := mustPolicy(t, `
project: X
packages: {PyPI: [app, mid, lib, core, plug]}
lines:
  - {name: v1, status: supported, released: 2025-01-01, from: "PyPI:app >=1"}
`)
	m, err := Compute(context.Background(), pol, r)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"PyPI:app: 1.0", "PyPI:core: 1.0", "PyPI:lib: 1.0", "PyPI:mid: 1.0", "PyPI:plug: 1.0"}
	if diff := cmp.Diff(want, members(m.Lines[0])); diff != "" {
		t.Errorf("members (-want +got):\n%s", diff)
	}
	if _, twice := r.Asked(); twice {
		t.Error("requirements of a release asked twice")
	}
}

func TestComputeErrors(t *testing.T) {
	pol := mustPolicy(t, testPolicy)
	r := testRegistry()
	r.Fail("PyPI:lib", &registry.MissingError{Missing: []string{"PyPI:lib (http://pypi.example.test/simple/lib/)"}})
	r.Fail("PyPI:search", &registry.MissingError{Missing: []string{"PyPI:search (http://pypi.example.test/simple/search/)"}})
	_, err := Compute(context.Background(), pol, r)
	var me *registry.MissingError
	if !errors.As(err, &me) {
		t.Fatalf("err = %v, want a MissingError", err)
	}
	// Both packages are met at the same depth, so one error names both.
	want := []string{"PyPI:lib (http://pypi.example.test/simple/lib/)", "PyPI:search (http://pypi.example.test/simple/search/)"}
	if diff := cmp.Diff(want, me.Missing); diff != "" {
		t.Errorf("missing (-want +got):\n%s", diff)
	}
	var rf interface{ RegistryFailure() bool }
	if !errors.As(err, &rf) || !rf.RegistryFailure() {
		t.Error("error is not a registry failure")
	}

	r = testRegistry()
	r.Fail("PyPI:app", &registry.Error{Package: registry.Package{Ecosystem: "PyPI", Name: "app"}, Err: errors.New("503")})
	if _, err := Compute(context.Background(), pol, r); err == nil || !strings.Contains(err.Error(), "PyPI:app: 503") {
		t.Errorf("err = %v, want the anchor's failure", err)
	}
}

// A release that is both declared and in the anchor's range is expanded
// once for its own requirements, and for the line's extras as the anchor.
func TestAnchorAlsoDeclared(t *testing.T) {
	r := memregistry.New()
	r.Add("PyPI:app", "1.0", "lib>=1", "plug>=1; extra == 'x'")
	r.Add("PyPI:lib", "1.0")
	r.Add("PyPI:plug", "1.0")
	pol := mustPolicy(t, `
project: X
packages: {PyPI: [app, lib, plug]}
lines:
  - name: v1
    status: supported
    released: 2025-01-01
    from: "PyPI:app >=1"
    extras: [x]
    packages: {"PyPI:app": ">=1"}
`)
	m, err := Compute(context.Background(), pol, r)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"PyPI:app: 1.0", "PyPI:lib: 1.0", "PyPI:plug: 1.0"}
	if diff := cmp.Diff(want, members(m.Lines[0])); diff != "" {
		t.Errorf("members (-want +got):\n%s", diff)
	}
	if _, twice := r.Asked(); twice {
		t.Error("requirements of a release asked twice")
	}
	// The declaration came first, so it is what Explain shows.
	got := m.Lines[0].Explain(ref("PyPI:app"), version(ref("PyPI:app"), "1.0"))
	if diff := cmp.Diff([]Step{{ref("PyPI:app"), "1.0", "packages", ">=1"}}, got); diff != "" {
		t.Errorf("Explain (-want +got):\n%s", diff)
	}
}

// A release that the ranges defining two lines both claim is an overlap
// (design §2.3); one derived or declared into two lines as a dependency is
// not. A line is defined by its anchor's range, or by its declared ranges
// when it has no anchor.
func TestOverlaps(t *testing.T) {
	tests := []struct {
		name     string
		lines    string
		releases map[string][]string // package -> versions; app requires lib ^1.0.0
		want     []string
	}{
		{
			name: "anchors",
			lines: `
  - {name: "5.x", status: supported, released: 2025-01-01, from: "npm:app >=5.0.0-alpha.1 <6.0.0"}
  - {name: "4.x", status: supported, released: 2024-01-01, from: "npm:app >=4.0.0 <=5.0.0-beta.1"}`,
			releases: map[string][]string{"npm:app": {"4.0.0", "5.0.0-alpha.1", "5.0.0-beta.1", "5.0.0"}, "npm:lib": {"1.0.0"}},
			want:     []string{"npm:app@5.0.0-alpha.1 5.x,4.x", "npm:app@5.0.0-beta.1 5.x,4.x"},
		},
		{
			// 2.0.0-beta.1 is 2.x's only: "<2.0.0" leaves it out of 1.x.
			// The anchored line's declared lib ^1.0.0 defines nothing.
			name: "declared ranges of lines without an anchor",
			lines: `
  - {name: "3.x", status: supported, released: 2025-01-01, packages: {"npm:lib": ">=3.0.0-rc.1 <4.0.0"}}
  - {name: "2.x", status: supported, released: 2024-01-01, packages: {"npm:lib": ">=2.0.0-beta.1 <=3.0.0-rc.1"}}
  - {name: "1.x", status: supported, released: 2023-01-01, packages: {"npm:lib": ">=1.0.0 <2.0.0"}}
  - {name: "app", status: supported, released: 2023-01-01, from: "npm:app >=1.0.0 <2.0.0", packages: {"npm:lib": "^1.0.0"}}`,
			releases: map[string][]string{"npm:app": {"1.0.0"}, "npm:lib": {"1.0.0", "2.0.0-beta.1", "2.0.0", "3.0.0-rc.1", "3.0.0"}},
			want:     []string{"npm:lib@3.0.0-rc.1 3.x,2.x"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pol, err := policy.Parse("patchline.yaml", []byte("project: Example\npackages:\n  npm: [app, lib]\nlines:"+tt.lines+"\n"))
			if err != nil {
				t.Fatal(err)
			}
			r := memregistry.New()
			for _, v := range tt.releases["npm:app"] {
				r.Add("npm:app", v, "lib@^1.0.0")
			}
			for _, v := range tt.releases["npm:lib"] {
				r.Add("npm:lib", v)
			}
			m, err := Compute(context.Background(), pol, r)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, overlaps(m)); diff != "" {
				t.Errorf("overlaps (-want +got):\n%s", diff)
			}
		})
	}
}

// overlaps renders m's overlaps as PACKAGE@VERSION LINE,LINE.
func overlaps(m *Matrix) []string {
	var out []string
	for _, o := range m.Overlaps() {
		var names []string
		for _, l := range o.Lines {
			names = append(names, l.Policy.Name)
		}
		out = append(out, fmt.Sprintf("%s@%s %s", o.Package, o.Version, strings.Join(names, ",")))
	}
	return out
}

// A release whose requirements the registry cannot give is walked without
// them, and every line that reached it says so; lines that did not reach
// it say nothing.
func TestIncompleteRequirements(t *testing.T) {
	pol := mustPolicy(t, testPolicy)
	r := testRegistry()
	r.Incomplete("PyPI:lib", "1.0", "the release has no core metadata")
	m, err := Compute(context.Background(), pol, r)
	if err != nil {
		t.Fatal(err)
	}
	v2, v1 := m.Lines[0], m.Lines[1]
	if len(v2.Incomplete) != 0 {
		t.Errorf("v2 incomplete: %v", v2.Incomplete)
	}
	if len(v1.Incomplete) != 1 || v1.Incomplete[0].Package.Name != "lib" || v1.Incomplete[0].Version != "1.0" {
		t.Fatalf("v1 incomplete: %+v, want PyPI:lib 1.0", v1.Incomplete)
	}
	// lib 1.0 alone brought plug in (through its extra): without its
	// requirements the walk cannot find it.
	for _, l := range members(v1) {
		if strings.HasPrefix(l, "PyPI:plug:") {
			t.Errorf("v1 has %s, which only lib 1.0's unknown requirements bring in", l)
		}
	}
}
