package httpcache

import (
	"errors"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzEntryDir: whatever the URL and package name, the entry directory is
// three local path elements made of safe characters, or the pair is refused.
func FuzzEntryDir(f *testing.F) {
	for _, s := range [][2]string{
		{"http://../evil/x.whl", "x"},
		{"https://pypi.example.test/simple/invenio-app-rdm/", "invenio-app-rdm"},
		{"http://[::1]:8080/npm/@scope%2fname", "@scope/name"},
		{"http://h.example.test/%2e%2e/%2e%2e/x?a=../b", "../x"},
		{"http://h.example.test./a", "_body"},
		{"http://a%2fb/x", "x\x00"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, raw, pkg string) {
		u, err := url.Parse(raw)
		if err != nil {
			return
		}
		dir, err := EntryDir(u, pkg)
		if err != nil {
			if !errors.Is(err, ErrUnsafeKey) {
				t.Fatalf("EntryDir(%q, %q): %v, not ErrUnsafeKey", raw, pkg, err)
			}
			return
		}
		parts := strings.Split(dir, "/")
		if len(parts) != 3 || !filepath.IsLocal(filepath.FromSlash(dir)) {
			t.Fatalf("EntryDir(%q, %q) = %q: not three local elements", raw, pkg, dir)
		}
		for _, p := range parts {
			if p == "" || p == "." || p == ".." || strings.HasPrefix(p, ".") || strings.ContainsAny(p, "\\:%\x00") {
				t.Fatalf("EntryDir(%q, %q) = %q: unsafe element %q", raw, pkg, dir, p)
			}
		}
	})
}
