package osv_test

import (
	"bytes"
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/patchline/patchline/internal/hostile"
	"github.com/patchline/patchline/internal/memtest"
	"github.com/patchline/patchline/osv"
)

func TestReadErrors(t *testing.T) {
	for _, tc := range []struct {
		name, file, src string
		want            string // the whole message
	}{
		{
			name: "truncated JSON", file: "file.json",
			src:  "{\n  \"id\": \"x_A-1\",\n  \"modified\": \"2026-01-02T03:04:05Z\",\n  \"aliases\": [\"CVE-1\"\n",
			want: "file.json:4:22: unexpected end of JSON input",
		},
		{
			name: "empty JSON", file: "empty.json", src: "",
			want: "empty.json:1:1: unexpected end of JSON input",
		},
		{
			name: "bad character", file: "bad.json", src: "{\n  \"id\": x_A\n}",
			want: "bad.json:2:9: invalid character 'x' looking for beginning of value",
		},
		{
			name: "trailing data", file: "two.json", src: "{\"id\": \"a\"}\n{\"id\": \"b\"}",
			want: "two.json:2:1: invalid character '{' after top-level value",
		},
		{
			name: "JSON wrong types", file: "types.json",
			src:  "{\n  \"id\": 7,\n  \"affected\": [{\"package\": {\"name\": \"a\", \"ecosystem\": \"npm\"}, \"versions\": [\"1.0.0\", 2]}]\n}",
			want: "types.json:2:9: /id: got number, want string\ntypes.json:3:85: /affected/0/versions/1: got number, want string",
		},
		{
			name: "not an object", file: "list.json", src: "[1, 2]",
			want: "list.json:1:1: got array, want an object (an OSV record)",
		},
		{
			name: "YAML syntax", file: "r.yaml", src: "id: [1, 2\nmodified: x\n",
			want: "r.yaml:2:1: ',' or ']' must be specified",
		},
		{
			name: "YAML duplicate key", file: "r.yaml", src: "id: a\nsummary: s\nid: b\n",
			want: `r.yaml:3:1: mapping key "id" already defined at [1:1]`,
		},
		{
			name: "YAML wrong type", file: "r.yml", src: "id: x_A-1\naffected:\n  - package:\n      name: true\n",
			want: "r.yml:4:7: /affected/0/package/name: got boolean, want string",
		},
		{
			name: "YAML several documents", file: "r.yaml", src: "id: a\n---\nid: b\n",
			want: "r.yaml:2:1: 2 YAML documents: want one OSV record per file",
		},
		{
			name: "YAML empty", file: "r.yaml", src: "# nothing\n",
			want: "r.yaml: empty document: want one OSV record",
		},
		{
			name: "YAML merge key", file: "r.yaml", src: "base: &b {id: a}\nrec:\n  <<: *b\n",
			want: "r.yaml:3:3: /rec: merge keys (<<) are not supported: write the fields out",
		},
		{
			name: "YAML unknown tag", file: "r.yaml", src: "id: !!python/object x\n",
			want: "r.yaml:1:5: /id: unsupported YAML tag !!python/object",
		},
		{
			name: "YAML infinity in database_specific", file: "r.yaml", src: "id: a\ndatabase_specific: {x: .inf}\n",
			want: "r.yaml:2:24: /database_specific/x: .inf cannot be written in JSON",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := osv.Parse(tc.file, []byte(tc.src))
			if err == nil {
				t.Fatal("no error")
			}
			if err.Error() != tc.want {
				t.Errorf("error:\n%s\nwant:\n%s", err, tc.want)
			}
		})
	}
}

func TestFormatOf(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      osv.Format
	}{
		{"a.json", "id: x", osv.JSON},
		{"a.YAML", "{}", osv.YAML},
		{"a.yml", "{}", osv.YAML},
		{"-", "  \n{\"id\": 1}", osv.JSON},
		{"-", "\ufeff{}", osv.JSON},
		{"record", "id: x", osv.YAML},
	} {
		if got := osv.FormatOf(tc.name, []byte(tc.src)); got != tc.want {
			t.Errorf("FormatOf(%q, %q) = %v, want %v", tc.name, tc.src, got, tc.want)
		}
	}
}

func TestByteOrderMark(t *testing.T) {
	r := parse(t, "bom.json", []byte("\ufeff{\"id\": \"x_A-1\"}"))
	if r.ID != "x_A-1" {
		t.Errorf("ID = %q", r.ID)
	}
}

// A 100 MB record is refused before it is read, from a file (within a
// megabyte) and from a stream (after 10 MiB + 1 byte), with a message
// that says why; ReadInput, which the commands use, likewise.
func TestTooLarge(t *testing.T) {
	const size = 100 << 20
	path := filepath.Join(t.TempDir(), "huge.json")
	hostile.Sparse(t, path, size, "")
	var err error
	memtest.AtMost(t, 1<<20, func() { _, err = osv.ReadFile(path) })
	if !errors.Is(err, osv.ErrTooLarge) {
		t.Fatalf("ReadFile: %v, want ErrTooLarge", err)
	}
	want := path + ": 104857600 bytes, larger than the 10 MiB limit for one OSV record; refusing to read it"
	if err.Error() != want {
		t.Errorf("message:\n%s\nwant:\n%s", err, want)
	}
	memtest.AtMost(t, 1<<20, func() { _, err = osv.ReadInput(path) })
	if !errors.Is(err, osv.ErrTooLarge) || err.Error() != want {
		t.Errorf("ReadInput: %v", err)
	}

	_, err = osv.ReadDocumentFrom("stdin", bytes.NewReader(make([]byte, size)))
	if !errors.Is(err, osv.ErrTooLarge) || !strings.Contains(err.Error(), "stdin: more than 10 MiB, larger than the 10 MiB limit") {
		t.Errorf("ReadDocumentFrom: %v", err)
	}
	_, err = osv.ParseDocument("mem.json", make([]byte, osv.MaxRecordSize+1))
	if !errors.Is(err, osv.ErrTooLarge) {
		t.Errorf("ParseDocument: %v", err)
	}
}

func TestAliasExpansionBounded(t *testing.T) {
	// Each level doubles the values: 2^30 at the end.
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x]\n")
	for i := 1; i <= 30; i++ {
		b.WriteString("a" + itoa(i) + ": &a" + itoa(i) + " [*a" + itoa(i-1) + ", *a" + itoa(i-1) + "]\n")
	}
	_, err := osv.ParseDocument("bomb.yaml", []byte(b.String()))
	if err == nil || !strings.Contains(err.Error(), "expands to too many values") {
		t.Fatalf("err = %v", err)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestPositions(t *testing.T) {
	for _, tc := range []struct {
		file, src, ptr string
		line, col      int
	}{
		{"r.json", "{\n  \"affected\": [\n    {\"ranges\": [{\"events\": [{\"introduced\": \"0\"}, {\"fixed\": \"1\"}]}]}\n  ]\n}", "/affected/0/ranges/0/events/1", 3, 50},
		{"r.json", "{\"a/b\": {\"~\": 1}}", "/a~1b/~0", 1, 15},
		{"r.json", "{\"a\": [1]}", "/a/5", 1, 7}, // missing: nearest ancestor
		{"r.yaml", "affected:\n  - ranges:\n      - events:\n          - introduced: '0'\n          - fixed: '1'\n", "/affected/0/ranges/0/events/1/fixed", 5, 13},
		{"r.yaml", "id: x\n", "/nothing/here", 1, 1},
	} {
		d, err := osv.ParseDocument(tc.file, []byte(tc.src))
		if err != nil {
			t.Fatal(err)
		}
		line, col := d.Position(tc.ptr)
		if line != tc.line || col != tc.col {
			t.Errorf("%s %s: %d:%d, want %d:%d", tc.file, tc.ptr, line, col, tc.line, tc.col)
		}
	}
}
