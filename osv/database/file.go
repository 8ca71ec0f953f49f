package database

import (
	"io/fs"
	"os"
)

// WriteFileAtomic replaces the file at path with data the way the database
// writes records (a synced temporary file renamed into place), keeping the
// file's permission bits when it exists. It is for files that travel with
// the database, such as a report that receives its allocated id.
func WriteFileAtomic(path string, data []byte) error {
	mode := fs.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
	}
	return writeFileAtomicMode(path, data, mode)
}
