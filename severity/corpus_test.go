package severity

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/patchline/patchline/internal/corpus"
)

// A corpusCase is one line of a conformance corpus: a vector and the score
// the reference calculator gave it.
type corpusCase struct {
	line   int
	vector string
	score  float64
}

// readCorpus reads a corpus written by testdata/gen_cvss_corpus.js,
// gunzipping it when its name ends in .gz, and checks that it holds the
// number of vectors its header announces.
func readCorpus(t testing.TB, name string) []corpusCase {
	t.Helper()
	var (
		cases    []corpusCase
		announce = -1
	)
	header := func(line string) {
		rest, _ := strings.CutPrefix(line, "# ")
		if count, _, ok := strings.Cut(rest, " vectors scored by "); ok {
			n, err := strconv.Atoi(count)
			if err != nil {
				t.Fatalf("%s: bad count in header: %q", name, line)
			}
			announce = n
		}
	}
	corpus.Read(t, filepath.Join("testdata", name), 2, func(r corpus.Row) {
		s, err := strconv.ParseFloat(r.Fields[1], 64)
		if err != nil {
			t.Fatalf("%s:%d: %v", name, r.Line, err)
		}
		cases = append(cases, corpusCase{line: r.Line, vector: r.Fields[0], score: s})
	}, header)
	if len(cases) != announce {
		t.Fatalf("%s: %d vectors, header announces %d", name, len(cases), announce)
	}
	return cases
}
