package ecosystem

import (
	"errors"
	"strings"
	"testing"

	"github.com/patchline/patchline/ecosystem/npmsemver"
	"github.com/patchline/patchline/ecosystem/pep440"
)

// Versions with control characters, separators or bidirectional controls
// around or inside them are invalid in both ecosystems, although
// packaging's Version and node-semver's SemVer strip most of them as
// whitespace (pep440 and npmsemver still do, as their corpora require:
// npmsemver's corpus holds "\t1.2.3\n" as 1.2.3).
func TestVersionsWithControlCharactersAreInvalid(t *testing.T) {
	for _, name := range []string{"PyPI", "npm"} {
		eco, err := Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{
			"1.0.0\r", "1.0.0\n", "\n1.0.0", "1.0.0\v", "1.0.0\x1c", "\x1f1.0.0", "1.0.0\u2028", "\u20291.0.0",
			"\t1.0.0", "1.0.0\x1b[2J", "1.0.0\u202e", "\u20661.0.0\u2069", "\ufeff1.0.0", "1.0.0\x85", "1.0\x00.0", "1.0.0\xff",
		} {
			_, err := eco.Parse(s)
			var ee *Error
			if !errors.As(err, &ee) || ee.Kind != "version" || !strings.Contains(ee.Reason, "it ") {
				t.Errorf("%s.Parse(%q) = %v, want an invalid version saying why", name, s, err)
			}
		}
		for _, s := range []string{"1.0.0", " 1.0.0 ", "v1.0.0"} {
			if _, err := eco.Parse(s); err != nil {
				t.Errorf("%s.Parse(%q) = %v, want valid", name, s, err)
			}
		}
	}
	// The references' own behaviour, which the version parsers keep.
	if _, err := pep440.Parse("1.0\n"); err != nil {
		t.Errorf("pep440.Parse(\"1.0\\n\") = %v; packaging accepts it", err)
	}
	if _, err := npmsemver.Parse("\t1.2.3\n"); err != nil {
		t.Errorf("npmsemver.Parse(\"\\t1.2.3\\n\") = %v; node-semver accepts it", err)
	}
}
