package httpcache

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestEntryDir(t *testing.T) {
	digest := func(k string) string { return urlDigestOf(k) }
	tests := []struct {
		url, pkg, want string
	}{
		{"https://pypi.example.test/simple/invenio-app-rdm/", "invenio-app-rdm", "pypi.example.test/invenio-app-rdm/" + digest("/simple/invenio-app-rdm")},
		// A trailing slash does not change the entry; the scheme is no part of it.
		{"http://pypi.example.test/simple/invenio-app-rdm", "invenio-app-rdm", "pypi.example.test/invenio-app-rdm/" + digest("/simple/invenio-app-rdm")},
		{"http://127.0.0.1:8080/npm/@inveniosoftware%2freact-invenio-forms", "@inveniosoftware/react-invenio-forms", "127.0.0.1_8080/@inveniosoftware+react-invenio-forms/" + digest("/npm/@inveniosoftware%2freact-invenio-forms")},
		{"http://[::1]:99/a", "a", "ipv6_00000000000000000000000000000001_99/a/" + digest("/a")},
		{"https://HOST.example.test./", "", "host.example.test/_/" + digest("/")},
		{"https://h.example.test/pypi/x/1.0/json?a=b&c", "x", "h.example.test/x/" + digest("/pypi/x/1.0/json?a=b&c")},
		{"https://h.example.test/a/../b/./c", "JSONStream", "h.example.test/jsonstream/" + digest("/a/../b/./c")},
		{"https://h.example.test/_body/_meta.json", "x", "h.example.test/x/" + digest("/_body/_meta.json")},
	}
	for _, tt := range tests {
		got, err := EntryDir(mustURL(t, tt.url), tt.pkg)
		if err != nil || got != tt.want {
			t.Errorf("EntryDir(%s, %q) = %q, %v; want %q", tt.url, tt.pkg, got, err, tt.want)
		}
	}
}

func urlDigestOf(k string) string {
	h := sha256.Sum256([]byte(k))
	return hex.EncodeToString(h[:])[:32]
}

func TestEntryDirRefusesUnsafeParts(t *testing.T) {
	tests := []struct{ url, pkg string }{
		{"http://../evil/x.whl", "x"},
		{"http://./x", "x"},
		{"http://a..b/x", "x"},
		{"http://-a.example.test/x", "x"},
		{"http://a_b.example.test/x", "x"},
		{"http://a%2fb/x", "x"},
		{"http://h.example.test/x", ".."},
		{"http://h.example.test/x", "../x"},
		{"http://h.example.test/x", "a/b"},
		{"http://h.example.test/x", "_body"},
		{"http://h.example.test/x", "a\\b"},
		{"http://h.example.test/x", "@scope/../x"},
		{"http://h.example.test:99999/x", "x"},
	}
	for _, tt := range tests {
		u, err := url.Parse(tt.url)
		if err != nil {
			continue // not even a URL: nothing to cache
		}
		if dir, err := EntryDir(u, tt.pkg); !errors.Is(err, ErrUnsafeKey) {
			t.Errorf("EntryDir(%s, %q) = %q, %v; want ErrUnsafeKey", tt.url, tt.pkg, dir, err)
		}
	}
}

// A URL from a registry answer decides nothing about where the cache reads,
// writes or deletes: a core-metadata URL "http://../evil/x.whl" once put the
// entry at CACHE/../evil, where a corrupt-entry drop deleted files.
func TestNothingHappensOutsideTheCache(t *testing.T) {
	top := t.TempDir()
	s := New(filepath.Join(top, "cache"))
	evil := filepath.Join(top, "evil", "x.whl")
	if err := os.MkdirAll(evil, 0o755); err != nil {
		t.Fatal(err)
	}
	victim := filepath.Join(evil, MetaFile)
	if err := os.WriteFile(victim, []byte("not a sidecar"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, raw := range []string{"http://../evil/x.whl", "http://h.example.test/../../evil/x.whl", "http://h.example.test/%2e%2e/%2e%2e/evil/x.whl"} {
		u := mustURL(t, raw)
		if _, err := s.Get(u, "x"); !errors.Is(err, ErrMiss) {
			t.Errorf("Get(%s) = %v, want a miss", raw, err)
		}
		_ = s.Put(u, "x", Meta{URL: raw}, []byte("body"))
	}
	if b, err := os.ReadFile(victim); err != nil || string(b) != "not a sidecar" {
		t.Errorf("file outside the cache changed: %q, %v", b, err)
	}
	entries, _ := os.ReadDir(evil)
	if len(entries) != 1 {
		t.Errorf("files written outside the cache: %v", entries)
	}
	// A symbolic link planted in the tree does not lead out either.
	u := mustURL(t, "http://h.example.test/y")
	dir, _ := EntryDir(u, "y")
	link := filepath.Join(s.Dir(), filepath.FromSlash(dir))
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(evil, link); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(u, "y"); !errors.Is(err, ErrMiss) {
		t.Errorf("Get through a link = %v, want a miss", err)
	}
	if err := s.Put(u, "y", Meta{URL: u.String()}, []byte("body")); err == nil {
		t.Errorf("Put through a link outside the cache succeeded")
	}
	if b, err := os.ReadFile(victim); err != nil || string(b) != "not a sidecar" {
		t.Errorf("file outside the cache changed through a link: %q, %v", b, err)
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestPutGetTouch(t *testing.T) {
	s := New(t.TempDir())
	u := mustURL(t, "http://registry.example.test/npm/react-searchkit")
	child := mustURL(t, "http://registry.example.test/npm/react-searchkit/1.0.0")
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	if _, err := s.Get(u, "react-searchkit"); !errors.Is(err, ErrMiss) {
		t.Fatalf("Get on empty store: %v, want ErrMiss", err)
	}
	if err := s.Put(u, "react-searchkit", Meta{URL: u.String(), ContentType: "application/json", ETag: `"v1"`, FetchedAt: at}, []byte(`{"a":1}`)); err != nil {
		t.Fatal(err)
	}
	// A longer URL below an entry is its own entry, not a conflict.
	if err := s.Put(child, "react-searchkit", Meta{URL: child.String(), FetchedAt: at}, []byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	e, err := s.Get(u, "react-searchkit")
	if err != nil {
		t.Fatal(err)
	}
	want := Meta{URL: u.String(), Status: 200, ContentType: "application/json", ETag: `"v1"`, FetchedAt: at, Size: 7, SHA256: Sum([]byte(`{"a":1}`))}
	if diff := cmp.Diff(want, e.Meta); diff != "" {
		t.Errorf("meta (-want +got):\n%s", diff)
	}
	later := at.Add(time.Hour)
	if err := s.Touch(u, "react-searchkit", e, later, `"v2"`, ""); err != nil {
		t.Fatal(err)
	}
	e2, err := s.Get(u, "react-searchkit")
	if err != nil {
		t.Fatal(err)
	}
	if !e2.Meta.FetchedAt.Equal(later) || e2.Meta.ETag != `"v2"` || string(e2.Body) != `{"a":1}` {
		t.Errorf("after Touch: %+v %q", e2.Meta, e2.Body)
	}
	// No temporary files are left behind.
	matches, _ := filepath.Glob(filepath.Join(s.Dir(), "registry.example.test", "react-searchkit", "*", ".tmp-*"))
	if len(matches) != 0 {
		t.Errorf("temporary files left: %v", matches)
	}
}

func TestCorruptEntriesAreDropped(t *testing.T) {
	tests := []struct {
		name   string
		damage func(dir string) error
	}{
		{"body changed", func(dir string) error { return os.WriteFile(filepath.Join(dir, BodyFile), []byte(`{"a":2}`), 0o644) }},
		{"body truncated", func(dir string) error { return os.WriteFile(filepath.Join(dir, BodyFile), []byte(`{"a"`), 0o644) }},
		{"body missing", func(dir string) error { return os.Remove(filepath.Join(dir, BodyFile)) }},
		{"sidecar not JSON", func(dir string) error { return os.WriteFile(filepath.Join(dir, MetaFile), []byte(`{"url":`), 0o644) }},
		{"sidecar unknown field", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, MetaFile), []byte(`{"url":"x","status":200,"bogus":1}`), 0o644)
		}},
		{"sidecar status 404", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, MetaFile), []byte(`{"url":"x","status":404,"size":7}`), 0o644)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := New(t.TempDir())
			u := mustURL(t, "http://registry.example.test/x")
			if err := s.Put(u, "x", Meta{URL: u.String(), FetchedAt: time.Now()}, []byte(`{"a":1}`)); err != nil {
				t.Fatal(err)
			}
			rel, err := EntryDir(u, "x")
			if err != nil {
				t.Fatal(err)
			}
			dir := filepath.Join(s.Dir(), filepath.FromSlash(rel))
			if err := tt.damage(dir); err != nil {
				t.Fatal(err)
			}
			_, err = s.Get(u, "x")
			var ce *CorruptError
			if !errors.As(err, &ce) || !errors.Is(err, ErrMiss) {
				t.Fatalf("Get = %v, want a CorruptError matching ErrMiss", err)
			}
			for _, f := range []string{BodyFile, MetaFile} {
				if _, err := os.Stat(filepath.Join(dir, f)); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("%s still present after drop (err %v)", f, err)
				}
			}
			if _, err := s.Get(u, "x"); err != ErrMiss {
				t.Errorf("second Get = %v, want plain ErrMiss", err)
			}
		})
	}
}

func TestDefaultDir(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", "/x/cache")
	d, err := DefaultDir()
	if err != nil || d != "/x/cache/patchline" {
		t.Errorf("DefaultDir = %q, %v", d, err)
	}
}
