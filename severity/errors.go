package severity

import (
	"fmt"
	"strings"
	"unicode/utf8"

	gocvss30 "github.com/pandatix/go-cvss/30"
	gocvss31 "github.com/pandatix/go-cvss/31"

	"github.com/patchline/patchline/severity/internal/cvss40"
)

// A ParseError reports a vector that Parse rejected.
type ParseError struct {
	// Vector is the input, without surrounding white space.
	Vector string
	// Metric is the abbreviation of the offending metric (for a missing
	// base metric, the first one missing), or "" when the problem is not
	// one metric's.
	Metric string
	// Reason says what is wrong, naming the offending metric or token.
	Reason string
	// Err is the scoring library's error, when it gave one.
	Err error
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("invalid CVSS vector %s: %s", quote(e.Vector), e.Reason)
}

func (e *ParseError) Unwrap() error { return e.Err }

// maxQuoted bounds how much of a rejected input an error message repeats, so
// that a large garbage input does not flood the terminal.
const maxQuoted = 160

func quote(s string) string {
	if len(s) <= maxQuoted {
		return fmt.Sprintf("%q", s)
	}
	cut := maxQuoted
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%q...", s[:cut])
}

// splitPrefix returns the version named by the vector's prefix and the
// metrics after it, or the error that explains why the prefix is not one of
// the supported ones.
func splitPrefix(s string) (version, body string, err error) {
	fail := func(format string, args ...any) (string, string, error) {
		return "", "", &ParseError{Vector: s, Reason: fmt.Sprintf(format, args...)}
	}
	if s == "" {
		return fail("empty vector")
	}
	head, body, hasSlash := strings.Cut(s, "/")
	switch {
	case head == "CVSS:2.0" || isV2(s):
		return fail("CVSS v2 is not supported: patchline scores CVSS v3.0, v3.1 and v4.0 vectors")
	case strings.HasPrefix(head, "CVSS:"):
		v := strings.TrimPrefix(head, "CVSS:")
		if _, ok := metricSets[v]; !ok {
			return fail("unsupported CVSS version %q: patchline scores CVSS v3.0, v3.1 and v4.0 vectors", v)
		}
		if !hasSlash || body == "" {
			return fail("no metrics after %q", head+"/")
		}
		return v, body, nil
	case strings.HasPrefix(strings.ToUpper(head), "CVSS:"):
		return fail("prefix %q must be written in upper case, as %q", head, strings.ToUpper(head))
	default:
		return fail("missing version prefix: a vector starts with CVSS:3.0/, CVSS:3.1/ or CVSS:4.0/")
	}
}

// isV2 recognises a CVSS v2 base vector, which has no prefix (NVD writes
// it bare, some tools in parentheses) and the v2-only metric Au.
func isV2(s string) bool {
	s = strings.TrimPrefix(s, "(")
	return strings.HasPrefix(s, "AV:") && strings.Contains(s, "/Au:")
}

// A metricSet lists a CVSS version's metric abbreviations in the
// specification's vector-string order; the first base of them are the
// mandatory base metrics. It serves error messages only: whether a vector
// is valid is decided by the scoring library.
type metricSet struct {
	names   []string
	base    int
	ordered bool // the specification requires names' order in a vector
}

var (
	metricsV3 = metricSet{
		names: []string{
			"AV", "AC", "PR", "UI", "S", "C", "I", "A",
			"E", "RL", "RC",
			"CR", "IR", "AR", "MAV", "MAC", "MPR", "MUI", "MS", "MC", "MI", "MA",
		},
		base: 8,
	}
	metricsV4 = metricSet{
		names: []string{
			"AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA",
			"E",
			"CR", "IR", "AR", "MAV", "MAC", "MAT", "MPR", "MUI", "MVC", "MVI", "MVA", "MSC", "MSI", "MSA",
			"S", "AU", "R", "V", "RE", "U",
		},
		base:    11,
		ordered: true,
	}
	metricSets = map[string]metricSet{"3.0": metricsV3, "3.1": metricsV3, "4.0": metricsV4}
)

func (m metricSet) index(abv string) int {
	for i, n := range m.names {
		if n == abv {
			return i
		}
	}
	return -1
}

// explain turns the scoring library's rejection of a vector into an error
// that names the offending metric or token. The library's own errors do
// not always do so: it reports an invalid value without its metric, and
// for v4.0 an unknown, duplicated or misplaced metric all as "invalid
// metric order". When no explanation is found, the library's error is
// given as is.
func explain(s, version, body string, libErr error) error {
	set := metricSets[version]
	valid := validValue(version)
	fail := func(metric, format string, args ...any) error {
		return &ParseError{Vector: s, Metric: metric, Reason: fmt.Sprintf(format, args...), Err: libErr}
	}
	seen := make([]bool, len(set.names))
	last := -1
	for i, tok := range strings.Split(body, "/") {
		if tok == "" {
			return fail("", "empty metric at position %d (a stray %q)", i+1, "/")
		}
		abv, value, ok := strings.Cut(tok, ":")
		if !ok {
			return fail(abv, "%q is not a METRIC:VALUE pair", tok)
		}
		idx := set.index(abv)
		switch {
		case idx < 0:
			return fail(abv, "unknown metric %q for CVSS v%s", abv, version)
		case seen[idx]:
			return fail(abv, "metric %s is given more than once", abv)
		case set.ordered && idx < last:
			return fail(abv, "metric %s is out of order: CVSS v%s requires the specification's order, with %s before %s",
				abv, version, abv, set.names[last])
		case !valid(abv, value):
			return fail(abv, "metric %s has invalid value %q", abv, value)
		}
		seen[idx] = true
		last = idx
	}
	var missing []string
	for i, name := range set.names[:set.base] {
		if !seen[i] {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		noun := "metric"
		if len(missing) > 1 {
			noun = "metrics"
		}
		return fail(missing[0], "missing base %s %s", noun, strings.Join(missing, ", "))
	}
	return fail("", "%v", libErr)
}

// validValue returns a check of one metric's value by the scoring library
// itself, so that error messages cannot disagree with it.
func validValue(version string) func(abv, value string) bool {
	switch version {
	case "3.0":
		return func(abv, value string) bool { return new(gocvss30.CVSS30).Set(abv, value) == nil }
	case "3.1":
		return func(abv, value string) bool { return new(gocvss31.CVSS31).Set(abv, value) == nil }
	default:
		return func(abv, value string) bool { return new(cvss40.CVSS40).Set(abv, value) == nil }
	}
}
