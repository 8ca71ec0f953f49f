package lint_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/patchline/patchline/advisory/lint"
	"github.com/patchline/patchline/internal/hostile"
	"github.com/patchline/patchline/internal/memtest"
	"github.com/patchline/patchline/registry/registrytest"
)

// lint keeps of each record its input (for the positions of later
// problems), its id and the packages it names, not the decoded record,
// which the registry checks decode again one at a time: 8,192 entries of
// one record of 380 versions (25 MB of JSON, within the archive bounds)
// took 214–245 MiB of heap at the peak with every record decoded, and
// stay within 128 MiB now (80 MiB measured without a registry, 95 MiB
// with one: the inputs, the problems and the garbage of decoding). Every
// entry after the first is a duplicate id; the registry knows no package
// "a".
func TestLintArchiveHoldsInputsNotRecords(t *testing.T) {
	archive := filepath.Join(t.TempDir(), "all.zip")
	const n = 8192
	hostile.Zip(t, archive, n, hostile.Record("x_A-2026-0001", "PyPI", 380))
	s := registrytest.New()
	t.Cleanup(s.Close)
	for _, tc := range []struct {
		name    string
		opts    lint.Options
		unknown int
	}{
		{"without a registry", lint.Options{}, 0},
		{"with a registry", lint.Options{Registry: onlineRegistry(t, s)}, n},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var res *lint.Result
			var err error
			peak := memtest.Peak(func() { res, err = lint.Run(context.Background(), []string{archive}, tc.opts) })
			t.Logf("peak heap %.1f MiB", float64(peak)/(1<<20))
			if err != nil || res.Records != n || res.RegistryErr != nil {
				t.Fatalf("Run = %v, %v", res, err)
			}
			if peak > 128<<20 {
				t.Errorf("peak heap %d MiB, want at most 128 MiB", peak>>20)
			}
			dups, unknown := 0, 0
			for _, p := range res.Problems {
				switch {
				case p.Code == "LINT003" && p.Line == 1 && p.Column == 8:
					dups++
				case p.Code == "OSV018":
					unknown++
				}
			}
			if dups != n-1 || unknown != tc.unknown {
				t.Errorf("%d duplicate ids at 1:8, %d unknown packages; want %d, %d", dups, unknown, n-1, tc.unknown)
			}
		})
	}
}
