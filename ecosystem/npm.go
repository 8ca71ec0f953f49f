package ecosystem

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/patchline/patchline/ecosystem/npmsemver"
)

func init() { register(npm{}) }

// npm is the npm ecosystem: node-semver 7 versions and ranges (see package
// npmsemver) and npm package names.
type npm struct{}

// NPMVersion is an npm version. Other packages reach the semver details
// through SemVer.
type NPMVersion struct{ v *npmsemver.Version }

// String returns node-semver's formatted version: no "v", no surrounding
// whitespace, no build metadata ("v1.2.3-rc.1+sha" gives "1.2.3-rc.1").
func (n NPMVersion) String() string { return n.v.String() }

// Prerelease reports a pre-release tag, which ranges exclude by default.
func (n NPMVersion) Prerelease() bool { return n.v.Prerelease() }

// SemVer returns the underlying node-semver version.
func (n NPMVersion) SemVer() *npmsemver.Version { return n.v }

// npmRange is a node-semver range parsed in both of node-semver's modes,
// because includePrerelease changes the desugared bounds and not only the
// pre-release rule.
type npmRange struct {
	text string
	def  *npmsemver.Range
	// pre is the range parsed with includePrerelease, or nil in the rare case
	// that node-semver accepts the range only without it ("1.0.0 -
	// 1.0.9007199254740991", whose includePrerelease bound overflows); then,
	// as in semver.satisfies, nothing matches with pre-releases admitted.
	pre *npmsemver.Range
}

func (r npmRange) String() string { return r.text }

// Contains is semver.satisfies(v, range, {includePrerelease: pre}).
func (r npmRange) Contains(v Version, pre bool) bool {
	return r.mode(pre) != nil && r.mode(pre).Test(asNPM(v).v)
}

// InLine is Contains with pre-releases admitted, less the pre-releases of
// an exclusive upper bound's version (npmsemver.Range.TestInLine).
func (r npmRange) InLine(v Version) bool {
	return r.pre != nil && r.pre.TestInLine(asNPM(v).v)
}

// Filter returns the indices of the versions that satisfy the range, in
// input order. npm has no fallback to pre-releases when nothing else
// matches: with pre false a range without pre-release comparators selects
// no pre-release at all.
func (r npmRange) Filter(vs []Version, pre bool) []int {
	rg := r.mode(pre)
	var out []int
	for i, v := range vs {
		if rg != nil && rg.Test(asNPM(v).v) {
			out = append(out, i)
		}
	}
	return out
}

func (r npmRange) mode(pre bool) *npmsemver.Range {
	if pre {
		return r.pre
	}
	return r.def
}

// asNPM returns v as an npm version. Comparing versions of different
// ecosystems is a programming error, so it panics with a clear message.
func asNPM(v Version) NPMVersion {
	n, ok := v.(NPMVersion)
	if !ok || n.v == nil {
		panic(fmt.Sprintf("ecosystem: npm given a %T version %q", v, v))
	}
	return n
}

func (npm) Name() string { return "npm" }

// Parse parses a version as node-semver's new SemVer(s) does: one leading
// "v" and surrounding whitespace are accepted, "=" and "v=" are not; but
// control characters, line separators and bidirectional controls are
// refused first (see versionTextProblem).
func (npm) Parse(s string) (Version, error) {
	if why := versionTextProblem(s); why != "" {
		return nil, &Error{Ecosystem: "npm", Kind: "version", Input: s, Reason: why}
	}
	v, err := npmsemver.Parse(s)
	if err != nil {
		return nil, npmError("version", s, err)
	}
	return NPMVersion{v}, nil
}

// ParseRange parses a node-semver range ("^1.2.3", ">=1.0.0 <2 || 3.x",
// "1.2 - 2.3", "" for any version). It fails exactly when node-semver's
// new Range(s) throws.
func (npm) ParseRange(s string) (Range, error) {
	def, err := npmsemver.ParseRange(s, npmsemver.Options{})
	if err != nil {
		return nil, npmError("range", s, err)
	}
	pre, err := npmsemver.ParseRange(s, npmsemver.Options{IncludePrerelease: true})
	if err != nil {
		pre = nil
	}
	return npmRange{text: strings.TrimSpace(s), def: def, pre: pre}, nil
}

func npmError(kind, input string, err error) error {
	reason := err.Error()
	var se *npmsemver.Error
	if errors.As(err, &se) {
		reason = se.Reason
	}
	if kind == "version" {
		// "14.0" is how some advisories write 14.0.0: say so.
		if full, ok := padPartialNPM(input); ok {
			reason += "; did you mean " + full + "?"
		}
	}
	return &Error{Ecosystem: "npm", Kind: kind, Input: input, Reason: reason}
}

// Compare is semver.compare: build metadata is ignored and a pre-release
// sorts below its release.
func (npm) Compare(a, b Version) int { return npmsemver.Compare(asNPM(a).v, asNPM(b).v) }

// Series is the major version, or major.minor under 1.0.0, where node-semver's
// caret treats each minor as breaking: "13" for 13.1.2, "0.10" for 0.10.4.
func (npm) Series(v Version) string {
	n := asNPM(v).v
	if n.Major() == 0 {
		return "0." + strconv.FormatUint(n.Minor(), 10)
	}
	return strconv.FormatUint(n.Major(), 10)
}

// MinorSeries is major.minor: 4.17 for 4.17.3-rc.1.
func (npm) MinorSeries(v Version) string {
	n := asNPM(v).v
	return strconv.FormatUint(n.Major(), 10) + "." + strconv.FormatUint(n.Minor(), 10)
}

// NextPatch is semver.inc(v, "patch"): a pre-release gives its own release
// (1.2.3-rc.1 gives 1.2.3), anything else the next patch (1.2.3 gives
// 1.2.4). Build metadata is dropped.
func (npm) NextPatch(v Version) Version { return NPMVersion{asNPM(v).v.IncPatch()} }

// NormalizeName validates an npm package name and returns it unchanged.
//
// npm names are compared byte for byte: the registry holds legacy
// mixed-case packages (JSONStream) next to lower-case ones, so folding case
// would name a different package. Names are held to the rules
// validate-npm-package-name applies to packages that already exist on a
// registry (its validForOldPackages): no leading ".", "_" or "-"; no
// surrounding whitespace; not "node_modules" or "favicon.ico"; and only
// characters encodeURIComponent leaves alone, apart from the "@scope/"
// prefix. The rules that only bind new packages (lower case, at most 214
// characters, none of ~'!()*, not a Node.js core module name) are not
// applied: patchline reads what registries publish, and advisories must be
// able to name legacy packages such as JSONStream.
//
// The URL-encoded scoped form used in registry paths, "@scope%2fname", is
// accepted and returned decoded, "@scope/name".
func (npm) NormalizeName(name string) (string, error) {
	n := name
	if strings.HasPrefix(n, "@") && !strings.Contains(n, "/") {
		if i := strings.Index(strings.ToLower(n), "%2f"); i >= 0 {
			n = n[:i] + "/" + n[i+3:]
		}
	}
	if reason := npmNameProblem(n); reason != "" {
		return "", &Error{Ecosystem: "npm", Kind: "package name", Input: name, Reason: reason}
	}
	return n, nil
}

// npmNameProblem applies validate-npm-package-name's checks in its order and
// says what is wrong, or returns "".
func npmNameProblem(name string) string {
	switch {
	case name == "":
		return "empty name"
	case name[0] == '.':
		return `must not start with "."`
	case name[0] == '-':
		return `must not start with "-"`
	case name[0] == '_':
		return `must not start with "_"`
	case strings.TrimSpace(name) != name:
		return "must not have leading or trailing whitespace"
	case strings.EqualFold(name, "node_modules") || strings.EqualFold(name, "favicon.ico"):
		return fmt.Sprintf("%q is a reserved name", name)
	}
	if uriSafe(name) {
		return ""
	}
	// Only "@scope/name" may hold characters that need encoding, and only
	// the "@" and "/" that make it scoped.
	scope, pkg, scoped := strings.Cut(name, "/")
	if !scoped || len(scope) < 2 || scope[0] != '@' || strings.Contains(pkg, "/") || pkg == "" {
		return firstUnsafe(name)
	}
	if pkg[0] == '.' {
		return `name part must not start with "."`
	}
	if !uriSafe(scope[1:]) {
		return firstUnsafe(scope[1:])
	}
	if !uriSafe(pkg) {
		return firstUnsafe(pkg)
	}
	return ""
}

// uriSafe reports whether encodeURIComponent leaves s unchanged: ASCII
// letters, digits and -_.!~*'().
func uriSafe(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return !isURISafe(r) }) < 0
}

func isURISafe(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || strings.ContainsRune("-_.!~*'()", r)
}

func firstUnsafe(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return !isURISafe(r) })
	r, _ := utf8.DecodeRuneInString(s[i:])
	return fmt.Sprintf("character %q is not URL-safe (only a leading \"@scope/\" may hold \"@\" and \"/\")", r)
}
