package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// quickStart is the quick start's command in the README:
// "cd DIR && go run ../../cmd/patchline ARGS".
var quickStart = regexp.MustCompile("(?m)^cd (\\S+) && go run \\.\\./\\.\\./cmd/patchline (.+)$")

// TestReadmeQuickStart runs the README's quick start as printed — from its
// directory, with only the arguments the README gives (the directory's
// .patchline.env does the rest) — and checks the answer the README states.
func TestReadmeQuickStart(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	i := strings.Index(text, "## Quick start")
	if i < 0 {
		t.Fatal("README has no quick start")
	}
	m := quickStart.FindStringSubmatch(text[i:])
	if m == nil {
		t.Fatal("the quick start is not a `cd DIR && go run ../../cmd/patchline ARGS` command")
	}
	if len(m[0]) > 120 {
		t.Errorf("the quick start is %d characters long: %s", len(m[0]), m[0])
	}
	isolate(t)
	t.Chdir(filepath.Join(root, m[1]))
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), strings.Fields(m[2]), &stdout, &stderr); code != exitOK {
		t.Fatalf("%s: exit %d: %s", m[0], code, stderr.String())
	}
	for _, want := range []string{"fixed in 9.1.7", "fixed in 11.0.6", "v10   no         unsupported"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("the quick start's answer lacks %q:\n%s", want, stdout.String())
		}
	}
}
