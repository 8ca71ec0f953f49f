package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// snapshotDirs returns the Invenio example's directory and the registry
// snapshot: the committed one, or PATCHLINE_TEST_SNAPSHOT to try out a
// snapshot recorded elsewhere.
func snapshotDirs(t testing.TB) (invenio, snapshot string) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	snapshot = filepath.Join(root, "testdata", "registry", "snapshot")
	if s := os.Getenv("PATCHLINE_TEST_SNAPSHOT"); s != "" {
		snapshot = s
	}
	return filepath.Join(root, "testdata", "invenio"), snapshot
}

// isolate keeps the machine's registry configuration out of a test.
func isolate(t testing.TB) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CACHE_HOME", filepath.Join(home, ".cache"))
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	t.Setenv("PIP_CONFIG_FILE", os.DevNull)
	t.Setenv("PIP_INDEX_URL", "http://pypi.example.test/simple/")
	t.Setenv("NPM_CONFIG_REGISTRY", "http://registry.example.test/")
	t.Setenv("NPM_CONFIG_USERCONFIG", filepath.Join(home, ".npmrc"))
	t.Setenv("COLUMNS", "") // tables fold at the default width
}

// TestAnalyzeExitCodes checks the exit codes CI relies on: 0 for an
// analysis, 2 for bad input, 3 when the registry cannot be read.
func TestAnalyzeExitCodes(t *testing.T) {
	invenio, snapshot := snapshotDirs(t)
	isolate(t)
	policy := filepath.Join(invenio, "patchline.yaml")
	report := filepath.Join(invenio, "reports", "unsafe-html.yaml")
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("summary: x\naffected: [{package: 'PyPI:invenio-app-rdm', fixed: [x.y]}]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	runExitCodes(t, []exitCase{
		{"analysis", []string{"--offline", "--cache-dir", snapshot, "--policy", policy, "--as-of", "2024-06-30", "analyze", report}, exitOK, ""},
		{"lines", []string{"--offline", "--cache-dir", snapshot, "--policy", policy, "lines"}, exitOK, ""},
		{"invalid report", []string{"--offline", "--cache-dir", snapshot, "--policy", policy, "analyze", bad}, exitBadInput, ""},
		{"bad --explain", []string{"--offline", "--cache-dir", snapshot, "--policy", policy, "lines", "--explain", "PyPI:x"}, exitBadInput, ""},
		{"bad --as-of", []string{"--policy", policy, "--as-of", "2024-6-30", "analyze", report}, exitBadInput, ""},
		{"empty cache", []string{"--offline", "--cache-dir", t.TempDir(), "--policy", policy, "analyze", report}, exitRegistry, ""},
	})
}

// BenchmarkAnalyzeInvenio is patchline analyze on the Invenio example,
// offline on the snapshot: the whole command, membership walk included.
func BenchmarkAnalyzeInvenio(b *testing.B) {
	invenio, snapshot := snapshotDirs(b)
	isolate(b)
	args := []string{"--offline", "--cache-dir", snapshot, "--policy", filepath.Join(invenio, "patchline.yaml"),
		"--as-of", "2024-06-30", "analyze", filepath.Join(invenio, "reports", "unsafe-html.yaml")}
	b.ReportAllocs()
	for b.Loop() {
		var stderr bytes.Buffer
		if code := run(context.Background(), args, io.Discard, &stderr); code != 0 {
			b.Fatalf("exit %d: %s", code, stderr.String())
		}
	}
}

// TestScriptsInvenio runs the scripts in testdata/invenio: lines and
// analyze on the Invenio example (testdata/invenio at the repository root),
// offline on the committed registry snapshot. $INVENIO is the example's
// directory and $SNAPSHOT the snapshot; the registry hosts are the
// snapshot's placeholders, configured through the environment as pip and
// npm read it. Run with -update to rewrite the expected output.
func TestScriptsInvenio(t *testing.T) {
	invenio, snapshot := snapshotDirs(t)
	testscript.Run(t, testscript.Params{
		Dir:           filepath.Join("testdata", "invenio"),
		UpdateScripts: *update,
		Cmds:          map[string]func(*testscript.TestScript, bool, []string){"cve5valid": cve5ValidCmd},
		Setup: func(env *testscript.Env) error {
			isolateScript(env, "http://registry.example.test/")
			env.Setenv("INVENIO", invenio)
			env.Setenv("SNAPSHOT", snapshot)
			return nil
		},
	})
}

// isolateScript keeps the machine's registry configuration out of a
// script: the PyPI index is the snapshot's placeholder, the npm registry
// the one given.
func isolateScript(env *testscript.Env, npmRegistry string) {
	env.Setenv("HOME", env.WorkDir)
	env.Setenv("XDG_CACHE_HOME", env.WorkDir+"/.cache")
	env.Setenv("XDG_CONFIG_HOME", env.WorkDir+"/.config")
	env.Setenv("PIP_CONFIG_FILE", os.DevNull)
	env.Setenv("PIP_INDEX_URL", "http://pypi.example.test/simple/")
	env.Setenv("NPM_CONFIG_REGISTRY", npmRegistry)
	env.Setenv("NPM_CONFIG_USERCONFIG", env.WorkDir+"/.npmrc")
	env.Setenv("COLUMNS", "") // tables fold at the default width
}

// exitCase is a command line and the exit code CI relies on for it.
type exitCase struct {
	name string
	args []string
	want int
	now  string // PATCHLINE_NOW for the case, if set
}

// runExitCodes runs each command line in process and checks its exit code.
func runExitCodes(t *testing.T, cases []exitCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			if tt.now != "" {
				t.Setenv(nowEnv, tt.now)
			}
			var stderr bytes.Buffer
			if got := run(context.Background(), tt.args, io.Discard, &stderr); got != tt.want {
				t.Errorf("exit %d, want %d; stderr:\n%s", got, tt.want, stderr.String())
			}
		})
	}
}

// A table wider than the terminal (COLUMNS, else 100) puts each fix on
// lines of its own below its row; a wide terminal keeps the FIX column.
func TestAnalyzeTableFolds(t *testing.T) {
	invenio, snapshot := snapshotDirs(t)
	isolate(t)
	args := []string{"--offline", "--cache-dir", snapshot, "--policy", filepath.Join(invenio, "patchline.yaml"),
		"--as-of", "2025-08-01", "analyze", filepath.Join(invenio, "reports", "upstream-axios.yaml")}
	for _, tc := range []struct {
		columns string
		want    []string
	}{
		{"", []string{"\n    fix: upgrade react-invenio-forms to 3.5.3\n         upgrade react-searchkit to 2.3.1\n"}},
		{"1000", []string{"REPORT FIX (RULE)  FIX\n", "upgrade react-invenio-forms to 3.5.3; upgrade react-searchkit to 2.3.1\n"}},
	} {
		t.Setenv("COLUMNS", tc.columns)
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), args, &stdout, &stderr); code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		for _, w := range tc.want {
			if !strings.Contains(stdout.String(), w) {
				t.Errorf("COLUMNS=%q: output lacks %q:\n%s", tc.columns, w, stdout.String())
			}
		}
		if tc.columns == "" {
			for _, line := range strings.Split(stdout.String(), "\n") {
				if strings.HasPrefix(line, "    fix:") && len(line) > 100 {
					t.Errorf("a fix line wider than 100: %q", line)
				}
			}
		}
	}
}
