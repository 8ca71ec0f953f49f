// Package ecosystem owns all version semantics of patchline: parsing,
// ordering and range evaluation for each supported package ecosystem, package
// name normalisation, the series a version belongs to and the next patch
// version of a series. Nothing outside this package (and its scheme
// sub-packages) compares version strings.
//
// Each ecosystem is implemented to the letter of its reference implementation:
// PyPI follows PEP 440 as implemented by Python's packaging (>= 24), npm
// follows node-semver 7. Both are held to those references by the committed
// conformance corpora under testdata/.
package ecosystem

import (
	"fmt"
	"sort"
	"strings"
)

// Version is a parsed version of one ecosystem. Versions of different
// ecosystems are never compared with each other.
type Version interface {
	// String returns the canonical form of the version (PEP 440 normal form,
	// node-semver's formatted version).
	String() string
	// Prerelease reports whether the ecosystem treats the version as a
	// pre-release (PEP 440: a, b, rc or dev; node-semver: a pre-release tag).
	Prerelease() bool
}

// Range is a parsed version range in an ecosystem's own syntax: a PEP 440
// specifier set for PyPI, a node-semver range for npm.
type Range interface {
	// String returns the range as written (after trimming), for messages.
	String() string
	// Contains reports whether v is in the range. With pre false the
	// ecosystem's default pre-release rule applies (packaging's
	// prereleases=None, node-semver's default); with pre true pre-releases
	// are admitted (prereleases=True, includePrerelease).
	Contains(v Version, pre bool) bool
	// Filter returns the indices of vs that the ecosystem's reference
	// implementation returns, in input order: for PyPI what packaging's
	// SpecifierSet.filter returns (with pre false, its fallback to
	// pre-releases when no final release matches applies to the empty set
	// only, as in packaging 24), for npm the versions that satisfy.
	Filter(vs []Version, pre bool) []int
	// InLine reports whether v belongs to the release line the range
	// delimits in a policy (design §2.3): pre-releases are admitted, as a
	// line's release candidates are the line's, except the pre-releases of
	// an exclusive upper bound's version, which belong to the next line
	// (npm "<5.0.0" leaves out 5.0.0-alpha.1, as PEP 440's "<5.0.0"
	// already does).
	InLine(v Version) bool
}

// Ecosystem is the version semantics of one package ecosystem.
type Ecosystem interface {
	// Name is the OSV spelling of the ecosystem: "PyPI" or "npm".
	Name() string
	// Parse parses a version string as the ecosystem's tools accept it.
	Parse(s string) (Version, error)
	// ParseRange parses a range in the ecosystem's syntax.
	ParseRange(s string) (Range, error)
	// Compare orders two versions of this ecosystem: -1, 0 or +1.
	Compare(a, b Version) int
	// NormalizeName returns the canonical package name (PEP 503 for PyPI,
	// validated lower-case name with optional scope for npm).
	NormalizeName(name string) (string, error)
	// Series returns the series a version belongs to when no policy line
	// claims it (design §2.2): for npm the major, or major.minor under 1.0.0;
	// for PyPI the epoch and first release segment.
	Series(v Version) string
	// MinorSeries returns the minor series of a version, the unit that
	// receives patch releases: major.minor for npm, epoch and the first two
	// release segments for PyPI (13.1 for 13.1.2, 13.0 for 13).
	MinorSeries(v Version) string
	// NextPatch returns the next patch version after v: a pre-release,
	// development or post release gives its base release's successor in the
	// series as the ecosystem's tools do (PEP 440: increment the last release
	// segment; npm: patch + 1, or the release itself for a pre-release).
	NextPatch(v Version) Version
}

// Error is returned for an input that is not valid in an ecosystem. Its
// message names the offending token so that users can find it.
type Error struct {
	Ecosystem string // "PyPI" or "npm"
	Kind      string // "version", "range", "package name"
	Input     string // the offending input as given
	Reason    string // why it is invalid, optional
}

func (e *Error) Error() string {
	msg := fmt.Sprintf("invalid %s %s %q", e.Ecosystem, e.Kind, e.Input)
	if e.Reason != "" {
		msg += ": " + e.Reason
	}
	return msg
}

var registered = map[string]Ecosystem{}

// register makes an ecosystem available through Lookup; called from the
// init functions of the scheme files.
func register(e Ecosystem) { registered[strings.ToLower(e.Name())] = e }

// Lookup returns the ecosystem with the given OSV name. The match is
// case-insensitive so that users may type "pypi" on the command line.
func Lookup(name string) (Ecosystem, error) {
	if e, ok := registered[strings.ToLower(strings.TrimSpace(name))]; ok {
		return e, nil
	}
	return nil, fmt.Errorf("unknown ecosystem %q (known: %s)", name, strings.Join(Names(), ", "))
}

// Names lists the known ecosystems in OSV spelling, sorted.
func Names() []string {
	var names []string
	for _, e := range registered {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

// Sort sorts versions ascending in the ecosystem's order. The sort is stable
// so that equal versions (1.0 and 1.0.0 in PyPI) keep their input order.
func Sort(e Ecosystem, vs []Version) {
	sort.SliceStable(vs, func(i, j int) bool { return e.Compare(vs[i], vs[j]) < 0 })
}
