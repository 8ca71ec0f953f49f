package registry

import (
	"context"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/patchline/patchline/registry/fetch"
	"github.com/patchline/patchline/registry/httpcache"
	"github.com/patchline/patchline/registry/registrytest"
)

// TestFaults injects every fault the HTTP layer handles into the first
// request for a package document: each run ends either with the right
// data or with a registry failure naming the package and the URL, and a
// failure leaves nothing in the cache.
func TestFaults(t *testing.T) {
	other := newRegistry(t)
	tests := []struct {
		name    string
		pkg     string
		path    string
		faults  []registrytest.Fault
		maxSize int64
		wantErr string // "" when the data must arrive
	}{
		{"503 twice", "PyPI:invenio-communities", "/simple/invenio-communities/", []registrytest.Fault{{Status: 503}, {Status: 503}}, 0, ""},
		{"429 with Retry-After", "npm:react-searchkit", "/npm/react-searchkit", []registrytest.Fault{{Status: 429, RetryAfter: "1"}}, 0, ""},
		{"502 with Retry-After date", "npm:react-searchkit", "/npm/react-searchkit", []registrytest.Fault{{Status: 502, RetryAfter: "Wed, 21 Oct 2015 07:28:00 GMT"}}, 0, ""},
		{"connection reset", "PyPI:invenio-communities", "/simple/invenio-communities/", []registrytest.Fault{{Reset: true}}, 0, ""},
		{"truncated body", "PyPI:invenio-communities", "/simple/invenio-communities/", []registrytest.Fault{{Truncate: true}}, 0, ""},
		{"slow body", "npm:react-searchkit", "/npm/react-searchkit", []registrytest.Fault{{Stall: 2e9}}, 0, ""},
		{"same-host redirect", "npm:react-searchkit", "/npm/react-searchkit", []registrytest.Fault{{RedirectTo: "/npm/react-searchkit", RedirectStatus: 301}}, 0, ""},
		{"cross-host redirect", "npm:react-searchkit", "/npm/react-searchkit", []registrytest.Fault{{RedirectTo: other.URL + "/npm/react-searchkit", RedirectStatus: 307}}, 0, ""},
		{"503 forever", "PyPI:invenio-communities", "/simple/invenio-communities/", repeatFault(registrytest.Fault{Status: 503}, 10), 0, "HTTP 503 (after 5 attempts)"},
		{"truncated forever", "npm:react-searchkit", "/npm/react-searchkit", repeatFault(registrytest.Fault{Truncate: true}, 10), 0, "after 5 attempts"},
		{"invalid JSON", "npm:react-searchkit", "/npm/react-searchkit", []registrytest.Fault{{Body: []byte(`{"name": "react-searchkit", "versions": {`)}}, 0, "invalid response"},
		{"HTML instead of JSON", "PyPI:invenio-communities", "/simple/invenio-communities/", []registrytest.Fault{{Body: []byte("<!DOCTYPE html><html></html>")}}, 0, "invalid response"},
		{"oversized body", "PyPI:invenio-communities", "/simple/invenio-communities/", nil, 4096, "response too large"},
		{"403", "npm:react-searchkit", "/npm/react-searchkit", []registrytest.Fault{{Status: 403}}, 0, "HTTP 403"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newRegistry(t)
			s.Fail(tt.path, tt.faults...)
			cache := t.TempDir()
			c := open(t, s, Options{CacheDir: cache, MaxResponseSize: tt.maxSize})
			p := mustPackage(t, tt.pkg)
			h, err := c.History(context.Background(), p)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				if len(h.Releases) == 0 {
					t.Errorf("no releases")
				}
				return
			}
			if err == nil {
				t.Fatalf("History succeeded, want an error containing %q", tt.wantErr)
			}
			var re *Error
			if !errors.As(err, &re) || !re.RegistryFailure() {
				t.Errorf("error %v is not a registry failure", err)
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.wantErr) || !strings.Contains(msg, p.String()) || !strings.Contains(msg, s.URL+tt.path) {
				t.Errorf("error %q does not name %q, the package and the URL", msg, tt.wantErr)
			}
			if n := countEntries(t, cache); n != 0 {
				t.Errorf("%d cache entries written after a failure", n)
			}
		})
	}
}

func repeatFault(f registrytest.Fault, n int) []registrytest.Fault {
	out := make([]registrytest.Fault, n)
	for i := range out {
		out[i] = f
	}
	return out
}

func countEntries(t *testing.T, dir string) int {
	n := 0
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Name() == httpcache.MetaFile {
			n++
		}
		return nil
	})
	return n
}

// TestTokensNeverCrossHosts configures credentials for the first server
// only, as npm and pip read them, and redirects to a second server.
func TestTokensNeverCrossHosts(t *testing.T) {
	a := newRegistry(t)
	b := newRegistry(t)
	hostA := strings.TrimPrefix(a.URL, "http://")
	env := emptyEnv(t)
	env.Vars["npm_config_//"+hostA+"/npm/:_authToken"] = "${NPM_TOKEN}"
	env.Vars["NPM_TOKEN"] = "tok-secret"
	a.Fail("/npm/react-searchkit", registrytest.Fault{RedirectTo: b.URL + "/npm/react-searchkit"})
	a.Fail("/simple/invenio-communities/", registrytest.Fault{RedirectTo: b.URL + "/simple/invenio-communities/"})
	c := open(t, a, Options{Env: env, PyPIIndex: "http://alice:pw-secret@" + hostA + "/simple/"})
	ctx := context.Background()
	if _, err := c.Histories(ctx, mustPackages(t, "npm:react-searchkit", "PyPI:invenio-communities")); err != nil {
		t.Fatal(err)
	}
	for _, r := range a.Requests() {
		if r.Authorization == "" {
			t.Errorf("first host: no credentials on %s", r.Path)
		}
	}
	for _, r := range b.Requests() {
		if r.Authorization != "" {
			t.Errorf("second host received credentials %q on %s", r.Authorization, r.Path)
		}
	}
	if a.Total() != 2 || b.Total() != 2 {
		t.Errorf("requests: %d at the first host, %d at the second; want 2 and 2", a.Total(), b.Total())
	}
	// A failure message never shows the password of the index URL.
	a.Fail("/simple/invenio-rdm-records/", registrytest.Fault{Status: 404})
	_, err := c.History(ctx, mustPackage(t, "PyPI:invenio-rdm-records"))
	if err == nil || strings.Contains(err.Error(), "pw-secret") || strings.Contains(err.Error(), "alice") {
		t.Errorf("err = %v", err)
	}
}

func TestCorruptCacheEntryIsRefetched(t *testing.T) {
	s := newRegistry(t)
	cache := t.TempDir()
	c := open(t, s, Options{CacheDir: cache})
	p := mustPackage(t, "npm:react-invenio-deposit")
	if _, err := c.History(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	docURL, _ := url.Parse(s.URL + "/npm/react-invenio-deposit")
	rel, err := httpcache.EntryDir(docURL, "react-invenio-deposit")
	if err != nil {
		t.Fatal(err)
	}
	body := filepath.Join(cache, filepath.FromSlash(rel), httpcache.BodyFile)
	if err := os.WriteFile(body, []byte(`{"name":"react-invenio-deposit","versions":{}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	s.ResetCounts()
	c = open(t, s, Options{CacheDir: cache, MaxAge: 1e12})
	h, err := c.History(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Releases) != 144 || s.Total() != 1 || c.Stats().Dropped != 1 {
		t.Errorf("%d releases, %d requests, %d dropped; want 144, 1, 1", len(h.Releases), s.Total(), c.Stats().Dropped)
	}
}

func TestIsNotCachedOffline(t *testing.T) {
	c := open(t, nil, Options{Offline: true, PyPIIndex: snapshotPyPI, NPMRegistry: snapshotNPM})
	_, err := c.History(context.Background(), mustPackage(t, "npm:react-searchkit"))
	if !errors.Is(err, fetch.ErrNotCached) {
		t.Errorf("err = %v", err)
	}
}

// A package the index does not know is an UnknownPackageError naming the
// package and the index, which is not a registry failure; a 5xx still is.
func TestUnknownPackage(t *testing.T) {
	s := registrytest.New()
	defer s.Close()
	c := open(t, s, Options{})
	for _, name := range []string{"PyPI:no-such-project", "npm:no-such-package"} {
		_, err := c.History(context.Background(), mustPackage(t, name))
		var up *UnknownPackageError
		if !errors.As(err, &up) || up.Package.String() != name || !strings.Contains(err.Error(), "no such package on "+s.URL+"/") {
			t.Errorf("%s: err = %v, want an UnknownPackageError naming the index", name, err)
		}
		var rf interface{ RegistryFailure() bool }
		if errors.As(err, &rf) && rf.RegistryFailure() {
			t.Errorf("%s: a 404 is a registry failure", name)
		}
		if !errors.Is(err, fetch.ErrNotFound) {
			t.Errorf("%s: err does not match fetch.ErrNotFound", name)
		}
	}
	_, err := c.Histories(context.Background(), mustPackages(t, "PyPI:no-such-project", "PyPI:other-missing"))
	var rf interface{ RegistryFailure() bool }
	if err == nil || (errors.As(err, &rf) && rf.RegistryFailure()) {
		t.Errorf("two unknown packages: err = %v, want no registry failure", err)
	}
}
