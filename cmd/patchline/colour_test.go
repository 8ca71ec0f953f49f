package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/creack/pty"
)

// ours are the only escape sequences the program writes on stdout: the
// verdicts' colours and their reset.
var ours = regexp.MustCompile(`\x1b\[(3[123]|0)m`)

// runOut runs a command line in process and returns its stdout.
func runOut(t *testing.T, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), args, &stdout, &stderr); code != exitOK && code != exitGate {
		t.Fatalf("%v: exit %d: %s", args, code, stderr.String())
	}
	return stdout.String()
}

// --color=always paints the verdicts and nothing else: without its escape
// sequences the output is --color=never's byte for byte, in every layout
// of the table (the columns are aligned on the unpainted text).
func TestColourAlwaysKeepsTheLayout(t *testing.T) {
	invenio, snapshot := snapshotDirs(t)
	isolate(t)
	inv := []string{"--offline", "--cache-dir", snapshot, "--policy", filepath.Join(invenio, "patchline.yaml")}
	report := func(name string) string { return filepath.Join(invenio, "reports", name) }
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"--as-of", "2024-06-30", "analyze", report("unsafe-html.yaml")}, []string{"\x1b[32mfixed\x1b[0m", "\x1b[33munsupported\x1b[0m"}},
		{[]string{"--as-of", "2026-08-01", "analyze", report("pending-communities.yaml")}, []string{"\x1b[31maffected\x1b[0m"}},
		{[]string{"--as-of", "2024-06-30", "analyze", report("npm-forms.yaml")}, []string{"\x1b[31maffected\x1b[0m"}},
		{[]string{"--as-of", "2026-08-01", "check", report("pending-communities.yaml"), report("unsafe-html.yaml")}, []string{"\x1b[31mFAIL\x1b[0m", "\x1b[32mPASS\x1b[0m"}},
	} {
		for _, columns := range []string{"1000", "100", "80", "60"} {
			t.Setenv("COLUMNS", columns)
			plain := runOut(t, slices.Concat(inv, []string{"--color=never"}, tc.args)...)
			painted := runOut(t, slices.Concat(inv, []string{"--color=always"}, tc.args)...)
			for _, w := range tc.want {
				if !strings.Contains(painted, w) {
					t.Errorf("COLUMNS=%s %v: --color=always lacks %q:\n%s", columns, tc.args, w, painted)
				}
			}
			if got := ours.ReplaceAllString(painted, ""); got != plain {
				t.Errorf("COLUMNS=%s %v: without its colours, --color=always differs from --color=never:\n%s\nwant:\n%s", columns, tc.args, got, plain)
			}
			if strings.Contains(plain, "\x1b") {
				t.Errorf("COLUMNS=%s %v: --color=never writes an escape sequence:\n%q", columns, tc.args, plain)
			}
			if strings.Contains(painted, "\x1b[0mnot-affected") || strings.Contains(painted, "not-\x1b") {
				t.Errorf("not-affected is painted:\n%q", painted)
			}
		}
	}
}

// The settings decide as flags do: --color wins over PATCHLINE_COLOR,
// which wins over NO_COLOR; auto off a terminal paints nothing; a bad
// value is exit 2.
func TestColourSettings(t *testing.T) {
	invenio, snapshot := snapshotDirs(t)
	isolate(t)
	args := []string{"--offline", "--cache-dir", snapshot, "--policy", filepath.Join(invenio, "patchline.yaml"), "--as-of", "2024-06-30",
		"analyze", filepath.Join(invenio, "reports", "unsafe-html.yaml")}
	for _, tc := range []struct {
		name, noColor, env, flag string
		painted                  bool
	}{
		{"auto off a terminal", "", "", "", false},
		{"always", "", "", "--color=always", true},
		{"NO_COLOR, always asked for", "1", "", "--color=always", true},
		{"PATCHLINE_COLOR=always", "", "always", "", true},
		{"PATCHLINE_COLOR=always, --color=never", "", "always", "--color=never", false},
		{"PATCHLINE_COLOR=never, --color=always", "", "never", "--color=always", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("NO_COLOR", tc.noColor)
			t.Setenv("PATCHLINE_COLOR", tc.env)
			a := args
			if tc.flag != "" {
				a = append([]string{tc.flag}, args...)
			}
			if got := ours.MatchString(runOut(t, a...)); got != tc.painted {
				t.Errorf("painted %v, want %v", got, tc.painted)
			}
		})
	}
	var stderr bytes.Buffer
	if code := run(context.Background(), append([]string{"--color=sometimes"}, args...), io.Discard, &stderr); code != exitBadInput ||
		!strings.Contains(stderr.String(), `--color "sometimes": want auto, always or never`) {
		t.Errorf("--color=sometimes: exit %d, stderr %q", code, stderr.String())
	}
}

// A report's text carrying escape sequences stays escaped when verdicts
// are painted: the only sequences on the terminal are the program's.
func TestColourLeavesInputEscaped(t *testing.T) {
	invenio, snapshot := snapshotDirs(t)
	isolate(t)
	report := filepath.Join(t.TempDir(), "report.yaml")
	if err := os.WriteFile(report, []byte(`summary: "Unsafe \e[32mfixed\e[0m\e]0;pwned\a"
severity: CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N
affected:
  - package: PyPI:invenio-app-rdm
    fixed: [11.0.6, 9.1.7]
`), 0o644); err != nil {
		t.Fatal(err)
	}
	out := runOut(t, "--color=always", "--offline", "--cache-dir", snapshot, "--policy", filepath.Join(invenio, "patchline.yaml"),
		"--as-of", "2024-06-30", "analyze", report)
	if !strings.Contains(out, `Unsafe \x1b[32mfixed\x1b[0m\x1b]0;pwned\x07`) {
		t.Errorf("the summary is not shown escaped:\n%s", out)
	}
	if rest := ours.ReplaceAllString(out, ""); strings.ContainsAny(rest, "\x1b\x07") {
		t.Errorf("an escape sequence other than the verdicts' colours reached the terminal:\n%q", rest)
	}
}

// On a terminal, auto paints the verdicts, unless NO_COLOR is set; the
// same run piped paints nothing.
func TestColourOnATerminal(t *testing.T) {
	bin, err := exec.LookPath("patchline")
	if err != nil {
		t.Skip("patchline is not on PATH:", err)
	}
	invenio, snapshot := snapshotDirs(t)
	isolate(t)
	args := []string{"--quiet", "--offline", "--cache-dir", snapshot, "--policy", filepath.Join(invenio, "patchline.yaml"),
		"--as-of", "2024-06-30", "analyze", filepath.Join(invenio, "reports", "unsafe-html.yaml")}
	// termenv paints for a terminal TERM names as coloured, and never in
	// CI (its logs are no terminal even on a pseudo-terminal).
	env := append(os.Environ(), "COLUMNS=100", "TERM=xterm-256color", "CI=", "CLICOLOR=", "CLICOLOR_FORCE=")
	for _, tc := range []struct {
		name    string
		env     []string
		painted bool
	}{
		{"auto", nil, true},
		{"NO_COLOR", []string{"NO_COLOR=1"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := onTerminal(t, bin, args, append(slices.Clone(env), tc.env...), 100)
			if got := strings.Contains(out, "\x1b[32mfixed\x1b[0m"); got != tc.painted {
				t.Errorf("painted %v, want %v:\n%q", got, tc.painted, out)
			}
		})
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	piped, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(piped, []byte("\x1b")) {
		t.Errorf("piped output holds escape sequences:\n%q", piped)
	}
}

// onTerminal runs bin with args on a pseudo-terminal of the width given
// and returns what it wrote there.
func onTerminal(t *testing.T, bin string, args, env []string, cols uint16) string {
	t.Helper()
	f, tty, err := pty.Open()
	if err != nil {
		t.Skip("no pseudo-terminal:", err)
	}
	defer f.Close()
	if err := pty.Setsize(f, &pty.Winsize{Rows: 40, Cols: cols}); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	// The child's stdin, stdout and stderr are the terminal, which becomes
	// its controlling terminal (fd 0 in the child).
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	tty.Close()
	var out bytes.Buffer
	if _, err := io.Copy(&out, f); err != nil && !errors.Is(err, syscall.EIO) {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	return out.String()
}
