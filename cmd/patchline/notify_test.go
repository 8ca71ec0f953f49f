package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/patchline/patchline/analyzer/policy"
	"github.com/patchline/patchline/analyzer/report"
)

// reportFixtures returns every report of the repository's test data: the
// reports/ directories and the report loader's valid fixtures, each with
// the policy that applies to it.
func reportFixtures(t *testing.T) map[string]string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "registry" && filepath.Base(filepath.Dir(p)) == "testdata") {
			return filepath.SkipDir
		}
		rel := filepath.ToSlash(p)
		isReport := strings.HasSuffix(rel, ".yaml") && strings.Contains(rel, "/testdata/") &&
			(filepath.Base(filepath.Dir(p)) == "reports" || strings.HasSuffix(filepath.Dir(rel), "analyzer/report/testdata/good"))
		if !d.IsDir() && isReport {
			pol, err := policy.Find(filepath.Dir(p))
			if err != nil {
				return err
			}
			out[p] = pol
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 5 {
		t.Fatalf("found %d report fixtures, want the Invenio reports and the loader's", len(out))
	}
	return out
}

// secrets lists what an advance notice must not reveal of a report: package
// names, versions, line names, summary words longer than 4 letters, aliases
// and reference URLs.
func secrets(pol *policy.Policy, rep *report.Report) []string {
	var s []string
	for _, a := range rep.Affected {
		s = append(s, a.Package.Name, a.Package.String())
		if a.Introduced != nil {
			s = append(s, a.Introduced.String())
		}
		for _, v := range append(a.FixedVersions(), a.LastAffected) {
			if v != nil {
				s = append(s, v.String())
			}
		}
		for _, r := range a.Ranges {
			s = append(s, r.String())
		}
		for _, iv := range a.Intervals {
			for _, v := range []interface{ String() string }{iv.Introduced, iv.Fixed, iv.LastAffected} {
				if v != nil && v.String() != "" {
					s = append(s, v.String())
				}
			}
		}
		for line, v := range a.PlannedFix {
			s = append(s, line, v.String())
		}
	}
	for _, l := range pol.Lines {
		s = append(s, l.Name)
	}
	for _, w := range regexp.MustCompile(`[\pL\pN'-]+`).FindAllString(rep.Summary, -1) {
		if len([]rune(w)) > 4 {
			s = append(s, w)
		}
	}
	s = append(s, rep.Aliases...)
	for _, r := range rep.References {
		s = append(s, r.URL)
	}
	return s
}

// leaks reports whether out reveals secret: as a whole token for versions
// and line names (the date 2026-12-01 must not count as version 12), case
// insensitively for words.
func leaks(out, secret string) bool {
	if secret == "" || secret == "0" {
		return false
	}
	re := regexp.MustCompile(`(?i)(^|[^\pL\pN.])` + regexp.QuoteMeta(secret) + `($|[^\pL\pN])`)
	return re.MatchString(out) || strings.Contains(strings.ToLower(out), strings.ToLower(secret)) && len(secret) > 4
}

// TestNotifyLeaks runs notify on every report fixture, in both formats, and
// checks that nothing of the report but its severity level gets out.
func TestNotifyLeaks(t *testing.T) {
	isolate(t)
	for path, polPath := range reportFixtures(t) {
		pol, err := policy.Load(polPath)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := report.Load(path, pol)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, format := range []string{"text", "markdown"} {
			var stdout, stderr bytes.Buffer
			t.Setenv(nowEnv, "2026-11-28T00:00:00Z")
			args := []string{"--policy", polPath, "--format", format, "notify", path, "--release", "2026-12-01T14:00:00Z"}
			if rep.Published != nil {
				// Public already: refused, and nothing printed.
				if code := run(context.Background(), args, &stdout, &stderr); code != exitBadInput || stdout.Len() > 0 {
					t.Errorf("%s: a public report: exit %d, stdout %q; want exit %d and nothing", path, code, stdout.String(), exitBadInput)
				}
				continue
			}
			if code := run(context.Background(), args, &stdout, &stderr); code != exitOK {
				t.Fatalf("%s: exit %d: %s", path, code, stderr.String())
			}
			out := stdout.String() + stderr.String()
			if !strings.Contains(out, pol.Project) || !strings.Contains(out, "2026-12-01 at 14:00 UTC") {
				t.Errorf("%s: the notice lacks the project or the time:\n%s", path, out)
			}
			for _, s := range secrets(pol, rep) {
				// The notice names the project, which may be named after
				// its package (Express publishes express).
				if strings.Contains(strings.ToLower(pol.Project), strings.ToLower(s)) {
					continue
				}
				if leaks(out, s) {
					t.Errorf("%s (%s): the notice reveals %q:\n%s", path, format, s, out)
				}
			}
		}
	}
}

// TestNotifyWebhook posts the notice to a local webhook, from the flag and
// from the environment, and checks that a failure never prints the URL.
func TestNotifyWebhook(t *testing.T) {
	invenio, _ := snapshotDirs(t)
	isolate(t)
	var mu sync.Mutex
	var bodies []map[string]string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.URL.Path, "/s3cr3t-token") {
			w.WriteHeader(http.StatusForbidden)
			io.WriteString(w, "unknown token in "+r.URL.Path)
			return
		}
		var b map[string]string
		if err := json.NewDecoder(r.Body).Decode(&b); err != nil {
			t.Error(err)
		}
		mu.Lock()
		bodies = append(bodies, b)
		mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	notify := func(extra ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		t.Setenv(nowEnv, "2026-07-30T00:00:00Z")
		args := append([]string{"--policy", filepath.Join(invenio, "patchline.yaml"),
			"notify", filepath.Join(invenio, "reports", "pending-communities.yaml"), "--release", "2026-08-01T14:00:00Z"}, extra...)
		code := run(context.Background(), args, &stdout, &stderr)
		return code, stdout.String(), stderr.String()
	}

	code, out, errOut := notify("--webhook", srv.URL+"/hooks/1/s3cr3t-token", "--webhook-kind", "slack")
	if code != exitOK || len(bodies) != 1 || bodies[0]["text"] != strings.TrimSuffix(out, "\n") {
		t.Fatalf("slack: exit %d, bodies %v, stdout %q, stderr %q", code, bodies, out, errOut)
	}
	t.Setenv(webhookEnv, srv.URL+"/hooks/1/s3cr3t-token")
	code, out, _ = notify()
	if code != exitOK || len(bodies) != 2 || bodies[1]["content"] != strings.TrimSuffix(out, "\n") {
		t.Fatalf("discord from the environment: exit %d, bodies %v", code, bodies)
	}

	t.Setenv(webhookEnv, srv.URL+"/hooks/1/wrong-s3cr3t")
	code, _, errOut = notify()
	if code != exitRegistry || !strings.Contains(errOut, "HTTP 403 Forbidden") {
		t.Fatalf("refused post: exit %d, stderr %q", code, errOut)
	}
	if strings.Contains(errOut, "s3cr3t") || strings.Contains(errOut, srv.URL) {
		t.Errorf("the error reveals the webhook URL: %q", errOut)
	}
	os.Unsetenv(webhookEnv)
}

// A webhook that fails after receiving the notice (a 502 from its gateway)
// is not posted to again, as the channel may already show the notice; the
// error says so, and masks the token however the server echoes it.
func TestNotifyWebhookIsNotRepeated(t *testing.T) {
	invenio, _ := snapshotDirs(t)
	isolate(t)
	var mu sync.Mutex
	posts := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		posts++
		mu.Unlock()
		w.WriteHeader(http.StatusBadGateway)
		io.WriteString(w, `{"error": "upstream timeout", "path": "`+strings.ReplaceAll(r.URL.Path, "/", `\/`)+`", "token": "`+path.Base(r.URL.Path)+`"}`)
	}))
	defer srv.Close()
	t.Setenv(nowEnv, "2026-07-30T00:00:00Z")
	t.Setenv(webhookEnv, srv.URL+"/hooks/1234567890/s3cr3t-token-value")
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"--policy", filepath.Join(invenio, "patchline.yaml"),
		"notify", filepath.Join(invenio, "reports", "pending-communities.yaml"), "--release", "2026-08-01T14:00:00Z"}, &stdout, &stderr)
	if code != exitRegistry || posts != 1 {
		t.Fatalf("exit %d after %d posts, want 3 after 1; stderr %q", code, posts, stderr.String())
	}
	for _, secret := range []string{"s3cr3t", "1234567890", srv.URL} {
		if strings.Contains(stderr.String(), secret) {
			t.Errorf("stderr reveals %q: %q", secret, stderr.String())
		}
	}
	if !strings.Contains(stderr.String(), "may have accepted the notice") {
		t.Errorf("stderr does not say the notice may have been posted: %q", stderr.String())
	}
}
