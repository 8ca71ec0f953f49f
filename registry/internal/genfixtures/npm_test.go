package main

import (
	"bytes"
	"encoding/json"
	"github.com/patchline/patchline/registry/httpcache"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/registry/npm"
)

func npmEco(t *testing.T) ecosystem.Ecosystem {
	t.Helper()
	eco, err := ecosystem.Lookup("npm")
	if err != nil {
		t.Fatal(err)
	}
	return eco
}

func TestTagVersion(t *testing.T) {
	eco := npmEco(t)
	tests := []struct {
		tag  string
		want string // "" when the tag names no version
	}{
		{"v1.2.3", "1.2.3"},
		{"v0.10.24", "0.10.24"},
		{"v1.0.0-alpha.10", "1.0.0-alpha.10"},
		{"v2.0.0-rc.1.beta", "2.0.0-rc.1.beta"},
		{"1.2.3", ""},         // publishing runs on v* tags only
		{"release-1.2.3", ""}, // likewise
		{"v1.2", ""},
		{"v01.2.3", ""},
		{"vv1.2.3", ""},
		{"v=1.2.3", ""},
		{"v1.2.3+build.5", ""}, // not how a published version is written
		{"v 1.2.3", ""},
		{"v1.0.0-01", ""},
		{"v", ""},
	}
	for _, tt := range tests {
		got, ok := tagVersion(eco, tt.tag)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("tagVersion(%q) = %q, %v; want %q", tt.tag, got, ok, tt.want)
		}
	}
}

func TestReadTags(t *testing.T) {
	tags, err := readTags(strings.NewReader("v0.1.0\t2020-05-22T17:05:33-05:00\r\n\nv0.2.0\t2020-05-25T17:47:32+02:00\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []gitTag{
		{"v0.1.0", time.Date(2020, 5, 22, 22, 5, 33, 0, time.UTC)},
		{"v0.2.0", time.Date(2020, 5, 25, 15, 47, 32, 0, time.UTC)},
	}
	if diff := cmp.Diff(want, tags, cmp.AllowUnexported(gitTag{})); diff != "" {
		t.Errorf("readTags (-want +got):\n%s", diff)
	}
	for _, in := range []string{
		"v1.0.0\n",
		"v1.0.0 2020-05-22T17:05:33Z\n",
		"\t2020-05-22T17:05:33Z\n",
		"v1.0.0\t2020-05-22\n",
		"v1.0.0\t2020-05-22T17:05:33Z\textra\n",
	} {
		if _, err := readTags(strings.NewReader(in)); err == nil {
			t.Errorf("readTags(%q) succeeded", in)
		}
	}
}

func TestBuildNPM(t *testing.T) {
	eco := npmEco(t)
	rec, err := npm.Parse([]byte(`{"name": "pkg", "dist-tags": {"latest": "1.0.0", "next": "2.0.0-rc.1", "old": "0.0.1"},
 "versions": {
  "1.0.0": {"name": "pkg", "version": "1.0.0", "peerDependencies": {"react": "^16"}, "deprecated": "use 1.1"},
  "1.0.1": {"name": "pkg", "version": "1.0.1", "dependencies": {"lodash": "^4"}},
  "2.0.0-rc.1": {"name": "pkg", "version": "2.0.0-rc.1"}
 },
 "time": {"1.0.0": "2025-10-01T00:00:00.123Z", "1.0.1": "2025-10-02T00:00:00Z", "2.0.0-rc.1": "2025-10-03T00:00:00.000Z"}}`))
	if err != nil {
		t.Fatal(err)
	}
	tags := []gitTag{
		{"v0.9.0", time.Date(2020, 1, 2, 4, 5, 6, 0, time.FixedZone("", 3600))},
		{"v1.0.0", time.Date(2020, 3, 4, 10, 11, 12, 0, time.UTC)},
		{"v1.1.0", time.Date(2020, 2, 1, 0, 0, 0, 0, time.UTC)}, // tagged on a branch before 1.0.0's tag
		{"v2.0.0-rc.1", time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)},
		{"docs-2020", time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)},
	}
	b, err := buildNPM(eco, "pkg", tags, rec)
	if err != nil {
		t.Fatal(err)
	}
	raw := func(s string) json.RawMessage { return json.RawMessage(`"` + s + `"`) }
	want := &npm.Document{
		Name:     "pkg",
		DistTags: map[string]string{"latest": "1.1.0", "next": "2.0.0-rc.1"},
		Versions: map[string]npm.Version{
			"0.9.0":      {Name: "pkg", Version: "0.9.0"},
			"1.0.0":      {Name: "pkg", Version: "1.0.0", PeerDependencies: map[string]string{"react": "^16"}, Deprecated: "use 1.1"},
			"1.0.1":      {Name: "pkg", Version: "1.0.1", Dependencies: map[string]string{"lodash": "^4"}},
			"1.1.0":      {Name: "pkg", Version: "1.1.0"},
			"2.0.0-rc.1": {Name: "pkg", Version: "2.0.0-rc.1"},
		},
		Time: map[string]json.RawMessage{
			"0.9.0":      raw("2020-01-02T03:05:06.000Z"),
			"1.0.0":      raw("2020-03-04T10:11:12.000Z"),
			"1.0.1":      raw("2025-10-02T00:00:00Z"), // recording only: as recorded
			"1.1.0":      raw("2020-02-01T00:00:00.000Z"),
			"2.0.0-rc.1": raw("2021-06-01T00:00:00.000Z"),
			"created":    raw("2020-01-02T03:05:06.000Z"),
			"modified":   raw("2025-10-02T00:00:00.000Z"),
		},
	}
	if diff := cmp.Diff(want, b.doc); diff != "" {
		t.Errorf("document (-want +got):\n%s", diff)
	}
	if b.fromTags != 4 || b.recorded != 2 || !cmp.Equal(b.recordedOnly, []string{"1.0.1"}) || !cmp.Equal(b.skipped, []string{"docs-2020"}) {
		t.Errorf("fromTags %d, recorded %d, recordedOnly %v, skipped %v; want 4, 2, [1.0.1], [docs-2020]", b.fromTags, b.recorded, b.recordedOnly, b.skipped)
	}
	// The document reads back through the registry's parser with the tag
	// dates as publication times.
	body, err := marshal(b.doc)
	if err != nil {
		t.Fatal(err)
	}
	back, err := npm.Parse(body)
	if err != nil {
		t.Fatal(err)
	}
	if tm, ok, err := back.VersionTime("0.9.0"); err != nil || !ok || !tm.Equal(time.Date(2020, 1, 2, 3, 5, 6, 0, time.UTC)) {
		t.Errorf("VersionTime(0.9.0) = %v, %v, %v", tm, ok, err)
	}
}

func TestBuildNPMWithoutRecording(t *testing.T) {
	b, err := buildNPM(npmEco(t), "pkg", []gitTag{{"v1.0.0-beta.1", time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// With pre-releases only, latest is the highest of them, as npm's
	// first publication would have made it.
	if got := b.doc.DistTags["latest"]; got != "1.0.0-beta.1" {
		t.Errorf("latest = %q", got)
	}
	if b.recorded != 0 || len(b.doc.Versions["1.0.0-beta.1"].PeerDependencies) != 0 {
		t.Errorf("metadata without a recording: %+v", b.doc.Versions)
	}
}

func TestBuildNPMErrors(t *testing.T) {
	eco := npmEco(t)
	day := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		tags []gitTag
		rec  string
		err  string
	}{
		{"other package", nil, `{"name": "other"}`, `recorded document is of "other"`},
		{"unpublished", nil, `{"name": "pkg", "time": {"unpublished": {"time": "2021-05-06T07:08:09.000Z"}}}`, "unpublication record"},
		{"bad recorded time", nil, `{"name": "pkg", "versions": {"1.0.0": {"name": "pkg", "version": "1.0.0"}}, "time": {"1.0.0": 7}}`, "recorded document"},
		{"version twice", []gitTag{{"v1.0.0", day}, {"v1.0.0", day}}, `{"name": "pkg"}`, "two tags name version 1.0.0"},
	}
	for _, tt := range tests {
		rec, err := npm.Parse([]byte(tt.rec))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := buildNPM(eco, "pkg", tt.tags, rec); err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.err)
		}
	}
}

// TestSnapshotCurrent checks that the committed npm documents are what the
// generator makes of the committed recordings and the tag files, so that
// neither is edited without regenerating.
func TestSnapshotCurrent(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	tagsDir := filepath.Join(root, "..", "shared", "realworld", "tags")
	if _, err := os.Stat(tagsDir); err != nil {
		t.Skipf("tag files not available: %v", err)
	}
	eco := npmEco(t)
	for _, name := range []string{"react-invenio-forms", "react-searchkit", "react-invenio-deposit"} {
		raw, rec := readRecording(t, name)
		// The recordings are kept trimmed.
		if trimmed, err := marshal(rec); err != nil || !bytes.Equal(trimmed, raw) {
			t.Errorf("%s: recording is not in trimmed form (%v)", name, err)
		}
		f, err := os.Open(filepath.Join(tagsDir, name+".tsv"))
		if err != nil {
			t.Fatal(err)
		}
		tags, err := readTags(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		b, err := buildNPM(eco, name, tags, rec)
		if err != nil {
			t.Fatal(err)
		}
		want, err := marshal(b.doc)
		if err != nil {
			t.Fatal(err)
		}
		got, err := snapshotBody(root, name)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(string(want), string(got)); diff != "" {
			t.Errorf("%s: snapshot differs from the generator's output; run go run ./registry/internal/genfixtures (-want +got):\n%s", name, diff)
		}
	}
}

// TestUpstreamSnapshotCurrent checks that the documents of the upstream
// npm packages are their committed, trimmed recordings.
func TestUpstreamSnapshotCurrent(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	for _, name := range strings.FieldsFunc(*npmUpstream, isComma) {
		raw, rec := readRecording(t, name)
		want, err := marshal(rec)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(want, raw) {
			t.Errorf("%s: recording is not in trimmed form", name)
		}
		got, err := snapshotBody(root, name)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(string(want), string(got)); diff != "" {
			t.Errorf("%s: snapshot differs from the recording; run go run ./registry/internal/genfixtures (-want +got):\n%s", name, diff)
		}
	}
}

// readRecording reads a committed recording, raw and parsed.
func readRecording(t *testing.T, name string) ([]byte, *npm.Document) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "npm-recorded", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	rec, err := npm.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return raw, rec
}

// snapshotBody reads the committed snapshot's document of npm package name.
func snapshotBody(root, name string) ([]byte, error) {
	u := &url.URL{Scheme: "http", Host: npmHost, Path: "/" + npm.EscapeName(name)}
	e, err := httpcache.New(filepath.Join(root, "testdata", "registry", "snapshot")).Get(u, name)
	if err != nil {
		return nil, err
	}
	return e.Body, nil
}
