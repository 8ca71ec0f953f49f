package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

func settingsFlags(t *testing.T, args ...string) (*pflag.FlagSet, *globalFlags) {
	t.Helper()
	var g globalFlags
	f := pflag.NewFlagSet("patchline", pflag.ContinueOnError)
	f.BoolVar(&g.offline, "offline", false, "")
	f.StringVar(&g.cacheDir, "cache-dir", "", "")
	f.StringVar(&g.asOf, "as-of", "", "")
	f.IntVar(&g.concurrency, "concurrency", 8, "")
	if err := f.Parse(args); err != nil {
		t.Fatal(err)
	}
	return f, &g
}

// Flags win over the environment, which wins over .patchline.env; paths in
// the file are relative to it.
func TestApplySettings(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile(settingsFile, []byte("# example\nPATCHLINE_OFFLINE=true\nPATCHLINE_CACHE_DIR=\"../snapshot\"\nexport PATCHLINE_AS_OF=2024-06-30\nPATCHLINE_CONCURRENCY=2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"PATCHLINE_CONCURRENCY": "4"}
	f, g := settingsFlags(t, "--as-of", "2025-01-01")
	if err := applySettings(f, func(k string) string { return env[k] }); err != nil {
		t.Fatal(err)
	}
	if !g.offline || g.cacheDir != filepath.Join("..", "snapshot") || g.asOf != "2025-01-01" || g.concurrency != 4 {
		t.Errorf("got offline=%v cache-dir=%q as-of=%q concurrency=%d", g.offline, g.cacheDir, g.asOf, g.concurrency)
	}
}

// A wrong value or an unknown name is bad input naming where it came from.
func TestApplySettingsErrors(t *testing.T) {
	for _, tc := range []struct{ file, env, want string }{
		{"PATCHLINE_CONCURRENCY=many\n", "", ".patchline.env:1: PATCHLINE_CONCURRENCY=\"many\""},
		{"\nPATCHLINE_CACHE=x\n", "", ".patchline.env:2: PATCHLINE_CACHE is not a setting"},
		{"PATCHLINE_OFFLINE\n", "", ".patchline.env:1: want NAME=VALUE"},
		{"PATCHLINE_OFFLINE=1\nPATCHLINE_OFFLINE=0\n", "", ".patchline.env:2: PATCHLINE_OFFLINE is set twice"},
		{"", "yes please", "environment variable PATCHLINE_OFFLINE=\"yes please\""},
	} {
		t.Chdir(t.TempDir())
		if tc.file != "" {
			if err := os.WriteFile(settingsFile, []byte(tc.file), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		f, _ := settingsFlags(t)
		err := applySettings(f, func(k string) string {
			if k == "PATCHLINE_OFFLINE" {
				return tc.env
			}
			return ""
		})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.file+tc.env, err, tc.want)
		}
	}
}
