package ecosystem

import (
	"unicode/utf8"

	"github.com/patchline/patchline/internal/termsafe"
)

// versionTextProblem says why a version string cannot be a version
// whatever its ecosystem's grammar: it holds a control character (CR, LF,
// VT, the file separators, ESC...), a Unicode line or paragraph separator,
// a bidirectional control or a byte-order mark, or it is not UTF-8. ""
// when there is none.
//
// packaging and node-semver strip surrounding whitespace before they parse,
// and their whitespace includes "\r", "\n", "\v", "\x1c"-"\x1f" and U+2028
// (packaging, Python's str.strip) or U+2028 and U+FEFF (node-semver, JS's
// trim), so both take "1.0.0\n" for 1.0.0. pep440 and npmsemver keep doing
// so, held to the references by their corpora; the ecosystem refuses such
// strings first. No installer ever meets them (pip reads requirements line
// by line, and names files without them; npm's registry keys never hold
// them), and accepted, they reached terminals, URLs and the versions of OSV
// records. Plain spaces around a version stay the references' business.
func versionTextProblem(s string) string {
	if !utf8.ValidString(s) {
		return "it is not valid UTF-8"
	}
	for _, r := range s {
		if termsafe.Unsafe(r) {
			return "it contains " + termsafe.Describe(r)
		}
	}
	return ""
}
