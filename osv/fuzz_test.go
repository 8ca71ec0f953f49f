package osv_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/patchline/patchline/osv"
)

// FuzzParse feeds arbitrary bytes to the reader, as JSON and as YAML. It
// must never panic, and whatever it accepts must be written in a canonical
// form that reads back to the same bytes.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/canonical/*")
	seeds = append(seeds, "testdata/valid.json")
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, filepath.Ext(s) == ".yaml")
	}
	f.Add([]byte(`{"id":"x_A-1","modified":"2021-01-01T00:00:00+00:00","affected":[{"versions":[1]}]}`), false)
	f.Add([]byte("a: &a [*a]\n"), true)
	f.Add([]byte("id: !!str 1.10\ndatabase_specific: {n: 0x1F, f: 1_000.5, i: .inf}\n"), true)
	f.Fuzz(func(t *testing.T, data []byte, asYAML bool) {
		name := "fuzz.json"
		if asYAML {
			name = "fuzz.yaml"
		}
		r, err := osv.Parse(name, data)
		if err != nil {
			return
		}
		out, err := osv.Marshal(r)
		if err != nil {
			return // e.g. a Go value that JSON cannot hold; reported, not written
		}
		r2, err := osv.Parse("out.json", out)
		if err != nil {
			t.Fatalf("canonical output does not read back: %v\n%s", err, out)
		}
		out2, err := osv.Marshal(r2)
		if err != nil {
			t.Fatalf("canonical output does not write back: %v", err)
		}
		if !bytes.Equal(out, out2) {
			t.Fatalf("canonical form not stable:\n%s\n---\n%s", out, out2)
		}
	})
}
