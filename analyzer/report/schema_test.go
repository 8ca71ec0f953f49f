package report_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/patchline/patchline/analyzer/policy"
	"github.com/patchline/patchline/analyzer/report"
	"github.com/patchline/patchline/internal/yamlschema"
)

// TestSchema holds schemas/report.schema.json to the loader: every report
// in the repository that loads is valid against it, and the bad inputs
// that are a matter of shape are rejected by it too.
func TestSchema(t *testing.T) {
	s, err := yamlschema.Compile(filepath.Join("..", "..", "schemas", "report.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	type input struct{ report, policy string }
	var goods []input
	local, _ := filepath.Glob(filepath.Join("testdata", "good", "*.yaml"))
	for _, p := range local {
		goods = append(goods, input{p, ""})
	}
	for _, dir := range []string{"invenio", "field/express", "field/nextjs"} {
		base := filepath.Join("..", "..", "testdata", filepath.FromSlash(dir))
		reps, _ := filepath.Glob(filepath.Join(base, "reports", "*.yaml"))
		for _, p := range reps {
			goods = append(goods, input{p, filepath.Join(base, "patchline.yaml")})
		}
	}
	if len(goods) < 8 {
		t.Fatalf("only %d reports found", len(goods))
	}
	for _, in := range goods {
		var pol *policy.Policy
		if in.policy != "" {
			if pol, err = policy.Load(in.policy); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := report.Load(in.report, pol); err != nil {
			t.Errorf("%s does not load: %v", in.report, err)
			continue
		}
		data, err := os.ReadFile(in.report)
		if err != nil {
			t.Fatal(err)
		}
		if err := yamlschema.Validate(s, data); err != nil {
			t.Errorf("%s loads, but the schema rejects it: %v", in.report, err)
		}
	}
	for _, name := range []string{
		"affected-not-a-list", "credit-type", "credit-without-name", "cvss-no-prefix", "cwe-lower-case",
		"cwe-not-a-list", "cwe-number-only", "cwe-twice", "embargo-date-only", "embargo-not-rfc3339",
		"fixed-and-range", "fixed-not-a-list", "interval-fixed-and-last-affected", "interval-unknown-key",
		"range-and-ranges", "reference-type", "reference-type-case", "reference-url-ftp", "reference-url-relative",
		"severity-number", "summary-missing", "summary-two-lines", "unknown-top-key", "unknown-ecosystem",
	} {
		a, err := txtar.ParseFile(filepath.Join("testdata", "bad", name+".txtar"))
		if err != nil {
			t.Fatal(err)
		}
		checked := false
		for _, f := range a.Files {
			if f.Name != "report.yaml" {
				continue
			}
			checked = true
			if err := yamlschema.Validate(s, f.Data); err == nil {
				t.Errorf("bad/%s: the loader refuses it, the schema accepts it", name)
			}
		}
		if !checked {
			t.Errorf("bad/%s has no report.yaml", name)
		}
	}
}
