package registry

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/patchline/patchline/registry/registrytest"
)

// field holds recorded PyPI answers (see its README).
var field = filepath.Join("testdata", "field")

// A malformed Requires-Dist (ipython 4.1.0rc1's real "setuptools
// (>=18.5decorator)") is skipped with its reason; the other requirements
// are read.
func TestRecordedMalformedRequirement(t *testing.T) {
	s := registrytest.ServeRecorded(t, field, registrytest.JSONPages)
	c := open(t, s, Options{})
	ctx := context.Background()
	h, err := c.History(ctx, mustPackage(t, "PyPI:ipython"))
	if err != nil {
		t.Fatal(err)
	}
	reqs, err := c.Requirements(ctx, h, []string{"4.1.0rc1"})
	if err != nil {
		t.Fatalf("a malformed requirement failed the release: %v", err)
	}
	r := reqs[0]
	if len(r.Skipped) != 1 || r.Skipped[0].Spec != "setuptools (>=18.5decorator)" || r.Skipped[0].Reason == "" {
		t.Errorf("Skipped = %+v, want the setuptools requirement", r.Skipped)
	}
	var names []string
	for _, d := range r.Dependencies {
		if len(d.ForExtras) == 0 {
			names = append(names, d.Name)
		}
	}
	if diff := cmp.Diff([]string{"pickleshare", "simplegeneric", "traitlets", "pexpect", "appnope", "gnureadline"}, names); diff != "" {
		t.Errorf("dependencies (-want +got):\n%s", diff)
	}
	if w := strings.Join(r.Warnings(), "\n"); !strings.Contains(w, `PyPI:ipython 4.1.0rc1: requirement "setuptools (>=18.5decorator)" skipped`) {
		t.Errorf("Warnings = %q", w)
	}
	if r.Incomplete != "" || !r.Partial() {
		t.Errorf("Incomplete %q, Partial %v", r.Incomplete, r.Partial())
	}
}
