package severity

import (
	"bufio"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
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
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(name, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		defer zr.Close()
		r = zr
	}
	var (
		cases    []corpusCase
		announce = -1
	)
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, "# "); ok {
			if count, _, ok := strings.Cut(rest, " vectors scored by "); ok {
				if announce, err = strconv.Atoi(count); err != nil {
					t.Fatalf("%s:%d: bad count in header: %q", name, n, line)
				}
			}
			continue
		}
		vector, score, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("%s:%d: want VECTOR<TAB>SCORE, got %q", name, n, line)
		}
		s, err := strconv.ParseFloat(score, 64)
		if err != nil {
			t.Fatalf("%s:%d: %v", name, n, err)
		}
		cases = append(cases, corpusCase{line: n, vector: vector, score: s})
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(cases) != announce {
		t.Fatalf("%s: %d vectors, header announces %d", name, len(cases), announce)
	}
	return cases
}
