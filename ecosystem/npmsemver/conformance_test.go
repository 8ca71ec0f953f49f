package npmsemver

// The conformance tests hold the package to node-semver on the committed
// corpus in testdata/, regenerated with
//
//	cd testdata && NODE_PATH=/path/to/node_modules node gen_corpus.js
//
// (or make corpora). NPMSEMVER_CORPUS=DIR runs them on a larger corpus
// written with gen_corpus.js --stress N --out DIR.

import "testing"

// disagreements collects mismatches with node-semver and reports the first
// few, so that one systematic bug does not bury the log.
type disagreements struct {
	t     *testing.T
	count int
}

func (d *disagreements) add(format string, args ...any) {
	d.t.Helper()
	d.count++
	if d.count <= 20 {
		d.t.Errorf(format, args...)
	}
}

func (d *disagreements) done(what string, checked int) {
	d.t.Helper()
	d.t.Logf("%s: %d cells checked against node-semver, %d disagreements", what, checked, d.count)
	if d.count > 20 {
		d.t.Errorf("%s: %d more disagreements not shown", what, d.count-20)
	}
}

func TestConformanceVersions(t *testing.T) {
	c := loadCorpus(t)
	d := &disagreements{t: t}
	for _, cv := range c.versions {
		v, err := Parse(cv.input)
		switch {
		case cv.valid && err != nil:
			d.add("Parse(%q): %v; node-semver accepts it as %q", cv.input, err, cv.formatted)
		case !cv.valid && err == nil:
			d.add("Parse(%q) = %q; node-semver rejects it", cv.input, v)
		case cv.valid && v.String() != cv.formatted:
			d.add("Parse(%q).String() = %q, node-semver formats %q", cv.input, v, cv.formatted)
		}
	}
	d.done("versions", len(c.versions))
}

func TestConformanceCompare(t *testing.T) {
	c := loadCorpus(t)
	d := &disagreements{t: t}
	parsed := parseCorpusVersions(t, c)
	for _, o := range c.compare {
		a, b := parsed[o.a], parsed[o.b]
		if got := Compare(a, b); got != o.want {
			d.add("Compare(%q, %q) = %d, node-semver %d", c.versions[o.a].input, c.versions[o.b].input, got, o.want)
		}
	}
	d.done("ordering pairs", len(c.compare))
}

func TestConformanceRanges(t *testing.T) {
	c := loadCorpus(t)
	d := &disagreements{t: t}
	for _, cr := range c.ranges {
		for i, o := range []Options{{}, {IncludePrerelease: true}} {
			r, err := ParseRange(cr.input, o)
			switch {
			case cr.valid[i] && err != nil:
				d.add("ParseRange(%q, %+v): %v; node-semver gives %q", cr.input, o, err, cr.normalized[i])
			case !cr.valid[i] && err == nil:
				d.add("ParseRange(%q, %+v) = %q; node-semver throws", cr.input, o, r)
			case cr.valid[i] && r.String() != cr.normalized[i]:
				d.add("ParseRange(%q, %+v) = %q, node-semver %q", cr.input, o, r, cr.normalized[i])
			}
		}
	}
	d.done("ranges (validity and normal form, both modes)", 2*len(c.ranges))
}

func TestConformanceSatisfies(t *testing.T) {
	c := loadCorpus(t)
	d := &disagreements{t: t}
	parsed := parseCorpusVersions(t, c)
	ranges := parseCorpusRanges(c)
	for _, cell := range c.satisfies {
		v := parsed[cell.ver]
		for i := range 2 {
			r := ranges[i][cell.rng]
			got := r != nil && r.Test(v)
			if got != cell.want[i] {
				d.add("satisfies(%q, %q, {includePrerelease: %v}) = %v, node-semver %v",
					c.versions[cell.ver].input, c.ranges[cell.rng].input, i == 1, got, cell.want[i])
			}
		}
	}
	d.done("satisfies (range, version, mode)", 2*len(c.satisfies))
}

// parseCorpusVersions parses every version node-semver accepts; the
// versions test reports any that Parse rejects.
func parseCorpusVersions(t testing.TB, c *corpus) []*Version {
	out := make([]*Version, len(c.versions))
	for i, cv := range c.versions {
		if !cv.valid {
			continue
		}
		v, err := Parse(cv.input)
		if err != nil {
			t.Fatalf("Parse(%q): %v", cv.input, err)
		}
		out[i] = v
	}
	return out
}

// parseCorpusRanges parses each range in both modes; nil where ParseRange
// fails, which semver.satisfies treats as no match.
func parseCorpusRanges(c *corpus) [2][]*Range {
	var out [2][]*Range
	for i, o := range []Options{{}, {IncludePrerelease: true}} {
		out[i] = make([]*Range, len(c.ranges))
		for k, cr := range c.ranges {
			if r, err := ParseRange(cr.input, o); err == nil {
				out[i][k] = r
			}
		}
	}
	return out
}
