package policy

import "testing"

func TestNotice(t *testing.T) {
	const head = "project: Example\npackages:\n  PyPI: [example-*]\nlines:\n  - {name: v1, status: supported, released: 2025-06-12}\n"
	for _, tc := range []struct {
		name, yaml string
		want       Notice
	}{
		{"default", "", DefaultNotice},
		{"both", "notice: {min_days: 1, max_days: 7}\n", Notice{1, 7}},
		{"min only", "notice: {min_days: 3}\n", Notice{3, 5}},
		{"same day allowed", "notice: {min_days: 0, max_days: 0}\n", Notice{0, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Parse(FileName, []byte(head+tc.yaml))
			if err != nil {
				t.Fatal(err)
			}
			if p.Notice != tc.want {
				t.Errorf("notice %+v, want %+v", p.Notice, tc.want)
			}
		})
	}
}
