package database_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/patchline/patchline/internal/hostile"
	"github.com/patchline/patchline/internal/memtest"
	"github.com/patchline/patchline/osv"
	"github.com/patchline/patchline/osv/database"
)

// paddedRecord is a valid record padded with white space to size bytes:
// JSON that a reader must decode whole.
func paddedRecord(t *testing.T, id string, size int) []byte {
	rec := recordBytes(t, id)
	return append(rec, bytes.Repeat([]byte(" "), size-len(rec))...)
}

func writeBomb(t testing.TB, n int, data []byte) string {
	path := filepath.Join(t.TempDir(), "bomb.zip")
	hostile.Zip(t, path, n, data)
	return path
}

// Archives too large to hold are refused before a record is read, within
// a few megabytes; before the bounds, 400 records of 10 MB ran a reader
// out of memory at 8 GiB.
func TestArchiveBombs(t *testing.T) {
	tenMB := paddedRecord(t, "x_INVENIO-2026-0001", 10_000_000)
	bomb := writeBomb(t, 400, tenMB)
	fi, _ := os.Stat(bomb)
	t.Logf("%d entries of %d bytes in %d bytes", 400, len(tenMB), fi.Size())
	many := writeBomb(t, database.MaxArchiveEntries+1, []byte("{}"))
	for _, tc := range []struct {
		name, path, want string
		bound            uint64 // the central directory's entries are read whatever their number
	}{
		{"400 records of 10 MB", bomb, "4000000000 bytes of records uncompressed, more than the 256 MiB accepted; refusing the archive", 1 << 20},
		{"too many entries", many, "65537 entries, more than the 65536 accepted; refusing the archive", 32 << 20},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			calls := 0
			memtest.AtMost(t, tc.bound, func() {
				err = database.Walk(tc.path, func(database.Entry) { calls++ })
			})
			if err == nil || !strings.Contains(err.Error(), tc.want) || calls != 0 {
				t.Errorf("%d records handed over; err = %v", calls, err)
			}
		})
	}
}

// Entries whose headers understate their size are read no further than
// the header says (archive/zip checks it), and at most one record's limit
// in any case.
func TestArchiveLyingHeader(t *testing.T) {
	data := paddedRecord(t, "x_INVENIO-2026-0001", 5_000_000)
	path := writeBomb(t, 3, data)
	// Rewrite the declared sizes in the central directory to 1 KB.
	raw, _ := os.ReadFile(path)
	zr, _ := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, _ := f.OpenRaw()
		h := f.FileHeader
		h.UncompressedSize64 = 1000
		w, _ := zw.CreateRaw(&h)
		var body bytes.Buffer
		body.ReadFrom(rc)
		w.Write(body.Bytes())
	}
	zw.Close()
	os.WriteFile(path, buf.Bytes(), 0o644)
	var err error
	memtest.AtMost(t, 4<<20, func() { err = database.Walk(path, func(database.Entry) { t.Error("a record was handed over") }) })
	if err == nil || !strings.Contains(err.Error(), "bomb.zip:r0000.json") {
		t.Errorf("err = %v", err)
	}
}

// Records are handed over one at a time: a reader that keeps only the
// records holds them, not the documents they came from.
func TestReadRecordsKeepsRecords(t *testing.T) {
	entries := make([]zipEntry, 2000)
	for i := range entries {
		id := fmt.Sprintf("x_INVENIO-2026-%04d", i+1)
		entries[i] = zipEntry{name: id + ".json", data: recordBytes(t, id)}
	}
	src := writeZip(t, entries...)
	var recs []*osv.Record
	var err error
	records := memtest.Peak(func() { recs, err = database.ReadRecords(src) })
	if err != nil || len(recs) != len(entries) {
		t.Fatalf("%d records, %v", len(recs), err)
	}
	recs = nil
	var all []database.Entry
	documents := memtest.Peak(func() { all, err = database.ReadSource(src) })
	if err != nil || len(all) != len(entries) {
		t.Fatalf("%d entries, %v", len(all), err)
	}
	t.Logf("peak heap: records %.1f MiB, documents %.1f MiB", float64(records)/(1<<20), float64(documents)/(1<<20))
	if records*2 > documents {
		t.Errorf("records alone take %d bytes, documents %d: want less than half", records, documents)
	}
}

// Import keeps of each record read only its input until every record is
// validated: 8,192 records of 380 versions each (25 MB of JSON), the last
// invalid, took 163 MiB of heap at the peak with every decoded record
// held, and stay within 96 MiB (60 MiB measured); nothing is written.
func TestImportHoldsInputsNotRecords(t *testing.T) {
	const n = 8192
	entries := make([]zipEntry, n)
	for i := range entries {
		id := fmt.Sprintf("x_A-2026-%05d", i)
		ecosystem := "PyPI"
		if i == n-1 {
			ecosystem = "" // invalid: the whole import is refused
		}
		entries[i] = zipEntry{name: id + ".json", data: hostile.Record(id, ecosystem, 380)}
	}
	src := writeZip(t, entries...)
	db := open(t)
	var err error
	peak := memtest.Peak(func() { _, err = db.Import(src, at(t, "2026-06-01T00:00:00Z")) })
	t.Logf("peak heap %.1f MiB", float64(peak)/(1<<20))
	if err == nil || !strings.Contains(err.Error(), "import refused, nothing written") || !strings.Contains(err.Error(), fmt.Sprintf("x_A-2026-%05d.json", n-1)) {
		t.Errorf("err = %v", err)
	}
	if peak > 96<<20 {
		t.Errorf("peak heap %d MiB, want at most 96 MiB", peak>>20)
	}
	if ids, _ := db.IDs(); len(ids) != 0 {
		t.Errorf("%d records written", len(ids))
	}
}

// A directory tree is handed over a window of files at a time, whatever
// its size: 2,048 records of 380 versions took 67 MiB of heap at the peak
// when the tree was read whole before the first was handed over, and stay
// within 24 MiB (10 MiB measured); a bad file is reported and the good
// ones handed over, as in an archive.
func TestWalkDirHoldsAWindow(t *testing.T) {
	dir := t.TempDir()
	const n = 2048
	for i := range n {
		id := fmt.Sprintf("x_A-2026-%05d", i)
		if err := os.WriteFile(filepath.Join(dir, id+".json"), hostile.Record(id, "PyPI", 380), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "bad.json"), []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	var err error
	seen := 0
	peak := memtest.Peak(func() { err = database.Walk(dir, func(database.Entry) { seen++ }) })
	t.Logf("peak heap %.1f MiB", float64(peak)/(1<<20))
	if peak > 24<<20 {
		t.Errorf("peak heap %d MiB, want at most 24 MiB", peak>>20)
	}
	if seen != n || err == nil || !strings.Contains(err.Error(), "bad.json") {
		t.Errorf("%d records handed over, err %v; want %d and the bad file", seen, err, n)
	}
}
