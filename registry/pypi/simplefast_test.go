package pypi

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// pageCases are pages that exercise every branch of the fast reader and
// every way it must hand over to encoding/json.
var pageCases = []string{
	`{"meta": {"api-version": "1.1"}, "name": "x", "versions": ["1.0", "2.0"], "files": [
	  {"filename": "x-1.0.tar.gz", "url": "../../x-1.0.tar.gz", "hashes": {"sha256": "ab"}, "requires-python": ">=3.8",
	   "core-metadata": {"sha256": "cd"}, "data-dist-info-metadata": true, "yanked": "broken \"build\"",
	   "upload-time": "2024-01-02T03:04:05.123456Z", "size": 1234, "provenance": null, "extra": [1, {"a": [true, false]}]}]}`,
	`{"meta": {"api-version": "1.0", "_last-serial": 7}, "name": "x", "files": [{"filename": "f", "url": "u", "hashes": {}, "yanked": false, "core-metadata": false}]}`,
	`{"meta": {"api-version": "1.1"}, "name": "x", "versions": [], "files": []}`,
	`{"meta": {"api-version": "1.1"}, "name": "x", "versions": null, "files": null}`,
	`{"name": "x", "files": [{"filename": "f", "url": "u", "hashes": null, "requires-python": null, "core-metadata": null, "yanked": null, "upload-time": null, "size": null}]}`,
	`{"files": [{"filename": "f", "url": "u", "yanked": true, "size": -0}]}`,
	// Handed over: each of these is read by encoding/json.
	`{"Meta": {"api-version": "1.1"}, "name": "x", "files": []}`,
	`{"meta": {"API-Version": "1.1"}, "name": "x", "files": []}`,
	`{"meta": {"api-version": "1.1"}, "name": "x", "name": "y", "files": []}`,
	`{"meta": {"api-version": "1.1"}, "name": "caf\u00e9", "files": []}`,
	`{"meta": {"api-version": "1.1"}, "name": "café", "files": []}`,
	`{"meta": {"api-version": "1.1"}, "name": "x", "files": [{"filename": "f", "url": "u", "size": 1.5}]}`,
	`{"meta": {"api-version": "1.1"}, "name": "x", "files": [{"filename": "f", "url": "u", "size": 1e3}]}`,
	`{"meta": {"api-version": "1.1"}, "name": "x", "files": [{"filename": "f", "url": "u", "upload-time": "yesterday"}]}`,
	`{"meta": {"api-version": "1.1"}, "name": "x", "files": [{"filename": "f", "url": "u", "core-metadata": {"sha256": 1}}]}`,
	`{"meta": {"api-version": "1.1"}, "name": "x", "files": [{"filename": "f", "url": "u", "yanked": 1}]}`,
	`{"meta": {"api-version": "1.1"}, "name": "x", "files": [null]}`,
	`{"meta": {"api-version": "1.1"}, "name": null, "files": []}`,
	`{"meta": {"api-version": "1.1"}, "name": "x", "files": []} trailing`,
	`{"meta": {"api-version": "1.1"}, "name": "x", "files": [],}`,
	`{"meta": {"api-version": "1.1"}, "name": "x", "files": [{"filename": "f", "url": "u", "x": 01}]}`,
	`{"meta": {"api-version": "1.1"}, "name": "x", "files": [{"filename": "f", "url": "u", "x": "\u0001"}]}`,
	`{"meta": {"api-version": "1.1"}, "name": "x", "files": [{"filename": "f", "url": "u", "x": tru}]}`,
	`[]`,
	`null`,
	"\ufeff{}",
	``,
}

// TestScanProjectPageMatchesEncodingJSON checks that the fast reader gives
// what encoding/json gives whenever it claims a page, and that
// ParseProjectPage gives encoding/json's result or error for every page.
func TestScanProjectPageMatchesEncodingJSON(t *testing.T) {
	pages := pageCases
	// Every page of the committed snapshot, the documents it is for.
	metas, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "registry", "snapshot", "*", "*", "*", "_meta.json"))
	var snap []string
	for _, m := range metas {
		if b, err := os.ReadFile(m); err == nil && bytes.Contains(b, []byte(`/simple/`)) {
			snap = append(snap, filepath.Join(filepath.Dir(m), "_body"))
		}
	}
	if len(snap) == 0 {
		t.Fatal("no snapshot pages found")
	}
	for _, f := range snap {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := scanProjectPage(b); !ok {
			t.Errorf("%s: the fast reader does not handle a snapshot page", f)
		}
		pages = append(pages, string(b))
	}
	for _, page := range pages {
		checkPageAgainstJSON(t, []byte(page))
	}
}

func checkPageAgainstJSON(t *testing.T, b []byte) {
	t.Helper()
	var want ProjectPage
	jsonErr := json.Unmarshal(b, &want)
	if got, ok := scanProjectPage(b); ok {
		if jsonErr != nil {
			t.Fatalf("fast reader accepted %.200q, encoding/json says %v", b, jsonErr)
		}
		if diff := cmp.Diff(&want, got); diff != "" {
			t.Fatalf("fast reader on %.200q (-encoding/json +fast):\n%s", b, diff)
		}
	}
	_, err := ParseProjectPage(b)
	if jsonErr != nil && err == nil {
		t.Fatalf("ParseProjectPage accepted %.200q, encoding/json says %v", b, jsonErr)
	}
}

func FuzzScanProjectPage(f *testing.F) {
	for _, p := range pageCases {
		f.Add([]byte(p))
	}
	f.Fuzz(func(t *testing.T, b []byte) { checkPageAgainstJSON(t, b) })
}
