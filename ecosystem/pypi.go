package ecosystem

import (
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/patchline/patchline/ecosystem/pep440"
)

func init() { register(pypi{}) }

// pypi is the PyPI ecosystem: PEP 440 versions and specifier sets as
// implemented by packaging (see package pep440), PEP 503 names.
type pypi struct{}

// PyPIVersion is a PyPI version. Other packages reach the PEP 440 details
// (epoch, release segments, local label) through PEP440.
type PyPIVersion struct{ v pep440.Version }

// String returns the PEP 440 normal form ("1.0.0-RC1" gives "1.0.0rc1").
func (p PyPIVersion) String() string { return p.v.String() }

// Prerelease reports a pre-release or development release (packaging's
// is_prerelease), which the default specifier rule excludes.
func (p PyPIVersion) Prerelease() bool { return p.v.IsPrerelease() }

// PEP440 returns the underlying PEP 440 version.
func (p PyPIVersion) PEP440() pep440.Version { return p.v }

// pypiRange is a PEP 440 specifier set.
type pypiRange struct {
	text string
	set  pep440.SpecifierSet
}

func (r pypiRange) String() string { return r.text }

func (r pypiRange) Contains(v Version, pre bool) bool {
	return r.set.Contains(asPyPI(v).v, prereleases(pre))
}

// InLine is Contains with pre-releases admitted: PEP 440's exclusive "<V"
// already leaves out the pre-releases of V (unless V is one itself).
func (r pypiRange) InLine(v Version) bool { return r.Contains(v, true) }

func (r pypiRange) Filter(vs []Version, pre bool) []int {
	pv := make([]pep440.Version, len(vs))
	for i, v := range vs {
		pv[i] = asPyPI(v).v
	}
	return r.set.Filter(pv, prereleases(pre))
}

// prereleases maps the interface's flag onto packaging's tri-state: false is
// packaging's default (None), true admits pre-releases (True).
func prereleases(pre bool) pep440.Prereleases {
	if pre {
		return pep440.PrereleasesInclude
	}
	return pep440.PrereleasesDefault
}

// asPyPI returns v as a PyPI version. Comparing versions of different
// ecosystems is a programming error, so it panics with a clear message.
func asPyPI(v Version) PyPIVersion {
	p, ok := v.(PyPIVersion)
	if !ok {
		panic(fmt.Sprintf("ecosystem: PyPI given a %T version %q", v, v))
	}
	return p
}

func (pypi) Name() string { return "PyPI" }

func (pypi) Parse(s string) (Version, error) {
	if why := versionTextProblem(s); why != "" {
		return nil, &Error{Ecosystem: "PyPI", Kind: "version", Input: s, Reason: why}
	}
	v, err := pep440.Parse(s)
	if err != nil {
		return nil, pypiError("version", s, err)
	}
	return PyPIVersion{v}, nil
}

// ParseRange parses a PEP 440 specifier set such as ">=1.0,<2". The empty
// string (or only whitespace and commas) is the empty set, which means any
// version: every final release, and pre-releases when pre is true (Filter
// also returns them when there is no final release at all).
func (pypi) ParseRange(s string) (Range, error) {
	set, err := pep440.ParseSpecifierSet(s)
	if err != nil {
		return nil, pypiError("range", s, err)
	}
	return pypiRange{text: strings.TrimSpace(s), set: set}, nil
}

func pypiError(kind, input string, err error) error {
	reason := err.Error()
	var pe *pep440.ParseError
	if errors.As(err, &pe) {
		reason = pe.Reason
	}
	return &Error{Ecosystem: "PyPI", Kind: kind, Input: input, Reason: reason}
}

func (pypi) Compare(a, b Version) int { return pep440.Compare(asPyPI(a).v, asPyPI(b).v) }

// NormalizeName validates a project name against the PEP 508 name grammar
// (ASCII letters and digits, with ".", "_" and "-" inside) and returns its
// PEP 503 normal form: runs of "-", "_" and "." become one "-", letters
// become lower case. Surrounding whitespace is an error, not trimmed, and
// so are non-ASCII letters (which Python's case-insensitive regex would
// let through) and a trailing newline (which its "$" would).
func (pypi) NormalizeName(name string) (string, error) {
	if reason := pep508NameProblem(name); reason != "" {
		return "", &Error{Ecosystem: "PyPI", Kind: "package name", Input: name, Reason: reason}
	}
	var b strings.Builder
	sep := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c == '-' || c == '_' || c == '.':
			sep = true
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		if sep {
			b.WriteByte('-')
			sep = false
		}
		b.WriteByte(c)
	}
	return b.String(), nil
}

// pep508NameProblem checks ^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$,
// case-insensitively, and says what is wrong.
func pep508NameProblem(name string) string {
	alnum := func(c byte) bool {
		return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
	}
	if name == "" {
		return "empty name"
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !alnum(c) && c != '-' && c != '_' && c != '.' {
			return fmt.Sprintf("character %q at offset %d is not allowed (ASCII letters, digits, \".\", \"_\" and \"-\" only)", rune(c), i)
		}
	}
	if !alnum(name[0]) || !alnum(name[len(name)-1]) {
		return "must start and end with a letter or digit"
	}
	return ""
}

// Series is the epoch, when not zero, and the first release segment:
// "13" for 13.1.2, "1!2" for 1!2.0.
func (pypi) Series(v Version) string {
	p := asPyPI(v).v
	rel := p.Release()
	if len(rel) == 0 {
		return "" // the zero PyPIVersion, not a parsed one
	}
	first := rel[0].String()
	if e := p.Epoch(); e.Sign() != 0 {
		return e.String() + "!" + first
	}
	return first
}

// MinorSeries is the epoch (when not 0) and the first two release
// segments, a missing second segment counting as 0: 13.1 for 13.1.2, 13.0
// for 13, 1!2.0 for 1!2.0.5.
func (pypi) MinorSeries(v Version) string {
	p := asPyPI(v).v
	rel := p.Release()
	if len(rel) == 0 {
		return "" // the zero PyPIVersion, not a parsed one
	}
	s := rel[0].String() + ".0"
	if len(rel) > 1 {
		s = rel[0].String() + "." + rel[1].String()
	}
	if e := p.Epoch(); e.Sign() != 0 {
		return e.String() + "!" + s
	}
	return s
}

// NextPatch returns the release to publish after v on its line, without
// pre-, post-, dev-release or local label, epoch kept:
//   - a version that sorts before its own release (a pre-release such as
//     13.0.0rc1, or a dev release such as 13.0.0.dev1) gives that release,
//     13.0.0;
//   - any other version (final, post release, dev release of a post
//     release, local version) gives its release with the last segment
//     incremented: 13.1.2 and 13.1.2.post1 give 13.1.3, 2.0 gives 2.1.
func (pypi) NextPatch(v Version) Version {
	p := asPyPI(v).v
	base := p.BaseVersion()
	if pep440.Compare(p, base) < 0 {
		return PyPIVersion{base}
	}
	rel := p.Release()
	if len(rel) == 0 {
		return v // the zero PyPIVersion, not a parsed one
	}
	last := rel[len(rel)-1]
	last.Add(last, big.NewInt(1))
	var b strings.Builder
	if e := p.Epoch(); e.Sign() != 0 {
		b.WriteString(e.String() + "!")
	}
	for i, n := range rel {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(n.String())
	}
	return PyPIVersion{pep440.MustParse(b.String())}
}
