package database

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/patchline/patchline/osv"
	"github.com/patchline/patchline/osv/schema"
)

// ExportOptions adjusts Export.
type ExportOptions struct {
	// Force exports records that are not public at now too: drafts without
	// a published time and records under embargo.
	Force bool
	// Ecosystems get an archive even when no record of theirs is exported,
	// so that a consumer never mistakes a missing archive for an empty one
	// (the policy's ecosystems, typically).
	Ecosystems []string
}

// Skipped is a record that Export left out, and why.
type Skipped struct {
	ID     string
	Reason string
}

// ExportResult reports what Export did.
type ExportResult struct {
	// Records maps each exported ecosystem to the ids written into it.
	Records map[string][]string
	// Skipped lists the records left out because they are not public.
	Skipped []Skipped
	// Written lists the files whose content changed (or were removed),
	// relative to the export directory; empty when the export was already
	// up to date.
	Written []string
}

// Export writes the per-ecosystem archives and record files of the database
// into dir, as described in the package documentation. Every exported
// record is validated first; if any is invalid nothing is written.
func Export(db *DB, dir string, now time.Time, opts ExportOptions) (*ExportResult, error) {
	recs, err := db.All()
	if err != nil {
		return nil, err
	}
	res := &ExportResult{Records: map[string][]string{}}
	files := map[string]map[string][]byte{} // ecosystem -> id -> canonical bytes
	stamps := map[string]time.Time{}
	for _, eco := range opts.Ecosystems {
		if err := ecosystemDir(eco); err != nil {
			return nil, err
		}
		files[eco] = map[string][]byte{}
	}
	var invalid []error
	for _, r := range recs {
		if !opts.Force && !r.PublicAt(now) {
			reason := "no published time (a draft)"
			if r.Embargoed(now) {
				reason = "under embargo until " + r.Published.String()
			}
			res.Skipped = append(res.Skipped, Skipped{ID: r.ID, Reason: reason})
			continue
		}
		if _, err := Validate(r); err != nil {
			invalid = append(invalid, err)
			continue
		}
		data, err := osv.Marshal(r)
		if err != nil {
			return nil, err
		}
		stamps[r.ID] = r.Modified.Time()
		for _, eco := range recordEcosystems(r) {
			if err := ecosystemDir(eco); err != nil {
				return nil, fmt.Errorf("record %s: %w", r.ID, err)
			}
			if files[eco] == nil {
				files[eco] = map[string][]byte{}
			}
			files[eco][r.ID] = data
		}
	}
	if len(invalid) > 0 {
		return nil, fmt.Errorf("export refused, nothing written:\n%w", errors.Join(invalid...))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	for eco, byID := range files {
		ids := make([]string, 0, len(byID))
		for id := range byID {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		res.Records[eco] = ids
		written, err := writeEcosystem(dir, eco, ids, byID, stamps)
		if err != nil {
			return nil, err
		}
		res.Written = append(res.Written, written...)
	}
	stale, err := removeStaleEcosystems(dir, files)
	if err != nil {
		return nil, err
	}
	res.Written = append(res.Written, stale...)
	sort.Strings(res.Written)
	return res, nil
}

// recordEcosystems returns the ecosystems (without ":suffix") of the
// packages a record affects, each once.
func recordEcosystems(r *osv.Record) []string {
	seen := map[string]bool{}
	var out []string
	for _, a := range r.Affected {
		base, _, _ := strings.Cut(a.Package.Ecosystem, ":")
		if base != "" && !seen[base] {
			seen[base] = true
			out = append(out, base)
		}
	}
	sort.Strings(out)
	return out
}

// ecosystemDir refuses an ecosystem name that cannot be a directory name
// of the export.
func ecosystemDir(eco string) error {
	if eco == "" || eco == "." || eco == ".." || strings.ContainsAny(eco, `/\:`) || strings.HasPrefix(eco, ".") {
		return fmt.Errorf("ecosystem %q cannot be an export directory", eco)
	}
	return nil
}

// writeEcosystem brings DIR/ECO up to date: all.zip and one file per
// record, and no other record files.
func writeEcosystem(dir, eco string, ids []string, byID map[string][]byte, stamps map[string]time.Time) ([]string, error) {
	edir := filepath.Join(dir, eco)
	if err := os.MkdirAll(edir, 0o755); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	var written []string
	put := func(name string, data []byte) error {
		path := filepath.Join(edir, name)
		if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
			return nil
		}
		if err := writeFileAtomic(path, data); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		written = append(written, filepath.ToSlash(filepath.Join(eco, name)))
		return nil
	}
	archive, err := buildZip(ids, byID, stamps)
	if err != nil {
		return nil, fmt.Errorf("export %s/all.zip: %w", eco, err)
	}
	if err := put("all.zip", archive); err != nil {
		return nil, err
	}
	keep := map[string]bool{}
	for _, id := range ids {
		keep[id+".json"] = true
		if err := put(id+".json", byID[id]); err != nil {
			return nil, err
		}
	}
	removed, err := removeFiles(edir, eco, func(name string) bool { return strings.HasSuffix(name, ".json") && !keep[name] })
	if err != nil {
		return nil, err
	}
	return append(written, removed...), nil
}

// removeStaleEcosystems empties the directories of OSV ecosystems that
// no longer have records: an archive left behind would keep announcing
// withdrawn data.
func removeStaleEcosystems(dir string, current map[string]map[string][]byte) ([]string, error) {
	var removed []string
	for _, eco := range schema.Main().Ecosystems() {
		if _, ok := current[eco]; ok {
			continue
		}
		edir := filepath.Join(dir, eco)
		if fi, err := os.Stat(edir); err != nil || !fi.IsDir() {
			continue
		}
		r, err := removeFiles(edir, eco, func(name string) bool { return name == "all.zip" || strings.HasSuffix(name, ".json") })
		if err != nil {
			return nil, err
		}
		removed = append(removed, r...)
	}
	return removed, nil
}

func removeFiles(edir, eco string, match func(string) bool) ([]string, error) {
	entries, err := os.ReadDir(edir)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	var removed []string
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") || !match(e.Name()) {
			continue
		}
		if err := os.Remove(filepath.Join(edir, e.Name())); err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
		removed = append(removed, filepath.ToSlash(filepath.Join(eco, e.Name())))
	}
	return removed, nil
}

// buildZip writes the archive of one ecosystem: entries ID.json in id
// order, deflated, each stamped with its record's modified time in UTC, so
// that the same records always give the same bytes.
func buildZip(ids []string, byID map[string][]byte, stamps map[string]time.Time) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, id := range ids {
		w, err := zw.CreateHeader(&zip.FileHeader{
			Name:     id + ".json",
			Method:   zip.Deflate,
			Modified: stamps[id].UTC(),
		})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(byID[id]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
