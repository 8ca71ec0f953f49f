package database

import (
	"fmt"
	"path/filepath"

	"github.com/rogpeppe/go-internal/lockedfile"
)

// idLockFile is the lock that serialises id allocation in a database. Its
// name starts with "." and does not end in ".json", so it is no record.
const idLockFile = ".ids.lock"

// LockAllocation takes the database's allocation lock and returns the
// function that releases it. Create alone keeps two processes from taking
// the same id; the lock lets a caller make "this input has no id yet, so
// allocate one and record it in the input" one step across processes: it
// takes the lock, reads the input again, and allocates only if the input
// still has no id, so that concurrent runs on one report make one record.
// The lock is an advisory file lock (flock, LockFileEx), released by the
// system when a process dies, so a killed run never leaves the database
// locked.
func (db *DB) LockAllocation() (unlock func(), err error) {
	unlock, err = lockedfile.MutexAt(filepath.Join(db.dir, idLockFile)).Lock()
	if err != nil {
		return nil, fmt.Errorf("locking the OSV database for id allocation: %w", err)
	}
	return unlock, nil
}
