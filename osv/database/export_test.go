package database_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/patchline/patchline/osv"
	"github.com/patchline/patchline/osv/database"
)

// exportDB holds: the fixture (PyPI and npm, public), an npm-only public
// record, one under embargo and a draft.
func exportDB(t *testing.T) *database.DB {
	t.Helper()
	db := open(t)
	now := at(t, "2026-03-10T09:30:00Z")
	base := fixture(t)
	put(t, db, base, now, database.Created)

	npmOnly := *base
	npmOnly.ID = "x_INVENIO-2026-0001"
	npmOnly.Affected = base.Affected[1:]
	put(t, db, &npmOnly, now, database.Created)

	embargoed := npmOnly
	embargoed.ID = "x_INVENIO-2026-0002"
	embargoed.Published = osv.NewTime(at(t, "2026-12-01T14:00:00Z"))
	put(t, db, &embargoed, now, database.Created)

	draft := npmOnly
	draft.ID = "x_INVENIO-2026-0004"
	draft.Published = osv.Time{}
	put(t, db, &draft, now, database.Created)
	return db
}

// tree returns every file under dir with its content.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = read(t, p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func names(files map[string][]byte) []string {
	var out []string
	for n := range files {
		out = append(out, n)
	}
	return sortStrings(out)
}

func sortStrings(s []string) []string {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j-1] > s[j]; j-- {
			s[j-1], s[j] = s[j], s[j-1]
		}
	}
	return s
}

func zipEntries(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	var order []string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		out[f.Name] = b
		order = append(order, f.Name)
		if f.Modified.IsZero() {
			t.Errorf("%s: no modification time", f.Name)
		}
	}
	if d := cmp.Diff(sortStrings(append([]string(nil), order...)), order); d != "" {
		t.Errorf("zip entries not sorted:\n%s", d)
	}
	return out
}

func TestExport(t *testing.T) {
	db := exportDB(t)
	dir := filepath.Join(t.TempDir(), "osv-scanner")
	now := at(t, "2026-06-01T00:00:00Z")
	res, err := database.Export(db, dir, now, database.ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	files := tree(t, dir)
	want := []string{
		"PyPI/all.zip", "PyPI/x_INVENIO-2026-0003.json",
		"npm/all.zip", "npm/x_INVENIO-2026-0001.json", "npm/x_INVENIO-2026-0003.json",
	}
	if d := cmp.Diff(want, names(files)); d != "" {
		t.Errorf("exported files (-want +got):\n%s", d)
	}
	if d := cmp.Diff(want, res.Written); d != "" {
		t.Errorf("Written (-want +got):\n%s", d)
	}
	wantSkipped := []database.Skipped{
		{ID: "x_INVENIO-2026-0002", Reason: "under embargo until 2026-12-01T14:00:00Z"},
		{ID: "x_INVENIO-2026-0004", Reason: "no published time (a draft)"},
	}
	if d := cmp.Diff(wantSkipped, res.Skipped); d != "" {
		t.Errorf("Skipped (-want +got):\n%s", d)
	}
	// Each archive holds exactly the ecosystem's files, at its top level.
	for _, eco := range []string{"PyPI", "npm"} {
		entries := zipEntries(t, files[eco+"/all.zip"])
		if len(entries) != len(res.Records[eco]) {
			t.Errorf("%s/all.zip: %d entries, want %d", eco, len(entries), len(res.Records[eco]))
		}
		for name, data := range entries {
			if !bytes.Equal(data, files[eco+"/"+name]) {
				t.Errorf("%s/all.zip: %s differs from %s/%s", eco, name, eco, name)
			}
			if !bytes.Equal(data, read(t, filepath.Join(db.Dir(), name))) {
				t.Errorf("%s: exported bytes differ from the database's", name)
			}
		}
	}

	// Exporting again changes nothing, and another directory gets the same
	// bytes.
	res, err = database.Export(db, dir, now.Add(time.Hour), database.ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Written) != 0 {
		t.Errorf("re-export wrote %v", res.Written)
	}
	if d := cmp.Diff(files, tree(t, dir)); d != "" {
		t.Errorf("re-export changed files:\n%s", d)
	}
	other := filepath.Join(t.TempDir(), "elsewhere")
	if _, err := database.Export(db, other, now, database.ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(files, tree(t, other)); d != "" {
		t.Errorf("export to another directory differs:\n%s", d)
	}
}

func TestExportForceAndStale(t *testing.T) {
	db := exportDB(t)
	dir := t.TempDir()
	now := at(t, "2026-06-01T00:00:00Z")
	if _, err := database.Export(db, dir, now, database.ExportOptions{Force: true}); err != nil {
		t.Fatal(err)
	}
	if n := len(zipEntries(t, read(t, filepath.Join(dir, "npm/all.zip")))); n != 4 {
		t.Errorf("forced export: %d npm records, want 4", n)
	}
	// Without force, the embargoed record and the draft leave the export;
	// a record deleted from the database too; and the PyPI directory,
	// whose only record is gone, keeps an empty archive because PyPI is
	// among the ecosystems always exported.
	if err := os.Remove(filepath.Join(db.Dir(), "x_INVENIO-2026-0003.json")); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "npm", "README.md"), []byte("kept"), 0o644)
	res, err := database.Export(db, dir, now, database.ExportOptions{Ecosystems: []string{"PyPI", "npm"}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"PyPI/all.zip", "npm/README.md", "npm/all.zip", "npm/x_INVENIO-2026-0001.json"}
	if d := cmp.Diff(want, names(tree(t, dir))); d != "" {
		t.Errorf("files (-want +got):\n%s", d)
	}
	wantWritten := []string{"PyPI/all.zip", "PyPI/x_INVENIO-2026-0003.json", "npm/all.zip",
		"npm/x_INVENIO-2026-0002.json", "npm/x_INVENIO-2026-0003.json", "npm/x_INVENIO-2026-0004.json"}
	if d := cmp.Diff(wantWritten, res.Written); d != "" {
		t.Errorf("Written (-want +got):\n%s", d)
	}
	if n := len(zipEntries(t, read(t, filepath.Join(dir, "PyPI/all.zip")))); n != 0 {
		t.Errorf("PyPI archive: %d entries", n)
	}

	// A database with no PyPI record at all and no Ecosystems option: the
	// stale PyPI directory is emptied.
	if _, err := database.Export(db, dir, now, database.ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	want = []string{"npm/README.md", "npm/all.zip", "npm/x_INVENIO-2026-0001.json"}
	if d := cmp.Diff(want, names(tree(t, dir))); d != "" {
		t.Errorf("files (-want +got):\n%s", d)
	}
}

func TestExportRefusesInvalid(t *testing.T) {
	db := exportDB(t)
	// A record edited by hand into an invalid one.
	path := filepath.Join(db.Dir(), "x_INVENIO-2026-0001.json")
	data := strings.Replace(string(read(t, path)), `"ecosystem": "npm"`, `"ecosystem": "NPM"`, 1)
	os.WriteFile(path, []byte(data), 0o644)
	dir := filepath.Join(t.TempDir(), "export")
	_, err := database.Export(db, dir, at(t, "2026-06-01T00:00:00Z"), database.ExportOptions{})
	if err == nil || !strings.Contains(err.Error(), "export refused, nothing written") || !strings.Contains(err.Error(), `"NPM" is not an OSV ecosystem`) {
		t.Fatalf("Export: %v", err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("export directory created: %v", err)
	}
}
