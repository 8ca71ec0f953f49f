package pkgref

import (
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/patchline/patchline/ecosystem"
)

// Pattern is a package name pattern of one ecosystem, such as invenio-* or
// @inveniosoftware/*. It matches normalised names with path.Match: * and ?
// do not cross a /, so * matches unscoped npm names only and
// @inveniosoftware/* matches the packages of one scope. A pattern without
// wildcards names exactly one package.
//
// The literal parts of a pattern are normalised as names are (PEP 503 for
// PyPI: Invenio_* and invenio-* are the same pattern), so that a pattern
// matches however the package's name is spelt. Character classes ([...])
// are kept as written and compared with normalised names, so write them in
// lower case.
type Pattern struct {
	Ecosystem string // OSV spelling
	Glob      string // normalised
}

// NewPattern validates and normalises glob for the ecosystem eco.
func NewPattern(eco, glob string) (Pattern, error) {
	e, err := ecosystem.Lookup(eco)
	if err != nil {
		return Pattern{}, err
	}
	if strings.TrimSpace(glob) == "" {
		return Pattern{}, fmt.Errorf("empty package pattern")
	}
	if _, err := path.Match(glob, ""); err != nil {
		return Pattern{}, fmt.Errorf("invalid package pattern %q: %v", glob, err)
	}
	norm, err := normalizeGlob(e, glob)
	if err != nil {
		return Pattern{}, err
	}
	return Pattern{Ecosystem: e.Name(), Glob: norm}, nil
}

// normalizeGlob normalises the literal parts of glob through the
// ecosystem's NormalizeName: every wildcard, character class and escape is
// swapped for a placeholder that is a valid, already normal name part
// (lower-case letters and digits), the result is normalised as a name, and
// the wildcards are put back.
func normalizeGlob(e ecosystem.Ecosystem, glob string) (string, error) {
	var metas []string
	var b strings.Builder
	marker := func(i int) string { return "zqz" + strconv.Itoa(i) + "qzq" }
	for i := 0; i < len(glob); {
		var tok string
		switch glob[i] {
		case '*', '?':
			tok = glob[i : i+1]
		case '\\':
			tok = glob[i:min(i+2, len(glob))]
		case '[':
			j := i + 1
			if j < len(glob) && glob[j] == '^' {
				j++
			}
			if j < len(glob) && glob[j] == ']' {
				j++
			}
			for j < len(glob) && glob[j] != ']' {
				if glob[j] == '\\' {
					j++
				}
				j++
			}
			tok = glob[i:min(j+1, len(glob))]
		default:
			b.WriteByte(glob[i])
			i++
			continue
		}
		b.WriteString(marker(len(metas)))
		metas = append(metas, tok)
		i += len(tok)
	}
	if len(metas) == 0 {
		norm, err := e.NormalizeName(glob)
		if err != nil {
			return "", fmt.Errorf("invalid package pattern %q: %w", glob, err)
		}
		return norm, nil
	}
	if strings.Contains(strings.ToLower(glob), "zqz") {
		// The placeholder could collide with the pattern's own text; keep
		// such a pattern as written rather than risk a wrong rewrite.
		return glob, nil
	}
	norm, err := e.NormalizeName(b.String())
	if err != nil {
		return "", fmt.Errorf("invalid package pattern %q: its literal parts do not form a valid name: %w", glob, err)
	}
	for i, m := range metas {
		if !strings.Contains(norm, marker(i)) {
			return "", fmt.Errorf("invalid package pattern %q", glob)
		}
		norm = strings.Replace(norm, marker(i), m, 1)
	}
	return norm, nil
}

// Match reports whether the pattern matches the package.
func (p Pattern) Match(r Ref) bool {
	if r.Ecosystem != p.Ecosystem {
		return false
	}
	ok, err := path.Match(p.Glob, r.Name)
	return err == nil && ok
}

// String returns the pattern as ECOSYSTEM:GLOB.
func (p Pattern) String() string { return p.Ecosystem + ":" + p.Glob }
