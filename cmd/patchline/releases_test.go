package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/patchline/patchline/registry/registrytest"
)

// runReleases runs the command line with the releases command, isolated
// from the machine's registry configuration.
func runReleases(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CACHE_HOME", filepath.Join(home, ".cache"))
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	t.Setenv("PIP_CONFIG_FILE", os.DevNull)
	t.Setenv("PIP_INDEX_URL", "")
	t.Setenv("NPM_CONFIG_USERCONFIG", filepath.Join(home, ".npmrc"))
	var out, errb bytes.Buffer
	a := &app{stdout: &out, stderr: &errb}
	root := a.rootCommand()
	if c, _, err := root.Find([]string{"releases"}); err != nil || c == root {
		root.AddCommand(a.releasesCommand())
	}
	root.SetArgs(args)
	root.SetOut(&out)
	root.SetErr(&errb)
	err := root.ExecuteContext(context.Background())
	if err != nil {
		errb.WriteString("patchline: " + err.Error() + "\n")
	}
	return exitCodeOf(err), out.String(), errb.String()
}

var snapshotDir = filepath.Join("..", "..", "testdata", "registry", "snapshot")

func offlineArgs(args ...string) []string {
	return append([]string{"--offline", "--cache-dir", snapshotDir,
		"--pypi-index", "http://pypi.example.test/simple/", "--npm-registry", "http://registry.example.test/"}, args...)
}

func TestReleasesGolden(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"table", offlineArgs("releases", "PyPI:invenio-communities", "npm:react-invenio-deposit")},
		{"json", offlineArgs("releases", "--format", "json", "pkg:npm/react-invenio-deposit", "pkg:pypi/Invenio_Records_Resources")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runReleases(t, tt.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			golden := filepath.Join("testdata", "releases", tt.name+".golden")
			if *update {
				os.MkdirAll(filepath.Dir(golden), 0o755)
				if err := os.WriteFile(golden, []byte(stdout), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), stdout); diff != "" {
				t.Errorf("stdout (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReleasesFailures(t *testing.T) {
	s := registrytest.New()
	defer s.Close()
	tests := []struct {
		name     string
		args     []string
		code     int
		contains []string
	}{
		{"offline and not recorded", offlineArgs("releases", "PyPI:invenio-app-rdm", "PyPI:not-recorded", "npm:nor-this"), 3,
			[]string{"PyPI:not-recorded (http://pypi.example.test/simple/not-recorded/)", "npm:nor-this (http://registry.example.test/nor-this)"}},
		// A package the registry does not know is bad input, not an
		// outage: exit 2, naming the package and the index.
		{"not found", []string{"--cache-dir", t.TempDir(), "--npm-registry", s.URL + "/npm/", "releases", "npm:react-searchkit"}, 2,
			[]string{"npm:react-searchkit: no such package on " + s.URL + "/npm/", s.URL + "/npm/react-searchkit", "HTTP 404", "spelling"}},
		{"misspelt", []string{"--cache-dir", t.TempDir(), "--pypi-index", s.URL + "/simple/", "releases", "PyPI:invenio-app-rdmm"}, 2,
			[]string{"PyPI:invenio-app-rdmm: no such package on " + s.URL + "/simple/", "HTTP 404"}},
		{"bad package", offlineArgs("releases", "invenio-app-rdm"), 2, []string{"want ECOSYSTEM:NAME"}},
		{"bad format", offlineArgs("releases", "--format", "markdown", "PyPI:x"), 2, []string{"--format"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runReleases(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout on failure: %q", stdout)
			}
			for _, c := range tt.contains {
				if !strings.Contains(stderr, c) {
					t.Errorf("stderr does not contain %q:\n%s", c, stderr)
				}
			}
		})
	}
}
