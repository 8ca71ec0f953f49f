package osv_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/patchline/patchline/internal/memtest"
	"github.com/patchline/patchline/internal/yamlguard"
	"github.com/patchline/patchline/osv"
)

// laughs is a "billion laughs" document: each of n levels is a list of
// nine aliases of the level before, 9^n values from about 500 bytes.
func laughs(n int) string {
	var b strings.Builder
	b.WriteString("id: x_A-1\nmodified: 2024-01-01T00:00:00Z\ndatabase_specific:\n  l0: &l0 [a, a, a, a, a, a, a, a, a]\n")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "  l%d: &l%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*l%d, ", i-1), 9), ", "))
	}
	return b.String()
}

// YAML that the parser or the decoder would take seconds or gigabytes
// over is refused with a message that names the line, within a few
// megabytes. Each case took from 0.5 s to 8 s and from 7 MB to 15 GB
// before the bounds.
func TestYAMLBounds(t *testing.T) {
	for _, tc := range []struct {
		name, doc, want string
	}{
		{"billion laughs", laughs(9), "the document expands to too many values (nested aliases?)"},
		{"flow nesting", "id: x_A-1\nsummary: " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\n",
			"rec.yaml:2:1: values nested more than 1000 deep"},
		{"tabs in a quoted summary", "id: x_A-1\nsummary: \"" + strings.Repeat("x\t", 80000) + "\"\n",
			"rec.yaml:2:1: too many tabs on long lines (80000 tabs on a line of 160011 bytes)"},
		{"YAML larger than its limit", "id: x_A-1\ndetails: " + strings.Repeat("x", yamlguard.MaxSize) + "\n",
			"rec.yaml: 262164 bytes, larger than the 256 KiB limit for a YAML document; refusing to read it (a record may be up to 10 MiB as JSON)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			memtest.AtMost(t, 16<<20, func() { _, err = osv.ParseDocument("rec.yaml", []byte(tc.doc)) })
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v\nwant it to contain %q", err, tc.want)
			}
		})
	}
}

// An anchor used a few times, as a person writes one, is followed.
func TestYAMLAliasesFollowed(t *testing.T) {
	doc := "id: x_A-1\nmodified: 2024-01-01T00:00:00Z\naffected:\n" +
		"- package: {ecosystem: PyPI, name: a}\n  versions: &v [\"1.0\", \"1.1\"]\n" +
		"- package: {ecosystem: PyPI, name: b}\n  versions: *v\n"
	r, err := osv.Parse("rec.yaml", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Affected[1].Versions; len(got) != 2 || got[1] != "1.1" {
		t.Errorf("versions through the alias: %v", got)
	}
}
