package main

import (
	"bytes"
	"context"
	"encoding/json"
	"github.com/patchline/patchline/registry/httpcache"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/patchline/patchline/registry/registrytest"
)

// withoutReleasesAfter rewrites a PEP 691 project page as the index showed
// it on day: without the files uploaded later, and without the versions
// left with no file.
func withoutReleasesAfter(t *testing.T, page []byte, day time.Time) []byte {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(page, &doc); err != nil {
		t.Fatal(err)
	}
	kept := map[string]bool{}
	var files []any
	for _, f := range doc["files"].([]any) {
		fm := f.(map[string]any)
		up, err := time.Parse(time.RFC3339, fm["upload-time"].(string))
		if err != nil {
			t.Fatal(err)
		}
		if up.Before(day) {
			files = append(files, f)
			kept[fm["filename"].(string)] = true
		}
	}
	var versions []any
	for _, v := range doc["versions"].([]any) {
		for name := range kept {
			if strings.Contains(name, "-"+v.(string)+"-") || strings.Contains(name, "-"+v.(string)+".tar") {
				versions = append(versions, v)
				break
			}
		}
	}
	doc["files"], doc["versions"] = files, versions
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCheckRegistryTransition runs the publication gate on one report
// against a registry without the fixing releases, then against the same
// registry once they are published: it fails, then passes. A registry
// that errors is exit 3.
func TestCheckRegistryTransition(t *testing.T) {
	invenio, snapshot := snapshotDirs(t)
	isolate(t)
	s := registrytest.ServeSnapshot(t, snapshot)
	const page = "/simple/invenio-app-rdm/"
	e, err := httpcache.New(snapshot).Get(&url.URL{Scheme: "http", Host: "pypi.example.test", Path: page}, "invenio-app-rdm")
	if err != nil {
		t.Fatal(err)
	}
	body := e.Body
	full := registrytest.File{Body: body, ContentType: "application/vnd.pypi.simple.v1+json"}
	gate := func(t *testing.T) (int, string) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		args := []string{"--policy", filepath.Join(invenio, "patchline.yaml"), "--cache-dir", t.TempDir(),
			"--pypi-index", s.URL + "/simple/", "--npm-registry", s.URL + "/npm/",
			"--as-of", "2024-06-30", "check", filepath.Join(invenio, "reports", "unsafe-html.yaml")}
		code := run(context.Background(), args, &stdout, &stderr)
		return code, stdout.String() + stderr.String()
	}

	// 11.0.6 was uploaded on 2024-06-10 and 9.1.7 on 2024-06-11.
	s.Put(page, registrytest.File{Body: withoutReleasesAfter(t, full.Body, time.Date(2024, 6, 10, 0, 0, 0, 0, time.UTC)), ContentType: full.ContentType})
	code, out := gate(t)
	if code != exitGate || !strings.Contains(out, "v11: PyPI:invenio-app-rdm 11.0.6 not yet released (planned)\n") || !strings.Contains(out, "v9: PyPI:invenio-app-rdm 9.1.7 not yet released (planned)\n") {
		t.Fatalf("before the fixes: exit %d, want %d, output:\n%s", code, exitGate, out)
	}

	s.Put(page, full)
	code, out = gate(t)
	if code != exitOK || !strings.Contains(out, "v11: fixed by PyPI:invenio-app-rdm 11.0.6\n") {
		t.Fatalf("after the fixes: exit %d, want %d, output:\n%s", code, exitOK, out)
	}

	// The fixes listed (PEP 700) but without files: nothing to install,
	// so the gate fails as before they were released, at any date.
	s.Put(page, registrytest.File{Body: registrytest.WithoutFilesOf(t, full.Body, "11.0.6", "9.1.7"), ContentType: full.ContentType})
	code, out = gate(t)
	if code != exitGate || !strings.Contains(out, "v11: PyPI:invenio-app-rdm 11.0.6 not yet released") {
		t.Fatalf("fixes without files: exit %d, want %d, output:\n%s", code, exitGate, out)
	}
	s.Put(page, full)

	// A 404 for the project's own package is bad input (a misspelt name,
	// the wrong index), not an outage.
	s.Fail(page, registrytest.Fault{Status: 404})
	code, out = gate(t)
	if code != exitBadInput || !strings.Contains(out, "PyPI:invenio-app-rdm: no such package on "+s.URL+"/simple/") {
		t.Fatalf("registry answering 404: exit %d, want %d, output:\n%s", code, exitBadInput, out)
	}
}

// TestCheckExitCodes checks the exit codes CI relies on, of check, notify
// and announce.
func TestCheckExitCodes(t *testing.T) {
	invenio, snapshot := snapshotDirs(t)
	isolate(t)
	policy := filepath.Join(invenio, "patchline.yaml")
	report := func(name string) string { return filepath.Join(invenio, "reports", name+".yaml") }
	offline := []string{"--offline", "--cache-dir", snapshot, "--policy", policy}
	tmp := t.TempDir()
	broken := filepath.Join(tmp, "package-lock.json")
	embargoed := filepath.Join(tmp, "embargoed.yaml")
	for name, data := range map[string]string{
		broken:    `{"lockfileVersion": 3, "packages": {`,
		embargoed: "summary: x\nembargo_until: 2026-08-03T14:00:00Z\naffected: [{package: 'PyPI:invenio-communities', introduced: 13.0.0}]\n",
	} {
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	runExitCodes(t, []exitCase{
		{"waiting for fixes", append(offline, "--as-of", "2026-08-01", "check", report("pending-communities")), exitGate, ""},
		{"fixed", append(offline, "--as-of", "2024-06-30", "check", report("unsafe-html")), exitOK, ""},
		{"fix released after the as-of date", append(offline, "--as-of", "2024-06-09", "check", report("unsafe-html")), exitGate, ""},
		{"empty cache", []string{"--offline", "--cache-dir", t.TempDir(), "--policy", policy, "--as-of", "2024-06-30", "check", report("unsafe-html")}, exitRegistry, ""},
		{"missing report", append(offline, "check", report("missing")), exitBadInput, ""},
		{"unknown lockfile", []string{"check", "--lockfile", filepath.Join(invenio, "patchline.yaml"), "--db", t.TempDir()}, exitBadInput, ""},
		{"missing lockfile", []string{"check", "--lockfile", filepath.Join(t.TempDir(), "requirements.txt"), "--db", t.TempDir()}, exitBadInput, ""},
		{"unparsable lockfile", []string{"check", "--lockfile", broken, "--db", t.TempDir()}, exitBadInput, ""},
		{"notice", []string{"--policy", policy, "notify", embargoed}, exitOK, "2026-08-01T00:00:00Z"},
		{"notice past the embargo", []string{"--policy", policy, "notify", embargoed, "--release", "2026-08-06"}, exitBadInput, "2026-08-04T00:00:00Z"},
		{"announcement under embargo", append(offline, "--as-of", "2026-08-01", "announce", embargoed), exitBadInput, "2026-08-01T00:00:00Z"},
		{"draft under embargo", append(offline, "--as-of", "2026-08-01", "announce", "--draft", embargoed), exitOK, "2026-08-01T00:00:00Z"},
		{"announcement from an empty cache", []string{"--offline", "--cache-dir", t.TempDir(), "--policy", policy, "--as-of", "2026-08-04", "announce", embargoed}, exitRegistry, "2026-08-04T00:00:00Z"},
	})
}

// TestCheckOutsidePackage: a report on a package no line contains passes
// with a note when the registry knows the package, and fails with exit 2
// naming the package and the index when it does not (a misspelt name must
// never pass the gate, and is bad input, not an outage).
func TestCheckOutsidePackage(t *testing.T) {
	invenio, snapshot := snapshotDirs(t)
	isolate(t)
	s := registrytest.ServeSnapshot(t, snapshot)
	report := filepath.Join(t.TempDir(), "elsewhere.yaml")
	if err := os.WriteFile(report, []byte("summary: A package InvenioRDM does not use\naffected:\n  - {package: \"PyPI:left-pad\", fixed: [1.0.1]}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	gate := func(t *testing.T) (int, string) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		args := []string{"--policy", filepath.Join(invenio, "patchline.yaml"), "--cache-dir", t.TempDir(),
			"--pypi-index", s.URL + "/simple/", "--npm-registry", s.URL + "/npm/",
			"--as-of", "2026-08-01", "check", report}
		code := run(context.Background(), args, &stdout, &stderr)
		return code, stdout.String() + stderr.String()
	}
	const page = "/simple/left-pad/"
	s.Put(page, registrytest.File{
		Body:        []byte(`{"meta": {"api-version": "1.1"}, "name": "left-pad", "versions": ["1.0.0", "1.0.1"], "files": []}`),
		ContentType: "application/vnd.pypi.simple.v1+json",
	})
	code, out := gate(t)
	if code != exitOK || !strings.Contains(out, "note: PyPI:left-pad: not published by the project, and no line requires it") {
		t.Fatalf("known package: exit %d, want %d, output:\n%s", code, exitOK, out)
	}
	s.Fail(page, registrytest.Fault{Status: 404})
	code, out = gate(t)
	if code != exitBadInput || !strings.Contains(out, "PyPI:left-pad: no such package on") {
		t.Fatalf("unknown package: exit %d, want %d, output:\n%s", code, exitBadInput, out)
	}
}
