package pep440

import "testing"

// BenchmarkSpecifierContains measures SpecifierSet.Contains over every cell
// of the committed contains corpus (sets and versions parsed beforehand).
// testdata/bench_packaging.py measures packaging on the same cells.
func BenchmarkSpecifierContains(b *testing.B) {
	var cells []containsCell
	forEachContainsCell(b, func(c containsCell) { cells = append(cells, c) })
	n, hits := 0, 0
	for b.Loop() {
		c := &cells[n%len(cells)]
		if c.set.Contains(*c.v, c.mode) {
			hits++
		}
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "cells/s")
}

func BenchmarkParse(b *testing.B) {
	var inputs []string
	for _, row := range readCorpus(b, "versions.tsv") {
		if row[1] == "ok" {
			inputs = append(inputs, unescape(b, row[0]))
		}
	}
	n := 0
	for b.Loop() {
		if _, err := Parse(inputs[n%len(inputs)]); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "versions/s")
}

func BenchmarkParseSpecifierSet(b *testing.B) {
	var inputs []string
	for _, row := range readCorpus(b, "specifiers.tsv") {
		if row[1] == "ok" {
			inputs = append(inputs, unescape(b, row[0]))
		}
	}
	n := 0
	for b.Loop() {
		if _, err := ParseSpecifierSet(inputs[n%len(inputs)]); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "sets/s")
}
