package osv_test

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/patchline/patchline/osv"
)

var update = flag.Bool("update", false, "rewrite golden files")

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func parse(t *testing.T, name string, data []byte) *osv.Record {
	t.Helper()
	r, err := osv.Parse(name, data)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return r
}

// TestGoldenCanonical reads each testdata/canonical/NAME.in.{json,yaml}
// and compares its canonical form with NAME.want.json.
func TestGoldenCanonical(t *testing.T) {
	inputs, err := filepath.Glob("testdata/canonical/*.in.*")
	if err != nil {
		t.Fatal(err)
	}
	if len(inputs) == 0 {
		t.Fatal("no golden inputs")
	}
	for _, in := range inputs {
		name := strings.SplitN(filepath.Base(in), ".", 2)[0]
		t.Run(name, func(t *testing.T) {
			got, err := osv.Marshal(parse(t, in, readFile(t, in)))
			if err != nil {
				t.Fatal(err)
			}
			wantPath := filepath.Join("testdata/canonical", name+".want.json")
			if *update {
				if err := os.WriteFile(wantPath, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if diff := cmp.Diff(string(readFile(t, wantPath)), string(got)); diff != "" {
				t.Errorf("canonical form of %s (-want +got):\n%s", in, diff)
			}
			// The canonical form is a fixed point of both writers.
			again, err := osv.Marshal(parse(t, wantPath, got))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(got), string(again)); diff != "" {
				t.Errorf("Marshal is not idempotent (-first +second):\n%s", diff)
			}
			canon, err := osv.Canonical(wantPath, got)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(got), string(canon)); diff != "" {
				t.Errorf("Canonical changed a canonical file (-file +canonical):\n%s", diff)
			}
		})
	}
}

// The fixture is written in canonical form: reading and writing it changes
// no byte.
func TestRoundTripFixture(t *testing.T) {
	data := readFile(t, "testdata/valid.json")
	got, err := osv.Marshal(parse(t, "valid.json", data))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(data), string(got)); diff != "" {
		t.Errorf("round trip changed the record (-file +written):\n%s", diff)
	}
}

func TestCanonicalForm(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"sorted keys and indent", `{"b":1,"a":{"d":[1,2],"c":null}}`, "{\n  \"a\": {\n    \"c\": null,\n    \"d\": [\n      1,\n      2\n    ]\n  },\n  \"b\": 1\n}\n"},
		{"no HTML escaping", `{"s":"<a href=\"x\">&</a>"}`, "{\n  \"s\": \"<a href=\\\"x\\\">&</a>\"\n}\n"},
		{"numbers as written", `{"a":1.50,"b":1e3,"c":-0,"d":123456789012345678901234567890}`, "{\n  \"a\": 1.50,\n  \"b\": 1e3,\n  \"c\": -0,\n  \"d\": 123456789012345678901234567890\n}\n"},
		{"unicode kept", `{"s":"\u00e9t\u00e9 ü"}`, "{\n  \"s\": \"été ü\"\n}\n"},
		{"surrounding space", " \n {\"a\":true} \n\n", "{\n  \"a\": true\n}\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := osv.Canonical("in.json", []byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, string(got)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestYAMLAndJSONAgree(t *testing.T) {
	yamlSrc := `
id: x_A-2026-0001
modified: "2026-01-02T03:04:05Z"
affected:
  - package: {ecosystem: PyPI, name: foo}
    ranges:
      - type: ECOSYSTEM
        events:
          - introduced: "0"
          - fixed: 1.10
    versions: [1.0, 1.9, 2]
    database_specific: {score: 5.40, count: 3, ok: true, none: null}
summary: |-
  multi
  line
`
	jsonSrc := `{"id":"x_A-2026-0001","modified":"2026-01-02T03:04:05Z",
"affected":[{"package":{"ecosystem":"PyPI","name":"foo"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.10"}]}],
"versions":["1.0","1.9","2"],"database_specific":{"score":5.40,"count":3,"ok":true,"none":null}}],"summary":"multi\nline"}`
	y, err := osv.Marshal(parse(t, "r.yaml", []byte(yamlSrc)))
	if err != nil {
		t.Fatal(err)
	}
	j, err := osv.Marshal(parse(t, "r.json", []byte(jsonSrc)))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(j), string(y)); diff != "" {
		t.Errorf("YAML and JSON of the same record differ (-json +yaml):\n%s", diff)
	}
}

func TestUnknownFieldsKept(t *testing.T) {
	src := `{"id":"x_A-1","modified":"2026-01-02T03:04:05Z","top":1,
"affected":[{"package":{"ecosystem":"npm","name":"a","p":"1"},"a":"2","ranges":[{"type":"SEMVER","events":[{"introduced":"0","e":3}],"r":4}],"severity":[{"type":"CVSS_V3","score":"x","s":5}]}],
"references":[{"type":"WEB","url":"https://example.org","ref":6}],"credits":[{"name":"n","c":7}],"severity":[{"type":"Ubuntu","score":"low","t":8}]}`
	r := parse(t, "r.json", []byte(src))
	a := r.Affected[0]
	got := []osv.Object{r.Unknown, a.Unknown, a.Package.Unknown, a.Ranges[0].Unknown, a.Ranges[0].Events[0].Unknown,
		a.Severity[0].Unknown, r.References[0].Unknown, r.Credits[0].Unknown, r.Severity[0].Unknown}
	keys := []string{"top", "a", "p", "r", "e", "s", "ref", "c", "t"}
	for i, k := range keys {
		if _, ok := got[i][k]; !ok || len(got[i]) != 1 {
			t.Errorf("Unknown of the object holding %q = %v", k, got[i])
		}
	}
	out, err := osv.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	want, err := osv.Canonical("r.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(out)); diff != "" {
		t.Errorf("unknown fields not written back (-want +got):\n%s", diff)
	}
}

func TestUnknownFieldNamingModelFieldRefused(t *testing.T) {
	r := &osv.Record{ID: "x_A-1", Unknown: osv.Object{"summary": "twice"}}
	if _, err := osv.Marshal(r); err == nil {
		t.Fatal("Marshal accepted an Unknown field that the model owns")
	}
}

func TestObjectsBuiltInGo(t *testing.T) {
	r := &osv.Record{
		ID:       "x_A-1",
		Modified: osv.NewTime(mustTime(t, "2026-01-02T03:04:05.999Z")),
		DatabaseSpecific: osv.Object{
			"int": 3, "float": 5.4, "strings": []string{"a", "b"},
			"nested": osv.Object{"n": uint8(7)}, "struct": struct {
				A string `json:"a"`
			}{"x"},
		},
	}
	got, err := osv.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	want := `{
  "database_specific": {
    "float": 5.4,
    "int": 3,
    "nested": {
      "n": 7
    },
    "strings": [
      "a",
      "b"
    ],
    "struct": {
      "a": "x"
    }
  },
  "id": "x_A-1",
  "modified": "2026-01-02T03:04:05Z"
}
`
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// A Record inside another value encodes and decodes like a record file.
func TestRecordInJSON(t *testing.T) {
	r := parse(t, "valid.json", readFile(t, "testdata/valid.json"))
	wrapped := struct {
		Record osv.Record `json:"record"`
		When   osv.Time   `json:"when"`
	}{*r, r.Modified}
	b, err := json.Marshal(wrapped)
	if err != nil {
		t.Fatal(err)
	}
	var back struct {
		Record osv.Record `json:"record"`
		When   osv.Time   `json:"when"`
	}
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	got, err := osv.Marshal(&back.Record)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(readFile(t, "testdata/valid.json")), string(got)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if back.When.String() != "2026-03-10T09:30:00Z" {
		t.Errorf("When = %s", back.When)
	}
}
