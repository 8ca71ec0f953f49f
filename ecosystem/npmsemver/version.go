package npmsemver

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

const (
	// maxLength is node-semver's MAX_LENGTH: longer version strings are
	// rejected before parsing.
	maxLength = 256
	// maxSafeInteger is JavaScript's Number.MAX_SAFE_INTEGER, the largest
	// major, minor or patch node-semver accepts.
	maxSafeInteger = 1<<53 - 1
)

// Version is a version as node-semver's SemVer class holds it. The zero value
// is not a valid version; use Parse.
type Version struct {
	major, minor, patch uint64
	pre                 []identifier
	build               string // without "+", kept for display only
	text                string // node-semver's format(): major.minor.patch[-pre]
}

// identifier is one dot-separated pre-release identifier.
type identifier struct {
	s string
	// numeric is set for identifiers made of digits only; node-semver orders
	// them by their value as a JavaScript number, which num holds (correctly
	// rounded, as Number() does, for identifiers above 2^53).
	numeric bool
	num     float64
}

// Error reports a version or range that node-semver rejects.
type Error struct {
	Kind   string // "version" or "range"
	Input  string // the input as given
	Reason string // which part is wrong and why
}

func (e *Error) Error() string {
	return fmt.Sprintf("invalid npm %s %q: %s", e.Kind, e.Input, e.Reason)
}

// Parse parses a version as new SemVer(s) does in node-semver's default
// mode: surrounding JavaScript whitespace and one leading "v" are accepted;
// "=", "v=", "V" and other loose-mode prefixes are not.
func Parse(s string) (*Version, error) {
	if utf16Len(s) > maxLength {
		return nil, &Error{Kind: "version", Input: s, Reason: fmt.Sprintf("longer than %d characters", maxLength)}
	}
	v, reason := parseStrict(jsTrim(s))
	if reason != "" {
		return nil, &Error{Kind: "version", Input: s, Reason: reason}
	}
	return v, nil
}

// MustParse is Parse for versions known to be valid, such as constants in
// tests; it panics on an invalid version.
func MustParse(s string) *Version {
	v, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return v
}

// parseStrict matches t against node-semver's FULL expression,
// v?MAJOR.MINOR.PATCH[-PRE][+BUILD], and applies its range checks. It returns
// the reason for a mismatch instead of an error so that callers can word the
// error for their own input.
func parseStrict(t string) (*Version, string) {
	body := strings.TrimPrefix(t, "v")
	core, build, hasBuild := strings.Cut(body, "+")
	main, pre, hasPre := strings.Cut(core, "-")

	var nums [3]uint64
	parts := strings.SplitN(main, ".", 4)
	if len(parts) != 3 {
		return nil, fmt.Sprintf("%q is not of the form MAJOR.MINOR.PATCH", main)
	}
	for i, p := range parts {
		n, reason := parseMainNumber(p, [...]string{"major", "minor", "patch"}[i])
		if reason != "" {
			return nil, reason
		}
		nums[i] = n
	}
	v := &Version{major: nums[0], minor: nums[1], patch: nums[2], text: core}
	if hasPre {
		ids, reason := parsePrerelease(pre)
		if reason != "" {
			return nil, reason
		}
		v.pre = ids
	}
	if hasBuild {
		if reason := checkBuild(build); reason != "" {
			return nil, reason
		}
		v.build = build
	}
	return v, ""
}

// parseMainNumber checks one of MAJOR, MINOR, PATCH: digits without a
// leading zero, at most 2^53-1.
func parseMainNumber(p, name string) (uint64, string) {
	if p == "" {
		return 0, fmt.Sprintf("empty %s version", name)
	}
	if !allDigits(p) {
		return 0, fmt.Sprintf("%s version %q is not a number", name, p)
	}
	if len(p) > 1 && p[0] == '0' {
		return 0, fmt.Sprintf("%s version %q has a leading zero", name, p)
	}
	n, err := strconv.ParseUint(p, 10, 64)
	if err != nil || n > maxSafeInteger {
		return 0, fmt.Sprintf("%s version %s is larger than %d", name, p, uint64(maxSafeInteger))
	}
	return n, ""
}

// parsePrerelease splits and checks a pre-release: identifiers of
// [0-9A-Za-z-], numeric ones without leading zeros.
func parsePrerelease(pre string) ([]identifier, string) {
	n := strings.Count(pre, ".") + 1
	ids := make([]identifier, 0, n)
	for id := range strings.SplitSeq(pre, ".") {
		if id == "" {
			return nil, fmt.Sprintf("empty pre-release identifier in %q", pre)
		}
		if c, ok := badIdentChar(id); ok {
			return nil, fmt.Sprintf("pre-release identifier %q contains %q", id, c)
		}
		if allDigits(id) && len(id) > 1 && id[0] == '0' {
			return nil, fmt.Sprintf("numeric pre-release identifier %q has a leading zero", id)
		}
		ids = append(ids, newIdentifier(id))
	}
	return ids, ""
}

func newIdentifier(id string) identifier {
	if !allDigits(id) {
		return identifier{s: id}
	}
	// ParseFloat rounds to nearest like JavaScript's Number(); identifiers
	// too long for a float64 do not occur within the 256-character limit.
	f, _ := strconv.ParseFloat(id, 64)
	return identifier{s: id, numeric: true, num: f}
}

// checkBuild checks build metadata: identifiers of [0-9A-Za-z-], leading
// zeros allowed.
func checkBuild(build string) string {
	for id := range strings.SplitSeq(build, ".") {
		if id == "" {
			return fmt.Sprintf("empty build identifier in %q", build)
		}
		if c, ok := badIdentChar(id); ok {
			return fmt.Sprintf("build identifier %q contains %q", id, c)
		}
	}
	return ""
}

func isIdentChar(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-'
}

// badIdentChar returns the first character of id that may not appear in an
// identifier (a single byte when id is not valid UTF-8).
func badIdentChar(id string) (string, bool) {
	for i := 0; i < len(id); i++ {
		if !isIdentChar(id[i]) {
			_, size := utf8.DecodeRuneInString(id[i:])
			return id[i : i+size], true
		}
	}
	return "", false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// String returns node-semver's formatted version: major.minor.patch and the
// pre-release, without prefix, whitespace or build metadata.
func (v *Version) String() string { return v.text }

// Major, Minor and Patch return the numeric release fields.
func (v *Version) Major() uint64 { return v.major }

// Minor returns the minor version.
func (v *Version) Minor() uint64 { return v.minor }

// Patch returns the patch version.
func (v *Version) Patch() uint64 { return v.patch }

// Prerelease reports whether v has a pre-release tag.
func (v *Version) Prerelease() bool { return len(v.pre) > 0 }

// PrereleaseIdentifiers returns the dot-separated pre-release identifiers.
func (v *Version) PrereleaseIdentifiers() []string {
	out := make([]string, len(v.pre))
	for i, id := range v.pre {
		out[i] = id.s
	}
	return out
}

// Build returns the build metadata without its "+", or "". It plays no part
// in ordering or range checks.
func (v *Version) Build() string { return v.build }

// IncPatch returns semver.inc(v, "patch"): a pre-release gives its own
// major.minor.patch, any other version the next patch. Like node-semver it
// does not guard against passing 2^53-1.
func (v *Version) IncPatch() *Version {
	patch := v.patch
	if len(v.pre) == 0 {
		patch++
	}
	return &Version{
		major: v.major, minor: v.minor, patch: patch,
		text: strconv.FormatUint(v.major, 10) + "." + strconv.FormatUint(v.minor, 10) + "." + strconv.FormatUint(patch, 10),
	}
}
