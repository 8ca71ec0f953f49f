package policy

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDocsCoverKeys fails when a key the loader accepts has no section in
// docs/policy.md, so that the reference and the loader never drift.
func TestDocsCoverKeys(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "docs", "policy.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	for _, k := range rootKeys {
		if !strings.Contains(doc, "\n## `"+k+"`") {
			t.Errorf("docs/policy.md has no section ## `%s`", k)
		}
	}
	for _, k := range lineKeys {
		if !strings.Contains(doc, "\n### `lines[]."+k+"`") {
			t.Errorf("docs/policy.md has no section ### `lines[].%s`", k)
		}
	}
	for _, k := range append(append([]string{}, advisoriesKeys...), noticeKeys...) {
		if !strings.Contains(doc, "`"+k+"`") {
			t.Errorf("docs/policy.md does not name `%s`", k)
		}
	}
}
