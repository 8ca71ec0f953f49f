package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/patchline/patchline/internal/hostile"
	"github.com/patchline/patchline/internal/memtest"
)

// hostileReports writes the reports that took analyze, check and osv
// minutes and gigabytes, or the machine's memory, before their readers
// were bounded.
func hostileReports(t *testing.T, dir string) map[string]string {
	t.Helper()
	huge := filepath.Join(dir, "huge.yaml")
	hostile.Sparse(t, huge, 100<<20, "summary: big\ndetails: |\n")
	var laughs strings.Builder
	laughs.WriteString("summary: x\naliases: &l0 [a, a, a, a, a, a, a, a, a]\ncredits:\n")
	for i := 1; i < 9; i++ {
		fmt.Fprintf(&laughs, "- name: &l%d [%s]\n", i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*l%d, ", i-1), 9), ", "))
	}
	files := map[string]string{
		"laughs.yaml":  laughs.String(),
		"nesting.yaml": "summary: " + strings.Repeat("[", 30000) + strings.Repeat("]", 30000) + "\n",
		"large.yaml":   "summary: large\ndetails: |\n" + strings.Repeat("  A line of details.\n", 20000),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return map[string]string{
		huge:                               "huge.yaml: 104857600 bytes, larger than the 10 MiB limit for one OSV record; refusing to read it",
		filepath.Join(dir, "laughs.yaml"):  "laughs.yaml:4:13: credits[0].name: want a string, got a sequence",
		filepath.Join(dir, "nesting.yaml"): "nesting.yaml:1:1: values nested more than 1000 deep",
		filepath.Join(dir, "large.yaml"):   "large.yaml: 420026 bytes, larger than the 256 KiB limit for a YAML document; refusing to read it",
	}
}

// Every command that reads a report refuses these with exit 2 and a
// message naming the file, within 64 MiB of allocation.
func TestHostileReports(t *testing.T) {
	invenio, snapshot := snapshotDirs(t)
	isolate(t)
	dir := t.TempDir()
	policy := filepath.Join(invenio, "patchline.yaml")
	for path, want := range hostileReports(t, dir) {
		for _, cmd := range [][]string{{"analyze"}, {"check"}, {"osv", "--stdout"}} {
			t.Run(filepath.Base(path)+" "+cmd[0], func(t *testing.T) {
				args := append([]string{"--offline", "--cache-dir", snapshot, "--policy", policy}, cmd...)
				var stderr bytes.Buffer
				var code int
				n := memtest.AtMost(t, 64<<20, func() {
					code = run(context.Background(), append(args, path), io.Discard, &stderr)
				})
				t.Logf("allocated %.1f MiB", float64(n)/(1<<20))
				if code != 2 || !strings.Contains(stderr.String(), want) {
					t.Errorf("exit %d, stderr:\n%s\nwant exit 2 and %q", code, stderr.String(), want)
				}
			})
		}
	}
}

// A policy is trusted, but read within the same bounds: a 100 MB file is
// refused from its size.
func TestHugePolicy(t *testing.T) {
	isolate(t)
	path := filepath.Join(t.TempDir(), "patchline.yaml")
	hostile.Sparse(t, path, 100<<20, "")
	var stderr bytes.Buffer
	var code int
	memtest.AtMost(t, 1<<20, func() {
		code = run(context.Background(), []string{"--offline", "--policy", path, "lines"}, io.Discard, &stderr)
	})
	want := path + ": 104857600 bytes, larger than the 256 KiB limit for a YAML document; refusing to read it"
	if code != exitBadInput || !strings.Contains(stderr.String(), want) {
		t.Errorf("exit %d, stderr:\n%s", code, stderr.String())
	}
}

// A 4 MB archive of 400 records of 10 MB ran lint and check --db out of
// memory at 8 GiB: it is refused from its headers, exit 2 for check (the
// database cannot be used) and a problem of the archive for lint (exit 1).
func TestArchiveBomb(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	record := []byte(`{"id": "x_A-1", "modified": "2024-01-01T00:00:00Z"}`)
	bomb := filepath.Join(dir, "all.zip")
	hostile.Zip(t, bomb, 400, append(record, bytes.Repeat([]byte(" "), 10_000_000-len(record))...))
	lock := filepath.Join(dir, "requirements.txt")
	if err := os.WriteFile(lock, []byte("requests==2.31.0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	const want = "bytes of records uncompressed, more than the 256 MiB accepted; refusing the archive"
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"check", "--lockfile", lock, "--db", bomb}, exitBadInput},
		{[]string{"lint", bomb}, exitGate},
	} {
		t.Run(tc.args[0], func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			var code int
			memtest.AtMost(t, 16<<20, func() { code = run(context.Background(), tc.args, &stdout, &stderr) })
			if code != tc.code || !strings.Contains(stdout.String()+stderr.String(), want) {
				t.Errorf("exit %d, want %d; stdout:\n%s\nstderr:\n%s", code, tc.code, stdout.String(), stderr.String())
			}
		})
	}
}

// The release gate keeps the matches of its pins, not the database: a
// zip of 16,384 records of 380 versions each (50 MB of JSON), every one
// about a pinned package, took 2.2 GB of heap held whole; read one
// record at a time it stays within 64 MiB (35 MiB measured) and fails the
// gate on every record.
func TestCheckLargeDatabase(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "all.zip")
	hostile.Zip(t, db, 16384, hostile.Record("x_A-2026-0001", "PyPI", 380))
	lock := filepath.Join(dir, "requirements.txt")
	if err := os.WriteFile(lock, []byte("a==1.7\nb==2.0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	var code int
	peak := memtest.Peak(func() {
		code = run(context.Background(), []string{"check", "--format", "json", "--lockfile", lock, "--db", db}, &stdout, &stderr)
	})
	t.Logf("peak heap %.1f MiB", float64(peak)/(1<<20))
	if peak > 64<<20 {
		t.Errorf("peak heap %d MiB, want at most 64 MiB", peak>>20)
	}
	if code != exitGate || strings.Count(stdout.String(), `"id": "x_A-2026-0001"`) != 16384 || !strings.Contains(stdout.String(), `"records": 16384`) {
		t.Errorf("exit %d, want 1 and 16,384 matches; stderr %s", code, stderr.String())
	}
}
