package osv

import (
	"fmt"
	"net/url"
	"strings"
)

// PackageURL is a parsed package URL (https://github.com/package-url/purl-spec):
// pkg:type/namespace/name@version?qualifiers#subpath. Namespace, Name and
// Version are percent-decoded.
type PackageURL struct {
	Type       string
	Namespace  string
	Name       string
	Version    string
	Qualifiers string // as written, without "?"
	Subpath    string // as written, without "#"
}

// purlTypes maps the OSV ecosystems patchline writes to purl types.
var purlTypes = map[string]string{"PyPI": "pypi", "npm": "npm"}

// PurlType returns the purl type of an OSV ecosystem patchline writes
// records for ("pypi", "npm"), or "".
func PurlType(ecosystem string) string { return purlTypes[ecosystem] }

// BuildPackageURL returns the package URL of a package, without a version,
// as OSV's package.purl wants it, in the canonical form of the purl
// specification for the type: for PyPI the name lower-cased with "_" as
// "-" (the name should already be PEP 503 normalised, as OSV requires);
// for npm the scope as a namespace with its "@" encoded, both lower-cased.
// It returns false for ecosystems other than PyPI and npm.
func BuildPackageURL(ecosystem, name string) (string, bool) {
	switch ecosystem {
	case "PyPI":
		return "pkg:pypi/" + purlEscape(strings.ReplaceAll(strings.ToLower(name), "_", "-")), true
	case "npm":
		name = strings.ToLower(name)
		if scope, pkg, ok := strings.Cut(name, "/"); ok && strings.HasPrefix(scope, "@") {
			return "pkg:npm/" + purlEscape(scope) + "/" + purlEscape(pkg), true
		}
		return "pkg:npm/" + purlEscape(name), true
	}
	return "", false
}

// purlEscape percent-encodes a namespace or name segment: everything but
// ASCII letters, digits and ".-_~".
func purlEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '.', c == '-', c == '_', c == '~':
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// ParsePackageURL parses a package URL. It is lenient where the
// specification's own parsers are (the scheme's case, slashes after
// "pkg:"), and strict where a mistake would name another package.
func ParsePackageURL(s string) (PackageURL, error) {
	var p PackageURL
	bad := func(reason string) (PackageURL, error) {
		return PackageURL{}, fmt.Errorf("invalid package URL %q: %s", s, reason)
	}
	rest := s
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		rest, p.Subpath = rest[:i], rest[i+1:]
	}
	if i := strings.IndexByte(rest, '?'); i >= 0 {
		rest, p.Qualifiers = rest[:i], rest[i+1:]
	}
	scheme, rest, ok := strings.Cut(rest, ":")
	if !ok || !strings.EqualFold(scheme, "pkg") {
		return bad(`it must start with "pkg:"`)
	}
	rest = strings.TrimLeft(rest, "/")
	typ, rest, ok := strings.Cut(rest, "/")
	if !ok || typ == "" {
		return bad("it has no type or no name")
	}
	p.Type = strings.ToLower(typ)
	rest = strings.TrimRight(rest, "/")
	// The version follows the last "@" that does not open a segment (an
	// unencoded npm scope "@scope" would otherwise read as a version).
	if i := strings.LastIndexByte(rest, '@'); i > 0 && rest[i-1] != '/' {
		v, err := url.PathUnescape(rest[i+1:])
		if err != nil {
			return bad("bad percent-encoding in the version")
		}
		rest, p.Version = rest[:i], v
	}
	segs := strings.Split(rest, "/")
	for i, seg := range segs {
		d, err := url.PathUnescape(seg)
		if err != nil {
			return bad("bad percent-encoding")
		}
		if d == "" {
			return bad("empty path segment")
		}
		segs[i] = d
	}
	p.Name = segs[len(segs)-1]
	p.Namespace = strings.Join(segs[:len(segs)-1], "/")
	return p, nil
}
