// Package corpus reads the conformance corpora that the reference
// implementations (Python packaging, node-semver, ae-cvss-calculator) write
// for the tests: tab-separated text, optionally gzipped, with "#" comment
// lines. It exists for tests only; keeping one reader means every corpus
// is read, and fails, the same way.
package corpus

import (
	"bufio"
	"compress/gzip"
	"io"
	"os"
	"strings"
	"testing"
)

// Row is one data line of a corpus: its 1-based line number in the file and
// its tab-separated fields.
type Row struct {
	Line   int
	Fields []string
}

// Read calls fn for every data line of the corpus file name, gunzipping it
// when the name ends in .gz. Blank lines and lines starting with "#" are
// comments; comment lines are passed to comment when it is not nil, so a
// reader can check the counts a header announces. A line with a number of
// fields other than cols (when cols > 0) fails the test.
func Read(tb testing.TB, name string, cols int, fn func(Row), comment func(string)) {
	tb.Helper()
	f, err := os.Open(name)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(name, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			tb.Fatalf("%s: %v", name, err)
		}
		defer zr.Close()
		r = zr
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			if comment != nil && line != "" {
				comment(line)
			}
			continue
		}
		fields := strings.Split(line, "\t")
		if cols > 0 && len(fields) != cols {
			tb.Fatalf("%s:%d: %d fields, want %d", name, n, len(fields), cols)
		}
		fn(Row{Line: n, Fields: fields})
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
}
