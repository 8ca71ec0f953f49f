package lockfile

import (
	"errors"
	"strconv"
)

// ErrUnknownFormat is wrapped by the *Error returned for a file whose format
// cannot be told from its name (or, where the name is shared, its content).
var ErrUnknownFormat = errors.New("unknown lockfile format")

// Error is the error for a lockfile that cannot be read: an unknown format,
// a file that does not parse, an invalid package name or version, or an
// include that cannot be followed. The command line maps it to exit 2 (bad
// input). Err, when set, is the underlying cause (ErrUnknownFormat, an
// fs.PathError, a syntax error) and is reachable with errors.Is/As.
type Error struct {
	Path   string // the file at fault: the lockfile, or a file it includes
	Line   int    // 1-based line, 0 when unknown
	Format Format // the format it was read as, "" when unknown
	Msg    string
	Err    error
}

func (e *Error) Error() string {
	s := e.Path
	if e.Line > 0 {
		s += ":" + strconv.Itoa(e.Line)
	}
	return s + ": " + e.Msg
}

func (e *Error) Unwrap() error { return e.Err }
