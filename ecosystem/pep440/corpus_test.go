package pep440

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/patchline/patchline/internal/corpus"
)

// The corpus files are written by testdata/gen_corpus.py; its doc string
// describes their columns.

// readCorpus returns the non-comment lines of a corpus file, split on tabs
// but not yet unescaped.
func readCorpus(t testing.TB, name string) [][]string {
	t.Helper()
	dir := "testdata"
	if d := os.Getenv("PEP440_CORPUS"); d != "" {
		// a corpus generated elsewhere, e.g. by gen_corpus.py --scale 10
		dir = d
	}
	var rows [][]string
	corpus.Read(t, filepath.Join(dir, name), 0, func(r corpus.Row) { rows = append(rows, r.Fields) }, nil)
	return rows
}

// unescape reverses the generator's escaping: \\, \t and \u{HEX}.
func unescape(t testing.TB, s string) string {
	t.Helper()
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch {
		case i < len(s) && s[i] == '\\':
			b.WriteByte('\\')
		case i < len(s) && s[i] == 't':
			b.WriteByte('\t')
		case strings.HasPrefix(s[i:], "u{"):
			end := strings.IndexByte(s[i:], '}')
			if end < 0 {
				t.Fatalf("bad escape in %q", s)
			}
			n, err := strconv.ParseUint(s[i+2:i+end], 16, 32)
			if err != nil {
				t.Fatalf("bad escape in %q", s)
			}
			b.WriteString(string(rune(n)))
			i += end
		default:
			t.Fatalf("bad escape in %q", s)
		}
	}
	if !utf8.ValidString(b.String()) {
		t.Fatalf("escape decodes to invalid UTF-8: %q", s)
	}
	return b.String()
}

// mismatches collects disagreements with the corpus and reports the first
// ones in full.
type mismatches struct {
	t      *testing.T
	name   string
	count  int
	checks int
}

func (m *mismatches) check(ok bool, format string, args ...any) {
	if !m.ok(ok) {
		m.report(format, args...)
	}
}

// ok counts a cell; callers in hot loops format the report only on failure.
func (m *mismatches) ok(ok bool) bool {
	m.checks++
	if !ok {
		m.count++
	}
	return ok
}

func (m *mismatches) report(format string, args ...any) {
	if m.count <= 20 {
		m.t.Errorf(format, args...)
	}
}

func (m *mismatches) done(minimum int) {
	m.t.Logf("%s: %d cells checked, %d disagreements", m.name, m.checks, m.count)
	if m.count > 20 {
		m.t.Errorf("%s: %d more disagreements not shown", m.name, m.count-20)
	}
	if m.checks < minimum {
		m.t.Errorf("%s: only %d cells, want at least %d: corpus truncated?", m.name, m.checks, minimum)
	}
}
