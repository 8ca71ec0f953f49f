package lint_test

import (
	"archive/zip"
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/patchline/patchline/advisory/lint"
	"github.com/patchline/patchline/analyzer/policy"
	"github.com/patchline/patchline/osv/database"
)

func writeZip(t *testing.T, path string, entries map[string][]byte) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, name := range slices.Sorted(maps.Keys(entries)) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(entries[name])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func texts(res *lint.Result) []string {
	var out []string
	for _, p := range res.Problems {
		out = append(out, p.Code+" "+p.Message)
	}
	return out
}

// Inputs that are not records are problems of their files (exit 1), with
// a message that says why; a path that cannot be read is unusable input
// (exit 2).
func TestBadInput(t *testing.T) {
	good, err := os.ReadFile(filepath.Join("testdata", "good", "x_INVENIO-2024-0001.json"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	big := filepath.Join(dir, "big.json")
	data := make([]byte, 50<<20)
	copy(data, good)
	if err := os.WriteFile(big, data, 0o644); err != nil {
		t.Fatal(err)
	}
	slip := filepath.Join(dir, "slip.zip")
	writeZip(t, slip, map[string][]byte{"x_INVENIO-2024-0001.json": good, "../../evil.json": good})

	for _, tc := range []struct {
		name string
		path string
		want []string
	}{
		{"50 MB record", big, []string{"LINT001 52428800 bytes, larger than the 10 MiB limit for one OSV record; refusing to read it"}},
		{"zip slip", slip, []string{`LINT001 entry "../../evil.json" contains "..": its path escapes the directory it would be extracted to (zip slip); refusing the archive`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := lint.Run(context.Background(), []string{tc.path}, lint.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, texts(res)); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			if res.Problems[0].File != tc.path {
				t.Errorf("problem of %s, want %s", res.Problems[0].File, tc.path)
			}
		})
	}

	_, err = lint.Run(context.Background(), []string{filepath.Join(dir, "missing.json"), filepath.Join("testdata", "good")}, lint.Options{})
	var ue *lint.UnusableError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "missing.json: no such file or directory") {
		t.Errorf("missing path: %v", err)
	}
	_, err = lint.Run(context.Background(), []string{t.TempDir()}, lint.Options{})
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "no record or report files") {
		t.Errorf("empty directory: %v", err)
	}
	policyErr := errors.New("no policy")
	_, err = lint.Run(context.Background(), []string{invenioReport},
		lint.Options{Policy: func() (*policy.Policy, error) { return nil, policyErr }})
	if !errors.Is(err, policyErr) {
		t.Errorf("policy error: %v", err)
	}
}

// The archive patchline exports is read entry by entry, and its problems
// name the entry.
func TestExportedArchive(t *testing.T) {
	db, err := database.Open(filepath.Join(t.TempDir(), "db"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"good/x_INVENIO-2024-0001.json", "registry-bad/x_INVENIO-2024-0002.json"} {
		if _, err := db.Import(filepath.Join("testdata", name), time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	out := t.TempDir()
	if _, err := database.Export(db, out, time.Now(), database.ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	archive := filepath.Join(out, "PyPI", "all.zip")
	res, err := lint.Run(context.Background(), []string{archive}, lint.Options{Registry: offlineRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Records != 2 || res.RegistryErr != nil {
		t.Fatalf("%d records, registry error %v", res.Records, res.RegistryErr)
	}
	for _, p := range res.Problems {
		if p.File != archive+":x_INVENIO-2024-0002.json" || p.Line == 0 {
			t.Errorf("problem at %s:%d: %s", p.File, p.Line, p.Message)
		}
	}
	if len(res.Problems) != 3 {
		t.Errorf("problems: %v", texts(res))
	}
}

// A YAML record without modified is still a record, told from a report by
// how it names its packages.
func TestRecordWithoutModified(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "PYSEC-2024-2.yaml")
	rec := "id: PYSEC-2024-2\nsummary: No modified\naffected:\n- package: {ecosystem: PyPI, name: example-lib}\n"
	if err := os.WriteFile(path, []byte(rec), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := lint.Run(context.Background(), []string{path}, lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"OSV001 missing property 'modified'"}, texts(res)); diff != "" || res.Records != 1 {
		t.Errorf("%d records; problems (-want +got):\n%s", res.Records, diff)
	}
}

// A record whose versions carry control characters (a "fixed" event of
// "11.0.6\r", a listed version "9.0.0\u2028") once passed, as packaging
// strips them as whitespace; they are invalid versions now.
func TestVersionsWithControlCharacters(t *testing.T) {
	good, err := os.ReadFile(filepath.Join("testdata", "good", "x_INVENIO-2024-0001.json"))
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(good), `"fixed": "11.0.6"`, `"fixed": "11.0.6\r"`, 1)
	bad = strings.Replace(bad, `"9.0.0",`, `"9.0.0\u2028",`, 1)
	bad = strings.Replace(bad, `"9.0.1",`, `"\u001c9.0.1\n",`, 1)
	path := filepath.Join(t.TempDir(), "x_INVENIO-2024-0001.json")
	if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := lint.Run(context.Background(), []string{path}, lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, p := range texts(res) {
		if strings.Contains(p, "control character") || strings.Contains(p, "separator") {
			found = append(found, p)
		}
	}
	if len(found) != 3 {
		t.Errorf("problems about the versions: %q; want three (all problems: %q)", found, texts(res))
	}
}
