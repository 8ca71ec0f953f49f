package yamlguard

import (
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		name string
		doc  string
		want string // "" for accepted
	}{
		{"record", "id: X-1\naffected:\n- package: {ecosystem: PyPI, name: x}\n  versions: [\"1.0\"]\n", ""},
		{"balanced markdown", "details: |\n" + strings.Repeat("  - [ ] [link](x) {a}\n", 2000), ""},
		{"flow nesting at the limit", "a: " + strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth) + "\n", ""},
		{"flow nesting", "a: 1\nb: " + strings.Repeat("[", MaxDepth+1) + "\n", "line 2: values nested more than 1000 deep"},
		{"mapping nesting", strings.Repeat("{a: ", MaxDepth+1), "line 1: values nested more than 1000 deep"},
		{"dash nesting", "a:\n" + strings.Repeat("- ", MaxDepth+1) + "x\n", "line 2: values nested more than 1000 deep"},
		{"tabs in a short line", "summary: \"" + strings.Repeat("x\t", 100) + "\"\n", ""},
		{"tabs in a long line", "id: X\nsummary: \"" + strings.Repeat("x\t", 80000) + "\"\n",
			"line 2: too many tabs on long lines (80000 tabs on a line of 160011 bytes): write \\t in a double-quoted string, or break the line"},
		{"too large", strings.Repeat("a: b\n", MaxSize/5+1), "262145 bytes, larger than the 256 KiB limit for a YAML document; refusing to read it"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := Check([]byte(tc.doc))
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tc.want {
				t.Errorf("Check = %q, want %q", got, tc.want)
			}
		})
	}
}

// Check reads a document of MaxSize in one pass, without allocating.
func TestCheckAllocs(t *testing.T) {
	doc := []byte(strings.Repeat("- [a, {b: \"c\td\"}]\n", MaxSize/20))
	if n := testing.AllocsPerRun(10, func() { _ = Check(doc) }); n != 0 {
		t.Errorf("%v allocations", n)
	}
}
