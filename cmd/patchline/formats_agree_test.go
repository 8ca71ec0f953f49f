package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	gocsaf "github.com/gocsaf/csaf/v3/csaf"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/openvex/go-vex/pkg/vex"
	"github.com/package-url/packageurl-go"

	"github.com/patchline/patchline/advisory/csaf/csaftest"
	"github.com/patchline/patchline/advisory/cve5/cve5test"
	"github.com/patchline/patchline/advisory/ghsa"
	"github.com/patchline/patchline/advisory/ghsa/ghsatest"
	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/osv"
)

// facts is what a format says of a report, read back through the format's
// reader, in the terms the formats share: the releases that the policy's
// released lines contain ("members"), by line.
type facts struct {
	// affected are the member releases stated affected, by package
	// ("pypi/invenio-app-rdm": versions in the package's order).
	affected map[string][]string
	// fixes are, for each line and package with affected members that the
	// format can judge ("v11 pypi/invenio-app-rdm"), the release that fixes
	// them, or "" where the line has none; nil when the format carries no
	// fix per line.
	fixes map[string]string
	// endOfLife says, for each line and package with affected members that
	// the format can judge, whether the line is past its end of life and
	// left affected (no fix); nil when the format cannot say.
	endOfLife map[string]bool
}

// lineMembers are the releases each released line contains, by line and
// package, in the package's order.
type lineMembers struct {
	order []string                       // line names, in the policy's order
	byPkg map[string]map[string][]string // line → "pypi/name" → versions
	// owners counts the lines that contain "pypi/name@version".
	owners map[string]int
	// later are the members by line and package in the registry's whole
	// history, which the formats describe (releases after the as-of date
	// included), laterOwners the lines that contain each there, unreleased
	// lines included.
	later       map[string]map[string][]string
	laterOwners map[string]int
}

// isMember reports whether some line contains the version.
func (m lineMembers) isMember(key, version string) bool { return m.owners[key+"@"+version] > 0 }

// lineHits is one line and package with affected members, in one format's
// reading.
type lineHits struct {
	line, key string
	// hit are the affected members; own those that no other line
	// contains; after the line's members after the last affected one, in
	// the whole history.
	hit, own, after []string
}

// id is the facts' key of the line and package.
func (l lineHits) id() string { return l.line + " " + l.key }

// perLine calls f for every line and package with affected members in the
// reading given.
func (m lineMembers) perLine(affected map[string][]string, f func(l lineHits)) {
	for _, line := range m.order {
		for _, key := range slices.Sorted(maps.Keys(m.byPkg[line])) {
			vs := m.byPkg[line][key]
			l := lineHits{line: line, key: key}
			last := -1
			for i, v := range vs {
				if slices.Contains(affected[key], v) {
					l.hit, last = append(l.hit, v), i
					if m.owners[key+"@"+v] == 1 {
						l.own = append(l.own, v)
					}
				}
			}
			if last >= 0 {
				all := m.later[line][key]
				if i := slices.Index(all, vs[last]); i >= 0 {
					l.after = all[i+1:]
				}
				f(l)
			}
		}
	}
}

// upstreamReport reports whether an OSV record is about an upstream
// package (its entries name the project's releases that force affected
// versions of it).
func upstreamReport(t *testing.T, data []byte) bool {
	t.Helper()
	rec, err := osv.Parse("osv", data)
	if err != nil {
		t.Fatal(err)
	}
	return len(rec.Upstream) > 0
}

// reading is what a reader is given beside the document: the lines'
// members, and whether the report is on an upstream package.
type reading struct {
	lineMembers
	upstream bool
}

// formatReaders read each format back into facts: OSV through the osv
// package's reader, OpenVEX through go-vex, CSAF through gocsaf's document
// model, CVE JSON 5 through the official schema and a consumer's reading of
// its ranges, GHSA through the schema of GitHub's create operation and its
// range syntax. Ranges (GHSA, CVE 5) are evaluated on the lines' releases.
var formatReaders = []struct {
	format string
	read   func(t *testing.T, data []byte, r reading) facts
}{
	{"osv", readOSVFacts},
	{"openvex", readOpenVEXFacts},
	{"csaf", readCSAFFacts},
	{"cve5", readCVE5Facts},
	{"ghsa", readGHSAFacts},
}

// TestFormatsAgree renders every Invenio example report in the five
// formats at two dates (one with supported lines fixed and pending, one
// with lines past their end of life, fixed or not), reads each back
// through its reader, and checks that all five say what the OSV record
// says: the same affected versions, the same fix per line and the same
// end-of-life lines left affected, as far as each format can say them.
// GHSA and CVE 5 carry a line's fix as the patched version or upper bound
// of the range that holds the line's last affected release (a release of
// that line, or of none); OpenVEX and CSAF as the line's first product
// after its affected ones, stated fixed, which the affected products'
// action or vendor_fix remediation names. A line left affected past its
// end of life is in OSV's per-line verdicts, CSAF's no_fix_planned,
// OpenVEX's action and the release lines of GHSA's description; CVE 5 has
// no lines. A VEX product belongs to no line when several lines contain
// it, so the VEX formats are judged on the releases of one line only; for
// an upstream report they state only the project's forcing releases, with
// no fixed product, so they are compared on affected versions.
func TestFormatsAgree(t *testing.T) {
	invenio, snapshot := snapshotDirs(t)
	isolate(t)
	const present = "2026-11-30"
	t.Setenv(nowEnv, present+"T12:00:00Z")
	reports, err := filepath.Glob(filepath.Join(invenio, "reports", "*.yaml"))
	if err != nil || len(reports) == 0 {
		t.Fatalf("no reports: %v", err)
	}
	compared := map[string]int{}
	for _, asOf := range []string{"2024-06-30", "2025-08-01"} {
		flags := []string{"--offline", "--cache-dir", snapshot, "--policy", filepath.Join(invenio, "patchline.yaml")}
		m := readLineMembers(t, flags, asOf, present)
		base := append(slices.Clone(flags), "--as-of", asOf)
		for _, rep := range reports {
			name := filepath.Base(rep) + " at " + asOf
			render := func(format string) []byte {
				var stdout, stderr bytes.Buffer
				if code := run(context.Background(), append(base, "--format", format, "advisory", rep), &stdout, &stderr); code != exitOK {
					t.Fatalf("%s as %s: exit %d: %s", name, format, code, stderr.String())
				}
				return stdout.Bytes()
			}
			r := reading{lineMembers: m, upstream: upstreamReport(t, render("osv"))}
			var ref facts
			for i, f := range formatReaders {
				got := f.read(t, render(f.format), r)
				if i == 0 {
					ref = got
					continue
				}
				if diff := cmp.Diff(ref.affected, got.affected, cmpopts.EquateEmpty()); diff != "" {
					t.Errorf("%s: affected versions, OSV (-) and %s (+):\n%s", name, f.format, diff)
				}
				for _, vs := range got.affected {
					compared["affected versions"] += len(vs)
				}
				if got.fixes != nil {
					if diff := cmp.Diff(restrict(ref.fixes, got.fixes), got.fixes, cmpopts.EquateEmpty()); diff != "" {
						t.Errorf("%s: fix per line, OSV (-) and %s (+):\n%s", name, f.format, diff)
					}
					compared["line fixes"] += len(got.fixes)
				}
				if got.endOfLife != nil {
					if diff := cmp.Diff(restrict(ref.endOfLife, got.endOfLife), got.endOfLife, cmpopts.EquateEmpty()); diff != "" {
						t.Errorf("%s: end-of-life lines left affected, OSV (-) and %s (+):\n%s", name, f.format, diff)
					}
					for _, left := range got.endOfLife {
						if left {
							compared["end-of-life lines left affected"]++
						}
					}
				}
			}
		}
	}
	for _, what := range []string{"affected versions", "line fixes", "end-of-life lines left affected"} {
		if compared[what] == 0 {
			t.Errorf("compared no %s: the reports should give some", what)
		}
	}
	t.Logf("compared with the OSV record, in four formats: %v", compared)
}

// restrict is ref on the keys of got, those the format can judge; a key
// ref lacks is kept, so that it shows as a difference.
func restrict[V any](ref, got map[string]V) map[string]V {
	out := map[string]V{}
	for k := range got {
		if v, ok := ref[k]; ok {
			out[k] = v
		}
	}
	return out
}

// readLineMembers runs lines --format json with the global flags of base
// at asOf and at the pinned present (the whole history, as the formats
// describe it), and returns the members of the lines released at asOf (a
// line not released yet names other lines' releases), each package's
// versions in the ecosystem's order.
func readLineMembers(t *testing.T, base []string, asOf, present string) lineMembers {
	t.Helper()
	m := lineMembers{byPkg: map[string]map[string][]string{}, owners: map[string]int{}}
	for l, pkgs := range linesByPackage(t, append(base, "--as-of", asOf, "--format", "json", "lines")) {
		if pkgs == nil {
			continue // not released yet
		}
		m.order = append(m.order, l)
		m.byPkg[l] = pkgs
		for key, vs := range pkgs {
			for _, v := range vs {
				m.owners[key+"@"+v]++
			}
		}
	}
	m.later, m.laterOwners = map[string]map[string][]string{}, map[string]int{}
	for l, pkgs := range linesByPackage(t, append(base, "--as-of", present, "--format", "json", "lines"), true) {
		m.later[l] = pkgs
		for key, vs := range pkgs {
			for _, v := range vs {
				m.laterOwners[key+"@"+v]++
			}
		}
	}
	return m
}

// linesByPackage runs lines --format json and returns each line's members
// by "pypi/name", in the ecosystem's order; nil for a line not released
// yet, unless unreleased.
func linesByPackage(t *testing.T, args []string, unreleased ...bool) map[string]map[string][]string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), args, &stdout, &stderr); code != exitOK {
		t.Fatalf("lines: exit %d: %s", code, stderr.String())
	}
	var doc struct {
		Lines []struct {
			Name       string
			Unreleased bool
			Packages   []struct {
				Package  string
				Versions []string
			}
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string][]string{}
	for _, l := range doc.Lines {
		out[l.Name] = nil
		if l.Unreleased && len(unreleased) == 0 {
			continue
		}
		out[l.Name] = map[string][]string{}
		for _, p := range l.Packages {
			eco, name, _ := strings.Cut(p.Package, ":")
			out[l.Name][strings.ToLower(eco)+"/"+name] = sortVersions(t, eco, p.Versions)
		}
	}
	return out
}

// sortVersions sorts versions in the ecosystem's order.
func sortVersions(t *testing.T, eco string, vs []string) []string {
	t.Helper()
	e := ecosystemOf(t, eco)
	out := slices.Clone(vs)
	slices.SortFunc(out, func(a, b string) int { return compareVersions(t, e, a, b) })
	return out
}

func ecosystemOf(t *testing.T, name string) ecosystem.Ecosystem {
	t.Helper()
	e, err := ecosystem.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func compareVersions(t *testing.T, e ecosystem.Ecosystem, a, b string) int {
	t.Helper()
	va, err := e.Parse(a)
	if err != nil {
		t.Fatal(err)
	}
	vb, err := e.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	return e.Compare(va, vb)
}

// addAffected adds a member version to facts.affected.
func (f *facts) addAffected(m lineMembers, key, version string) {
	if f.affected == nil {
		f.affected = map[string][]string{}
	}
	if !m.isMember(key, version) || slices.Contains(f.affected[key], version) {
		return
	}
	f.affected[key] = append(f.affected[key], version)
}

// sortAffected puts each package's affected versions in the ecosystem's
// order.
func (f *facts) sortAffected(t *testing.T) {
	for key, vs := range f.affected {
		eco, _, _ := strings.Cut(key, "/")
		f.affected[key] = sortVersions(t, eco, vs)
	}
}

// readOSVFacts reads an OSV record with the osv package: its versions, and
// the per-line verdicts and fixes of each entry's database_specific.
func readOSVFacts(t *testing.T, data []byte, r reading) facts {
	t.Helper()
	rec, err := osv.Parse("osv", data)
	if err != nil {
		t.Fatal(err)
	}
	f := facts{fixes: map[string]string{}, endOfLife: map[string]bool{}}
	type lineVerdict struct {
		Line    string   `json:"line"`
		Verdict string   `json:"verdict"`
		FixedIn []string `json:"fixed_in"`
	}
	verdicts := map[string]lineVerdict{} // by "line key"
	for _, e := range rec.Affected {
		key := strings.ToLower(e.Package.Ecosystem) + "/" + e.Package.Name
		for _, v := range e.Versions {
			f.addAffected(r.lineMembers, key, v)
		}
		var lines []lineVerdict
		raw, err := json.Marshal(e.DatabaseSpecific["lines"])
		if err == nil {
			err = json.Unmarshal(raw, &lines)
		}
		if err != nil {
			t.Fatalf("database_specific.lines: %v", err)
		}
		for _, l := range lines {
			verdicts[l.Line+" "+key] = l
		}
	}
	f.sortAffected(t)
	r.perLine(f.affected, func(l lineHits) {
		v := verdicts[l.id()]
		f.fixes[l.id()] = strings.Join(v.FixedIn, ",")
		f.endOfLife[l.id()] = v.Verdict == "unsupported" && len(v.FixedIn) == 0
	})
	return f
}

// purlVersion splits a package URL into "type/name" and its version.
func purlVersion(t *testing.T, s string) (key, version string) {
	t.Helper()
	purl, err := packageurl.FromString(s)
	if err != nil {
		t.Fatalf("%s: %v", s, err)
	}
	name := purl.Name
	if purl.Namespace != "" {
		name = purl.Namespace + "/" + name
	}
	return purl.Type + "/" + name, purl.Version
}

// namedFix is the release a VEX text names as a line's fix ("Upgrade to
// react-invenio-forms 3.5.3 (line v12).", "... upgrade to invenio-app-rdm
// 11.0.6, which carries the fix"), or "".
func namedFix(key, text string) string {
	_, name, _ := strings.Cut(key, "/")
	m := regexp.MustCompile(`(?i)\bupgrade to ` + regexp.QuoteMeta(name) + ` ([^\s,]+)`).FindStringSubmatch(text)
	if m == nil {
		return ""
	}
	return m[1]
}

// vexFix is a VEX format's fix for a line: the release that the texts of
// the line's own affected products name (one for all of them), which the
// document must state fixed where the line contains it (except for an
// upstream report, whose documents state the forcing releases only).
func vexFix(r reading, l lineHits, texts map[string][]string, fixed map[string]bool) string {
	fix := ""
	for i, v := range l.own {
		named := ""
		for _, text := range texts[l.key+"@"+v] {
			if n := namedFix(l.key, text); n != "" {
				named = n
			}
		}
		if i > 0 && named != fix {
			return fmt.Sprintf("%s@%s names %q, others %q", l.key, v, named, fix)
		}
		fix = named
	}
	// An upstream report's documents state only the forcing releases.
	if fix != "" && !r.upstream && slices.Contains(r.later[l.line][l.key], fix) && !fixed[l.key+"@"+fix] {
		return fmt.Sprintf("%s, which the line contains and the document does not state fixed", fix)
	}
	return fix
}

// readOpenVEXFacts reads an OpenVEX document with go-vex: the products
// stated affected; for a line's own affected products, the line's first
// product after them stated fixed, which their action statement must name,
// and whether that statement says the line is past its end of life with
// no fix.
func readOpenVEXFacts(t *testing.T, data []byte, r reading) facts {
	t.Helper()
	doc, err := vex.Parse(data)
	if err != nil {
		t.Fatalf("go-vex cannot read the document: %v", err)
	}
	var f facts
	fixed := map[string]bool{}
	actions := map[string][]string{}
	for _, st := range doc.Statements {
		if err := st.Validate(); err != nil {
			t.Error(err)
		}
		for _, p := range st.Products {
			key, v := purlVersion(t, p.ID)
			switch st.Status {
			case vex.StatusAffected:
				f.addAffected(r.lineMembers, key, v)
				actions[key+"@"+v] = append(actions[key+"@"+v], st.ActionStatement)
			case vex.StatusFixed:
				fixed[key+"@"+v] = true
			}
		}
	}
	f.sortAffected(t)
	f.fixes = map[string]string{}
	if !r.upstream {
		// An upstream report's actions name their release's first line
		// only, and none says the line is past its end of life.
		f.endOfLife = map[string]bool{}
	}
	r.perLine(f.affected, func(l lineHits) {
		if len(l.own) == 0 {
			return
		}
		f.fixes[l.id()] = vexFix(r, l, actions, fixed)
		if f.endOfLife == nil {
			return
		}
		eol := true
		for _, v := range l.own {
			eol = eol && slices.ContainsFunc(actions[l.key+"@"+v], func(a string) bool {
				return strings.Contains(a, "Line "+l.line+" is past its end of life and gets no fix")
			})
		}
		f.endOfLife[l.id()] = eol
	})
	return f
}

// readCSAFFacts reads a CSAF document into gocsaf's model: the
// known_affected products (by the package URLs of the product tree); for
// a line's own affected products, the line's first product after them
// stated fixed, with which their vendor_fix remediation must come, and
// whether they are all remediated no_fix_planned.
func readCSAFFacts(t *testing.T, data []byte, r reading) facts {
	t.Helper()
	adv, err := csaftest.Read(data)
	if err != nil {
		t.Fatalf("gocsaf cannot read the document: %v", err)
	}
	purls := map[gocsaf.ProductID]string{}
	var walk func(bs gocsaf.Branches)
	walk = func(bs gocsaf.Branches) {
		for _, b := range bs {
			if p := b.Product; p != nil && p.ProductID != nil && p.ProductIdentificationHelper != nil && p.ProductIdentificationHelper.PURL != nil {
				purls[*p.ProductID] = string(*p.ProductIdentificationHelper.PURL)
			}
			walk(b.Branches)
		}
	}
	if adv.ProductTree != nil {
		walk(adv.ProductTree.Branches)
	}
	product := func(id *gocsaf.ProductID) string {
		purl, ok := purls[*id]
		if !ok {
			t.Fatalf("product %s is not in the product tree", *id)
		}
		key, v := purlVersion(t, purl)
		return key + "@" + v
	}
	var f facts
	fixed := map[string]bool{}
	remedies := map[string][]string{} // "key@version" → remediation categories
	fixTexts := map[string][]string{} // "key@version" → vendor_fix details
	for _, v := range adv.Vulnerabilities {
		if v.ProductStatus == nil {
			continue
		}
		if ps := v.ProductStatus.KnownAffected; ps != nil {
			for _, id := range *ps {
				key, ver, _ := strings.Cut(product(id), "@")
				f.addAffected(r.lineMembers, key, ver)
			}
		}
		if ps := v.ProductStatus.Fixed; ps != nil {
			for _, id := range *ps {
				fixed[product(id)] = true
			}
		}
		for _, rem := range v.Remediations {
			if rem.ProductIds == nil || rem.Category == nil {
				continue
			}
			for _, id := range *rem.ProductIds {
				p := product(id)
				remedies[p] = append(remedies[p], string(*rem.Category))
				if *rem.Category == "vendor_fix" && rem.Details != nil {
					fixTexts[p] = append(fixTexts[p], *rem.Details)
				}
			}
		}
	}
	f.sortAffected(t)
	f.fixes, f.endOfLife = map[string]string{}, map[string]bool{}
	r.perLine(f.affected, func(l lineHits) {
		if len(l.own) == 0 {
			return
		}
		eol := true
		for _, v := range l.own {
			eol = eol && slices.Equal(remedies[l.key+"@"+v], []string{"no_fix_planned"})
		}
		f.endOfLife[l.id()] = eol
		f.fixes[l.id()] = vexFix(r, l, fixTexts, fixed)
	})
	return f
}

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
