package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/patchline/patchline/advisory/ghsa/ghsatest"
)

const publishToken = "ghp_publish0123456789abcdefghijklmnopqrs"

// publishRun runs patchline in process against the local GitHub API at
// api, with the token in $GITHUB_TOKEN and no gh on the PATH.
func publishRun(t *testing.T, api string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Setenv("GITHUB_TOKEN", publishToken)
	t.Setenv("GITHUB_API_URL", api)
	t.Setenv("PATH", t.TempDir())
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	for _, s := range []string{out.String(), errb.String()} {
		if strings.Contains(s, publishToken) {
			t.Errorf("the token is printed:\n%s", s)
		}
	}
	return code, out.String(), errb.String()
}

// invenioArgs publishes a report of the Invenio example, offline on the
// registry snapshot, at the date of its fix.
func invenioArgs(t *testing.T, report string) []string {
	invenio, snapshot := snapshotDirs(t)
	isolate(t)
	return []string{"--offline", "--cache-dir", snapshot, "--policy", filepath.Join(invenio, "patchline.yaml"), "--as-of", "2024-06-30",
		"publish", "github", "--repo", "inveniosoftware/invenio-app-rdm", filepath.Join(invenio, "reports", report)}
}

// golden compares a request body, indented, with testdata/ghsa/name
// (rewritten with -update).
func golden(t *testing.T, name string, body []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := json.Indent(&buf, body, "", "  "); err != nil {
		t.Fatalf("%s: %v\n%s", name, err, body)
	}
	buf.WriteString("\n")
	path := filepath.Join("testdata", "ghsa", name)
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), buf.String()); diff != "" {
		t.Errorf("%s (-want +got):\n%s", path, diff)
	}
}

// The Invenio example's unsafe-html report has no id and no CVE: nothing
// matches, and a draft is created.
func TestPublishGitHubCreate(t *testing.T) {
	s := ghsatest.New(t, publishToken)
	s.Add(map[string]any{"ghsa_id": "GHSA-aaaa-bbbb-cccc", "cve_id": "CVE-2023-0001", "summary": "another advisory", "state": "published"})
	code, stdout, stderr := publishRun(t, s.URL, invenioArgs(t, "unsafe-html.yaml")...)
	if code != exitOK {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	reqs := s.Requests()
	if len(reqs) != 2 || reqs[0].Method != http.MethodGet || reqs[1].Method != http.MethodPost || reqs[1].Path != "/repos/inveniosoftware/invenio-app-rdm/security-advisories" {
		t.Fatalf("requests %v, want the list then a create", reqs)
	}
	golden(t, "unsafe-html.json", reqs[1].Body)
	if !strings.HasPrefix(stdout, "https://github.com/inveniosoftware/invenio-app-rdm/security/advisories/GHSA-") || strings.Count(stdout, "\n") != 1 {
		t.Errorf("stdout %q, want the advisory's URL", stdout)
	}
	if !strings.Contains(stderr, "created the draft GHSA-") || !strings.Contains(stderr, "to the aliases of") {
		t.Errorf("stderr:\n%s", stderr)
	}
}

// Express's redirect XSS report carries CVE-2024-43796 among its aliases:
// the repository's advisory with that CVE id is updated.
func TestPublishGitHubUpdate(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	field := filepath.Join(root, "testdata", "field")
	reg := fieldRegistry(t, field)
	isolate(t)
	t.Setenv("NPM_CONFIG_REGISTRY", reg.URL+"/")
	s := ghsatest.New(t, publishToken)
	s.PageSize = 1 // the match is on the second page
	s.Add(map[string]any{"ghsa_id": "GHSA-aaaa-bbbb-cccc", "summary": "another advisory", "state": "published"})
	s.Add(map[string]any{"ghsa_id": "GHSA-9wv6-86v2-598j", "cve_id": "CVE-2024-43796", "summary": "draft", "state": "draft",
		"html_url": "https://github.com/expressjs/express/security/advisories/GHSA-9wv6-86v2-598j"})
	express := filepath.Join(field, "express")
	code, stdout, stderr := publishRun(t, s.URL, "--cache-dir", t.TempDir(), "--policy", filepath.Join(express, "patchline.yaml"), "--as-of", "2025-01-01",
		"publish", "github", "--repo", "expressjs/express", filepath.Join(express, "reports", "redirect-xss.yaml"))
	if code != exitOK {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	reqs := s.Requests()
	last := reqs[len(reqs)-1]
	if last.Method != http.MethodPatch || last.Path != "/repos/expressjs/express/security-advisories/GHSA-9wv6-86v2-598j" {
		t.Fatalf("last request %s %s, want the update of GHSA-9wv6-86v2-598j", last.Method, last.Path)
	}
	for _, r := range reqs {
		if r.Method == http.MethodPost {
			t.Errorf("an advisory was created beside the existing one")
		}
	}
	golden(t, "redirect-xss.json", last.Body)
	if stdout != "https://github.com/expressjs/express/security/advisories/GHSA-9wv6-86v2-598j\n" {
		t.Errorf("stdout %q", stdout)
	}
	if !strings.Contains(stderr, "updated GHSA-9wv6-86v2-598j (draft)") {
		t.Errorf("stderr:\n%s", stderr)
	}
}

// GitHub's refusal is shown with its message and errors, without the
// token, and is exit 2.
func TestPublishGitHubRejected(t *testing.T) {
	s := ghsatest.New(t, publishToken)
	s.Reject(http.StatusUnprocessableEntity, `{"message":"Validation Failed","errors":[{"resource":"RepositoryAdvisory","field":"vulnerabilities","code":"invalid","message":"Package name invenio-app-rdm is not in the pip ecosystem"}],"documentation_url":"https://docs.github.com/rest/security-advisories/repository-advisories#create-a-repository-security-advisory","status":"422"}`)
	code, stdout, stderr := publishRun(t, s.URL, invenioArgs(t, "unsafe-html.yaml")...)
	if code != exitBadInput {
		t.Errorf("exit %d, want %d:\n%s", code, exitBadInput, stderr)
	}
	for _, want := range []string{"422", "Validation Failed", "is not in the pip ecosystem", `"field":"vulnerabilities"`} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if stdout != "" {
		t.Errorf("stdout %q", stdout)
	}
}

func TestPublishGitHubExitCodes(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String()
	l.Close()
	failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, `{"message":"Server Error"}`, http.StatusBadGateway)
	}))
	defer failing.Close()
	s := ghsatest.New(t, publishToken)
	embargoed := filepath.Join(t.TempDir(), "embargoed.yaml")
	invenio, _ := snapshotDirs(t)
	src, err := os.ReadFile(filepath.Join(invenio, "reports", "unsafe-html.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(embargoed, append(src, "embargo_until: 2999-01-01T00:00:00Z\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	args := invenioArgs(t, "unsafe-html.yaml")
	withReport := func(report string) []string { return append(append([]string(nil), args[:len(args)-1]...), report) }
	for _, tt := range []struct {
		name string
		api  string
		args []string
		want int
		msg  string
	}{
		{"closed port", closed, args, exitRegistry, "no answer from GitHub"},
		{"server error", failing.URL, args, exitRegistry, "502 Bad Gateway"},
		{"embargo", s.URL, withReport(embargoed), exitBadInput, "under embargo until 2999-01-01T00:00:00Z"},
		{"no repo", s.URL, append(args[:len(args)-3:len(args)-3], args[len(args)-1]), exitBadInput, "--repo OWNER/REPO is required"},
		{"bad repo", s.URL, append(args[:len(args)-2:len(args)-2], "invenio", args[len(args)-1]), exitBadInput, "want OWNER/REPO"},
		{"bad API URL", "api.github.example.test", args, exitBadInput, "GITHUB_API_URL"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := publishRun(t, tt.api, tt.args...)
			if code != tt.want || !strings.Contains(stderr, tt.msg) {
				t.Errorf("exit %d, want %d; stderr lacks %q?\n%s", code, tt.want, tt.msg, stderr)
			}
		})
	}
	if n := len(s.Requests()); n != 0 {
		t.Errorf("%d requests reached the API, want none", n)
	}

	t.Run("no token", func(t *testing.T) {
		t.Setenv("PATH", t.TempDir())
		t.Setenv("GITHUB_TOKEN", "")
		t.Setenv("GITHUB_API_URL", s.URL)
		var stderr bytes.Buffer
		if code := run(context.Background(), args, &bytes.Buffer{}, &stderr); code != exitBadInput || !strings.Contains(stderr.String(), "no GitHub token") {
			t.Errorf("exit %d:\n%s", code, stderr.String())
		}
	})

	t.Run("token of gh", func(t *testing.T) {
		bin := t.TempDir()
		gh := "#!/bin/sh\n[ \"$1 $2\" = \"auth token\" ] && echo " + publishToken + "\n"
		if err := os.WriteFile(filepath.Join(bin, "gh"), []byte(gh), 0o755); err != nil {
			t.Fatal(err)
		}
		t.Setenv("PATH", bin)
		t.Setenv("GITHUB_TOKEN", "")
		t.Setenv("GITHUB_API_URL", s.URL)
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), args, &stdout, &stderr); code != exitOK || strings.Contains(stdout.String()+stderr.String(), publishToken) {
			t.Errorf("exit %d:\n%s%s", code, stdout.String(), stderr.String())
		}
	})

	t.Run("wrong token", func(t *testing.T) {
		bad := ghsatest.New(t, "another-token")
		code, _, stderr := publishRun(t, bad.URL, args...)
		if code != exitBadInput || !strings.Contains(stderr, "401") || !strings.Contains(stderr, "Bad credentials") {
			t.Errorf("exit %d:\n%s", code, stderr)
		}
	})
}

// A report on an upstream package (axios) gives an advisory about the
// project's releases that force its affected versions, as the OSV record
// does; the upstream CVE is not the advisory's, and the upstream's ids
// match no advisory of the project's repository.
func TestPublishGitHubUpstream(t *testing.T) {
	s := ghsatest.New(t, publishToken)
	s.Add(map[string]any{"ghsa_id": "GHSA-wf5p-g6vw-rhxx", "cve_id": "CVE-2023-45857", "summary": "axios's own advisory", "state": "published"})
	args := invenioArgs(t, "upstream-axios.yaml")
	args[6] = "2025-08-01" // --as-of, as in osv_upstream-axios.txtar
	code, _, stderr := publishRun(t, s.URL, args...)
	if code != exitOK {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	reqs := s.Requests()
	last := reqs[len(reqs)-1]
	if last.Method != http.MethodPost {
		t.Fatalf("last request %s %s, want a create", last.Method, last.Path)
	}
	golden(t, "upstream-axios.json", last.Body)
}
