package npmsemver

import "testing"

// BenchmarkRangeSatisfies measures range checks on the conformance corpus
// cells, with ranges and versions parsed up front, as
// testdata/bench_semver.js measures node-semver.
func BenchmarkRangeSatisfies(b *testing.B) {
	c := loadCorpus(b)
	versions := parseCorpusVersions(b, c)
	ranges := parseCorpusRanges(c)
	type cell struct {
		r *Range
		v *Version
	}
	var cells []cell
	for _, cc := range c.satisfies {
		for i := range 2 {
			if r := ranges[i][cc.rng]; r != nil {
				cells = append(cells, cell{r, versions[cc.ver]})
			}
		}
	}
	n, hits := 0, 0
	for b.Loop() {
		for _, cl := range cells {
			if cl.r.Test(cl.v) {
				hits++
			}
		}
		n++
	}
	b.ReportMetric(float64(n*len(cells))/b.Elapsed().Seconds(), "cells/s")
	b.ReportMetric(float64(hits)/float64(n*len(cells)), "hit-ratio")
}

// BenchmarkParseVersion parses every corpus version string, valid or not.
func BenchmarkParseVersion(b *testing.B) {
	c := loadCorpus(b)
	n := 0
	for b.Loop() {
		for _, v := range c.versions {
			_, _ = Parse(v.input)
		}
		n++
	}
	b.ReportMetric(float64(n*len(c.versions))/b.Elapsed().Seconds(), "versions/s")
}

// BenchmarkParseRange parses every corpus range, valid or not, in the
// default mode.
func BenchmarkParseRange(b *testing.B) {
	c := loadCorpus(b)
	n := 0
	for b.Loop() {
		for _, r := range c.ranges {
			_, _ = ParseRange(r.input, Options{})
		}
		n++
	}
	b.ReportMetric(float64(n*len(c.ranges))/b.Elapsed().Seconds(), "ranges/s")
}
