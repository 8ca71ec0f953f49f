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

// A read-only cache (or an unwritable home directory) is a warning: the
// answer was fetched, so the run goes on and exits 0.
func TestReadOnlyCacheIsAWarning(t *testing.T) {
	s := registrytest.ServeSnapshot(t, snapshotDir)
	// A cache directory below a regular file cannot be created, whatever
	// the user's privileges.
	blocker := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cache := filepath.Join(blocker, "cache")
	code, stdout, stderr := runReleases(t, "--cache-dir", cache, "--pypi-index", s.URL+"/simple/", "--npm-registry", s.URL+"/npm/",
		"releases", "npm:react-invenio-deposit", "PyPI:invenio-communities")
	if code != 0 || !strings.Contains(stdout, "react-invenio-deposit") {
		t.Fatalf("exit %d, stdout %q, stderr %q; want 0 and the releases", code, stdout, stderr)
	}
	if strings.Count(stderr, "warning: not stored in the cache") != 1 || !strings.Contains(stderr, "not a directory") {
		t.Errorf("stderr = %q, want one warning about the cache", stderr)
	}
}

// Text from a registry reaches the terminal escaped: an npm deprecation
// message and a PyPI yank reason with OSC, CSI, BEL and line breaks once
// set the terminal's title, cleared the screen and faked table rows; a
// version with a line break around it is invalid, not a release.
func TestReleasesEscapeRegistryText(t *testing.T) {
	s := registrytest.New()
	t.Cleanup(s.Close)
	evil := `\u001b]0;pwned\u0007\u001b[2J\u202e\nevil  9.9.9  2026-01-01  ok`
	s.Put("/npm/evil", registrytest.File{ContentType: "application/json", Body: []byte(`{"name": "evil", "dist-tags": {"latest": "1.0.0"},
		"versions": {"1.0.0": {"name": "evil", "version": "1.0.0", "deprecated": "` + evil + `"},
			"1.0.1\n": {"name": "evil", "version": "1.0.1\n"}},
		"time": {"1.0.0": "2020-01-01T00:00:00.000Z", "1.0.1\n": "2020-01-02T00:00:00.000Z"}}`)})
	s.Put("/simple/evil/", registrytest.File{ContentType: "application/vnd.pypi.simple.v1+json", Body: []byte(`{"meta": {"api-version": "1.1"}, "name": "evil",
		"versions": ["1.0"], "files": [{"filename": "evil-1.0.tar.gz", "url": "evil-1.0.tar.gz", "hashes": {}, "yanked": "` + evil + `",
			"upload-time": "2020-01-01T00:00:00Z"}]}`)})
	t.Setenv("COLUMNS", "1000") // a row per release, the status unwrapped
	code, stdout, stderr := runReleases(t, "--cache-dir", t.TempDir(), "--pypi-index", s.URL+"/simple/", "--npm-registry", s.URL+"/npm/",
		"releases", "npm:evil", "PyPI:evil")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if strings.ContainsAny(stdout+stderr, "\x1b\x07\u202e") || strings.Contains(stdout, "\nevil") {
		t.Errorf("control characters or a faked row reached the output:\n%s", stdout)
	}
	if lines := strings.Count(stdout, "\n"); lines != 3 {
		t.Errorf("%d lines, want a header and two releases:\n%s", lines, stdout)
	}
	if !strings.Contains(stdout, `deprecated: \x1b]0;pwned\x07\x1b[2J\u202e\nevil  9.9.9`) {
		t.Errorf("the deprecation message is not shown escaped:\n%s", stdout)
	}
}
