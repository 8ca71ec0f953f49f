package registry

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/registry/fetch"
)

func TestParsePackage(t *testing.T) {
	tests := []struct {
		in   string
		want Package
		err  string
	}{
		{"PyPI:invenio-app-rdm", Package{"PyPI", "invenio-app-rdm"}, ""},
		{"pypi:Invenio_App.RDM", Package{"PyPI", "invenio-app-rdm"}, ""},
		{"npm:react-searchkit", Package{"npm", "react-searchkit"}, ""},
		{"npm:@inveniosoftware/react-invenio-forms", Package{"npm", "@inveniosoftware/react-invenio-forms"}, ""},
		{"pkg:pypi/invenio-app-rdm", Package{"PyPI", "invenio-app-rdm"}, ""},
		{"pkg:pypi/Invenio_App_RDM", Package{"PyPI", "invenio-app-rdm"}, ""},
		{"pkg:npm/%40inveniosoftware/react-invenio-forms", Package{"npm", "@inveniosoftware/react-invenio-forms"}, ""},
		{"pkg:pypi/invenio-app-rdm@12.0.3", Package{}, "not version"},
		{"pkg:npm/react-searchkit", Package{"npm", "react-searchkit"}, ""},
		{"invenio-app-rdm", Package{}, "want ECOSYSTEM:NAME"},
		{"Go:golang.org/x/mod", Package{}, "unknown ecosystem"},
		{"pkg:gem/rails", Package{}, "unknown package type"},
		{"pkg:pypi", Package{}, "want pkg:TYPE/NAME"},
	}
	for _, tt := range tests {
		got, err := ParsePackage(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParsePackage(%q) = %v, %v; want error %q", tt.in, got, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParsePackage(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func dependency(reqs *Requirements, name string) *Dependency {
	for i := range reqs.Dependencies {
		if reqs.Dependencies[i].Name == name {
			return &reqs.Dependencies[i]
		}
	}
	return nil
}

// checkSorted verifies ascending ecosystem order.
func checkSorted(t *testing.T, h *History) {
	t.Helper()
	eco, err := ecosystem.Lookup(h.Package.Ecosystem)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(h.Releases); i++ {
		if eco.Compare(h.Releases[i-1].Parsed, h.Releases[i].Parsed) > 0 {
			t.Errorf("%s: %s sorts before %s", h.Package, h.Releases[i-1].Version, h.Releases[i].Version)
		}
	}
}

func TestSnapshotThroughServer(t *testing.T) {
	s := newRegistry(t)
	c := open(t, s, Options{})
	ctx := context.Background()
	hs, err := c.Histories(ctx, mustPackages(t, "PyPI:invenio-app-rdm", "PyPI:invenio-rdm-records", "PyPI:invenio-communities",
		"PyPI:invenio-records-resources", "npm:react-searchkit", "npm:react-invenio-forms", "npm:react-invenio-deposit"))
	if err != nil {
		t.Fatal(err)
	}
	wantCounts := []int{479, 494, 281, 206, 61, 134, 144}
	for i, h := range hs {
		if len(h.Releases) != wantCounts[i] {
			t.Errorf("%s: %d releases, want %d", h.Package, len(h.Releases), wantCounts[i])
		}
		checkSorted(t, h)
	}
	app := hs[0]
	if app.Provenance.Source != SourceSimpleJSON || app.Provenance.URL != s.URL+"/simple/invenio-app-rdm/" {
		t.Errorf("provenance = %+v", app.Provenance)
	}
	r, err := app.Release("12.0.3")
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2024, 8, 22, 14, 28, 9, 0, time.UTC); !r.Uploaded.Equal(want) || r.Files != 1 || r.Yanked {
		t.Errorf("12.0.3 = %+v, want uploaded %v, 1 file, not yanked", r, want)
	}
	// Non-normal tags are published under their normal form.
	if _, err := app.Release("3.0.0.dev1"); err != nil {
		t.Errorf("3.0.0.dev1: %v", err)
	}
	if _, err := app.Release("3.0.0dev1"); err != nil {
		t.Errorf("3.0.0dev1 by equality: %v", err)
	}
	// Tags that produced no upload are absent.
	for _, v := range []string{"0.35.1", "14.0.0b5.dev1"} {
		if _, err := app.Release(v); err == nil {
			t.Errorf("release %s present, but its tag did not publish it", v)
		}
	}

	reqs, err := c.Requirements(ctx, app, []string{"12.0.3", "3.0.0.dev1"})
	if err != nil {
		t.Fatal(err)
	}
	rq := reqs[0]
	if rq.Provenance.Source != SourceCoreMetadata || rq.RequiresPython != ">=3.7" || rq.Version != "12.0.3" {
		t.Errorf("requirements of 12.0.3: %+v", rq.Provenance)
	}
	if d := dependency(rq, "invenio-communities"); d == nil || d.Specifier != "<14.0.0,>=13.0.0" || len(d.ForExtras) != 0 || d.Range == nil {
		t.Errorf("invenio-communities dependency = %+v", d)
	}
	old := reqs[1]
	if d := dependency(old, "invenio"); d == nil || d.Specifier != "~=3.4.0" || !cmp.Equal(d.Extras, []string{"auth", "base", "files", "metadata"}) {
		t.Errorf("invenio dependency of 3.0.0.dev1 = %+v", d)
	}
	if d := dependency(old, "invenio-s3"); d == nil || !cmp.Equal(d.ForExtras, []string{"s3"}) || d.Marker != `extra == "s3"` {
		t.Errorf("invenio-s3 dependency of 3.0.0.dev1 = %+v", d)
	}
	if !cmp.Equal(old.Extras, []string{"elasticsearch6", "elasticsearch7", "mysql", "postgresql", "sqlite", "s3", "docs", "tests", "all"}) {
		t.Errorf("extras of 3.0.0.dev1 = %v", old.Extras)
	}

	sk := hs[4]
	if sk.DistTags["latest"] != "3.2.0" || sk.Provenance.Source != SourcePackageDocument {
		t.Errorf("react-searchkit dist-tags %v, provenance %+v", sk.DistTags, sk.Provenance)
	}
	before := s.Total()
	skReqs, err := c.Requirements(ctx, sk, []string{"3.2.0"})
	if err != nil {
		t.Fatal(err)
	}
	if s.Total() != before {
		t.Errorf("npm requirements made %d requests; they come with the document", s.Total()-before)
	}
	if d := dependency(skReqs[0], "react"); d == nil || d.Kind != "peer" || d.Specifier == "" {
		t.Errorf("react peer dependency = %+v", d)
	}
	if len(s.Repeated()) != 0 {
		t.Errorf("URLs requested twice: %v", s.Repeated())
	}
}

// TestSnapshotOffline replays the committed snapshot as a cache, with no
// server at all, for the placeholder registry URLs.
func TestSnapshotOffline(t *testing.T) {
	c := open(t, nil, Options{Offline: true, CacheDir: snapshot, PyPIIndex: snapshotPyPI, NPMRegistry: snapshotNPM})
	ctx := context.Background()
	hs, err := c.Histories(ctx, mustPackages(t, "PyPI:invenio-app-rdm", "npm:react-invenio-forms"))
	if err != nil {
		t.Fatal(err)
	}
	reqs, err := c.Requirements(ctx, hs[0], []string{"12.0.3", "13.0.0"})
	if err != nil {
		t.Fatal(err)
	}
	if reqs[1].Provenance.Origin != "cache" || reqs[1].Provenance.URL != "http://pypi.example.test/packages/invenio_app_rdm-13.0.0-py3-none-any.whl.metadata" {
		t.Errorf("provenance = %+v", reqs[1].Provenance)
	}
	if st := c.Stats(); st.Requests != 0 {
		t.Errorf("offline run made %d requests", st.Requests)
	}

	_, err = c.Histories(ctx, mustPackages(t, "PyPI:invenio-app-rdm", "PyPI:not-recorded", "npm:also-missing"))
	var me *MissingError
	if !errors.As(err, &me) || !errors.Is(err, fetch.ErrNotCached) {
		t.Fatalf("err = %v, want a MissingError", err)
	}
	want := []string{"PyPI:not-recorded (http://pypi.example.test/simple/not-recorded/)", "npm:also-missing (http://registry.example.test/also-missing)"}
	if diff := cmp.Diff(want, me.Missing, cmpSorted); diff != "" {
		t.Errorf("missing (-want +got):\n%s", diff)
	}
	var rf interface{ RegistryFailure() bool }
	if !errors.As(err, &rf) || !rf.RegistryFailure() {
		t.Errorf("offline miss is not a registry failure: %v", err)
	}
}

var cmpSorted = cmp.Transformer("sorted", func(in []string) []string {
	out := append([]string(nil), in...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
})

// TestRuns runs the same work as successive runs over one cache and
// counts the requests: all, then conditional ones answered 304, then none
// within --max-age or --offline.
func TestRuns(t *testing.T) {
	s := newRegistry(t)
	cache := t.TempDir()
	pkgs := []string{"PyPI:invenio-app-rdm", "PyPI:invenio-communities", "npm:react-searchkit", "npm:react-invenio-deposit"}
	run := func(opts Options) *Client {
		t.Helper()
		opts.CacheDir = cache
		c := open(t, s, opts)
		hs, err := c.Histories(context.Background(), mustPackages(t, pkgs...))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Requirements(context.Background(), hs[0], []string{"12.0.3", "12.0.2", "13.0.0"}); err != nil {
			t.Fatal(err)
		}
		return c
	}
	tests := []struct {
		name         string
		opts         Options
		wantRequests int
		want304      int
	}{
		{"first", Options{}, 4 + 3, 0},
		{"second", Options{}, 4, 4}, // metadata with a known digest needs no request
		{"max-age", Options{MaxAge: time.Hour}, 0, 0},
		{"offline", Options{Offline: true}, 0, 0},
	}
	for _, tt := range tests {
		s.ResetCounts()
		c := run(tt.opts)
		if got := s.Total(); got != tt.wantRequests {
			t.Errorf("%s run: server saw %d requests, want %d", tt.name, got, tt.wantRequests)
		}
		if st := c.Stats(); st.NotModified != int64(tt.want304) {
			t.Errorf("%s run: %d answers 304, want %d", tt.name, st.NotModified, tt.want304)
		}
		if tt.name == "second" {
			for _, r := range s.Requests() {
				if r.IfNoneMatch == "" {
					t.Errorf("second run: unconditional request %+v", r)
				}
			}
		}
	}
}

func TestNoURLTwice(t *testing.T) {
	s := newRegistry(t)
	c := open(t, s, Options{})
	ctx := context.Background()
	hs, err := c.Histories(ctx, mustPackages(t, "PyPI:invenio-app-rdm", "pypi:Invenio_App_RDM", "npm:react-searchkit", "npm:react-searchkit"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.History(ctx, mustPackage(t, "PyPI:invenio-app-rdm")); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 3)
	for range 3 {
		go func() {
			_, err := c.Requirements(ctx, hs[1], []string{"12.0.3", "12.0.3", "12.0.2"})
			done <- err
		}()
	}
	for range 3 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	if r := s.Repeated(); len(r) != 0 {
		t.Errorf("URLs requested twice: %v", r)
	}
	if got := s.Total(); got != 4 {
		t.Errorf("server saw %d requests, want 4 (2 documents, 2 metadata files)", got)
	}
}

func TestLazyConcurrentRequirements(t *testing.T) {
	s := newRegistry(t)
	c := open(t, s, Options{Concurrency: 4})
	ctx := context.Background()
	h, err := c.History(ctx, mustPackage(t, "PyPI:invenio-rdm-records"))
	if err != nil {
		t.Fatal(err)
	}
	if s.Total() != 1 {
		t.Fatalf("History made %d requests, want 1: requirements are lazy", s.Total())
	}
	s.SetLatency(30 * time.Millisecond)
	s.ResetCounts()
	vs := versions(h)[len(h.Releases)-12:]
	reqs, err := c.Requirements(ctx, h, vs)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range reqs {
		if r.Version != vs[i] {
			t.Errorf("requirements %d are of %s, want %s", i, r.Version, vs[i])
		}
	}
	if s.Total() != 12 {
		t.Errorf("Requirements made %d requests, want 12", s.Total())
	}
	if p := s.PeakInFlight(); p != 4 {
		t.Errorf("peak requests in flight = %d, want the concurrency bound 4", p)
	}
}
