package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/patchline/patchline/analyzer/policy"
	"github.com/patchline/patchline/analyzer/report"
	"github.com/patchline/patchline/osv/database"
)

// writeBackID gives the report at path the id allocated for it, so that
// the next run updates the same record: an "id:" line is inserted at the
// top of the file (after a leading document marker "---" and the comments
// and directives before it), and every other byte stays as it was. The
// result is read back as a report before it replaces the file, atomically.
func writeBackID(path, id string, pol *policy.Policy) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	out := insertIDLine(data, id)
	rep, err := report.Parse(path, out, pol)
	if err != nil {
		return fmt.Errorf("the report with the id inserted does not read back: %w", err)
	}
	if rep.ID != id {
		return fmt.Errorf("the report with the id inserted reads back with id %q", rep.ID)
	}
	return database.WriteFileAtomic(path, out)
}

// insertIDLine inserts "id: ID" as the first line of the YAML document in
// data, in the file's own line ending.
func insertIDLine(data []byte, id string) []byte {
	nl := "\n"
	if bytes.Contains(data, []byte("\r\n")) {
		nl = "\r\n"
	}
	at := 0
	if bytes.HasPrefix(data, []byte("\ufeff")) {
		at = 3
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
