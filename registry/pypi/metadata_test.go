package pypi

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestParseCoreMetadataCases(t *testing.T) {
	tests := []struct {
		name, in string
		want     *CoreMetadata
		err      string
	}{
		{"plain", "Metadata-Version: 2.1\nName: invenio-app-rdm\nVersion: 12.0.0\nRequires-Python: >=3.8\n" +
			"Requires-Dist: invenio-base<2.0.0,>=1.3.0\nProvides-Extra: opensearch2\n" +
			"Requires-Dist: invenio-search[opensearch2]<3.0.0,>=2.1.0; extra == \"opensearch2\"\n\nDescription: Name: ignored\n",
			&CoreMetadata{MetadataVersion: "2.1", Name: "invenio-app-rdm", Version: "12.0.0", RequiresPython: ">=3.8",
				ProvidesExtra: []string{"opensearch2"},
				RequiresDist: []Requirement{
					{Name: "invenio-base", Specifier: "<2.0.0,>=1.3.0"},
					{Name: "invenio-search", Extras: []string{"opensearch2"}, Specifier: "<3.0.0,>=2.1.0", Marker: `extra == "opensearch2"`, MarkerExtras: []string{"opensearch2"}},
				}}, ""},
		{"case-insensitive fields, CRLF, BOM and folding", "\ufeffNAME: x\r\nversion:  1.0 \r\nrequires-dist: a\r\n  >=1\r\nSummary: s\r\n\tmore\r\n",
			&CoreMetadata{Name: "x", Version: "1.0", RequiresDist: []Requirement{{Name: "a", Specifier: ">=1"}}}, ""},
		{"no trailing newline", "Name: x\nVersion: 1",
			&CoreMetadata{Name: "x", Version: "1"}, ""},
		{"continuation first", " Name: x\n", nil, "core metadata line 1: continuation before any field"},
		{"not a field", "Name: x\nVersion 1.0\n", nil, `core metadata line 2: want "Field: value", got "Version 1.0"`},
		{"space in field name", "Name: x\nRequires Dist: a\n", nil, `core metadata line 2: want "Field: value"`},
		{"bad requirement before a bad line", "Name: x\nRequires-Dist: a >=\nbad\n", nil, `core metadata line 3`},
		{"bad requirement skipped", "Name: x\nVersion: 1\nRequires-Dist: a >=\nRequires-Dist: b\n",
			&CoreMetadata{Name: "x", Version: "1", RequiresDist: []Requirement{{Name: "b"}}, SkippedRequires: []Skipped{{Requirement: "a >="}}}, ""},
		{"no version", "Name: x\n", nil, "core metadata without Name or Version"},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, rs := range []*Requirements{nil, {}} {
				got, err := rs.ParseCoreMetadata([]byte(tt.in))
				if tt.err != "" {
					if err == nil || !strings.Contains(err.Error(), tt.err) {
						t.Fatalf("error %v, want %q", err, tt.err)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(tt.want, got, ignoreRange, cmpopts.IgnoreFields(Skipped{}, "Err")); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
				for _, sk := range got.SkippedRequires {
					if sk.Err == nil {
						t.Errorf("skipped %q without a reason", sk.Requirement)
					}
				}
			}
		})
	}
}

// TestRequirementsMemo checks that a memoised parse is the parse, errors
// included, and that the second parse of a string is the first one.
func TestRequirementsMemo(t *testing.T) {
	var rs Requirements
	for _, s := range []string{"a>=1,<2; python_version < \"3.8\"", "b[x] @ https://example.test/b.whl", "c >=", "d"} {
		want, wantErr := ParseRequirement(s)
		for range 2 {
			got, err := rs.Parse(s)
			if (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
				t.Fatalf("%q: error %v, want %v", s, err, wantErr)
			}
			if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(Requirement{}, "Range")); diff != "" {
				t.Errorf("%q (-want +got):\n%s", s, diff)
			}
			if (want.Range == nil) != (got.Range == nil) || (got.Range != nil && got.Range.String() != want.Range.String()) {
				t.Errorf("%q: range %v, want %v", s, got.Range, want.Range)
			}
		}
	}
}

// TestRequirementsListMemo: lists whose strings join to the same bytes are
// different lists, and an invalid string is skipped, memoised or not.
func TestRequirementsListMemo(t *testing.T) {
	var rs Requirements
	if got, skipped := rs.ParseList([]string{"a\x00b"}); len(got) != 0 || len(skipped) != 1 {
		t.Fatalf(`"a\x00b": parsed %v, skipped %v; want it skipped`, got, skipped)
	}
	got, skipped := rs.ParseList([]string{"a", "b"})
	if len(skipped) != 0 || len(got) != 2 || got[0].Name != "a" || got[1].Name != "b" {
		t.Fatalf(`["a", "b"] after ["a\x00b"]: %v, %v; want both parsed`, got, skipped)
	}
	for range 2 {
		got, skipped := rs.ParseList([]string{"c >=", "d"})
		if len(got) != 1 || got[0].Name != "d" || len(skipped) != 1 || skipped[0].Requirement != "c >=" || skipped[0].Err == nil {
			t.Fatalf(`["c >=", "d"]: parsed %v, skipped %v; want "d" parsed, "c >=" skipped`, got, skipped)
		}
	}
}
