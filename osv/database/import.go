package database

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/patchline/patchline/osv"
	"github.com/patchline/patchline/osv/check"
)

// Entry is one record read by ReadSource.
type Entry struct {
	Name     string        // file path, or "archive.zip:entry"
	Document *osv.Document // the record as read, for the schema
	Record   *osv.Record
}

// Limits on what is read from one archive, against zip bombs and
// archives too large to hold: a project's own database is a few hundred
// records of a few kilobytes. Entries are read one at a time; the bytes
// are those read, whatever the entries' headers say.
const (
	MaxArchiveEntries = 1 << 16   // entries of any kind
	MaxArchiveBytes   = 256 << 20 // uncompressed, all record entries together
)

// ReadSource reads the OSV records of a directory tree, a zip archive or a
// single file (see the package documentation). Every problem is reported,
// together; then no records are returned.
func ReadSource(src string) ([]Entry, error) {
	var entries []Entry
	if err := Walk(src, func(e Entry) { entries = append(entries, e) }); err != nil {
		return nil, err
	}
	return entries, nil
}

// ReadRecords reads the OSV records of src as ReadSource does, keeping
// only the records: the documents they were decoded from are dropped as
// soon as each record is built.
func ReadRecords(src string) ([]*osv.Record, error) {
	var recs []*osv.Record
	if err := Walk(src, func(e Entry) { recs = append(recs, e.Record) }); err != nil {
		return nil, err
	}
	return recs, nil
}

// Walk calls fn with each record of src, as ReadSource reads them, and
// returns every problem, together. The entries of an archive are read,
// decoded and handed to fn one at a time, so that only what fn keeps
// stays in memory; fn is called for the good entries even when others are
// bad. An archive refused as a whole (unsafe paths, too many entries, too
// large) calls fn for none.
func Walk(src string, fn func(Entry)) error {
	fi, err := os.Stat(src)
	if err != nil {
		return err
	}
	switch {
	case fi.IsDir():
		return walkDir(src, fn)
	case strings.EqualFold(filepath.Ext(src), ".zip"):
		return walkZip(src, fn)
	}
	e, err := readTreeEntry(src)
	if err != nil {
		return err
	}
	if e.Record == nil {
		return fmt.Errorf("%s is a patchline report, not an OSV record: write its record with patchline osv", src)
	}
	fn(e)
	return nil
}

func isRecordFile(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".json", ".yaml", ".yml":
		return true
	}
	return false
}

// walkDir calls fn with the records of a directory tree in walk order.
// The files are parsed GOMAXPROCS at a time, a window of dirWindow files
// after another, and handed over in order: a database of thousands of
// records is read by every gate run, and parsing, not the disk, is the
// cost, while the window, not the tree, decides what is held at once
// (2,048 records of 380 versions held until the last was parsed took
// 67 MiB of heap, a window at a time 10 MiB).
func walkDir(dir string, fn func(Entry)) error {
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && p != dir {
			if d.IsDir() {
				return filepath.SkipDir // .git and the like
			}
			return nil
		}
		if !d.IsDir() && isRecordFile(d.Name()) {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	var errs []error
	entries := make([]Entry, min(dirWindow, len(paths)))
	windowErrs := make([]error, len(entries))
	for first := 0; first < len(paths); first += dirWindow {
		window := paths[first:min(first+dirWindow, len(paths))]
		var next atomic.Int64
		var wg sync.WaitGroup
		for range min(runtime.GOMAXPROCS(0), len(window)) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := int(next.Add(1)) - 1; i < len(window); i = int(next.Add(1)) - 1 {
					entries[i], windowErrs[i] = readTreeEntry(window[i])
				}
			}()
		}
		wg.Wait()
		for i := range window {
			if windowErrs[i] != nil {
				errs = append(errs, windowErrs[i])
			} else if entries[i].Record != nil {
				fn(entries[i])
			}
			entries[i], windowErrs[i] = Entry{}, nil
		}
	}
	return errors.Join(errs...)
}

// dirWindow is how many files of a tree are parsed before they are handed
// over: enough to keep every core busy.
const dirWindow = 64

// readTreeEntry reads one file of a directory tree. A draft report kept
// beside the records (osv.Document.IsReport) is passed over, with a zero
// Entry; every other file is a record or an error.
func readTreeEntry(path string) (Entry, error) {
	d, err := osv.ReadDocument(path)
	if err != nil {
		return Entry{}, err
	}
	if d.IsReport() {
		return Entry{}, nil
	}
	r, err := d.Record()
	if err != nil {
		return Entry{}, err
	}
	return Entry{Name: path, Document: d, Record: r}, nil
}

// zipEntryProblem says why an entry name is refused, or returns "".
func zipEntryProblem(name string) string {
	switch {
	case strings.Contains(name, `\`):
		return "contains a backslash"
	case strings.HasPrefix(name, "/"), filepath.IsAbs(name), len(name) > 1 && name[1] == ':':
		return "is an absolute path"
	}
	for _, seg := range strings.Split(name, "/") {
		if seg == ".." {
			return "contains \"..\""
		}
	}
	return ""
}

func walkZip(src string, fn func(Entry)) error {
	zr, err := zip.OpenReader(src)
	if err != nil {
		return fmt.Errorf("%s: %w", src, err)
	}
	defer zr.Close()
	if len(zr.File) > MaxArchiveEntries {
		return fmt.Errorf("%s: %d entries, more than the %d accepted; refusing the archive", src, len(zr.File), MaxArchiveEntries)
	}
	// Refuse the archive as a whole before reading any record from it.
	var total uint64
	for _, f := range zr.File {
		if msg := zipEntryProblem(f.Name); msg != "" {
			return fmt.Errorf("%s: entry %q %s: its path escapes the directory it would be extracted to (zip slip); refusing the archive", src, f.Name, msg)
		}
		if f.Mode()&fs.ModeSymlink != 0 {
			return fmt.Errorf("%s: entry %q is a symbolic link; refusing the archive", src, f.Name)
		}
		if !isArchiveRecord(f) {
			continue
		}
		if f.UncompressedSize64 > osv.MaxRecordSize {
			return fmt.Errorf("%s: entry %q is %d bytes, larger than the %d MiB limit for one OSV record; refusing the archive",
				src, f.Name, f.UncompressedSize64, osv.MaxRecordSize>>20)
		}
		total += f.UncompressedSize64
	}
	if total > MaxArchiveBytes {
		return fmt.Errorf("%s: %d bytes of records uncompressed, more than the %d MiB accepted; refusing the archive", src, total, MaxArchiveBytes>>20)
	}
	// The sizes in the headers can lie: what is read is counted too.
	read := &countingReader{}
	var errs []error
	for _, f := range zr.File {
		if !isArchiveRecord(f) {
			continue
		}
		name := src + ":" + f.Name
		rc, err := f.Open()
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
			continue
		}
		read.r = rc
		d, err := osv.ReadDocumentFrom(name, read)
		rc.Close()
		if read.n > MaxArchiveBytes {
			errs = append(errs, fmt.Errorf("%s: more than %d MiB of records uncompressed (the entries' headers understate their sizes); refusing the rest of the archive", src, MaxArchiveBytes>>20))
			break
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		r, err := d.Record()
		if err != nil {
			errs = append(errs, err)
			continue
		}
		fn(Entry{Name: name, Document: d, Record: r})
	}
	return errors.Join(errs...)
}

// isArchiveRecord tells the entries read as records: osv-scanner reads
// the .json entries of an archive; so does this.
func isArchiveRecord(f *zip.File) bool {
	return !strings.HasSuffix(f.Name, "/") && strings.EqualFold(path.Ext(f.Name), ".json")
}

// countingReader counts the bytes read through it, over several readers.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// ImportResult reports what Import did, one Result per record, in id
// order.
type ImportResult struct {
	Results []*Result
}

// Import stores the records read from src (see Walk). Every record is
// validated first, as read; if one is invalid, or two have the same id,
// nothing is stored. Until then only each record's input is kept, and the
// record is decoded from it again when it is stored: a decoded record is
// several times its JSON (8,192 records of 380 versions took 163 MiB of
// heap held decoded, 60 MiB as inputs). Records keep their own modified
// time; otherwise Put's rules apply (an unchanged record is not rewritten,
// a public published time is not overwritten).
func (db *DB) Import(src string, now time.Time) (*ImportResult, error) {
	type read struct {
		name, id string
		data     []byte
	}
	var entries []read
	var errs []error
	seen := map[string]string{}
	err := Walk(src, func(e Entry) {
		if prev, ok := seen[e.Record.ID]; ok {
			errs = append(errs, fmt.Errorf("%s: record %s is also in %s", e.Name, e.Record.ID, prev))
			return
		}
		seen[e.Record.ID] = e.Name
		if _, err := validate(&check.Input{Record: e.Record, Value: e.Document.Value}); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", e.Name, err))
		}
		entries = append(entries, read{e.Name, e.Record.ID, e.Document.Data})
	})
	if err != nil {
		return nil, err
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("import refused, nothing written:\n%w", errors.Join(errs...))
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].id < entries[j].id })
	res := &ImportResult{}
	for _, e := range entries {
		rec, err := osv.Parse(e.name, e.data)
		if err != nil {
			return res, err
		}
		r, err := db.put(rec, now, true)
		if err != nil {
			return res, fmt.Errorf("%s: %w", e.name, err)
		}
		res.Results = append(res.Results, r)
	}
	return res, nil
}
