package severity

import (
	"math"
	"testing"

	gocvss40 "github.com/pandatix/go-cvss/40"
)

// The corpora in testdata are scored by ae-cvss-calculator 1.0.13, which
// agrees with FIRST's reference calculators (testdata/gen_cvss_corpus.js).
var corpora = []struct {
	file    string
	version string
	size    int
}{
	{"cvss30_base.txt", "3.0", 2592},
	{"cvss31_base.txt", "3.1", 2592},
	{"cvss30_random.txt", "3.0", 500},
	{"cvss31_random.txt", "3.1", 500},
	{"cvss40_base.txt.gz", "4.0", 104976},
	{"cvss40_random.txt.gz", "4.0", 20000},
}

// TestConformance holds Parse and BaseScore to the reference score of
// every corpus vector, and checks that each canonical String parses back to
// the same vector.
func TestConformance(t *testing.T) {
	for _, c := range corpora {
		t.Run(c.file, func(t *testing.T) {
			t.Parallel()
			cases := readCorpus(t, c.file)
			if len(cases) != c.size {
				t.Fatalf("%d vectors, want %d", len(cases), c.size)
			}
			mismatches := 0
			for _, tc := range cases {
				v, err := Parse(tc.vector)
				if err != nil {
					mismatches++
					t.Errorf("line %d: %v", tc.line, err)
					continue
				}
				if got := v.BaseScore(); got != tc.score {
					mismatches++
					if mismatches <= 20 {
						t.Errorf("line %d: %s scores %v, reference %v", tc.line, tc.vector, got, tc.score)
					}
				}
				if v.Version() != c.version {
					t.Errorf("line %d: %s: version %q, want %q", tc.line, tc.vector, v.Version(), c.version)
				}
				again, err := Parse(v.String())
				if err != nil || again != v {
					t.Errorf("line %d: canonical %q parses to %+v, %v; want %+v", tc.line, v.String(), again, err, v)
				}
			}
			t.Logf("%s: %d CVSS v%s vectors checked, %d mismatches", c.file, len(cases), c.version, mismatches)
		})
	}
}

// upstreamBaseMismatches is how many CVSS v4.0 base vectors
// github.com/pandatix/go-cvss v0.6.4, without the rounding fix of
// internal/cvss40, scores differently from the reference calculator.
const upstreamBaseMismatches = 450

// TestRoundingFixActive proves that the fix in internal/cvss40 is the one
// in use and that it matters: on the same corpora, the unpatched library
// scores known vectors 0.1 low, each of which this package scores right.
func TestRoundingFixActive(t *testing.T) {
	for _, file := range []string{"cvss40_base.txt.gz", "cvss40_random.txt.gz"} {
		t.Run(file, func(t *testing.T) {
			t.Parallel()
			cases := readCorpus(t, file)
			upstreamWrong := 0
			for _, tc := range cases {
				u, err := gocvss40.ParseVector(tc.vector)
				if err != nil {
					t.Fatalf("line %d: unpatched library: %v", tc.line, err)
				}
				us := u.Score()
				if us == tc.score {
					continue
				}
				upstreamWrong++
				if d := tc.score - us; math.Abs(d-0.1) > 1e-9 {
					t.Errorf("line %d: %s: unpatched library scores %v, reference %v: not the known 0.1 rounding error",
						tc.line, tc.vector, us, tc.score)
				}
				v, err := Parse(tc.vector)
				if err != nil {
					t.Fatalf("line %d: %v", tc.line, err)
				}
				if v.BaseScore() != tc.score {
					t.Errorf("line %d: %s scores %v like the unpatched library, reference %v", tc.line, tc.vector, v.BaseScore(), tc.score)
				}
			}
			t.Logf("%s: unpatched library mismatches %d of %d vectors, all corrected", file, upstreamWrong, len(cases))
			if upstreamWrong == 0 {
				t.Errorf("unpatched library agrees with the reference on every vector: the corpus no longer exercises the fix")
			}
			if file == "cvss40_base.txt.gz" && upstreamWrong != upstreamBaseMismatches {
				t.Errorf("unpatched library mismatches %d base vectors, want %d; if go.mod moved past v0.6.4, "+
					"check whether upstream fixed the rounding and internal/cvss40 can go", upstreamWrong, upstreamBaseMismatches)
			}
		})
	}
}

// TestDefaultLevelsMatchCVSSRatings checks the default levels against the
// qualitative rating scale of the CVSS specifications, as the scoring
// library implements it, on every corpus score.
func TestDefaultLevelsMatchCVSSRatings(t *testing.T) {
	names := map[string]string{"NONE": NoneLevel, "LOW": "Low", "MEDIUM": "Moderate", "HIGH": "High", "CRITICAL": "Critical"}
	levels := DefaultLevels()
	seen := map[float64]bool{}
	for _, c := range corpora {
		for _, tc := range readCorpus(t, c.file) {
			if seen[tc.score] {
				continue
			}
			seen[tc.score] = true
			rating, err := gocvss40.Rating(tc.score)
			if err != nil {
				t.Fatalf("%v: %v", tc.score, err)
			}
			if got, want := levels.Level(tc.score), names[rating]; got != want {
				t.Errorf("Level(%v) = %q, CVSS rating %s (%q)", tc.score, got, rating, want)
			}
		}
	}
	if len(seen) != 101 {
		t.Errorf("corpora hold %d distinct scores, want all 101 from 0.0 to 10.0", len(seen))
	}
}
