package npm

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	doc := `{"_id": "x", "name": "@scope/x", "readme": "long", "dist-tags": {"latest": "1.0.0"},
 "versions": {
  "1.0.0": {"name": "@scope/x", "version": "1.0.0", "dependencies": {"a": "^1"}, "deprecated": "old",
            "dist": {"tarball": "http://registry.example.test/x.tgz"}},
  "0.9.0": {"name": "@scope/x", "version": "0.9.0", "deprecated": true},
  "0.8.0": {"name": "@scope/x", "version": "0.8.0", "deprecated": false, "peerDependenciesMeta": {"p": {"optional": true}}}
 },
 "time": {"created": "2020-01-01T00:00:00.000Z", "1.0.0": "2021-02-03T04:05:06.789Z", "0.9.0": 12}}`
	d, err := Parse([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if d.Versions["1.0.0"].Deprecated != "old" || d.Versions["0.9.0"].Deprecated != "deprecated" || d.Versions["0.8.0"].Deprecated != "" {
		t.Errorf("deprecated: %+v", d.Versions)
	}
	tm, ok, err := d.VersionTime("1.0.0")
	if err != nil || !ok || !tm.Equal(time.Date(2021, 2, 3, 4, 5, 6, 789e6, time.UTC)) {
		t.Errorf("VersionTime = %v, %v, %v", tm, ok, err)
	}
	if _, ok, err := d.VersionTime("0.8.0"); ok || err != nil {
		t.Errorf("missing time: %v, %v", ok, err)
	}
	if _, _, err := d.VersionTime("0.9.0"); err == nil {
		t.Error("numeric time accepted")
	}
	if u, err := d.Unpublished(); u != nil || err != nil {
		t.Errorf("Unpublished = %v, %v", u, err)
	}
	// A trimmed document keeps only what patchline reads and reads back
	// the same.
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "tarball") || strings.Contains(string(b), "readme") {
		t.Errorf("trimmed document keeps unread fields: %s", b)
	}
	d2, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(d, d2); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestUnpublished(t *testing.T) {
	d, err := Parse([]byte(`{"name": "gone", "time": {"unpublished": {"time": "2021-05-06T07:08:09.000Z", "versions": ["1.0.0"]}}}`))
	if err != nil {
		t.Fatal(err)
	}
	u, err := d.Unpublished()
	if err != nil || u == nil || !u.Time.Equal(time.Date(2021, 5, 6, 7, 8, 9, 0, time.UTC)) || !cmp.Equal(u.Versions, []string{"1.0.0"}) {
		t.Errorf("Unpublished = %+v, %v", u, err)
	}
}

func TestParseErrors(t *testing.T) {
	for _, doc := range []string{`{`, `{"versions": {}}`, `{"name": "x", "versions": {"1.0.0": {"deprecated": 3}}}`} {
		if _, err := Parse([]byte(doc)); err == nil {
			t.Errorf("Parse(%s) succeeded", doc)
		}
	}
}

func TestEscapeName(t *testing.T) {
	for in, want := range map[string]string{"@inveniosoftware/react-invenio-forms": "@inveniosoftware%2freact-invenio-forms", "react-searchkit": "react-searchkit"} {
		if got := EscapeName(in); got != want {
			t.Errorf("EscapeName(%q) = %q, want %q", in, got, want)
		}
	}
}
