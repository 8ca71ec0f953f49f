package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// lint with the registry checks, offline on the committed snapshot: the
// records of advisory/lint's tests give exit 0 when they match the registry
// and exit 1 with the registry findings when they do not.
func TestLintSnapshot(t *testing.T) {
	isolate(t)
	invenio, snapshot := snapshotDirs(t)
	testdata := filepath.Join("..", "..", "advisory", "lint", "testdata")
	registryFlags := []string{"--offline", "--cache-dir", snapshot, "--pypi-index", "http://pypi.example.test/simple/",
		"--policy", filepath.Join(invenio, "patchline.yaml")}
	for _, tc := range []struct {
		path   string
		code   int
		stdout string
	}{
		{filepath.Join(testdata, "good"), exitOK, ""},
		{filepath.Join(testdata, "registry-bad"), exitGate, "x_INVENIO-2024-0002.json:25:24: OSV020: fixed 11.0.9 is not a release of PyPI:invenio-app-rdm"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), append(append([]string{}, registryFlags...), "lint", tc.path), &stdout, &stderr)
		if code != tc.code || !strings.Contains(stdout.String(), tc.stdout) {
			t.Errorf("lint %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", tc.path, code, tc.code, stdout.String(), stderr.String())
		}
	}
}
