package lint_test

import (
	"archive/zip"
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/patchline/patchline/advisory/lint"
	"github.com/patchline/patchline/analyzer/policy"
	"github.com/patchline/patchline/registry"
	"github.com/patchline/patchline/registry/config"
)

var update = flag.Bool("update", false, "rewrite testdata/golden and docs/lint.md")

// The committed registry snapshot, read offline, and the Invenio example's
// policy and a report of it.
var (
	snapshot      = filepath.Join("..", "..", "testdata", "registry", "snapshot")
	invenio       = filepath.Join("..", "..", "testdata", "invenio")
	invenioReport = filepath.Join(invenio, "reports", "unsafe-html.yaml")
)

func loadPolicy() (*policy.Policy, error) {
	return policy.Load(filepath.Join(invenio, "patchline.yaml"))
}

// offlineRegistry reads the snapshot with no other configuration.
func offlineRegistry(t testing.TB) *registry.Client {
	t.Helper()
	c, err := registry.Open(context.Background(), registry.Options{
		Offline:     true,
		CacheDir:    snapshot,
		PyPIIndex:   "http://pypi.example.test/simple/",
		NPMRegistry: "http://registry.example.test/",
		Env:         &config.Env{Vars: map[string]string{}, Home: t.TempDir(), Dir: t.TempDir()},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// golden compares got with testdata/golden/name, or rewrites it with
// -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s (-want +got):\n%s", path, diff)
	}
}

// TestGolden lints the test directories, without and with the registry,
// and compares the text and JSON output with the golden files.
func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		name     string
		paths    []string
		registry bool
		errors   int
	}{
		{name: "good", paths: []string{"testdata/good", invenioReport}},
		{name: "good-registry", paths: []string{"testdata/good", invenioReport}, registry: true},
		{name: "bad", paths: []string{"testdata/bad", invenioReport}, errors: 13},
		{name: "registry-bad", paths: []string{"testdata/registry-bad"}, registry: true, errors: 3},
		{name: "registry-bad-offline-only", paths: []string{"testdata/registry-bad"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := lint.Options{Policy: loadPolicy}
			if tc.registry {
				opts.Registry = offlineRegistry(t)
			}
			res, err := lint.Run(context.Background(), tc.paths, opts)
			if err != nil {
				t.Fatal(err)
			}
			if res.RegistryErr != nil {
				t.Fatalf("registry error: %v", res.RegistryErr)
			}
			if res.Errors() != tc.errors {
				t.Errorf("%d errors, want %d", res.Errors(), tc.errors)
			}
			for ext, write := range map[string]func(io.Writer, *lint.Result) error{
				".txt": lint.WriteText, ".json": lint.WriteJSON, ".github": lint.WriteGitHub,
			} {
				var b bytes.Buffer
				if err := write(&b, res); err != nil {
					t.Fatal(err)
				}
				golden(t, tc.name+ext, b.Bytes())
			}
		})
	}
}

// The output does not depend on how many files are read at once.
func TestDeterministic(t *testing.T) {
	var outs []string
	for _, workers := range []int{1, 3, 16} {
		res, err := lint.Run(context.Background(), []string{"testdata/bad", "testdata/good", invenioReport}, lint.Options{Policy: loadPolicy, Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		lint.WriteText(&b, res)
		outs = append(outs, b.String())
	}
	for i := 1; i < len(outs); i++ {
		if outs[i] != outs[0] {
			t.Errorf("output with different worker counts differs:\n%s", cmp.Diff(outs[0], outs[i]))
		}
	}
}

// A database linted together with its own exported archive holds every
// record twice: the same record is one advisory, not a duplicate id; a
// different record under the same id is.
func TestDuplicateIDsAcrossArchive(t *testing.T) {
	good, err := filepath.Glob(filepath.Join("testdata", "good", "*.json"))
	if err != nil || len(good) == 0 {
		t.Fatalf("no good records: %v", err)
	}
	data, err := os.ReadFile(good[0])
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "advisories")
	if err := os.Mkdir(db, 0o755); err != nil {
		t.Fatal(err)
	}
	name := filepath.Base(good[0])
	if err := os.WriteFile(filepath.Join(db, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
	writeZip := func(zipName string, body []byte) string {
		t.Helper()
		path := filepath.Join(dir, zipName)
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(body); err != nil {
			t.Fatal(err)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	same := writeZip("same.zip", data)
	other := writeZip("other.zip", bytes.Replace(data, []byte(`"summary": "`), []byte(`"summary": "Changed: `), 1))
	codes := func(paths ...string) []string {
		t.Helper()
		res, err := lint.Run(context.Background(), paths, lint.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, p := range res.Problems {
			if p.Code == "LINT003" {
				out = append(out, filepath.Base(p.File))
			}
		}
		return out
	}
	if got := codes(db, same); len(got) != 0 {
		t.Errorf("the same record in the database and its archive is reported as a duplicate: %v", got)
	}
	if got := codes(db, other); len(got) != 1 {
		t.Errorf("a different record under the same id: LINT003 in %v, want one", got)
	}
}
