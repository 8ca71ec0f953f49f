package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/patchline/patchline/registry/registrytest"
	"github.com/rogpeppe/go-internal/testscript"
)

// TestScriptsField runs the scripts in testdata/field: express's and a
// Next.js-like project's lines against npm documents built from real
// registry data and the projects' release dates (testdata/field at the
// repository root, README there). The documents are served by a local npm
// registry; $FIELD is the fixtures' directory and $NPM_REGISTRY the
// server's URL.
func TestScriptsField(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	field := filepath.Join(root, "testdata", "field")
	s := fieldRegistry(t, field)
	testscript.Run(t, testscript.Params{
		Dir:           filepath.Join("testdata", "field"),
		UpdateScripts: *update,
		Cmds:          map[string]func(*testscript.TestScript, bool, []string){"cve5valid": cve5ValidCmd},
		Setup: func(env *testscript.Env) error {
			isolateScript(env, s.URL+"/")
			env.Setenv("FIELD", field)
			env.Setenv("NPM_REGISTRY", s.URL+"/")
			return nil
		},
	})
}

// fieldRegistry serves the npm documents of testdata/field (field) from a
// local npm registry, closed when the test ends.
func fieldRegistry(t testing.TB, field string) *registrytest.Server {
	t.Helper()
	s := registrytest.New()
	t.Cleanup(s.Close) // after the parallel scripts, unlike defer
	docs, err := filepath.Glob(filepath.Join(field, "npm", "*.json"))
	if err != nil || len(docs) == 0 {
		t.Fatalf("no npm documents in %s: %v", field, err)
	}
	for _, doc := range docs {
		body, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(doc), ".json")
		s.Put("/"+name, registrytest.File{Body: body, ContentType: "application/json"})
	}
	return s
}
