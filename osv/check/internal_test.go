package check

import (
	"testing"

	"github.com/patchline/patchline/osv"
)

// affects follows the evaluation pseudocode of the OSV specification.
func TestAffects(t *testing.T) {
	mk := func(pairs ...string) osv.Range {
		r := osv.Range{Type: osv.RangeEcosystem}
		for i := 0; i+1 < len(pairs); i += 2 {
			var e osv.Event
			switch pairs[i] {
			case "introduced":
				e.Introduced = pairs[i+1]
			case "fixed":
				e.Fixed = pairs[i+1]
			case "last_affected":
				e.LastAffected = pairs[i+1]
			case "limit":
				e.Limit = pairs[i+1]
			}
			r.Events = append(r.Events, e)
		}
		return r
	}
	for _, tc := range []struct {
		r        osv.Range
		in, out  []string
		pkgEcosy string
	}{
		{mk("introduced", "0", "fixed", "1.0.2"), []string{"0.1", "1.0.1", "1.0.2rc1"}, []string{"1.0.2", "2.0"}, "PyPI"},
		{mk("introduced", "1.0", "fixed", "1.0.2", "introduced", "3.0", "fixed", "3.2.5"), []string{"1.0", "1.0.0", "3.1", "3.2.5.dev1"}, []string{"0.9", "1.0.2", "2.0", "3.2.5", "4"}, "PyPI"},
		{mk("introduced", "0", "last_affected", "2.1.214"), []string{"2.1.214", "2.1.214rc1"}, []string{"2.1.215", "2.1.214.post1", "2.1.214+local"}, "PyPI"},
		{mk("introduced", "1.0.0", "limit", "1.5.0"), []string{"1.0.0", "1.4.9"}, []string{"1.5.0", "2.0.0", "0.9.0"}, "npm"},
		{mk("introduced", "1.0.0", "fixed", "1.2.0", "limit", "*"), []string{"1.1.0", "1.2.0-beta.1"}, []string{"1.2.0"}, "npm"},
		// Unsorted events are evaluated sorted.
		{mk("fixed", "2.0.0", "introduced", "1.0.0"), []string{"1.5.0"}, []string{"2.0.0", "0.5.0"}, "npm"},
	} {
		s, evs, ok := orderedEvents(tc.pkgEcosy, tc.r)
		if !ok {
			t.Fatalf("orderedEvents(%v) failed", tc.r)
		}
		for _, v := range append(append([]string(nil), tc.in...), tc.out...) {
			pv, err := s.parse(v)
			if err != nil {
				t.Fatal(err)
			}
			want := false
			for _, w := range tc.in {
				want = want || w == v
			}
			if got := affects(s, evs, point{v: pv}); got != want {
				t.Errorf("%s %v: affects(%s) = %v, want %v", tc.pkgEcosy, tc.r.Events, v, got, want)
			}
		}
	}
}
