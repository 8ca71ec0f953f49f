package weakness

import (
	"regexp"
	"strings"
	"testing"
)

func TestLookup(t *testing.T) {
	tests := []struct {
		id      string
		ok      bool
		name    string
		advised bool
	}{
		{"CWE-79", true, "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')", true},
		{"CWE-1333", true, "Inefficient Regular Expression Complexity", true},
		{"CWE-20", true, "Improper Input Validation", false},
		{"CWE-1035", false, "", false}, // a category (OWASP Top Ten 2017 A9), not a weakness
		{"CWE-1000", false, "", false}, // a view
		{"CWE-0", false, "", false},
		{"cwe-79", false, "", false},
	}
	for _, tc := range tests {
		w, ok := Lookup(tc.id)
		if ok != tc.ok || w.Name != tc.name || (ok && w.MappingAdvised() != tc.advised) {
			t.Errorf("Lookup(%q) = %+v, %v; want name %q, ok %v, advised %v", tc.id, w, ok, tc.name, tc.ok, tc.advised)
		}
	}
}

// The table is well formed: every row an id, a known usage and a name, ids
// unique and ascending, as the catalogue's 968 weaknesses.
func TestTable(t *testing.T) {
	id := regexp.MustCompile(`^CWE-[1-9][0-9]*$`)
	usages := map[Usage]bool{Allowed: true, AllowedWithReview: true, Discouraged: true, Prohibited: true}
	seen := map[string]bool{}
	for i, line := range strings.Split(strings.TrimSuffix(table, "\n"), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 3 || !id.MatchString(f[0]) || !usages[Usage(f[1])] || strings.TrimSpace(f[2]) != f[2] || f[2] == "" {
			t.Errorf("row %d: %q", i+1, line)
		}
		if seen[f[0]] {
			t.Errorf("row %d: %s twice", i+1, f[0])
		}
		seen[f[0]] = true
	}
	if Len() != 968 {
		t.Errorf("Len() = %d, want the 968 weaknesses of CWE %s", Len(), Version)
	}
}
