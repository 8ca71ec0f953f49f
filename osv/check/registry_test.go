package check_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/osv"
	"github.com/patchline/patchline/osv/check"
)

// history is a registry history made by hand: versions, with "!" after a
// yanked one and "~" after a deprecated one.
func history(t *testing.T, eco string, versions ...string) *check.Releases {
	t.Helper()
	e, err := ecosystem.Lookup(eco)
	if err != nil {
		t.Fatal(err)
	}
	rs := &check.Releases{}
	for _, v := range versions {
		r := check.Release{Version: v}
		switch v[len(v)-1] {
		case '!':
			r.Version, r.Yanked, r.YankedWhy = v[:len(v)-1], true, "broken wheel"
		case '~':
			r.Version, r.Deprecated = v[:len(v)-1], "use 4.x"
		}
		if r.Parsed, err = e.Parse(r.Version); err != nil {
			t.Fatal(err)
		}
		rs.Releases = append(rs.Releases, r)
	}
	return rs
}

// The fixture's packages, with exactly the releases it names.
func fullHistories(t *testing.T) map[string]*check.Releases {
	return map[string]*check.Releases{
		"PyPI:invenio-communities":                 history(t, "PyPI", "3.0.0", "4.0.0", "4.1.0", "12.0.8", "12.0.9", "13.0.0", "13.1.0rc1", "13.1.1", "13.1.2"),
		"npm:@inveniosoftware/react-invenio-forms": history(t, "npm", "2.0.0", "3.0.0", "3.4.0", "3.4.1-beta.1", "3.4.1"),
	}
}

func runRegistry(t *testing.T, doc map[string]any, hs map[string]*check.Releases) []string {
	t.Helper()
	r, err := osv.FromValue(doc)
	if err != nil {
		t.Fatal(err)
	}
	var registryChecks []*check.CheckDef
	for _, c := range check.Checks() {
		if c.NeedsRegistry {
			registryChecks = append(registryChecks, c)
		}
	}
	in := &check.Input{Record: r, Value: doc}
	if hs != nil {
		in.Registry = func(p osv.Package) *check.Releases { return hs[p.Ecosystem+":"+p.Name] }
	}
	var out []string
	for _, f := range check.RunChecks(in, registryChecks) {
		out = append(out, fmt.Sprintf("%s %s: %s", f.Code, f.Pointer, f.Message))
	}
	return out
}

func TestRegistryChecks(t *testing.T) {
	const pypi = "PyPI:invenio-communities"
	const npm = "npm:@inveniosoftware/react-invenio-forms"
	for _, tc := range []struct {
		name    string
		edits   []edit
		history func(hs map[string]*check.Releases) // changes the registry
		want    []string
	}{
		{name: "complete and released"},
		{
			name:    "package missing",
			history: func(hs map[string]*check.Releases) { hs[pypi] = &check.Releases{Missing: true} },
			want:    []string{`OSV018 /affected/0/package/name: the PyPI registry has no package "invenio-communities": check the name's spelling, and that it is the name the registry publishes`},
		},
		{
			name:    "unpublished npm package: nothing to compare",
			history: func(hs map[string]*check.Releases) { hs[npm] = &check.Releases{Unpublished: true} },
		},
		{
			name:    "registry unknown for a package",
			history: func(hs map[string]*check.Releases) { delete(hs, pypi) },
		},
		{
			name:  "listed version not released",
			edits: []edit{{"/affected/0/versions/1", "4.1.0.post1"}},
			want: []string{
				"OSV021 /affected/0/versions: versions lacks 1 release(s) of PyPI:invenio-communities inside the ranges: 4.1.0; regenerate the list from the registry",
				"OSV019 /affected/0/versions/1: version 4.1.0.post1 is not a release of PyPI:invenio-communities",
			},
		},
		{
			name:  "listed version spelt differently",
			edits: []edit{{"/affected/0/versions/0", "4.0"}},
			want:  []string{"OSV019 /affected/0/versions/0: version 4.0 is published as 4.0.0: scanners compare versions listed in versions as strings, so write it as the registry does"},
		},
		{
			name:  "introduced not released",
			edits: []edit{{"/affected/1/ranges/0/events/0", ev("introduced", "2.5.0")}},
			want: []string{
				"OSV019 /affected/1/ranges/0/events/0/introduced: introduced 2.5.0 is not a release of npm:@inveniosoftware/react-invenio-forms",
			},
		},
		{
			name:  "last_affected above the newest release bounds releases to come",
			edits: []edit{{"/affected/1/ranges/0/events/1", ev("last_affected", "9.0.0")}},
			// No OSV019: only the listed versions fall short now.
			want: []string{"OSV021 /affected/1/versions: versions lacks 1 release(s) of npm:@inveniosoftware/react-invenio-forms inside the ranges: 3.4.1; regenerate the list from the registry"},
		},
		{
			name:  "last_affected between releases is not one",
			edits: []edit{{"/affected/1/ranges/0/events/1", ev("last_affected", "3.3.0")}},
			want:  []string{"OSV019 /affected/1/ranges/0/events/1/last_affected: last_affected 3.3.0 is not a release of npm:@inveniosoftware/react-invenio-forms"},
		},
		{
			name:    "fixed not released",
			history: func(hs map[string]*check.Releases) { hs[pypi].Releases = hs[pypi].Releases[:len(hs[pypi].Releases)-1] },
			want:    []string{"OSV020 /affected/0/ranges/0/events/3/fixed: fixed 13.1.2 is not a release of PyPI:invenio-communities: users cannot upgrade to it; publish it first, or name the release that fixes the line"},
		},
		{
			name: "fixed yanked",
			history: func(hs map[string]*check.Releases) {
				*hs[pypi] = *history(t, "PyPI", "4.0.0", "4.1.0", "12.0.8", "12.0.9!", "13.0.0", "13.1.0rc1", "13.1.1", "13.1.2")
			},
			want: []string{`OSV020 /affected/0/ranges/0/events/1/fixed: fixed 12.0.9 of PyPI:invenio-communities is yanked ("broken wheel"): a fix must be installable; name the next release that is not yanked`},
		},
		{
			name: "fixed deprecated",
			history: func(hs map[string]*check.Releases) {
				*hs[npm] = *history(t, "npm", "3.0.0", "3.4.0", "3.4.1-beta.1", "3.4.1~")
			},
			want: []string{`OSV020 /affected/1/ranges/0/events/1/fixed: fixed 3.4.1 of npm:@inveniosoftware/react-invenio-forms is deprecated ("use 4.x"): a fix must be a release users are told to install`},
		},
		{
			name: "versions incomplete, yanked releases and pre-releases count",
			history: func(hs map[string]*check.Releases) {
				*hs[pypi] = *history(t, "PyPI", "3.0.0", "4.0.0", "4.0.1!", "4.1.0", "12.0.8", "12.0.9", "13.0.0", "13.1.0rc1", "13.1.0rc2", "13.1.1", "13.1.2", "14.0.0")
			},
			want: []string{"OSV021 /affected/0/versions: versions lacks 2 release(s) of PyPI:invenio-communities inside the ranges: 4.0.1, 13.1.0rc2; regenerate the list from the registry"},
		},
		{
			name:  "no versions list: the ranges speak alone",
			edits: []edit{{"/affected/0/versions", deleted}},
			history: func(hs map[string]*check.Releases) {
				*hs[pypi] = *history(t, "PyPI", "4.0.0", "4.0.1", "4.1.0", "12.0.8", "12.0.9", "13.0.0", "13.1.1", "13.1.2")
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := fixture(t)
			for _, e := range tc.edits {
				set(t, doc, e.ptr, e.v)
			}
			hs := fullHistories(t)
			if tc.history != nil {
				tc.history(hs)
			}
			if diff := cmp.Diff(tc.want, runRegistry(t, doc, hs)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

// Without registry data the registry checks say nothing, and Run never
// runs them.
func TestRegistryChecksNeedData(t *testing.T) {
	if got := runRegistry(t, fixture(t), nil); len(got) > 0 {
		t.Errorf("findings without a registry: %v", got)
	}
	doc := fixture(t)
	r, err := osv.FromValue(doc)
	if err != nil {
		t.Fatal(err)
	}
	missing := &check.Releases{Missing: true}
	fs := check.Run(&check.Input{Record: r, Value: doc, Registry: func(osv.Package) *check.Releases { return missing }})
	if len(fs) > 0 {
		t.Errorf("Run ran registry checks: %v", fs)
	}
}
