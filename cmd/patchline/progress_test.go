package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// render applies what a terminal does with carriage returns and
// erase-to-end-of-line to raw output, and returns the lines left on the
// screen. Other escape sequences (the spinner's) are dropped.
func render(raw string) []string {
	var lines []string
	var cur []rune
	col := 0
	rs := []rune(raw)
	for i := 0; i < len(rs); i++ {
		switch r := rs[i]; {
		case r == '\n':
			lines = append(lines, strings.TrimRight(string(cur), " "))
			cur, col = nil, 0
		case r == '\r':
			col = 0
		case r == 0x1b && i+1 < len(rs) && rs[i+1] == '[':
			j := i + 2
			for j < len(rs) && (rs[j] < '@' || rs[j] > '~') {
				j++
			}
			if j < len(rs) && rs[j] == 'K' {
				cur = cur[:col]
			}
			i = j
		default:
			if col < len(cur) {
				cur[col] = r
			} else {
				cur = append(cur, r)
			}
			col++
		}
	}
	if len(cur) > 0 {
		lines = append(lines, strings.TrimRight(string(cur), " "))
	}
	return lines
}

// On a terminal the registry progress is shown while documents are read
// and cleared before the result: the result's first line is clean (it
// started on the progress line: "…documents readFAIL reports/…").
func TestProgressOnATerminal(t *testing.T) {
	bin, err := exec.LookPath("patchline")
	if err != nil {
		t.Skip("patchline is not on PATH:", err)
	}
	invenio, snapshot := snapshotDirs(t)
	isolate(t)
	args := []string{"--offline", "--cache-dir", snapshot,
		"--pypi-index", "http://pypi.example.test/simple/", "--npm-registry", "http://registry.example.test/",
		"--policy", filepath.Join(invenio, "patchline.yaml"), "--as-of", "2024-06-30",
		"check", filepath.Join(invenio, "reports", "unsafe-html.yaml")}
	raw := onTerminal(t, bin, args, append(os.Environ(), "COLUMNS=120"), 120)
	if !strings.Contains(raw, "patchline: reading release histories") {
		t.Errorf("no progress shown on the terminal:\n%q", raw)
	}
	lines := render(raw)
	if len(lines) == 0 || !strings.HasPrefix(lines[0], "PASS ") {
		t.Errorf("the result's first line is not clean: %q\nscreen:\n%s", first(lines), strings.Join(lines, "\n"))
	}
	for _, l := range lines {
		if strings.Contains(l, "reading release histories") {
			t.Errorf("the progress line stayed on the screen: %q", l)
		}
	}
}

func first(ls []string) string {
	if len(ls) == 0 {
		return ""
	}
	return ls[0]
}

// Off a terminal, or with --quiet, nothing but the result is written.
func TestNoProgressOffATerminal(t *testing.T) {
	invenio, snapshot := snapshotDirs(t)
	isolate(t)
	var stdout, stderr bytes.Buffer
	args := []string{"--offline", "--cache-dir", snapshot, "--policy", filepath.Join(invenio, "patchline.yaml"), "--as-of", "2024-06-30",
		"check", filepath.Join(invenio, "reports", "unsafe-html.yaml")}
	if code := run(t.Context(), args, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if stderr.Len() != 0 {
		t.Errorf("stderr off a terminal: %q", stderr.String())
	}
}
