package database_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/patchline/patchline/osv/database"
)

// FuzzWalk feeds arbitrary bytes to the archive reader as a zip file. It
// must never panic, and must hand over only records it read whole, each
// named after its entry.
func FuzzWalk(f *testing.F) {
	for _, name := range []string{"../testdata/valid.json"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	// One file, rewritten for each input: a directory per input costs
	// the fuzzer more than the reading does.
	path := filepath.Join(f.TempDir(), "records.zip")
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		n := 0
		_ = database.Walk(path, func(e database.Entry) {
			n++
			if e.Record == nil || e.Document == nil || len(e.Name) <= len(path)+1 {
				t.Fatalf("entry %q handed over without its record", e.Name)
			}
		})
		if n > database.MaxArchiveEntries {
			t.Fatalf("%d records from one archive", n)
		}
	})
}
