package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/patchline/patchline/analyzer/policy"
	"github.com/patchline/patchline/analyzer/report"
	"github.com/patchline/patchline/osv/database"
)

// writeBackID gives the report at path the id allocated for it, so that
// the next run updates the same record: an "id:" line is inserted at the
// top of the file (after a leading document marker "---" and the comments
// and directives before it), and every other byte stays as it was. The
// result is read back as a report before it replaces the file, atomically;
// a symbolic link is followed, so that the link stays one.
func writeBackID(path, id string, pol *policy.Policy) error {
	target, out, err := withIDLine(path, id, pol)
	if err != nil {
		return err
	}
	return database.WriteFileAtomic(target, out)
}

// withIDLine returns the file the report at path is stored in and its
// content with the id inserted, read back as a report to be sure. osv
// calls it with a placeholder id before it allocates one, so that a report
// the id cannot be written into is refused before any record is created.
func withIDLine(path, id string, pol *policy.Policy) (target string, out []byte, err error) {
	target, err = filepath.EvalSymlinks(path)
	if err != nil {
		return "", nil, err
	}
	data, err := os.ReadFile(target)
	if err != nil {
		return "", nil, err
	}
	out = insertIDLine(data, id)
	rep, err := report.Parse(path, out, pol)
	if err != nil {
		return "", nil, fmt.Errorf("an id line cannot be added to the report (write it in block style, or add \"id: %s-YYYY-NNNN\" yourself): %w", pol.Advisories.IDPrefix, err)
	}
	if rep.ID != id {
		return "", nil, fmt.Errorf("the report with the id inserted reads back with id %q", rep.ID)
	}
	return target, out, nil
}

// insertIDLine inserts "id: ID" as the first line of the YAML document in
// data (after a leading yaml-language-server modeline), in the file's own
// line ending.
func insertIDLine(data []byte, id string) []byte {
	nl := "\n"
	if bytes.Contains(data, []byte("\r\n")) {
		nl = "\r\n"
	}
	at := 0
	if bytes.HasPrefix(data, []byte("\ufeff")) {
		at = 3
	}
	// An editor's schema modeline stays the first line.
	if rest := data[at:]; bytes.HasPrefix(rest, []byte("# yaml-language-server:")) {
		if end := bytes.IndexByte(rest, '\n'); end >= 0 {
			at += end + 1
		}
	}
	// A document marker after comments and directives opens the
	// document: the id goes after it.
	for off := at; off < len(data); {
		end := bytes.IndexByte(data[off:], '\n')
		next := len(data)
		if end >= 0 {
			next = off + end + 1
		}
		line := bytes.TrimRight(data[off:next], "\r\n")
		trimmed := bytes.TrimSpace(line)
		if bytes.Equal(trimmed, []byte("---")) {
			at = next
			if end < 0 {
				return append(append(bytes.Clone(data), nl...), "id: "+id+nl...)
			}
			break
		}
		if len(trimmed) != 0 && trimmed[0] != '#' && trimmed[0] != '%' {
			break
		}
		off = next
	}
	out := make([]byte, 0, len(data)+len(id)+6)
	out = append(out, data[:at]...)
	out = append(out, "id: "+id+nl...)
	return append(out, data[at:]...)
}
