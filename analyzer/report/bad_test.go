package report

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/bad/*.txtar")

const reportFile = "report.yaml"

// errorLine is the form every reported problem must have.
var errorLine = regexp.MustCompile(`^report\.yaml:[0-9]+:[0-9]+: \S`)

// TestBad loads each malformed report of testdata/bad against the test
// policy and compares the errors with the case's golden want section. The
// value on the case's "offending:" line must appear in the message.
func TestBad(t *testing.T) {
	pol := testPolicy(t)
	files, err := filepath.Glob(filepath.Join("testdata", "bad", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 25 {
		t.Fatalf("%d bad-input cases, want at least 25", len(files))
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var src []byte
			wantIdx := -1
			for i, f := range ar.Files {
				switch f.Name {
				case reportFile:
					src = f.Data
				case "want":
					wantIdx = i
				}
			}
			if src == nil || wantIdx < 0 {
				t.Fatalf("%s: want sections %s and want", file, reportFile)
			}
			r, err := Parse(reportFile, src, pol)
			if err == nil {
				t.Fatalf("Parse succeeded: %+v", r)
			}
			got := err.Error() + "\n"
			for _, line := range strings.Split(strings.TrimSpace(got), "\n") {
				if !errorLine.MatchString(line) {
					t.Errorf("error line %q lacks file:line:column", line)
				}
			}
			if *update {
				ar.Files[wantIdx].Data = []byte(got)
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want := string(ar.Files[wantIdx].Data); got != want {
				t.Errorf("errors:\n%s\nwant:\n%s", got, want)
			}
			if offending := offendingValue(ar.Comment); offending != "" && !strings.Contains(got, offending) {
				t.Errorf("errors do not name the offending value %q", offending)
			}
		})
	}
}

func offendingValue(comment []byte) string {
	for _, line := range strings.Split(string(comment), "\n") {
		if v, ok := strings.CutPrefix(line, "offending: "); ok {
			return v
		}
	}
	return ""
}
