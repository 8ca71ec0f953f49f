package lint_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/patchline/patchline/advisory/lint"
)

// BenchmarkLint5000 lints a directory of 5,000 records (each the size of
// a real one: a PyPI package with two fixed lines and 58 versions), with
// the schema and every check that needs no registry.
func BenchmarkLint5000(b *testing.B) {
	const n = 5000
	data, err := os.ReadFile(filepath.Join("testdata", "good", "x_INVENIO-2024-0001.json"))
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	for i := range n {
		id := fmt.Sprintf("x_INVENIO-2024-%04d", i+1)
		rec := strings.ReplaceAll(string(data), "x_INVENIO-2024-0001", id)
		rec = strings.ReplaceAll(rec, "invenio-app-rdm", fmt.Sprintf("invenio-module-%d", i%500))
		if err := os.WriteFile(filepath.Join(dir, id+".json"), []byte(rec), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		res, err := lint.Run(context.Background(), []string{dir}, lint.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if res.Records != n || len(res.Problems) != 0 {
			b.Fatalf("%d records, problems: %v", res.Records, res.Problems[:min(3, len(res.Problems))])
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}
