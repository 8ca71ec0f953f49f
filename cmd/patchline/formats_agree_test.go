package main

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

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
