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

	"github.com/patchline/patchline/internal/memtest"
)

// hostileReports writes the reports that took analyze, check and osv
// minutes and gigabytes, or the machine's memory, before their readers
// were bounded.
func hostileReports(t *testing.T, dir string) map[string]string {
	t.Helper()
	huge := filepath.Join(dir, "huge.yaml")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	// 100 MB, sparse: the test costs no disk.
	fmt.Fprintf(f, "summary: big\ndetails: |\n")
	if err := f.Truncate(100 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
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
