package report_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/patchline/patchline/analyzer/report"
	"github.com/patchline/patchline/osv"
)

func fromOSV(t *testing.T, name string) (*report.Report, error) {
	t.Helper()
	path := filepath.Join("testdata", "fromosv", name)
	rec, err := osv.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return report.FromOSV(path, rec, nil)
}

// affectedOf lists which of the versions the entry calls affected.
func affectedOf(t *testing.T, a *report.Affected, vs ...string) []string {
	t.Helper()
	var out []string
	for _, s := range vs {
		v, err := a.Ecosystem().Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		if a.Affected(v) {
			out = append(out, s)
		}
	}
	return out
}

// A GHSA record with one entry per branch becomes one entry of form
// ranges per package, its events evaluated in version order.
func TestFromOSVGHSA(t *testing.T) {
	_, err := fromOSV(t, "ghsa.json")
	if err == nil {
		t.Fatal("want the invalid version in versions reported")
	}
	if !strings.Contains(err.Error(), "ghsa.json:13:29:") || !strings.Contains(err.Error(), "/affected/0/versions/1") {
		t.Errorf("error does not name the file, line and pointer: %v", err)
	}

	rec, err := osv.ReadFile(filepath.Join("testdata", "fromosv", "ghsa.json"))
	if err != nil {
		t.Fatal(err)
	}
	rec.Affected[0].Versions = rec.Affected[0].Versions[:1]
	r, err := report.FromOSV("ghsa.json", rec, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Affected) != 1 {
		t.Fatalf("want one entry for the package, got %d", len(r.Affected))
	}
	a := &r.Affected[0]
	if a.Package.String() != "PyPI:invenio-app-rdm" || a.Form != report.FormRanges {
		t.Errorf("entry %s form %s", a.Package, a.Form)
	}
	got := affectedOf(t, a, "1.0.0", "9.1.6", "9.1.7", "10.0.0", "11.0.0rc1", "11.0.0", "11.0.5", "11.0.6", "12.0.0")
	want := []string{"1.0.0", "9.1.6", "11.0.0", "11.0.5"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("affected (-want +got):\n%s", diff)
	}
	if r.ID != "GHSA-vp8r-9cm3-4w2q" || r.Severity == nil || r.Severity.Level != "Moderate" || r.EmbargoUntil == nil {
		t.Errorf("id %q severity %+v embargo %v", r.ID, r.Severity, r.EmbargoUntil)
	}
	if diff := cmp.Diff([]report.Credit{{Name: "Jane Doe", Type: "FINDER"}}, r.Credits); diff != "" {
		t.Errorf("credits (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"CWE-79", "CWE-80"}, r.CWEIDs); diff != "" {
		t.Errorf("cwe_ids (-want +got):\n%s", diff)
	}
}

// A PYSEC-style YAML record: an entry with only GIT ranges contributes its
// versions, each a one-version interval; SEMVER ranges are read as the
// ecosystem's versions, last_affected included.
func TestFromOSVVersionsAndSemver(t *testing.T) {
	r, err := fromOSV(t, "pysec.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Affected) != 2 {
		t.Fatalf("want 2 entries, got %d", len(r.Affected))
	}
	if diff := cmp.Diff([]string{"10.0.0", "10.1.1"}, affectedOf(t, &r.Affected[0], "9.0.0", "10.0.0", "10.1.0", "10.1.1", "11.0.0")); diff != "" {
		t.Errorf("PyPI entry (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"4.0.0", "4.1.0"}, affectedOf(t, &r.Affected[1], "3.9.9", "4.0.0", "4.1.0", "4.1.1")); diff != "" {
		t.Errorf("npm entry (-want +got):\n%s", diff)
	}
	if r.Affected[1].Intervals[0].LastAffected == nil {
		t.Error("last_affected lost")
	}
}

// Unknown ecosystems and invalid versions are errors naming the file, the
// line and the JSON pointer, all at once.
func TestFromOSVErrors(t *testing.T) {
	_, err := fromOSV(t, "bad.json")
	if err == nil {
		t.Fatal("want an error")
	}
	msg := err.Error()
	for _, want := range []string{
		"bad.json:6:", "/affected/0/package/ecosystem", "Maven",
		"bad.json:11:", "/affected/1/ranges/0/events/1/fixed", "not.a.version!",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
	if es, ok := err.(osv.Errors); !ok || len(es) != 2 {
		t.Errorf("want 2 osv.Errors, got %T %v", err, err)
	}
}
