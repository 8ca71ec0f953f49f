package database_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/patchline/patchline/osv/database"
)

// benchDB writes n copies of the fixture record under distinct ids.
func benchDB(b *testing.B, n int) *database.DB {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "advisories")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	data := read(b, "../testdata/valid.json")
	for i := range n {
		id := fmt.Sprintf("x_INVENIO-2026-%04d", i+1)
		rec := []byte(replaceOnce(string(data), "x_INVENIO-2026-0003", id))
		if err := os.WriteFile(filepath.Join(dir, id+".json"), rec, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	db, err := database.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	return db
}

func replaceOnce(s, old, new string) string {
	for i := 0; i+len(old) <= len(s); i++ {
		if s[i:i+len(old)] == old {
			return s[:i] + new + s[i+len(old):]
		}
	}
	return s
}

// BenchmarkAll loads a database of 5,000 records.
func BenchmarkAll(b *testing.B) {
	db := benchDB(b, 5000)
	b.ResetTimer()
	for b.Loop() {
		recs, err := db.All()
		if err != nil || len(recs) != 5000 {
			b.Fatal(len(recs), err)
		}
	}
}

// BenchmarkValidate validates one record: schema and offline checks.
func BenchmarkValidate(b *testing.B) {
	r := fixture(b)
	for b.Loop() {
		if _, err := database.Validate(r); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExport exports a database of 5,000 records into an up-to-date
// directory: reading, validating, encoding and comparing every record.
func BenchmarkExport(b *testing.B) {
	db := benchDB(b, 5000)
	dir := b.TempDir()
	now := at(b, "2026-06-01T00:00:00Z")
	if _, err := database.Export(db, dir, now, database.ExportOptions{}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := database.Export(db, dir, now, database.ExportOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
