package match

import (
	"fmt"
	"testing"

	"github.com/patchline/patchline/ecosystem/pkgref"
	"github.com/patchline/patchline/osv"
)

// BenchmarkIndexAndMatch indexes 5,000 records over 2,500 npm packages
// (four per-line ranges and 24 enumerated versions each) and matches 2,000
// pins: the release gate without reading files.
func BenchmarkIndexAndMatch(b *testing.B) {
	var recs []*osv.Record
	for i := range 5000 {
		var evs []string
		var versions []string
		for major := 1; major <= 4; major++ {
			evs = append(evs, "introduced", fmt.Sprintf("%d.%d.0", major, i%5), "fixed", fmt.Sprintf("%d.%d.3", major, i%5+2))
			for m := i % 5; m < i%5+2; m++ {
				for patch := range 3 {
					versions = append(versions, fmt.Sprintf("%d.%d.%d", major, m, patch))
				}
			}
		}
		recs = append(recs, published(b, fmt.Sprintf("x_BENCH-2026-%04d", i), osv.Affected{
			Package: pkg("npm", fmt.Sprintf("pkg-%d", i%2500)), Ranges: []osv.Range{ecoRange(evs...)}, Versions: versions,
		}))
	}
	pins := make([]pkgref.Ref, 2000)
	for i := range pins {
		pins[i] = pkgref.Ref{Ecosystem: "npm", Name: fmt.Sprintf("pkg-%d", i)}
	}
	b.ReportAllocs()
	for b.Loop() {
		ix, err := New(recs, now)
		if err != nil {
			b.Fatal(err)
		}
		for i, p := range pins {
			if _, err := ix.Match(p, fmt.Sprintf("%d.%d.%d", i%4+1, i%9, i%6)); err != nil {
				b.Fatal(err)
			}
		}
	}
}
