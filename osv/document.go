package osv

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/patchline/patchline/internal/readlimit"
	"github.com/patchline/patchline/internal/yamlguard"
)

// MaxRecordSize is the largest input accepted as one OSV record, 10 MiB.
// The largest records osv.dev serves (Linux kernel, Chromium) are a few
// hundred kilobytes; anything much larger is a mistake or an attack, and
// reading it whole would cost memory for nothing.
const MaxRecordSize = 10 << 20

// ErrTooLarge is matched (errors.Is) by the error for an input larger than
// MaxRecordSize.
var ErrTooLarge = errors.New("larger than the size limit for one OSV record")

// TooLargeError reports an input larger than the limit.
type TooLargeError struct {
	File  string
	Size  int64 // -1 when the input was a stream and only its excess is known
	Limit int64
	YAML  bool // the limit is the one for YAML documents (yamlguard.MaxSize)
}

func (e *TooLargeError) Error() string {
	size := "more than " + humanSize(e.Limit)
	if e.Size >= 0 {
		size = fmt.Sprintf("%d bytes", e.Size)
	}
	if e.YAML {
		return fmt.Sprintf("%s: %s, larger than the %s limit for a YAML document; refusing to read it (a record may be up to %s as JSON)",
			e.File, size, humanSize(e.Limit), humanSize(MaxRecordSize))
	}
	return fmt.Sprintf("%s: %s, larger than the %s limit for one OSV record; refusing to read it",
		e.File, size, humanSize(e.Limit))
}

// Is makes errors.Is(err, ErrTooLarge) true.
func (e *TooLargeError) Is(target error) bool { return target == ErrTooLarge }

func humanSize(n int64) string {
	switch {
	case n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Error is a problem at a place in an input file: a syntax error, or a
// value of the wrong type for a field. Line and Column are 1-based (Column
// counts characters); zero when unknown. Pointer is the JSON pointer of the
// value concerned, empty for a syntax error.
type Error struct {
	File    string
	Line    int
	Column  int
	Pointer string
	Msg     string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Column)
	}
	b.WriteString(": ")
	if e.Pointer != "" {
		b.WriteString(e.Pointer + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Errors is several problems of one file.
type Errors []*Error

func (es Errors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Unwrap gives errors.As access to each *Error.
func (es Errors) Unwrap() []error {
	errs := make([]error, len(es))
	for i, e := range es {
		errs[i] = e
	}
	return errs
}

// Format is the encoding of an input file.
type Format int

// The formats a record can be read from.
const (
	JSON Format = iota
	YAML
)

func (f Format) String() string {
	if f == YAML {
		return "YAML"
	}
	return "JSON"
}

// FormatOf decides the format of a file from its name (.json, .yaml, .yml)
// or, for other names such as "-" for standard input, from its first
// character that is not white space: "{" or "[" is JSON, anything else
// YAML.
func FormatOf(name string, data []byte) Format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		return JSON
	case ".yaml", ".yml":
		return YAML
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(data, bom), " \t\r\n")
	if len(t) > 0 && (t[0] == '{' || t[0] == '[') {
		return JSON
	}
	return YAML
}

var bom = []byte("\ufeff")

// Document is one input file decoded into a JSON value: what the schema
// validates and what FromValue turns into a Record. It remembers where each
// value is in the file, so that problems found later can be reported with
// a line and column.
type Document struct {
	Name   string // file name used in messages
	Format Format
	Data   []byte // the input, without a leading byte order mark
	Value  any    // map[string]any for a record; numbers are json.Number

	yamlPos map[string]position // JSON pointer -> position, for YAML
}

type position struct{ line, col int }

// ParseDocument decodes data, the contents of the file name, as JSON or
// YAML (see FormatOf). Syntax errors are *Error values with a line and
// column; inputs larger than MaxRecordSize, or YAML larger than
// yamlguard.MaxSize, are refused with a *TooLargeError.
func ParseDocument(name string, data []byte) (*Document, error) {
	if len(data) > MaxRecordSize {
		return nil, &TooLargeError{File: name, Size: int64(len(data)), Limit: MaxRecordSize}
	}
	data = bytes.TrimPrefix(data, bom)
	d := &Document{Name: name, Format: FormatOf(name, data), Data: data}
	if d.Format == YAML && len(data) > yamlguard.MaxSize {
		return nil, &TooLargeError{File: name, Size: int64(len(data)), Limit: yamlguard.MaxSize, YAML: true}
	}
	var err error
	if d.Format == JSON {
		d.Value, err = decodeJSON(name, data)
	} else {
		d.Value, d.yamlPos, err = decodeYAML(name, data)
	}
	if err != nil {
		return nil, err
	}
	return d, nil
}

// ReadDocument reads and decodes the file at path. A file larger than
// MaxRecordSize is refused before it is read.
func ReadDocument(path string) (*Document, error) {
	data, err := ReadInput(path)
	if err != nil {
		return nil, err
	}
	return ParseDocument(path, data)
}

// ReadInput reads the file at path, a record or a report, refusing with a
// *TooLargeError one larger than MaxRecordSize: from its size, before
// reading it, when it is a regular file; after MaxRecordSize+1 bytes when
// it is a stream.
func ReadInput(path string) ([]byte, error) {
	data, err := readlimit.ReadFile(path, MaxRecordSize)
	return data, tooLarge(path, err)
}

// ReadDocumentFrom reads and decodes a record from r, reading at most one
// byte more than MaxRecordSize.
func ReadDocumentFrom(name string, r io.Reader) (*Document, error) {
	data, err := readlimit.Read(r, -1, MaxRecordSize)
	if err = tooLarge(name, err); err != nil {
		var tl *TooLargeError
		if !errors.As(err, &tl) {
			err = fmt.Errorf("reading %s: %w", name, err)
		}
		return nil, err
	}
	return ParseDocument(name, data)
}

func tooLarge(name string, err error) error {
	var tl *readlimit.TooLargeError
	if errors.As(err, &tl) {
		return &TooLargeError{File: name, Size: tl.Size, Limit: tl.Limit}
	}
	return err
}

// Record builds the record. Values of the wrong type are reported together,
// each with its line, column and JSON pointer.
func (d *Document) Record() (*Record, error) {
	r, err := FromValue(d.Value)
	if err == nil {
		return r, nil
	}
	var fes FieldErrors
	if !errors.As(err, &fes) {
		return nil, fmt.Errorf("%s: %w", d.Name, err)
	}
	errs := make(Errors, len(fes))
	for i, fe := range fes {
		line, col := d.Position(fe.Pointer)
		errs[i] = &Error{File: d.Name, Line: line, Column: col, Pointer: fe.Pointer, Msg: fe.Msg}
	}
	sort.SliceStable(errs, func(i, j int) bool {
		if errs[i].Line != errs[j].Line {
			return errs[i].Line < errs[j].Line
		}
		return errs[i].Column < errs[j].Column
	})
	return nil, errs
}

// Position returns the line and column (1-based) of the value at the JSON
// pointer; for a pointer to a value that is not there, the position of its
// nearest ancestor that is. 0, 0 when the document has no such place.
func (d *Document) Position(pointer string) (line, col int) {
	if d.Format == YAML {
		for p := pointer; ; p = parentPointer(p) {
			if pos, ok := d.yamlPos[p]; ok {
				return pos.line, pos.col
			}
			if p == "" {
				return 0, 0
			}
		}
	}
	idx, ok := jsonOffset(d.Data, pointer)
	if !ok {
		return 0, 0
	}
	return lineColumn(d.Data, idx)
}

func parentPointer(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}

// Parse decodes a record from data, the contents of the file name.
func Parse(name string, data []byte) (*Record, error) {
	d, err := ParseDocument(name, data)
	if err != nil {
		return nil, err
	}
	return d.Record()
}

// ReadFile reads a record from the file at path.
func ReadFile(path string) (*Record, error) {
	d, err := ReadDocument(path)
	if err != nil {
		return nil, err
	}
	return d.Record()
}

// lineColumn converts a byte offset into a 1-based line and a 1-based
// column counted in characters.
func lineColumn(data []byte, idx int) (line, col int) {
	idx = min(idx, len(data))
	before := data[:idx]
	line = 1 + bytes.Count(before, []byte{'\n'})
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, 1 + utf8.RuneCount(before[start:])
}

// IsReport tells a patchline report (report.yaml) from an OSV record, for
// the places where both may stand side by side: a report is YAML, has a
// summary or affected entries, and has none of the keys only records have
// (modified, schema_version); a record that lacks those still names its
// packages as mappings, where a report writes "ECOSYSTEM:NAME". JSON is
// always a record.
func (d *Document) IsReport() bool {
	if d.Format != YAML {
		return false
	}
	m, ok := d.Value.(map[string]any)
	if !ok {
		return false
	}
	_, modified := m["modified"]
	_, schemaVersion := m["schema_version"]
	_, summary := m["summary"]
	affected, hasAffected := m["affected"]
	if modified || schemaVersion || !(summary || hasAffected) {
		return false
	}
	if list, ok := affected.([]any); ok && len(list) > 0 {
		if entry, ok := list[0].(map[string]any); ok {
			if _, isMap := entry["package"].(map[string]any); isMap {
				return false
			}
		}
	}
	return true
}
