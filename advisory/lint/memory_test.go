package lint_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/patchline/patchline/advisory/lint"
	"github.com/patchline/patchline/internal/hostile"
	"github.com/patchline/patchline/internal/memtest"
)

// Without a registry, lint keeps of each record its input (for the
// positions of later problems) and its id, not the decoded record: 8,192
// entries of one record of 380 versions (25 MB of JSON, within the
// archive bounds) took 223 MiB of heap at its peak with every record
// decoded, and stay within 96 MiB now (78 MiB measured: the inputs, the
// 16,383 problems and the garbage of decoding). Every entry after the
// first is a duplicate id.
func TestLintArchiveHoldsInputsNotRecords(t *testing.T) {
	archive := filepath.Join(t.TempDir(), "all.zip")
	const n = 8192
	hostile.Zip(t, archive, n, hostile.Record("x_A-2026-0001", "PyPI", 380))
	var res *lint.Result
	var err error
	peak := memtest.Peak(func() { res, err = lint.Run(context.Background(), []string{archive}, lint.Options{}) })
	t.Logf("peak heap %.1f MiB", float64(peak)/(1<<20))
	if err != nil || res.Records != n {
		t.Fatalf("Run = %v, %v", res, err)
	}
	if peak > 96<<20 {
		t.Errorf("peak heap %d MiB, want at most 96 MiB", peak>>20)
	}
	dups := 0
	for _, p := range res.Problems {
		if p.Code == "LINT003" && p.Line == 1 && p.Column == 8 {
			dups++
		}
	}
	if dups != n-1 {
		t.Errorf("%d duplicate ids at 1:8, want %d; first problems: %v", dups, n-1, res.Problems[:min(3, len(res.Problems))])
	}
}
