package database

import (
	"archive/zip"
	"errors"
	"fmt"
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

// Limits on what ReadSource reads from an archive, against zip bombs:
// more entries than osv.dev's largest ecosystem archive holds by an order
// of magnitude, and a total that such an archive does not approach.
const (
	maxArchiveEntries = 1 << 20
	maxArchiveBytes   = 4 << 30
)

// ReadSource reads the OSV records of a directory tree, a zip archive or a
// single file (see the package documentation). Every problem is reported,
// together; then no records are returned.
func ReadSource(src string) ([]Entry, error) {
	fi, err := os.Stat(src)
	if err != nil {
		return nil, err
	}
	switch {
	case fi.IsDir():
		return readDir(src)
	case strings.EqualFold(filepath.Ext(src), ".zip"):
		return readZip(src)
	}
	e, err := readTreeEntry(src)
	if err != nil {
		return nil, err
	}
	if e.Record == nil {
		return nil, fmt.Errorf("%s is a patchline report, not an OSV record: write its record with patchline osv", src)
	}
	return []Entry{e}, nil
}

func isRecordFile(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".json", ".yaml", ".yml":
		return true
	}
	return false
}

// readDir reads the record files of a directory tree in walk order. The
// files are parsed GOMAXPROCS at a time: a database of thousands of
// records is read by every gate run, and parsing, not the disk, is the
// cost.
func readDir(dir string) ([]Entry, error) {
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
		return nil, err
	}
	entries := make([]Entry, len(paths))
	errs := make([]error, len(paths))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(paths)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < len(paths); i = int(next.Add(1)) - 1 {
				entries[i], errs[i] = readTreeEntry(paths[i])
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	kept := entries[:0]
	for _, e := range entries {
		if e.Record != nil {
			kept = append(kept, e)
		}
	}
	return kept, nil
}

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

func readZip(src string) ([]Entry, error) {
	zr, err := zip.OpenReader(src)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", src, err)
	}
	defer zr.Close()
	if len(zr.File) > maxArchiveEntries {
		return nil, fmt.Errorf("%s: %d entries, more than the %d accepted; refusing the archive", src, len(zr.File), maxArchiveEntries)
	}
	// Refuse the archive as a whole before reading any record from it.
	var total uint64
	for _, f := range zr.File {
		if msg := zipEntryProblem(f.Name); msg != "" {
			return nil, fmt.Errorf("%s: entry %q %s: its path escapes the directory it would be extracted to (zip slip); refusing the archive", src, f.Name, msg)
		}
		if f.Mode()&fs.ModeSymlink != 0 {
			return nil, fmt.Errorf("%s: entry %q is a symbolic link; refusing the archive", src, f.Name)
		}
		if f.UncompressedSize64 > osv.MaxRecordSize && isRecordFile(f.Name) {
			return nil, fmt.Errorf("%s: entry %q is %d bytes, larger than the %d MiB limit for one OSV record; refusing the archive",
				src, f.Name, f.UncompressedSize64, osv.MaxRecordSize>>20)
		}
		total += f.UncompressedSize64
	}
	if total > maxArchiveBytes {
		return nil, fmt.Errorf("%s: %d bytes uncompressed, more than the %d GiB accepted; refusing the archive", src, total, maxArchiveBytes>>30)
	}
	var entries []Entry
	var errs []error
	for _, f := range zr.File {
		// osv-scanner reads the .json entries of an archive; so does this.
		if strings.HasSuffix(f.Name, "/") || !strings.EqualFold(path.Ext(f.Name), ".json") {
			continue
		}
		name := src + ":" + f.Name
		rc, err := f.Open()
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
			continue
		}
		// The size in the header can lie; the reader is bounded anyway.
		d, err := osv.ReadDocumentFrom(name, rc)
		rc.Close()
		if err != nil {
			errs = append(errs, err)
			continue
		}
		r, err := d.Record()
		if err != nil {
			errs = append(errs, err)
			continue
		}
		entries = append(entries, Entry{Name: name, Document: d, Record: r})
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return entries, nil
}

// ImportResult reports what Import did, one Result per record, in id
// order.
type ImportResult struct {
	Results []*Result
}

// Import stores the records read from src (see ReadSource). Every record is
// validated first, as read; if one is invalid, or two have the same id,
// nothing is stored. Records keep their own modified time; otherwise Put's
// rules apply (an unchanged record is not rewritten, a public published time
// is not overwritten).
func (db *DB) Import(src string, now time.Time) (*ImportResult, error) {
	entries, err := ReadSource(src)
	if err != nil {
		return nil, err
	}
	var errs []error
	seen := map[string]string{}
	for _, e := range entries {
		if prev, ok := seen[e.Record.ID]; ok {
			errs = append(errs, fmt.Errorf("%s: record %s is also in %s", e.Name, e.Record.ID, prev))
			continue
		}
		seen[e.Record.ID] = e.Name
		if _, err := validate(&check.Input{Record: e.Record, Value: e.Document.Value}); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", e.Name, err))
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("import refused, nothing written:\n%w", errors.Join(errs...))
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Record.ID < entries[j].Record.ID })
	res := &ImportResult{}
	for _, e := range entries {
		r, err := db.put(e.Record, now, true)
		if err != nil {
			return res, fmt.Errorf("%s: %w", e.Name, err)
		}
		res.Results = append(res.Results, r)
	}
	return res, nil
}
