package database_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/patchline/patchline/osv"
)

// bigRecord is the fixture with 50 MB of details.
func bigRecord(t *testing.T) *osv.Record {
	r := fixture(t)
	r.Details = strings.Repeat("A vulnerability described at great length. ", 50<<20/44)
	return r
}

// A record larger than readers accept is never stored: Put and Create
// refuse it, and nothing is written.
func TestPutCreateRefuseTooLarge(t *testing.T) {
	db := open(t)
	r := bigRecord(t)
	if _, err := db.Put(r, at(t, "2026-03-10T09:30:00Z")); !errors.Is(err, osv.ErrTooLarge) ||
		!strings.Contains(err.Error(), "larger than the 10 MiB limit for one OSV record that readers accept; refusing to write it") {
		t.Errorf("Put: %v", err)
	}
	if _, err := db.Create(r, "x_INVENIO", at(t, "2026-03-10T09:30:00Z")); !errors.Is(err, osv.ErrTooLarge) {
		t.Errorf("Create: %v", err)
	}
	if entries, _ := os.ReadDir(db.Dir()); len(entries) != 0 {
		t.Errorf("files written: %v", entries)
	}
}

// Imports from a directory refuse the bad inputs of the acceptance list
// with a clear message, and write nothing.
func TestImportRefusesBadFiles(t *testing.T) {
	valid := string(recordBytes(t, "x_INVENIO-2026-0001"))
	big := make([]byte, 50<<20)
	copy(big, valid)
	for _, tc := range []struct {
		name, file string
		data       []byte
		msg        string
	}{
		{"truncated JSON", "x_INVENIO-2026-0002.json", []byte(valid[:len(valid)/2]), "x_INVENIO-2026-0002.json:"},
		{"unknown ecosystem", "x_INVENIO-2026-0002.json",
			[]byte(strings.Replace(strings.Replace(valid, `"PyPI"`, `"PyPi"`, 1), "x_INVENIO-2026-0001", "x_INVENIO-2026-0002", 1)),
			`OSV005 error /affected/0/package/ecosystem: "PyPi" is not an OSV ecosystem (ecosystem names are case-sensitive: "PyPI")`},
		{"id with path separators", "evil.json", []byte(strings.Replace(valid, "x_INVENIO-2026-0001", "x_INVENIO/../../evil", 1)),
			`contains a path separator`},
		{"50 MB record", "x_INVENIO-2026-0002.json", big,
			"52428800 bytes, larger than the 10 MiB limit for one OSV record; refusing to read it"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := open(t)
			src := t.TempDir()
			for name, data := range map[string][]byte{"x_INVENIO-2026-0001.json": []byte(valid), tc.file: tc.data} {
				if err := os.WriteFile(filepath.Join(src, name), data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, err := db.Import(src, at(t, "2026-06-01T00:00:00Z"))
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("Import: %v\nwant it to contain %s", err, tc.msg)
			}
			if entries, _ := os.ReadDir(db.Dir()); len(entries) != 0 {
				t.Errorf("files written: %v", entries)
			}
		})
	}
}
