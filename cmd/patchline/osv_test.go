package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/patchline/patchline/osv"
	"github.com/patchline/patchline/osv/check"
	"github.com/patchline/patchline/osv/database"
)

// osvWorkspace copies the Invenio policy and reports into a temporary
// directory, so that the database is written there, and pins the clock.
func osvWorkspace(t *testing.T) (dir, snapshot string) {
	t.Helper()
	invenio, snapshot := snapshotDirs(t)
	isolate(t)
	t.Setenv(nowEnv, "2026-11-30T12:00:00Z")
	dir = t.TempDir()
	reports, err := filepath.Glob(filepath.Join(invenio, "reports", "*.yaml"))
	if err != nil || len(reports) == 0 {
		t.Fatalf("no reports in %s: %v", invenio, err)
	}
	names := []string{"patchline.yaml"}
	for _, r := range reports {
		names = append(names, filepath.Join("reports", filepath.Base(r)))
	}
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(invenio, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, snapshot
}

// validateRecord checks a record against the embedded schema and the
// error-level semantic checks.
func validateRecord(t *testing.T, name string, rec *osv.Record) {
	t.Helper()
	for _, f := range check.Run(&check.Input{Record: rec}) {
		if f.Level == check.Error {
			t.Errorf("%s: %s", name, f)
		}
	}
}

// Every record the tests produce is valid: those written into a database
// by patchline osv, and the goldens of the osv_*.txtar scripts.
func TestOSVRecordsValid(t *testing.T) {
	dir, snapshot := osvWorkspace(t)
	reports := []struct{ name, asOf string }{
		{"reports/unsafe-html.yaml", "2024-06-30"},
		{"reports/npm-forms.yaml", "2026-08-01"},
		{"reports/pending-communities.yaml", "2026-08-01"},
		{"reports/upstream-axios.yaml", "2025-08-01"},
	}
	for _, r := range reports {
		var stdout, stderr bytes.Buffer
		args := []string{"--offline", "--cache-dir", snapshot, "--policy", filepath.Join(dir, "patchline.yaml"), "--as-of", r.asOf, "osv", filepath.Join(dir, r.name)}
		if code := run(context.Background(), args, &stdout, &stderr); code != exitOK {
			t.Fatalf("%s: exit %d: %s", r.name, code, stderr.String())
		}
	}
	db, err := database.Open(filepath.Join(dir, "advisories"))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := db.All()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(reports) {
		t.Errorf("%d records in the database, want %d", len(recs), len(reports))
	}
	for _, rec := range recs {
		validateRecord(t, rec.ID, rec)
	}

	scripts, _ := filepath.Glob(filepath.Join("testdata", "invenio", "osv_*.txtar"))
	n := 0
	for _, s := range scripts {
		ar, err := txtar.ParseFile(s)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			if f.Name != "record.json" && f.Name != "golden.json" {
				continue // inputs, not records patchline produced
			}
			rec, err := osv.Parse(s+":"+f.Name, f.Data)
			if err != nil {
				t.Fatal(err)
			}
			validateRecord(t, s+":"+f.Name, rec)
			n++
		}
	}
	if n < 5 {
		t.Errorf("validated %d golden records, want at least 5", n)
	}
}

// Bad input is refused with exit 2 and a message naming the problem, and
// nothing is written: no database, no change to the input.
func TestOSVBadInput(t *testing.T) {
	dir, snapshot := osvWorkspace(t)
	tests := []struct {
		name, file, content string
		want                string
	}{
		{"truncated JSON", "trunc.json", `{"id": "GHSA-vp8r-9cm3-4w2q", "affected": [`, "trunc.json:1:"},
		{"unknown ecosystem", "maven.json", `{"id": "GHSA-vp8r-9cm3-4w2q", "modified": "2024-06-12T09:00:00Z",
 "affected": [{"package": {"ecosystem": "Maven", "name": "org.example:lib"}, "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}]}]}]}`,
			"maven.json:2:41: /affected/0/package/ecosystem:"},
		{"record id with a path separator", "sep.json", `{"id": "x_INVENIO-2026-0001/../../evil", "modified": "2024-06-12T09:00:00Z",
 "affected": [{"package": {"ecosystem": "PyPI", "name": "invenio-app-rdm"}, "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}]}]}]}`,
			"sep.json:1:8: /id: id \"x_INVENIO-2026-0001/../../evil\" contains a path separator"},
		{"report id with a path separator", "sep.yaml", "id: x_LOCAL-../evil\nsummary: s\naffected: [{package: 'PyPI:invenio-app-rdm', fixed: []}]\n",
			"sep.yaml:1:5: id: invalid id"},
		{"embargoed report", "embargo.yaml", "summary: s\nembargo_until: 2027-01-15T14:00:00Z\naffected: [{package: 'PyPI:invenio-app-rdm', fixed: []}]\n",
			"under embargo until 2027-01-15T14:00:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.file)
			if err := os.WriteFile(path, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			var stdout, stderr bytes.Buffer
			args := []string{"--offline", "--cache-dir", snapshot, "--policy", filepath.Join(dir, "patchline.yaml"), "osv", path}
			if code := run(context.Background(), args, &stdout, &stderr); code != exitBadInput {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, exitBadInput, stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("stderr lacks %q:\n%s", tt.want, stderr.String())
			}
			if stdout.Len() > 0 {
				t.Errorf("stdout: %s", stdout.String())
			}
			if _, err := os.Stat(filepath.Join(dir, "advisories")); !os.IsNotExist(err) {
				t.Errorf("the database was created (%v)", err)
			}
			if data, _ := os.ReadFile(path); string(data) != tt.content {
				t.Errorf("the input was changed:\n%s", data)
			}
		})
	}
}

// The id goes at the top of the document, in the file's line ending, and
// every other byte stays.
func TestInsertIDLine(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "summary: s\n", "id: X\nsummary: s\n"},
		{"comments first", "# c\nsummary: s\n", "id: X\n# c\nsummary: s\n"},
		{"document marker", "# c\n%YAML 1.2\n---\nsummary: s\n", "# c\n%YAML 1.2\n---\nid: X\nsummary: s\n"},
		{"CRLF", "summary: s\r\naffected: []\r\n", "id: X\r\nsummary: s\r\naffected: []\r\n"},
		{"byte order mark", "\ufeffsummary: s\n", "\ufeffid: X\nsummary: s\n"},
		{"schema modeline", "# yaml-language-server: $schema=r.json\n# c\nsummary: s\n", "# yaml-language-server: $schema=r.json\nid: X\n# c\nsummary: s\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, string(insertIDLine([]byte(tt.in), "X"))); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
