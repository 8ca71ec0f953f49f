package policy_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/patchline/patchline/analyzer/policy"
	"github.com/patchline/patchline/internal/yamlschema"
)

// TestSchema holds schemas/policy.schema.json to the loader: every policy
// in the repository that loads is valid against it, and the bad inputs
// that are a matter of shape (unknown keys, wrong types, missing fields,
// malformed dates) are rejected by it too.
func TestSchema(t *testing.T) {
	s, err := yamlschema.Compile(filepath.Join("..", "..", "schemas", "policy.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	goods, _ := filepath.Glob(filepath.Join("testdata", "good", "*.yaml"))
	more, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "*", "patchline.yaml"))
	field, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "field", "*", "patchline.yaml"))
	goods = append(append(goods, more...), field...)
	if len(goods) < 5 {
		t.Fatalf("only %d policies found", len(goods))
	}
	for _, path := range goods {
		if _, err := policy.Load(path); err != nil {
			t.Errorf("%s does not load: %v", path, err)
			continue
		}
		data := mustRead(t, path)
		if err := yamlschema.Validate(s, data); err != nil {
			t.Errorf("%s loads, but the schema rejects it: %v", path, err)
		}
	}
	for _, name := range []string{
		"date-slashes", "date-with-time", "date-single-digit-month", "fixes-go-to", "line-without-name",
		"lines-not-a-list", "no-lines", "notice-fraction", "notice-unknown-key", "severity-bound-text",
		"status-number", "unknown-line-key", "unknown-status", "unknown-top-key", "unknown-ecosystem-packages",
		"from-without-range", "line-empty-name",
	} {
		a, err := txtar.ParseFile(filepath.Join("testdata", "bad", name+".txtar"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range a.Files {
			if f.Name != "patchline.yaml" {
				continue
			}
			if err := yamlschema.Validate(s, f.Data); err == nil {
				t.Errorf("bad/%s: the loader refuses it, the schema accepts it", name)
			}
		}
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
