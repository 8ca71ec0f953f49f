package lint_test

import (
	"archive/zip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/patchline/patchline/advisory/lint"
	"github.com/patchline/patchline/internal/memtest"
)

// BenchmarkLint5000 lints a directory of 5,000 records (each the size of
// a real one: a PyPI package with two fixed lines and 58 versions), with
// the schema and every check that needs no registry.
func BenchmarkLint5000(b *testing.B) {
	const n = 5000
	dir := b.TempDir()
	eachBenchRecord(b, n, func(id string, rec []byte) {
		if err := os.WriteFile(filepath.Join(dir, id+".json"), rec, 0o644); err != nil {
			b.Fatal(err)
		}
	})
	benchLint(b, dir, n)
}

// BenchmarkLintArchive10000 lints a zip archive of 10,000 such records,
// read one entry at a time, and reports the most heap the run held
// (before entries were read one at a time: 1.5 GB).
func BenchmarkLintArchive10000(b *testing.B) {
	const n = 10000
	path := filepath.Join(b.TempDir(), "all.zip")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	zw := zip.NewWriter(f)
	eachBenchRecord(b, n, func(id string, rec []byte) {
		w, err := zw.Create(id + ".json")
		if err != nil {
			b.Fatal(err)
		}
		w.Write(rec)
	})
	if err := zw.Close(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	benchLint(b, path, n)
}

// eachBenchRecord calls fn with n records, each the size of a real one: a
// PyPI package with two fixed lines and 58 versions, under distinct ids
// and 500 package names.
func eachBenchRecord(b *testing.B, n int, fn func(id string, rec []byte)) {
	data, err := os.ReadFile(filepath.Join("testdata", "good", "x_INVENIO-2024-0001.json"))
	if err != nil {
		b.Fatal(err)
	}
	for i := range n {
		id := fmt.Sprintf("x_INVENIO-2024-%04d", i+1)
		rec := strings.ReplaceAll(string(data), "x_INVENIO-2024-0001", id)
		fn(id, []byte(strings.ReplaceAll(rec, "invenio-app-rdm", fmt.Sprintf("invenio-module-%d", i%500))))
	}
}

// benchLint lints path, which holds n good records, with the schema and
// every check that needs no registry.
func benchLint(b *testing.B, path string, n int) {
	run := func() {
		res, err := lint.Run(context.Background(), []string{path}, lint.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if res.Records != n || len(res.Problems) != 0 {
			b.Fatalf("%d records, problems: %v", res.Records, res.Problems[:min(3, len(res.Problems))])
		}
	}
	b.ResetTimer()
	for b.Loop() {
		run()
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
	memtest.ReportPeak(b, run)
}
