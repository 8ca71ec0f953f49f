package database_test

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/patchline/patchline/osv/database"
)

type zipEntry struct {
	name string
	data []byte
	size uint64 // declared size, when it should lie
}

func writeZip(t *testing.T, entries ...zipEntry) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(e.data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "records.zip")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func recordBytes(t *testing.T, id string) []byte {
	t.Helper()
	return []byte(strings.Replace(string(read(t, "../testdata/valid.json")), "x_INVENIO-2026-0003", id, 1))
}

func TestImportRefusals(t *testing.T) {
	valid := recordBytes(t, "x_INVENIO-2026-0001")
	for _, tc := range []struct {
		name    string
		entries []zipEntry
		msg     string
	}{
		{"zip slip", []zipEntry{{name: "ok.json", data: valid}, {name: "../../evil.json", data: valid}},
			`entry "../../evil.json" contains "..": its path escapes the directory it would be extracted to (zip slip); refusing the archive`},
		{"absolute path", []zipEntry{{name: "/etc/evil.json", data: valid}},
			`entry "/etc/evil.json" is an absolute path`},
		{"backslash", []zipEntry{{name: `..\evil.json`, data: valid}},
			`entry "..\\evil.json" contains a backslash`},
		{"oversized entry", []zipEntry{{name: "big.json", data: make([]byte, 11<<20)}},
			`entry "big.json" is 11534336 bytes, larger than the 10 MiB limit for one OSV record; refusing the archive`},
		{"truncated record", []zipEntry{{name: "bad.json", data: valid[:100]}},
			`records.zip:bad.json:6:`},
		{"invalid record", []zipEntry{{name: "x.json", data: recordBytes(t, "INVENIO-1")}},
			`import refused, nothing written`},
		{"same id twice", []zipEntry{{name: "a.json", data: valid}, {name: "b.json", data: valid}},
			`records.zip:b.json: record x_INVENIO-2026-0001 is also in`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := open(t)
			src := writeZip(t, tc.entries...)
			_, err := db.Import(src, at(t, "2026-06-01T00:00:00Z"))
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("Import: %v\nwant it to contain %s", err, tc.msg)
			}
			if ids, _ := db.IDs(); len(ids) != 0 {
				t.Errorf("records written: %v", ids)
			}
		})
	}
}

func TestImport(t *testing.T) {
	db := open(t)
	src := writeZip(t,
		zipEntry{name: "x_INVENIO-2026-0002.json", data: recordBytes(t, "x_INVENIO-2026-0002")},
		zipEntry{name: "nested/x_INVENIO-2026-0001.json", data: recordBytes(t, "x_INVENIO-2026-0001")},
		zipEntry{name: "README.txt", data: []byte("not a record")},
		zipEntry{name: "dir/", data: nil},
	)
	res, err := db.Import(src, at(t, "2026-06-01T00:00:00Z"))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Results) != 2 || res.Results[0].ID != "x_INVENIO-2026-0001" || res.Results[0].Status != database.Created {
		t.Fatalf("results: %+v", res.Results)
	}
	// Records keep their modified time, and are stored byte for byte in
	// canonical form.
	if !bytes.Equal(read(t, res.Results[1].Path), recordBytes(t, "x_INVENIO-2026-0002")) {
		t.Error("imported record not stored as it was")
	}
	// Importing again changes nothing.
	res, err = db.Import(src, at(t, "2026-06-02T00:00:00Z"))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res.Results {
		if r.Status != database.Unchanged {
			t.Errorf("%s: %v on re-import", r.ID, r.Status)
		}
	}

	// A directory tree with JSON and YAML records; hidden directories are
	// skipped.
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "vulns", "pkg"), 0o755)
	os.MkdirAll(filepath.Join(dir, ".git"), 0o755)
	os.WriteFile(filepath.Join(dir, "vulns", "pkg", "a.json"), recordBytes(t, "x_INVENIO-2026-0005"), 0o644)
	os.WriteFile(filepath.Join(dir, ".git", "b.json"), []byte("junk"), 0o644)
	os.WriteFile(filepath.Join(dir, "vulns", "c.yaml"), []byte(`id: x_INVENIO-2026-0006
modified: '2026-03-10T09:30:00Z'
published: '2026-03-04T10:00:00Z'
affected:
- package: {ecosystem: PyPI, name: invenio-records}
  ranges:
  - type: ECOSYSTEM
    events:
    - introduced: '0'
    - fixed: 1.0.2
  versions: [1.0.0, 1.0.1]
`), 0o644)
	entries, err := database.ReadSource(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 {
		t.Fatalf("%d entries", len(entries))
	}
	if _, err := db.Import(dir, at(t, "2026-06-01T00:00:00Z")); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Get("x_INVENIO-2026-0006"); err != nil {
		t.Error(err)
	}
}

// TestReadSourceSkipsReports: a YAML draft report kept beside the records
// (advisories/drafts/, as the CI example has it) is not read as a record;
// a YAML record is.
func TestReadSourceSkipsReports(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"x_A-2026-0001.json": `{"id": "x_A-2026-0001", "modified": "2026-01-01T00:00:00Z", "published": "2026-01-01T00:00:00Z"}`,
		"PYSEC-2026-1.yaml":  "id: PYSEC-2026-1\nmodified: 2026-01-01T00:00:00Z\n",
		"drafts/report.yaml": "summary: A draft\nseverity: CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\naffected:\n  - {package: PyPI:app, fixed: [1.0.1]}\n",
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	entries, err := database.ReadSource(dir)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range entries {
		ids = append(ids, e.Record.ID)
	}
	if got := strings.Join(ids, " "); got != "PYSEC-2026-1 x_A-2026-0001" {
		t.Errorf("read %q, want the two records only", got)
	}
}

// TestReadSourceReportFile: a report named as the source of records is
// refused as such, not reported as a record that fails the schema.
func TestReadSourceReportFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "report.yaml")
	if err := os.WriteFile(p, []byte("summary: A draft\naffected:\n  - {package: PyPI:app, fixed: [1.0.1]}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := database.ReadSource(p); err == nil || !strings.Contains(err.Error(), "is a patchline report, not an OSV record") {
		t.Errorf("error %v, want the report named as a report", err)
	}
}
