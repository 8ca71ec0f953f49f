package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// A lockfile the gate cannot take apart is bad input (exit 2) naming the
// file and line, never a pass: osv-scalibr's pnpm 5 fixture ends with the
// key "/foo/bar", which names no version.
func TestCheckLockfileMalformedPnpmKey(t *testing.T) {
	isolate(t)
	lock := filepath.Join("..", "..", "analyzer", "lockfile", "testdata", "pnpm-v5-exotic", "pnpm-lock.yaml")
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"check", "--lockfile", lock, "--db", t.TempDir()}, &stdout, &stderr)
	want := "patchline: " + lock + `:18: npm:foo: invalid npm version "bar"`
	if code != exitBadInput || !strings.HasPrefix(stderr.String(), want) || stdout.Len() != 0 {
		t.Errorf("exit %d, want %d; stdout %q; stderr %q, want it to start %q", code, exitBadInput, stdout.String(), stderr.String(), want)
	}
}
