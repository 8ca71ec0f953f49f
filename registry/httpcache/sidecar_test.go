package httpcache

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var sidecarCases = []string{
	`{"url": "http://h.example.test/a", "location": "/b", "status": 200, "content_type": "application/json",
	  "etag": "\"abc\"", "last_modified": "Sat, 13 Jun 2026 20:37:17 GMT", "fetched_at": "2026-11-23T12:00:00Z",
	  "size": 12, "sha256": "00"}`,
	`{"url": "u", "status": 200, "fetched_at": "2026-11-23T12:00:00.5+02:00", "size": 0, "sha256": ""} trailing`,
	`{}`,
	// Handed over to encoding/json.
	`{"url": "u", "unknown": 1}`,
	`{"URL": "u"}`,
	`{"url": "u", "url": "v"}`,
	`{"url": "caf\u00e9"}`,
	`{"status": 200.0}`,
	`{"status": 99999999999999999999}`,
	`{"size": "12"}`,
	`{"fetched_at": "yesterday"}`,
	`{"url": null}`,
	`{"url": "u",}`,
	`[]`,
	``,
}

// TestScanMetaMatchesEncodingJSON checks that the fast sidecar reader gives
// what the strict json.Decoder gives whenever it claims a sidecar.
func TestScanMetaMatchesEncodingJSON(t *testing.T) {
	cases := sidecarCases
	snap, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "registry", "snapshot", "*", "*", "*", MetaFile))
	if len(snap) == 0 {
		t.Fatal("no snapshot sidecars found")
	}
	for _, f := range snap {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := scanMeta(b); !ok {
			t.Errorf("%s: the fast reader does not handle a snapshot sidecar", f)
		}
		cases = append(cases, string(b))
	}
	for _, c := range cases {
		checkMetaAgainstJSON(t, []byte(c))
	}
}

func checkMetaAgainstJSON(t *testing.T, b []byte) {
	t.Helper()
	got, ok := scanMeta(b)
	if !ok {
		if got != (Meta{}) {
			t.Fatalf("fast reader left %+v after handing over %.200q", got, b)
		}
		return
	}
	var want Meta
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&want); err != nil {
		t.Fatalf("fast reader accepted %.200q, encoding/json says %v", b, err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("fast reader on %.200q (-encoding/json +fast):\n%s", b, diff)
	}
}

func FuzzScanMeta(f *testing.F) {
	for _, c := range sidecarCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, b []byte) { checkMetaAgainstJSON(t, b) })
}
