package database_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/patchline/patchline/osv/database"
)

// allocateOnce is what a run on an input without an id does: under the
// allocation lock, read the input again, create a record only if it still
// has no id, and record the id in the input; else update the record of the
// id it now has.
func allocateOnce(t *testing.T, dir, input string) {
	db, err := database.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	unlock, err := db.LockAllocation()
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	id, err := os.ReadFile(input)
	if err != nil {
		t.Fatal(err)
	}
	now := at(t, "2026-03-10T09:30:00Z")
	if len(id) > 0 {
		r := fixture(t)
		r.ID = string(id)
		if _, err := db.Put(r, now); err != nil {
			t.Fatal(err)
		}
		return
	}
	res, err := db.Create(fixture(t), "x_INVENIO", now)
	if err != nil {
		t.Fatal(err)
	}
	if err := database.WriteFileAtomic(input, []byte(res.ID)); err != nil {
		t.Fatal(err)
	}
}

// TestAllocationLockAcrossProcesses runs 20 processes on one input without
// an id at the same time: one record is created, under one id, which the
// input ends up with; nobody fails. Without the lock each process created
// a record of its own and all but one were left orphaned.
func TestAllocationLockAcrossProcesses(t *testing.T) {
	if dir := os.Getenv("PATCHLINE_TEST_ALLOC_DIR"); dir != "" {
		allocateOnce(t, dir, os.Getenv("PATCHLINE_TEST_ALLOC_INPUT"))
		return
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skip("no test executable:", err)
	}
	top := t.TempDir()
	dir := filepath.Join(top, "advisories")
	input := filepath.Join(top, "report")
	if err := os.WriteFile(input, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	const n = 20
	cmds := make([]*exec.Cmd, n)
	outs := make([]bytes.Buffer, n)
	for i := range cmds {
		cmds[i] = exec.Command(exe, "-test.run=^TestAllocationLockAcrossProcesses$", "-test.count=1")
		cmds[i].Env = append(os.Environ(), "PATCHLINE_TEST_ALLOC_DIR="+dir, "PATCHLINE_TEST_ALLOC_INPUT="+input)
		cmds[i].Stdout, cmds[i].Stderr = &outs[i], &outs[i]
		if err := cmds[i].Start(); err != nil {
			t.Fatal(err)
		}
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("process %d: %v\n%s", i, err, &outs[i])
		}
	}
	db, err := database.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := db.IDs()
	if err != nil {
		t.Fatal(err)
	}
	id, _ := os.ReadFile(input)
	if len(ids) != 1 || ids[0] != string(id) {
		t.Errorf("records %v, input id %q; want one record, the input's", ids, id)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}
