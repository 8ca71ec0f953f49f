package match

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/patchline/patchline/ecosystem/pkgref"
	"github.com/patchline/patchline/internal/memtest"
	"github.com/patchline/patchline/osv"
)

var now = time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC)

func published(t testing.TB, id string, affected ...osv.Affected) *osv.Record {
	t.Helper()
	pub := osv.NewTime(time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC))
	return &osv.Record{ID: id, Published: pub, Modified: pub, Affected: affected}
}

func ecoRange(evs ...string) osv.Range { return rng(osv.RangeEcosystem, evs...) }

func rng(t osv.RangeType, evs ...string) osv.Range {
	r := osv.Range{Type: t}
	for i := 0; i+1 < len(evs); i += 2 {
		var e osv.Event
		switch evs[i] {
		case "introduced":
			e.Introduced = evs[i+1]
		case "fixed":
			e.Fixed = evs[i+1]
		case "last_affected":
			e.LastAffected = evs[i+1]
		case "limit":
			e.Limit = evs[i+1]
		}
		r.Events = append(r.Events, e)
	}
	return r
}

func pkg(eco, name string) osv.Package { return osv.Package{Ecosystem: eco, Name: name} }

func TestMatch(t *testing.T) {
	comm := published(t, "x_INVENIO-2026-0001", osv.Affected{
		Package: pkg("PyPI", "Invenio_Communities"),
		// Per-line pairs: 12.x fixed in 12.0.9, 13.x in 13.1.2; 14 open.
		Ranges: []osv.Range{ecoRange("introduced", "4.0.0", "fixed", "12.0.9", "introduced", "13.0.0", "fixed", "13.1.2", "introduced", "14.0.0")},
	})
	forms := published(t, "x_INVENIO-2026-0002", osv.Affected{
		Package:  pkg("npm", "react-invenio-forms"),
		Ranges:   []osv.Range{ecoRange("introduced", "1.0.0", "last_affected", "1.1.2"), rng(osv.RangeSemver, "introduced", "3.0.0", "fixed", "3.5.3", "limit", "4.0.0")},
		Versions: []string{"0.8.7"},
	})
	lines := published(t, "x_INVENIO-2026-0003", osv.Affected{
		Package: pkg("PyPI", "invenio-app-rdm"),
		// One open-ended range over v10 and v11; the per-line verdicts say
		// v11 is fixed by 11.0.6 and v10 has no fix.
		Ranges: []osv.Range{ecoRange("introduced", "10.0.0", "fixed", "11.0.6")},
		// 11.1.0rc1, a candidate of a minor that never had a final
		// release, is listed apart as an affected pre-release of v11.
		Versions: []string{"11.1.0rc1"},
		DatabaseSpecific: osv.Object{"lines": []any{
			map[string]any{"line": "v11", "verdict": "fixed", "fixed": "11.0.6", "versions": []any{"11.0.0", "11.0.5"}, "affected_prereleases": []any{"11.1.0rc1"}},
			map[string]any{"line": "v10", "verdict": "unsupported", "versions": []any{"10.0.0", "10.1.2"}},
		}},
	})
	draft := &osv.Record{ID: "x_INVENIO-2026-0004", Affected: []osv.Affected{{Package: pkg("PyPI", "invenio-app-rdm"), Ranges: []osv.Range{ecoRange("introduced", "0")}}}}
	other := published(t, "GO-2026-0001", osv.Affected{Package: pkg("Go", "example.com/m"), Ranges: []osv.Range{ecoRange("introduced", "0", "fixed", "not a version")}})
	records := []*osv.Record{comm, forms, lines, draft, other}
	cases := []struct {
		pkg, version string
		want         []Match
	}{
		{"PyPI:invenio-communities", "3.9.0", nil},
		{"PyPI:invenio-communities", "12.0.8", []Match{{ID: comm.ID, Fixed: "12.0.9", FixedFrom: "event"}}},
		{"PyPI:invenio-communities", "12.0.9", nil},
		{"PyPI:invenio-communities", "13.1.2rc1", []Match{{ID: comm.ID, Fixed: "13.1.2", FixedFrom: "event"}}},
		{"PyPI:invenio-communities", "13.1.2", nil},
		{"PyPI:invenio-communities", "14.0.0a1", nil},
		{"PyPI:invenio-communities", "14.0", []Match{{ID: comm.ID}}},
		{"npm:react-invenio-forms", "1.1.2", []Match{{ID: forms.ID}}},
		{"npm:react-invenio-forms", "1.1.3", nil},
		{"npm:react-invenio-forms", "3.5.3-beta.1", []Match{{ID: forms.ID, Fixed: "3.5.3", FixedFrom: "event"}}},
		{"npm:react-invenio-forms", "4.0.0", nil},
		{"npm:react-invenio-forms", "0.8.7", []Match{{ID: forms.ID}}},
		{"PyPI:invenio-app-rdm", "11.0.5", []Match{{ID: lines.ID, Line: "v11", Fixed: "11.0.6", FixedFrom: "line"}}},
		{"PyPI:invenio-app-rdm", "11.1.0rc1", []Match{{ID: lines.ID, Line: "v11", Fixed: "11.0.6", FixedFrom: "line"}}},
		{"PyPI:invenio-app-rdm", "10.1.2", []Match{{ID: lines.ID, Line: "v10", FixedFrom: "line"}}},
		{"PyPI:invenio-app-rdm", "10.1.3", []Match{{ID: lines.ID, Fixed: "11.0.6", FixedFrom: "event"}}},
		{"PyPI:invenio-rdm-records", "1.0.0", nil},
	}
	// ForPins, given the records one at a time, answers as New does, a
	// version pinned twice (by two lockfiles) included.
	pins := map[pkgref.Ref][]string{}
	for _, tc := range cases {
		ref := mustRef(t, tc.pkg)
		pins[ref] = append(pins[ref], tc.version, tc.version)
	}
	byPins := ForPins(pins, now)
	for _, r := range records {
		byPins.Add(r)
	}
	if err := byPins.Err(); err != nil {
		t.Fatal(err)
	}
	whole, err := New(records, now)
	if err != nil {
		t.Fatal(err)
	}
	for name, ix := range map[string]*Index{"New": whole, "ForPins": byPins} {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff([]Skipped{{"x_INVENIO-2026-0004", "not published at 2026-08-01T00:00:00Z"}}, ix.Skipped); diff != "" {
				t.Errorf("skipped (-want +got):\n%s", diff)
			}
			if ix.Records != 4 || ix.Packages() != 3 {
				t.Errorf("%d records of %d packages, want 4 of 3", ix.Records, ix.Packages())
			}
			for _, tc := range cases {
				ref := mustRef(t, tc.pkg)
				got, err := ix.Match(ref, tc.version)
				if err != nil {
					t.Fatal(err)
				}
				want := append([]Match(nil), tc.want...)
				for i := range want {
					want[i].Package, want[i].Version = ref, tc.version
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%s %s (-want +got):\n%s", tc.pkg, tc.version, diff)
				}
			}
		})
	}
}

func mustRef(t testing.TB, s string) pkgref.Ref {
	t.Helper()
	ref, err := pkgref.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return ref
}

// ForPins holds the matches of the pins, not the records: 20,000 records
// of 380 versions each about a pinned package, which New holds in 2.5 GB
// (the records and their parsed versions), leave their 20,000 matches
// behind, and a pin that does not parse is the error New gives.
func TestForPinsHoldsOnlyMatches(t *testing.T) {
	versions := make([]string, 380)
	for i := range versions {
		versions[i] = fmt.Sprintf("1.%d", i)
	}
	ref := mustRef(t, "PyPI:a")
	ix := ForPins(map[pkgref.Ref][]string{ref: {"1.7", "1.x"}}, now)
	peak := memtest.Peak(func() {
		for i := range 20000 {
			// Each record is decoded afresh from a database, as here.
			ix.Add(published(t, fmt.Sprintf("x_A-2026-%05d", i), osv.Affected{Package: pkg("PyPI", "a"), Versions: slices.Clone(versions)}))
		}
	})
	t.Logf("peak heap %.1f MiB", float64(peak)/(1<<20))
	if peak > 32<<20 {
		t.Errorf("peak heap %d MiB, want at most 32 MiB", peak>>20)
	}
	if ms, err := ix.Match(ref, "1.7"); err != nil || len(ms) != 20000 || ms[0].ID != "x_A-2026-00000" {
		t.Errorf("Match(1.7) = %d matches, %v", len(ms), err)
	}
	if _, err := ix.Match(ref, "1.x"); err == nil {
		t.Error("Match(1.x): no error for a version that does not parse")
	}
}

func TestNewRefusesWhatItCannotEvaluate(t *testing.T) {
	bad := published(t, "x_BAD-2026-0001",
		osv.Affected{Package: pkg("PyPI", "invenio-app-rdm"), Ranges: []osv.Range{ecoRange("introduced", "0", "fixed", "1.0/2")}},
		osv.Affected{Package: pkg("npm", "react-searchkit"), Versions: []string{"v1..2"}})
	_, err := New([]*osv.Record{bad}, now)
	var es Errors
	if !errors.As(err, &es) || len(es) != 2 {
		t.Fatalf("New = %v, want two record problems", err)
	}
	if es[0].Pointer != "/affected/0/ranges/0" || es[1].Pointer != "/affected/1/versions/0" {
		t.Errorf("pointers %q, %q", es[0].Pointer, es[1].Pointer)
	}
}

func TestWithdrawnSkipped(t *testing.T) {
	r := published(t, "x_W-2026-0001", osv.Affected{Package: pkg("PyPI", "a"), Ranges: []osv.Range{ecoRange("introduced", "0")}})
	r.Withdrawn = r.Published
	ix, err := New([]*osv.Record{r}, now)
	if err != nil {
		t.Fatal(err)
	}
	if ix.Records != 0 || len(ix.Skipped) != 1 || ix.Skipped[0].Reason != "withdrawn" {
		t.Errorf("records %d, skipped %v", ix.Records, ix.Skipped)
	}
}

// Affects follows the evaluation pseudocode of the OSV specification.
func TestAffects(t *testing.T) {
	for _, tc := range []struct {
		r        osv.Range
		in, out  []string
		pkgEcosy string
	}{
		{ecoRange("introduced", "0", "fixed", "1.0.2"), []string{"0.1", "1.0.1", "1.0.2rc1"}, []string{"1.0.2", "2.0"}, "PyPI"},
		{ecoRange("introduced", "1.0", "fixed", "1.0.2", "introduced", "3.0", "fixed", "3.2.5"), []string{"1.0", "1.0.0", "3.1", "3.2.5.dev1"}, []string{"0.9", "1.0.2", "2.0", "3.2.5", "4"}, "PyPI"},
		{ecoRange("introduced", "0", "last_affected", "2.1.214"), []string{"2.1.214", "2.1.214rc1"}, []string{"2.1.215", "2.1.214.post1", "2.1.214+local"}, "PyPI"},
		{ecoRange("introduced", "1.0.0", "limit", "1.5.0"), []string{"1.0.0", "1.4.9"}, []string{"1.5.0", "2.0.0", "0.9.0"}, "npm"},
		{ecoRange("introduced", "1.0.0", "fixed", "1.2.0", "limit", "*"), []string{"1.1.0", "1.2.0-beta.1"}, []string{"1.2.0"}, "npm"},
		// Unsorted events are evaluated sorted.
		{ecoRange("fixed", "2.0.0", "introduced", "1.0.0"), []string{"1.5.0"}, []string{"2.0.0", "0.5.0"}, "npm"},
	} {
		o, evs, ok := Events(tc.pkgEcosy, tc.r)
		if !ok {
			t.Fatalf("Events(%v) failed", tc.r)
		}
		for _, v := range append(append([]string(nil), tc.in...), tc.out...) {
			pv, err := o.Parse(v)
			if err != nil {
				t.Fatal(err)
			}
			want := false
			for _, w := range tc.in {
				want = want || w == v
			}
			if got := Affects(o, evs, Point{V: pv}); got != want {
				t.Errorf("%s %v: Affects(%s) = %v, want %v", tc.pkgEcosy, tc.r.Events, v, got, want)
			}
		}
	}
}
