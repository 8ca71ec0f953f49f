package npmsemver

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	corpusfile "github.com/patchline/patchline/internal/corpus"
)

// corpus is the node-semver conformance corpus written by
// testdata/gen_corpus.js.
type corpus struct {
	versions  []corpusVersion
	ranges    []corpusRange
	compare   []corpusOrder
	satisfies []corpusCell
}

type corpusVersion struct {
	input     string
	formatted string // "" when node-semver rejects the input
	valid     bool
}

type corpusRange struct {
	input string
	// normalized is new Range(input, {includePrerelease: i == 1}).range;
	// valid[i] is false when that throws.
	normalized [2]string
	valid      [2]bool
}

type corpusOrder struct{ a, b, want int }

type corpusCell struct {
	rng, ver int
	want     [2]bool // satisfies by default, with includePrerelease
}

// corpusDir is testdata, or the directory named by NPMSEMVER_CORPUS, which
// holds a larger corpus written with gen_corpus.js --stress.
func corpusDir() string {
	if d := os.Getenv("NPMSEMVER_CORPUS"); d != "" {
		return d
	}
	return "testdata"
}

func loadCorpus(t testing.TB) *corpus {
	t.Helper()
	dir := corpusDir()
	c := &corpus{}
	readTSV(t, filepath.Join(dir, "versions.tsv"), 3, func(f []string) {
		v := corpusVersion{input: unquote(t, f[1])}
		if f[2] != "!" {
			v.valid, v.formatted = true, unquote(t, f[2])
		}
		c.versions = append(c.versions, v)
	})
	readTSV(t, filepath.Join(dir, "ranges.tsv"), 4, func(f []string) {
		r := corpusRange{input: unquote(t, f[1])}
		for i := range 2 {
			if f[2+i] != "!" {
				r.valid[i], r.normalized[i] = true, unquote(t, f[2+i])
			}
		}
		c.ranges = append(c.ranges, r)
	})
	readTSV(t, filepath.Join(dir, "compare.tsv"), 3, func(f []string) {
		c.compare = append(c.compare, corpusOrder{atoi(t, f[0]), atoi(t, f[1]), atoi(t, f[2])})
	})
	readTSV(t, filepath.Join(dir, "satisfies.tsv.gz"), 4, func(f []string) {
		c.satisfies = append(c.satisfies, corpusCell{atoi(t, f[0]), atoi(t, f[1]), [2]bool{f[2] == "1", f[3] == "1"}})
	})
	return c
}

// readTSV calls row for each data line of a corpus file.
func readTSV(t testing.TB, name string, cols int, row func([]string)) {
	t.Helper()
	corpusfile.Read(t, name, cols, func(r corpusfile.Row) { row(r.Fields) }, nil)
}

func unquote(t testing.TB, s string) string {
	t.Helper()
	u, err := strconv.Unquote(s)
	if err != nil {
		t.Fatalf("bad string literal %s: %v", s, err)
	}
	return u
}

func atoi(t testing.TB, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
