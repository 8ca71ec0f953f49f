package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/patchline/patchline/advisory/cve5/cve5test"
	"github.com/patchline/patchline/advisory/ghsa"
	"github.com/patchline/patchline/advisory/ghsa/ghsatest"
	"github.com/patchline/patchline/ecosystem"
)

// The readers of the formats that state ranges, CVE 5 and GitHub's
// advisories, for TestFormatsAgree.

// rangeFix is a range format's fix for a line: the end of the range that
// holds the line's last affected release, when that release is the line's
// or no line's (in the whole history).
func rangeFix(r reading, l lineHits, end string) string {
	if end == "" || (r.laterOwners[l.key+"@"+end] > 0 && !slices.Contains(r.later[l.line][l.key], end)) {
		return ""
	}
	return end
}

// cveCollections names, by collectionURL, the ecosystems' keys the test
// compares under (lower-case OSV ecosystem names).
var cveCollections = map[string]string{"https://pypi.org": "pypi", "https://www.npmjs.com": "npm"}

// readCVE5Facts validates a CNA container against the official CVE JSON 5
// schema and reads its ranges as a CVE consumer does (cve5test.Status):
// the members whose status is affected, and as a line's fix the end of the
// range that holds its last affected member (its lessThan, or an earlier
// change to unaffected). CVE 5 has no lines, hence no end-of-life lines.
func readCVE5Facts(t *testing.T, data []byte, r reading) facts {
	t.Helper()
	if err := cve5test.ValidateContainer(data); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	c, err := cve5test.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	var f facts
	products := map[string]*cve5test.Product{}
	for i := range c.Affected {
		p := &c.Affected[i]
		key := cveCollections[p.CollectionURL] + "/" + p.PackageName
		products[key] = p
		for _, line := range r.order {
			for _, ver := range r.byPkg[line][key] {
				st, err := p.Status(ver)
				if err != nil {
					t.Fatalf("%s@%s: %v", key, ver, err)
				}
				if st == "affected" {
					f.addAffected(r.lineMembers, key, ver)
				}
			}
		}
	}
	f.sortAffected(t)
	if r.upstream {
		return f // see rangeFix
	}
	f.fixes = map[string]string{}
	r.perLine(f.affected, func(l lineHits) {
		f.fixes[l.id()] = rangeFix(r, l, cveRangeEnd(t, products[l.key], l.hit[len(l.hit)-1]))
	})
	return f
}

// cveRangeEnd is the end of the range of p that holds v: the first change
// to unaffected above v, else its lessThan.
func cveRangeEnd(t *testing.T, p *cve5test.Product, v string) string {
	t.Helper()
	for _, e := range p.Versions {
		if e.LessThan == "" {
			continue
		}
		eco, err := cve5test.Ecosystem(e.VersionType)
		if err != nil {
			t.Fatal(err)
		}
		if compareVersions(t, eco, e.Version, v) > 0 || compareVersions(t, eco, v, e.LessThan) >= 0 {
			continue
		}
		end := e.LessThan
		for _, ch := range e.Changes {
			if ch.Status == "unaffected" && compareVersions(t, eco, ch.At, v) > 0 && compareVersions(t, eco, ch.At, end) < 0 {
				end = ch.At
			}
		}
		return end
	}
	return ""
}

// ghsaEcosystems maps GitHub's ecosystem names to the keys' and the
// ecosystem registry's.
var ghsaEcosystems = map[string]struct{ key, eco string }{"pip": {"pypi", "PyPI"}, "npm": {"npm", "npm"}}

// readGHSAFacts checks a GitHub security advisory body against the schema
// of GitHub's create operation and reads it: the members that a
// vulnerability's range holds; as a line's fix the patched version of the
// range that holds its last affected member; and the lines the
// description's release lines say stay affected past their end of life.
func readGHSAFacts(t *testing.T, data []byte, r reading) facts {
	t.Helper()
	create, _, err := ghsatest.Schemas()
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if err := create.Validate(doc); err != nil {
		t.Fatalf("the body does not conform to GitHub's schema: %v", err)
	}
	var adv ghsa.Advisory
	if err := json.Unmarshal(data, &adv); err != nil {
		t.Fatal(err)
	}
	f := facts{endOfLife: map[string]bool{}}
	if !r.upstream {
		f.fixes = map[string]string{} // see rangeFix
	}
	patched := map[string]string{} // "key@version" → patched_versions of its range
	for _, v := range adv.Vulnerabilities {
		e, ok := ghsaEcosystems[v.Package.Ecosystem]
		if !ok {
			t.Fatalf("ecosystem %q", v.Package.Ecosystem)
		}
		key := e.key + "/" + v.Package.Name
		eco := ecosystemOf(t, e.eco)
		for _, line := range r.order {
			for _, ver := range r.byPkg[line][key] {
				if inGHSARange(t, eco, v.VulnerableVersionRange, ver) {
					f.addAffected(r.lineMembers, key, ver)
					patched[key+"@"+ver] = v.PatchedVersions
				}
			}
		}
	}
	f.sortAffected(t)
	// "- v10: end of life: invenio-app-rdm stays affected, no fix"
	eolNames := map[string]bool{} // "line name"
	_, list, _ := strings.Cut(adv.Description, "### Release lines\n\n")
	list, _, _ = strings.Cut(list, "\n\n")
	for _, item := range strings.Split(list, "\n") {
		line, text, _ := strings.Cut(strings.TrimPrefix(item, "- "), ": ")
		if rest, ok := strings.CutPrefix(text, "end of life: "); ok && strings.HasSuffix(rest, "no fix") {
			name, _, _ := strings.Cut(rest, " ")
			eolNames[line+" "+name] = true
		}
	}
	r.perLine(f.affected, func(l lineHits) {
		if f.fixes != nil {
			f.fixes[l.id()] = rangeFix(r, l, patched[l.key+"@"+l.hit[len(l.hit)-1]])
		}
		_, name, _ := strings.Cut(l.key, "/")
		f.endOfLife[l.id()] = eolNames[l.line+" "+name]
	})
	return f
}

// inGHSARange evaluates GitHub's range syntax ("= 1.2.3", "< 2.0.0",
// ">= 1.0.0, < 1.4.2") on a version.
func inGHSARange(t *testing.T, eco ecosystem.Ecosystem, rng, version string) bool {
	t.Helper()
	for _, c := range strings.Split(rng, ",") {
		c = strings.TrimSpace(c)
		op := strings.TrimRight(c[:min(2, len(c))], "0123456789 ")
		cmp := compareVersions(t, eco, version, strings.TrimSpace(c[len(op):]))
		holds, known := map[string]bool{"=": cmp == 0, "<": cmp < 0, "<=": cmp <= 0, ">": cmp > 0, ">=": cmp >= 0}[op]
		if !known {
			t.Fatalf("range %q: operator %q", rng, op)
		}
		if !holds {
			return false
		}
	}
	return true
}
