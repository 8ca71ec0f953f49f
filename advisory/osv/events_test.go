package osv

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/registry"
)

// The compression of affected runs over a history, written as the history
// with affected releases in capitals ("a" marks a pre-release suffix).
func TestCompress(t *testing.T) {
	eco, err := ecosystem.Lookup("PyPI")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		history  string // versions, "*" marks an affected one, "!" a yanked one
		last     string // the report's last affected version for the final run
		from     string // "1.0": the report names introduced 1.0 rather than "0"
		events   string
		versions string
	}{
		{"none", "1.0 1.1", "", "", "", ""},
		{"from the first", "*1.0 *1.1 1.2", "", "", "introduced 0, fixed 1.2", "1.0 1.1"},
		{"from the first, named by the report", "*1.0 *1.1 1.2", "", "1.0", "introduced 1.0, fixed 1.2", "1.0 1.1"},
		{"open", "1.0 *1.1 *1.2", "", "", "introduced 1.1", "1.1 1.2"},
		{"three branches", "*1.0 1.1 2.0 *2.1a1 *2.1 2.2 *3.0 3.1", "", "", "introduced 0, fixed 1.1, introduced 2.1a1, fixed 2.2, introduced 3.0, fixed 3.1", "1.0 2.1a1 2.1 3.0"},
		{"last affected", "1.0 *1.1 *1.2", "1.2", "", "introduced 1.1, last_affected 1.2", "1.1 1.2"},
		{"last affected ignored where a fix exists", "1.0 *1.1 1.2", "1.1", "", "introduced 1.1, fixed 1.2", "1.1"},
		{"yanked release after a run", "1.0 *1.1 !1.2 1.3 *2.0", "", "", "introduced 1.1, last_affected 1.1, introduced 2.0", "1.1 2.0"},
		{"yanked release inside a run", "*1.0 *!1.1 1.2", "", "", "introduced 0, fixed 1.2", "1.0 1.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rels []*registry.Release
			var hit []bool
			for _, f := range strings.Fields(tt.history) {
				name := strings.TrimLeft(f, "*!")
				v, err := eco.Parse(name)
				if err != nil {
					t.Fatal(err)
				}
				rels = append(rels, &registry.Release{Version: name, Parsed: v, Yanked: strings.Contains(f, "!")})
				hit = append(hit, strings.HasPrefix(f, "*"))
			}
			var last func(*registry.Release) ecosystem.Version
			if tt.last != "" {
				la, err := eco.Parse(tt.last)
				if err != nil {
					t.Fatal(err)
				}
				last = func(*registry.Release) ecosystem.Version { return la }
			}
			var got []string
			for _, e := range compress(rels, hit, last, tt.from == "") {
				k, v, _ := e.Kind()
				got = append(got, string(k)+" "+v)
			}
			if diff := cmp.Diff(tt.events, strings.Join(got, ", ")); diff != "" {
				t.Errorf("events (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.versions, strings.Join(affectedVersions(rels, hit), " ")); diff != "" {
				t.Errorf("versions (-want +got):\n%s", diff)
			}
		})
	}
}

// A release published under two equal spellings is listed under both.
func TestAffectedVersionsSpellings(t *testing.T) {
	rels := []*registry.Release{
		{Version: "3.12"},
		{Version: "3.13", Spellings: []string{"3.13", "3.13.0"}},
		{Version: "5.1"},
	}
	got := affectedVersions(rels, []bool{false, true, true})
	if diff := cmp.Diff([]string{"3.13", "3.13.0", "5.1"}, got); diff != "" {
		t.Errorf("versions (-want +got):\n%s", diff)
	}
}
