// Package pkgref owns package references: the ECOSYSTEM:NAME and package URL
// (purl) spellings by which policies, reports and the command line name a
// package, and the name patterns (globs) by which a policy says which
// packages the project publishes.
//
// A reference is always normalised: the ecosystem in OSV's spelling (PyPI,
// npm) and the name in the ecosystem's canonical form (PEP 503 for PyPI), so
// that two references to the same package are equal as Go values and can be
// used as map keys. It is shared by the policy, the report and the analyzer
// so that all three agree on what "the same package" means.
package pkgref

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/patchline/patchline/ecosystem"
)

// Ref names one package of one ecosystem. The zero Ref names nothing.
type Ref struct {
	Ecosystem string // OSV spelling: "PyPI", "npm"
	Name      string // normalised by the ecosystem
}

// New returns the reference to name in the ecosystem eco (matched
// case-insensitively), with the name normalised by the ecosystem.
func New(eco, name string) (Ref, error) {
	e, err := ecosystem.Lookup(eco)
	if err != nil {
		return Ref{}, err
	}
	if name == "" {
		return Ref{}, fmt.Errorf("missing package name after %q", e.Name()+":")
	}
	norm, err := e.NormalizeName(name)
	if err != nil {
		return Ref{}, err
	}
	return Ref{Ecosystem: e.Name(), Name: norm}, nil
}

// Parse parses a package reference written as ECOSYSTEM:NAME
// (PyPI:invenio-app-rdm, npm:@inveniosoftware/react-invenio-forms) or as a
// package URL (pkg:pypi/invenio-app-rdm, pkg:npm/%40scope/name, where the
// npm scope may also be written with a plain @).
//
// A package URL must name a package, not one version of it: a version,
// qualifiers or a subpath are errors rather than silently dropped.
func Parse(s string) (Ref, error) {
	s = strings.TrimSpace(s)
	if len(s) >= 4 && strings.EqualFold(s[:4], "pkg:") {
		return parsePURL(s)
	}
	eco, name, ok := strings.Cut(s, ":")
	if !ok || eco == "" {
		return Ref{}, fmt.Errorf("invalid package reference %q: want ECOSYSTEM:NAME (PyPI:name, npm:name) or a package URL (pkg:pypi/name)", s)
	}
	r, err := New(eco, name)
	if err != nil {
		return Ref{}, fmt.Errorf("invalid package reference %q: %w", s, err)
	}
	return r, nil
}

// purlTypes maps package URL types to OSV ecosystem names.
var purlTypes = map[string]string{"pypi": "PyPI", "npm": "npm"}

// parsePURL parses pkg:TYPE/[NAMESPACE/]NAME as the purl specification
// defines it: each segment percent-decoded, the type case-insensitive.
func parsePURL(s string) (Ref, error) {
	fail := func(format string, args ...any) (Ref, error) {
		return Ref{}, fmt.Errorf("invalid package URL %q: %s", s, fmt.Sprintf(format, args...))
	}
	rest := s[4:]
	rest = strings.TrimLeft(rest, "/") // the specification tolerates pkg://type/...
	if i := strings.IndexAny(rest, "?#"); i >= 0 {
		return fail("qualifiers and subpaths (%q) are not allowed in a package reference", rest[i:])
	}
	typ, path, ok := strings.Cut(rest, "/")
	if !ok || typ == "" {
		return fail("want pkg:TYPE/NAME")
	}
	eco, ok := purlTypes[strings.ToLower(typ)]
	if !ok {
		if e, err := ecosystem.Lookup(typ); err == nil {
			eco = e.Name()
		} else {
			return fail("unknown package type %q (known: pypi, npm)", typ)
		}
	}
	segs := strings.Split(strings.Trim(path, "/"), "/")
	// The version separator is an unencoded @ inside the last segment; an
	// npm scope's @ starts the namespace segment instead.
	if last := segs[len(segs)-1]; strings.LastIndex(last, "@") > 0 {
		return fail("a package reference names a package, not version %q", last[strings.LastIndex(last, "@")+1:])
	}
	for i, seg := range segs {
		dec, err := url.PathUnescape(seg)
		if err != nil {
			return fail("bad percent-encoding in %q", seg)
		}
		segs[i] = dec
	}
	var name string
	switch {
	case len(segs) == 1:
		name = segs[0]
		if eco == "npm" && strings.HasPrefix(name, "@") {
			return fail("npm scope %q without a package name", name)
		}
	case len(segs) == 2 && eco == "npm":
		if !strings.HasPrefix(segs[0], "@") {
			return fail("npm namespace %q must be a scope starting with @ (%%40)", segs[0])
		}
		name = segs[0] + "/" + segs[1]
	default:
		return fail("%s package URLs have %s", eco, map[bool]string{true: "at most a scope and a name", false: "no namespace"}[eco == "npm"])
	}
	if name == "" {
		return fail("missing package name")
	}
	r, err := New(eco, name)
	if err != nil {
		return fail("%v", err)
	}
	return r, nil
}

// String returns the reference as ECOSYSTEM:NAME, the form patchline prints.
func (r Ref) String() string {
	if r == (Ref{}) {
		return ""
	}
	return r.Ecosystem + ":" + r.Name
}

// PURL returns the reference as a package URL: pkg:pypi/name,
// pkg:npm/name or pkg:npm/%40scope/name, as the purl specification and OSV
// write them.
func (r Ref) PURL() string {
	if r == (Ref{}) {
		return ""
	}
	typ := strings.ToLower(r.Ecosystem)
	if scope, name, ok := strings.Cut(r.Name, "/"); ok {
		return "pkg:" + typ + "/" + purlEscape(scope) + "/" + purlEscape(name)
	}
	return "pkg:" + typ + "/" + purlEscape(r.Name)
}

// purlEscape percent-encodes a purl segment. url.PathEscape leaves @ alone,
// but the purl specification requires it encoded (an npm scope is %40scope).
func purlEscape(s string) string {
	return strings.ReplaceAll(url.PathEscape(s), "@", "%40")
}

// Lookup returns the reference's ecosystem.
func (r Ref) Lookup() (ecosystem.Ecosystem, error) {
	return ecosystem.Lookup(r.Ecosystem)
}

// Compare orders references by ecosystem, then name, for stable output.
func Compare(a, b Ref) int {
	if c := strings.Compare(a.Ecosystem, b.Ecosystem); c != 0 {
		return c
	}
	return strings.Compare(a.Name, b.Name)
}
