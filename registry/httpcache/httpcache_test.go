package httpcache

import (
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestEntryDir(t *testing.T) {
	tests := []struct {
		url, want string
	}{
		{"https://pypi.example.test/simple/invenio-app-rdm/", "pypi.example.test/simple/invenio-app-rdm"},
		{"https://pypi.example.test/simple/invenio-app-rdm", "pypi.example.test/simple/invenio-app-rdm"},
		{"http://127.0.0.1:8080/npm/@inveniosoftware%2freact-invenio-forms", "127.0.0.1_8080/npm/@inveniosoftware%2freact-invenio-forms"},
		{"http://[::1]:99/a", "::1_99/a"},
		{"https://HOST.example.test/", "host.example.test"},
		{"https://h.example.test/a/../b/./c", "h.example.test/a/%2E./b/%2E/c"},
		{"https://h.example.test/_body/_meta.json", "h.example.test/%5Fbody/%5Fmeta.json"},
		{"https://h.example.test/.well-known/x", "h.example.test/%2Ewell-known/x"},
		{"https://h.example.test/pypi/x/1.0/json?a=b&c", "h.example.test/pypi/x/1.0/json%3Fa=b&c"},
		{"https://h.example.test/?q=1", "h.example.test/%3Fq=1"},
		{"https://h.example.test/files/a%20b.whl.metadata", "h.example.test/files/a%20b.whl.metadata"},
	}
	for _, tt := range tests {
		u, err := url.Parse(tt.url)
		if err != nil {
			t.Fatal(err)
		}
		if got := EntryDir(u); got != tt.want {
			t.Errorf("EntryDir(%s) = %q, want %q", tt.url, got, tt.want)
		}
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
	if _, err := s.Get(u); !errors.Is(err, ErrMiss) {
		t.Fatalf("Get on empty store: %v, want ErrMiss", err)
	}
	if err := s.Put(u, Meta{URL: u.String(), ContentType: "application/json", ETag: `"v1"`, FetchedAt: at}, []byte(`{"a":1}`)); err != nil {
		t.Fatal(err)
	}
	// A longer URL below an entry is its own entry, not a conflict.
	if err := s.Put(child, Meta{URL: child.String(), FetchedAt: at}, []byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	e, err := s.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	want := Meta{URL: u.String(), Status: 200, ContentType: "application/json", ETag: `"v1"`, FetchedAt: at, Size: 7, SHA256: Sum([]byte(`{"a":1}`))}
	if diff := cmp.Diff(want, e.Meta); diff != "" {
		t.Errorf("meta (-want +got):\n%s", diff)
	}
	later := at.Add(time.Hour)
	if err := s.Touch(u, e, later, `"v2"`, ""); err != nil {
		t.Fatal(err)
	}
	e2, err := s.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	if !e2.Meta.FetchedAt.Equal(later) || e2.Meta.ETag != `"v2"` || string(e2.Body) != `{"a":1}` {
		t.Errorf("after Touch: %+v %q", e2.Meta, e2.Body)
	}
	// No temporary files are left behind.
	matches, _ := filepath.Glob(filepath.Join(s.Dir(), "registry.example.test", "npm", "react-searchkit", ".tmp-*"))
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
			if err := s.Put(u, Meta{URL: u.String(), FetchedAt: time.Now()}, []byte(`{"a":1}`)); err != nil {
				t.Fatal(err)
			}
			dir := filepath.Join(s.Dir(), "registry.example.test", "x")
			if err := tt.damage(dir); err != nil {
				t.Fatal(err)
			}
			_, err := s.Get(u)
			var ce *CorruptError
			if !errors.As(err, &ce) || !errors.Is(err, ErrMiss) {
				t.Fatalf("Get = %v, want a CorruptError matching ErrMiss", err)
			}
			for _, f := range []string{BodyFile, MetaFile} {
				if _, err := os.Stat(filepath.Join(dir, f)); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("%s still present after drop (err %v)", f, err)
				}
			}
			if _, err := s.Get(u); err != ErrMiss {
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
