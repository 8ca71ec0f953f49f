package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/openvex/go-vex/pkg/vex"
	"github.com/package-url/packageurl-go"
)

// TestFormatsAgree renders every Invenio example report as an OSV record
// and as an OpenVEX document, reads the OpenVEX document back with the
// format's own library, and checks that both name the same affected
// versions of every package: one analysis, every format.
func TestFormatsAgree(t *testing.T) {
	render, reports, members := formatsFixture(t)
	for _, rep := range reports {
		fromOSV := osvVersions(t, render("osv", rep))
		doc, err := vex.Parse(render("openvex", rep))
		if err != nil {
			t.Fatalf("%s: go-vex cannot read the document: %v", rep, err)
		}
		fromVEX := map[string][]string{}
		for _, st := range doc.Statements {
			if err := st.Validate(); err != nil {
				t.Errorf("%s: %v", rep, err)
			}
			if st.Status != vex.StatusAffected {
				continue
			}
			for _, p := range st.Products {
				key, v := purlKey(t, p.ID)
				fromVEX[key] = append(fromVEX[key], v)
			}
		}
		for key, vs := range fromOSV {
			// OSV lists the affected versions of the whole history; OpenVEX
			// states the versions the lines contain.
			for _, v := range fromVEX[key] {
				if !slices.Contains(vs, v) {
					t.Errorf("%s: OpenVEX says %s@%s is affected; the OSV record does not list it", filepath.Base(rep), key, v)
				}
			}
		}
		for key, vs := range fromOSV {
			for _, v := range vs {
				if members[key+"@"+v] && !slices.Contains(fromVEX[key], v) {
					t.Errorf("%s: the OSV record lists %s@%s, a line's release, which OpenVEX does not state affected", filepath.Base(rep), key, v)
				}
			}
		}
		for key, vs := range fromVEX {
			if _, ok := fromOSV[key]; !ok && len(vs) > 0 {
				t.Errorf("%s: OpenVEX names affected versions of %s, of which the OSV record has no entry", filepath.Base(rep), key)
			}
		}
		if len(fromVEX) == 0 && len(fromOSV) > 0 {
			t.Errorf("%s: the OpenVEX document states no affected version", filepath.Base(rep))
		}
	}
}

// formatsFixture renders the Invenio example's reports, offline on the
// snapshot with the clock pinned, in any format; members holds
// "pypi/name@version" for every release a line contains.
func formatsFixture(t *testing.T) (render func(format, rep string) []byte, reports []string, members map[string]bool) {
	invenio, snapshot := snapshotDirs(t)
	isolate(t)
	t.Setenv(nowEnv, "2026-11-30T12:00:00Z")
	base := []string{"--offline", "--cache-dir", snapshot, "--policy", filepath.Join(invenio, "patchline.yaml"), "--as-of", "2025-08-01"}
	reports, err := filepath.Glob(filepath.Join(invenio, "reports", "*.yaml"))
	if err != nil || len(reports) == 0 {
		t.Fatalf("no reports: %v", err)
	}
	render = func(format, rep string) []byte {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), append(base, "--format", format, "advisory", rep), &stdout, &stderr); code != exitOK {
			t.Fatalf("%s as %s: exit %d: %s", rep, format, code, stderr.String())
		}
		return stdout.Bytes()
	}
	members = map[string]bool{}
	for _, pkgs := range linesMembers(t, append(base, "--format", "json", "lines")) {
		for ref, vs := range pkgs {
			eco, name, _ := strings.Cut(ref, ":")
			for _, v := range vs {
				members[strings.ToLower(eco)+"/"+name+"@"+v] = true
			}
		}
	}
	return render, reports, members
}

// osvVersions reads the affected versions an OSV record lists, by
// "ecosystem/name" in lower-case ecosystem spelling.
func osvVersions(t *testing.T, data []byte) map[string][]string {
	t.Helper()
	var rec struct {
		Affected []struct {
			Package  struct{ Ecosystem, Name string }
			Versions []string
		}
	}
	if err := json.Unmarshal(data, &rec); err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, e := range rec.Affected {
		key := strings.ToLower(e.Package.Ecosystem) + "/" + e.Package.Name
		out[key] = append(out[key], e.Versions...)
	}
	return out
}

// purlKey splits a package URL into "ecosystem/name" and its version.
func purlKey(t *testing.T, s string) (key, version string) {
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
