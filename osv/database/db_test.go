package database_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/patchline/patchline/osv"
	"github.com/patchline/patchline/osv/database"
)

func at(t testing.TB, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

// fixture returns the valid record of the osv package's tests.
func fixture(t testing.TB) *osv.Record {
	t.Helper()
	r, err := osv.ReadFile("../testdata/valid.json")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func open(t testing.TB) *database.DB {
	t.Helper()
	db, err := database.Open(filepath.Join(t.TempDir(), "advisories"))
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func read(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func put(t *testing.T, db *database.DB, r *osv.Record, now time.Time, want database.Status) *database.Result {
	t.Helper()
	res, err := db.Put(r, now)
	if err != nil {
		t.Fatalf("Put: %v", err)
	}
	if res.Status != want {
		t.Fatalf("Put: status %v, want %v", res.Status, want)
	}
	return res
}

// Writing the same record twice leaves the file byte-identical and
// untouched; changing the summary moves modified and nothing else.
func TestPutIdempotent(t *testing.T) {
	db := open(t)
	r := fixture(t)
	t1 := at(t, "2026-03-10T09:30:00Z")
	res := put(t, db, r, t1, database.Created)
	first := read(t, res.Path)
	if !bytes.Equal(first, read(t, "../testdata/valid.json")) {
		t.Errorf("stored record differs from the canonical fixture")
	}
	fi1, _ := os.Stat(res.Path)

	put(t, db, r, at(t, "2026-04-01T00:00:00Z"), database.Unchanged)
	if !bytes.Equal(first, read(t, res.Path)) {
		t.Error("rewriting an unchanged record changed the file")
	}
	fi2, _ := os.Stat(res.Path)
	if !fi1.ModTime().Equal(fi2.ModTime()) || !os.SameFile(fi1, fi2) {
		t.Error("rewriting an unchanged record touched the file")
	}

	changed := *r
	changed.Summary = "Stored XSS in community descriptions and titles"
	changed.Published = osv.NewTime(at(t, "2026-05-01T00:00:00Z")) // must not win
	t3 := at(t, "2026-04-02T08:00:00Z")
	put(t, db, &changed, t3, database.Updated)
	second := read(t, res.Path)
	var diffs []string
	for _, line := range strings.Split(cmp.Diff(string(first), string(second)), "\n") {
		if strings.HasPrefix(line, "-") || strings.HasPrefix(line, "+") {
			diffs = append(diffs, strings.Join(strings.Fields(line), " "))
		}
	}
	want := []string{
		`- "modified": "2026-03-10T09:30:00Z",`,
		`+ "modified": "2026-04-02T08:00:00Z",`,
		`- "summary": "Stored XSS in community descriptions"`,
		`+ "summary": "Stored XSS in community descriptions and titles"`,
	}
	if d := cmp.Diff(want, diffs); d != "" {
		t.Errorf("changed lines (-want +got):\n%s", d)
	}
	if r.Summary != "Stored XSS in community descriptions" || !r.Modified.Equal(osv.NewTime(t1)) {
		t.Error("Put modified the caller's record")
	}
}

func TestPutPublishedDuringEmbargo(t *testing.T) {
	db := open(t)
	r := fixture(t)
	r.Published = osv.NewTime(at(t, "2026-12-01T14:00:00Z"))
	now := at(t, "2026-06-01T00:00:00Z")
	put(t, db, r, now, database.Created)
	// The embargo moves: the disclosure instant moves with it.
	r.Published = osv.NewTime(at(t, "2027-01-15T14:00:00Z"))
	res := put(t, db, r, now.Add(time.Hour), database.Updated)
	if got := res.Record.Published.String(); got != "2027-01-15T14:00:00Z" {
		t.Errorf("published = %s during the embargo", got)
	}
	// Once public, it is fixed.
	r.Published = osv.NewTime(at(t, "2027-02-01T00:00:00Z"))
	res = put(t, db, r, at(t, "2027-01-20T00:00:00Z"), database.Unchanged)
	if got := res.Record.Published.String(); got != "2027-01-15T14:00:00Z" {
		t.Errorf("published = %s after publication", got)
	}
	// A record without published keeps the stored one.
	r.Published = osv.Time{}
	put(t, db, r, at(t, "2027-01-21T00:00:00Z"), database.Unchanged)
}

func TestPutReformats(t *testing.T) {
	db := open(t)
	r := fixture(t)
	path := filepath.Join(db.Dir(), r.ID+".json")
	var compact bytes.Buffer
	if err := json.Compact(&compact, read(t, "../testdata/valid.json")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, compact.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	res := put(t, db, r, at(t, "2026-09-09T00:00:00Z"), database.Reformatted)
	if got := res.Record.Modified.String(); got != "2026-03-10T09:30:00Z" {
		t.Errorf("modified moved to %s on reformatting", got)
	}
	if !bytes.Equal(read(t, path), read(t, "../testdata/valid.json")) {
		t.Error("file not rewritten in canonical form")
	}
}

func TestPutRefusals(t *testing.T) {
	db := open(t)
	r := fixture(t)
	put(t, db, r, at(t, "2026-03-10T09:30:00Z"), database.Created)
	changed := *r
	changed.Summary = "changed"
	if _, err := db.Put(&changed, at(t, "2026-03-10T09:29:59Z")); err == nil || !strings.Contains(err.Error(), "refusing to move modified backwards") {
		t.Errorf("modified backwards: %v", err)
	}
	for _, tc := range []struct {
		id, msg string
	}{
		{"../escape", `contains a path separator`},
		{"x_INVENIO/2026-0001", `contains a path separator`},
		{`x_INVENIO\2026`, `contains a path separator`},
		{"x_INVENIO..", `contains ".."`},
		{"", `the id is empty`},
		{"INVENIO-2026-0001", `OSV002 error /id: id "INVENIO-2026-0001" does not start with a prefix OSV knows`},
	} {
		bad := *r
		bad.ID = tc.id
		_, err := db.Put(&bad, at(t, "2026-04-01T00:00:00Z"))
		if err == nil || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("Put(id %q): %v, want %q", tc.id, err, tc.msg)
		}
	}
	bad := *r
	bad.ID = "x_INVENIO-2026-0004"
	bad.Affected = append([]osv.Affected(nil), r.Affected...)
	bad.Affected[0].Package.Ecosystem = "pypi"
	_, err := db.Put(&bad, at(t, "2026-04-01T00:00:00Z"))
	var inv *database.InvalidError
	if !errors.As(err, &inv) || len(inv.Findings) != 1 || inv.Findings[0].Code != "OSV005" {
		t.Errorf("invalid record: %v", err)
	}
	ids, _ := db.IDs()
	if d := cmp.Diff([]string{r.ID}, ids); d != "" {
		t.Errorf("files written by refused Puts (-want +got):\n%s", d)
	}
	if entries, _ := os.ReadDir(filepath.Dir(db.Dir())); len(entries) != 1 {
		t.Errorf("files outside the database: %v", entries)
	}
}

func TestGetIDsAll(t *testing.T) {
	db := open(t)
	r := fixture(t)
	for _, id := range []string{"x_INVENIO-2026-0002", "GHSA-aaaa-bbbb-cccc", "x_INVENIO-2026-0010"} {
		c := *r
		c.ID = id
		put(t, db, &c, at(t, "2026-03-10T09:30:00Z"), database.Created)
	}
	// Not records: temporary files, other files, directories.
	for _, name := range []string{".x_INVENIO-2026-0003.json.tmp-1", "README.md", "notes.yaml"} {
		os.WriteFile(filepath.Join(db.Dir(), name), []byte("junk"), 0o644)
	}
	os.Mkdir(filepath.Join(db.Dir(), "sub.json"), 0o755)
	ids, err := db.IDs()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"GHSA-aaaa-bbbb-cccc", "x_INVENIO-2026-0002", "x_INVENIO-2026-0010"}
	if d := cmp.Diff(want, ids); d != "" {
		t.Errorf("IDs (-want +got):\n%s", d)
	}
	all, err := db.All()
	if err != nil {
		t.Fatal(err)
	}
	for i, rec := range all {
		if rec.ID != want[i] {
			t.Errorf("All()[%d] = %s, want %s", i, rec.ID, want[i])
		}
	}
	got, err := db.Get("x_INVENIO-2026-0010")
	if err != nil || got.ID != "x_INVENIO-2026-0010" {
		t.Errorf("Get: %v, %v", got, err)
	}
	if _, err := db.Get("x_INVENIO-2026-0099"); !errors.Is(err, database.ErrNotFound) {
		t.Errorf("Get of a missing id: %v", err)
	}
	// A file holding another record and a truncated file are both reported.
	os.WriteFile(filepath.Join(db.Dir(), "x_INVENIO-2026-0011.json"), read(t, filepath.Join(db.Dir(), "x_INVENIO-2026-0010.json")), 0o644)
	os.WriteFile(filepath.Join(db.Dir(), "x_INVENIO-2026-0012.json"), []byte("{\"id\": \"x_"), 0o644)
	_, err = db.All()
	for _, want := range []string{
		`x_INVENIO-2026-0011.json: holds the record "x_INVENIO-2026-0010"; a record file must be named after its id`,
		`x_INVENIO-2026-0012.json:1:11: unexpected end of JSON input`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("All: %v\nwant it to contain %q", err, want)
		}
	}
}

func TestCreate(t *testing.T) {
	db := open(t)
	r := fixture(t)
	now := at(t, "2026-03-10T09:30:00Z")
	var got []string
	for range 2 {
		res, err := db.Create(r, "x_INVENIO", now)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, res.ID)
	}
	// A gap or a hand-made record: allocation continues above the highest.
	c := *r
	c.ID = "x_INVENIO-2026-0041"
	put(t, db, &c, now, database.Created)
	c.ID = "x_INVENIO-2025-0077" // another year does not count
	put(t, db, &c, now, database.Created)
	res, err := db.Create(r, "x_INVENIO", now)
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, res.ID)
	res, err = db.Create(r, "x_INVENIO", at(t, "2027-01-01T00:00:00Z"))
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, res.ID)
	want := []string{"x_INVENIO-2026-0001", "x_INVENIO-2026-0002", "x_INVENIO-2026-0042", "x_INVENIO-2027-0001"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("ids (-want +got):\n%s", d)
	}
	stored, err := db.Get("x_INVENIO-2026-0042")
	if err != nil || stored.Modified.String() != "2026-03-10T09:30:00Z" {
		t.Errorf("stored: %v %v", stored, err)
	}
	for _, tc := range []struct{ prefix, msg string }{
		{"INVENIO", `a local database uses the prefix "x_"`},
		{"x_INVENIO/..", `want letters, digits and "_"`},
		{"", `want letters, digits and "_"`},
	} {
		if _, err := db.Create(r, tc.prefix, now); err == nil || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("Create(prefix %q): %v", tc.prefix, err)
		}
	}
}

// Many writers allocating at once never share an id and never lose a
// record.
func TestCreateConcurrent(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "advisories")
	const writers, each = 8, 10
	errs := make(chan error, writers)
	for range writers {
		go func() {
			db, err := database.Open(dir) // a handle of its own, like a process
			if err != nil {
				errs <- err
				return
			}
			for range each {
				if _, err := db.Create(fixture(t), "x_INVENIO", at(t, "2026-03-10T09:30:00Z")); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range writers {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	checkSequence(t, dir, writers*each)
}

// checkSequence checks that dir holds exactly the records
// x_INVENIO-2026-0001 to n, each valid and named after its id.
func checkSequence(t *testing.T, dir string, n int) {
	t.Helper()
	db, err := database.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	all, err := db.All()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != n {
		t.Fatalf("%d records, want %d", len(all), n)
	}
	for i, r := range all {
		if want := fmt.Sprintf("x_INVENIO-2026-%04d", i+1); r.ID != want {
			t.Errorf("record %d is %s, want %s", i, r.ID, want)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != n {
		t.Errorf("%d files in the database (temporary files left?), want %d", len(entries), n)
	}
}

// TestCreateTwoProcesses runs two processes allocating ids in the same
// directory at the same time.
func TestCreateTwoProcesses(t *testing.T) {
	if dir := os.Getenv("PATCHLINE_TEST_CREATE_DIR"); dir != "" {
		db, err := database.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		for range 25 {
			if _, err := db.Create(fixture(t), "x_INVENIO", at(t, "2026-03-10T09:30:00Z")); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skip("no test executable:", err)
	}
	dir := filepath.Join(t.TempDir(), "advisories")
	var cmds []*exec.Cmd
	var outs []*bytes.Buffer
	for range 2 {
		var out bytes.Buffer
		cmd := exec.Command(exe, "-test.run=^TestCreateTwoProcesses$", "-test.count=1")
		cmd.Env = append(os.Environ(), "PATCHLINE_TEST_CREATE_DIR="+dir)
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
		outs = append(outs, &out)
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("helper process %d: %v\n%s", i, err, outs[i])
		}
	}
	checkSequence(t, dir, 50)
}

// TestPutConcurrentNew: writers putting the same new id at the same moment
// never both create it: exactly one record is created, the others update
// it, and the file is a whole, valid record.
func TestPutConcurrentNew(t *testing.T) {
	for round := range 20 {
		dir := filepath.Join(t.TempDir(), "advisories")
		const writers = 6
		statuses := make(chan database.Status, writers)
		errs := make(chan error, writers)
		for i := range writers {
			go func() {
				db, err := database.Open(dir)
				if err != nil {
					errs <- err
					return
				}
				r := fixture(t)
				r.Summary = fmt.Sprintf("writer %d", i)
				res, err := db.Put(r, at(t, "2026-03-10T09:30:00Z"))
				if err != nil {
					errs <- err
					return
				}
				statuses <- res.Status
				errs <- nil
			}()
		}
		created := 0
		for range writers {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
			if <-statuses == database.Created {
				created++
			}
		}
		if created != 1 {
			t.Fatalf("round %d: %d writers created the record, want 1", round, created)
		}
		db, err := database.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Get(fixture(t).ID); err != nil {
			t.Fatal(err)
		}
	}
}
