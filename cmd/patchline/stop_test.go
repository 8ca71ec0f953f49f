package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/patchline/patchline/registry/registrytest"
)

// blockingInput returns a named pipe nobody writes to: reading it blocks in
// the kernel, where no context reaches, as a long parse does.
func blockingInput(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "report.json")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skip("no named pipes:", err)
	}
	return p
}

// SIGINT and SIGTERM stop a command within a second even while it is stuck
// where its context does not reach (they were ignored for 35 s and more
// during a long parse), with the shell's exit code for the signal.
func TestSignalsStopTheProcess(t *testing.T) {
	bin, err := exec.LookPath("patchline")
	if err != nil {
		t.Skip("patchline is not on PATH:", err)
	}
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
		name string
	}{
		{syscall.SIGINT, 130, "SIGINT"},
		{syscall.SIGTERM, 143, "SIGTERM"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// On a loaded machine a process may wait for a core: the best
			// of three runs must stop within a second.
			best := time.Hour
			for range 3 {
				if took := stopAfterSignal(t, bin, tc.sig, tc.code, tc.name); took < best {
					best = took
				}
				if best <= time.Second {
					return
				}
			}
			t.Errorf("stopped %s after the signal at best, want within 1 s", best)
		})
	}
}

// stopAfterSignal starts patchline stuck on a blocking input, signals it
// and returns how long it took to exit, which must be with code.
func stopAfterSignal(t *testing.T, bin string, sig syscall.Signal, code int, name string) time.Duration {
	t.Helper()
	var stderr bytes.Buffer
	cmd := exec.Command(bin, "lint", blockingInput(t))
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond) // let it get stuck
	sent := time.Now()
	if err := cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	waited := make(chan error, 1)
	go func() { waited <- cmd.Wait() }()
	var err error
	select {
	case err = <-waited:
	case <-time.After(5 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("still running 5 s after %s", name)
	}
	took := time.Since(sent)
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != code {
		t.Fatalf("exit %v, want %d; stderr %q", err, code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "interrupted ("+name+")") {
		t.Errorf("stderr = %q", stderr.String())
	}
	return took
}

// --timeout bounds a whole run: a registry that answers too slowly is
// exit 3, as any registry failure; an input that never ends is exit 2.
func TestTimeoutBoundsTheRun(t *testing.T) {
	s := registrytest.ServeSnapshot(t, snapshotDir)
	s.SetLatency(5 * time.Second)
	isolate(t)
	var stdout, stderr bytes.Buffer
	start := time.Now()
	code := run(context.Background(), []string{"--timeout", "300ms", "--cache-dir", t.TempDir(),
		"--pypi-index", s.URL + "/simple/", "--npm-registry", s.URL + "/npm/", "releases", "npm:react-invenio-deposit"}, &stdout, &stderr)
	if took := time.Since(start); code != exitRegistry || !strings.Contains(stderr.String(), "--timeout 300ms reached") || took > 2*time.Second {
		t.Errorf("slow registry: exit %d after %s, stderr %q; want 3 within about 300 ms", code, took, stderr.String())
	}

	fifo := blockingInput(t)
	stderr.Reset()
	start = time.Now()
	code = run(context.Background(), []string{"--timeout", "300ms", "lint", fifo}, &stdout, &stderr)
	if took := time.Since(start); code != exitBadInput || !strings.Contains(stderr.String(), "--timeout 300ms reached") || took > 2*time.Second {
		t.Errorf("blocked input: exit %d after %s, stderr %q; want 2 within a second", code, took, stderr.String())
	}
	// Release the abandoned reader, so that the test leaves nothing behind.
	if f, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
		f.Close()
	}
	if code := run(context.Background(), []string{"--timeout", "-1s", "versions", "PyPI", "1.0"}, &stdout, &stderr); code != exitBadInput {
		t.Errorf("--timeout -1s: exit %d, want 2", code)
	}
}
