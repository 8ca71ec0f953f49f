package lint_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/patchline/patchline/advisory/lint"
)

// An unreadable entry is a problem of that entry; the other entries of
// the archive are still read and checked.
func TestArchiveBadEntry(t *testing.T) {
	good, err := os.ReadFile(filepath.Join("testdata", "good", "x_INVENIO-2024-0001.json"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "all.zip")
	writeZip(t, path, map[string][]byte{"x_INVENIO-2024-0001.json": good, "x_INVENIO-2024-0002.json": good[:len(good)/2]})
	res, err := lint.Run(context.Background(), []string{path}, lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Records != 1 || len(res.Problems) != 1 {
		t.Fatalf("%d records, problems %v", res.Records, texts(res))
	}
	if p := res.Problems[0]; p.Code != "LINT001" || p.File != path+":x_INVENIO-2024-0002.json" || p.Line == 0 {
		t.Errorf("problem %+v", p)
	}
}
