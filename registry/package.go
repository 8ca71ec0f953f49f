package registry

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/patchline/patchline/ecosystem"
)

// ParsePackage reads a package as users write it: "ECOSYSTEM:NAME"
// ("PyPI:invenio-app-rdm", "npm:@inveniosoftware/react-invenio-forms"; the
// ecosystem is matched case-insensitively) or a package URL
// ("pkg:pypi/invenio-app-rdm", "pkg:npm/%40scope/name", optionally with
// "@version", qualifiers and subpath, which are ignored). The name is
// normalised by the ecosystem.
func ParsePackage(s string) (Package, error) {
	s = strings.TrimSpace(s)
	var eco, name string
	if rest, ok := cutPrefixFold(s, "pkg:"); ok {
		typ, path, ok := strings.Cut(strings.TrimLeft(rest, "/"), "/")
		if !ok || path == "" {
			return Package{}, fmt.Errorf("invalid package URL %q: want pkg:TYPE/NAME", s)
		}
		path, _, _ = strings.Cut(path, "#")
		path, _, _ = strings.Cut(path, "?")
		// The version follows the last "@" of the last segment.
		if i := strings.LastIndexByte(path, '/'); strings.LastIndexByte(path, '@') > i && strings.LastIndexByte(path, '@') > 0 {
			path = path[:strings.LastIndexByte(path, '@')]
		}
		var segs []string
		for _, seg := range strings.Split(path, "/") {
			u, err := url.PathUnescape(seg)
			if err != nil {
				return Package{}, fmt.Errorf("invalid package URL %q: %v", s, err)
			}
			segs = append(segs, u)
		}
		switch strings.ToLower(typ) {
		case "pypi":
			eco = "PyPI"
		case "npm":
			eco = "npm"
		default:
			return Package{}, fmt.Errorf("package URL type %q is not supported (want pypi or npm)", typ)
		}
		name = strings.Join(segs, "/")
	} else {
		var ok bool
		eco, name, ok = strings.Cut(s, ":")
		if !ok {
			return Package{}, fmt.Errorf("invalid package %q: want ECOSYSTEM:NAME (PyPI:name, npm:@scope/name) or pkg:pypi/name", s)
		}
	}
	e, err := ecosystem.Lookup(eco)
	if err != nil {
		return Package{}, fmt.Errorf("invalid package %q: %w", s, err)
	}
	n, err := e.NormalizeName(name)
	if err != nil {
		return Package{}, err
	}
	return Package{Ecosystem: e.Name(), Name: n}, nil
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}
