package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDocsCoverKeys fails when a key the loader accepts has no mention in
// docs/report.md, so that the reference and the loader never drift.
func TestDocsCoverKeys(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "docs", "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	for _, k := range reportKeys {
		if !strings.Contains(doc, "\n## `"+k+"`") {
			t.Errorf("docs/report.md has no section ## `%s`", k)
		}
	}
	for _, k := range affectedKeys {
		if !strings.Contains(doc, "`"+k+"`") && !strings.Contains(doc, "`affected[]."+k+"`") {
			t.Errorf("docs/report.md does not name `%s`", k)
		}
	}
	for _, k := range []string{"type", "url", "name", "contact"} {
		if !strings.Contains(doc, k) {
			t.Errorf("docs/report.md does not name %s", k)
		}
	}
}
