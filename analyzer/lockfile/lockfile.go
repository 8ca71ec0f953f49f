package lockfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/patchline/patchline/ecosystem/pkgref"
)

// Format names a lockfile format by its usual file name.
type Format string

// The formats Read and Parse understand.
const (
	Requirements Format = "requirements.txt"
	PoetryLock   Format = "poetry.lock"
	UVLock       Format = "uv.lock"
	PipfileLock  Format = "Pipfile.lock"
	PackageLock  Format = "package-lock.json" // also npm-shrinkwrap.json
	YarnLock     Format = "yarn.lock"         // v1 and Berry (v2+)
	PnpmLock     Format = "pnpm-lock.yaml"
)

// Formats lists the known formats in the order of the documentation.
var Formats = []Format{Requirements, PoetryLock, UVLock, PipfileLock, PackageLock, YarnLock, PnpmLock}

// File is what a lockfile pins.
type File struct {
	Path   string // as given to Read or Parse
	Format Format
	// FormatVersion is the file's own version of its format where it states
	// one ("3" for a package-lock.json with lockfileVersion 3, "1" or
	// "berry 8" for yarn.lock, "9.0" for pnpm-lock.yaml, "2.1" for
	// poetry.lock); "" for requirements.txt, which has none.
	FormatVersion string
	// Pins are the exact versions the file pins, sorted by ecosystem, name
	// and version, one per package version.
	Pins []Pin
	// Unpinned lists the dependencies the file states without an exact
	// registry version (ranges, editable installs, URLs, git and path
	// dependencies), sorted by source and line. The gate cannot check them.
	Unpinned []Unpinned
}

// Pin is one exact package version a lockfile installs.
type Pin struct {
	Package pkgref.Ref
	// Version is the version as the file states it (without the "=="
	// operator of requirements.txt and Pipfile.lock). It is valid in the
	// package's ecosystem.
	Version string
	// Source is the file that states the pin: File.Path, or for
	// requirements.txt the included file (-r, -c) it comes from.
	Source string
	// Line is the 1-based line of Source stating the version, 0 when the
	// format gives no cheap way to know it (see the format's reader).
	Line int
	// Dev reports a dependency the format marks as needed for development
	// only. False where the format does not say (requirements.txt, yarn.lock,
	// Pipfile.lock's default section).
	Dev bool
	// Direct reports a dependency the project itself declares, where the
	// lockfile records the project's own dependencies; false where unknown.
	Direct bool
}

// Unpinned is a dependency a lockfile states without an exact registry
// version.
type Unpinned struct {
	Source string // the file stating it
	Line   int    // 1-based, 0 when unknown
	// Name is the package name as written, "" when the line does not name
	// one (a bare URL or path in requirements.txt).
	Name string
	// Spec is what the file states instead of a version: ">=3.0", a URL, a
	// path, a git reference.
	Spec   string
	Reason string
}

// Read reads and parses the lockfile at path, its format told by its file
// name (see Detect). A requirements file's includes (-r, -c) are read
// relative to the directory of the file that names them.
func Read(path string) (*File, error) {
	format, err := Detect(path)
	if err != nil {
		return nil, err
	}
	data, err := readAtMost(path, maxSize(format))
	if err != nil {
		e := &Error{Path: path, Format: format, Msg: fmt.Sprintf("cannot read lockfile: %v", unwrapPath(err)), Err: err}
		if errors.Is(err, ErrTooLarge) {
			e.Msg = fmt.Sprintf("%v, the bound of a %s", err, format)
		}
		return nil, e
	}
	return parse(path, data, readBounded)
}

// MaxSize is the largest lockfile (and included requirements file) Read
// and Parse accept, and MaxYAMLSize the largest pnpm-lock.yaml or Berry
// yarn.lock: reading one allocates 9 to 12 bytes per byte of input (23 MB
// for novu's 2.7 MB pnpm lock, 110 MB for a 9 MB one of 40,000 packages),
// so that the largest file stays far under a run's memory budget.
const (
	MaxSize     = 32 << 20
	MaxYAMLSize = 16 << 20
)

// ErrTooLarge is wrapped by the *Error for a file over MaxSize or
// MaxYAMLSize.
var ErrTooLarge = errors.New("lockfile too large")

// readBounded reads a regular file of at most MaxSize bytes, without
// reading more of it than that.
func readBounded(path string) ([]byte, error) { return readAtMost(path, MaxSize) }

// readAtMost reads a regular file of at most limit bytes: a larger file is
// refused from its size before it is read, and one that grows meanwhile
// after limit + 1 bytes.
func readAtMost(path string, limit int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file (%s)", fi.Mode().Type())
	}
	if fi.Size() > int64(limit) {
		return nil, fmt.Errorf("%w: %d bytes, over %d MiB", ErrTooLarge, fi.Size(), limit>>20)
	}
	data, err := io.ReadAll(io.LimitReader(f, int64(limit)+1))
	if err != nil {
		return nil, err
	}
	if len(data) > limit {
		return nil, fmt.Errorf("%w: over %d MiB", ErrTooLarge, limit>>20)
	}
	return data, nil
}

// Parse parses data as the lockfile named name; the format is told by the
// name's base (see Detect). Includes in a requirements file are read from
// the file system relative to name's directory, as Read does; data itself
// is never re-read.
func Parse(name string, data []byte) (*File, error) {
	return parse(name, data, readBounded)
}

// maxSize is the size bound of a format.
func maxSize(f Format) int {
	if f == PnpmLock {
		return MaxYAMLSize
	}
	return MaxSize // Berry yarn.lock is told from v1 when parsed: see parseYarn
}

// parse is Parse with the function that reads included files, so that tests
// and fuzz targets can keep includes off the file system.
func parse(name string, data []byte, readFile func(string) ([]byte, error)) (*File, error) {
	format, err := Detect(name)
	if err != nil {
		return nil, err
	}
	if max := maxSize(format); len(data) > max {
		return nil, &Error{Path: name, Format: format, Msg: fmt.Sprintf("%s: %d bytes, over %d MiB, the bound of a %s", ErrTooLarge, len(data), max>>20, format), Err: ErrTooLarge}
	}
	// Editors on Windows write a UTF-8 byte order mark, which npm, pip and
	// the other tools skip; so do we, in included files too.
	data = stripBOM(data)
	read := readFile
	readFile = func(p string) ([]byte, error) {
		b, err := read(p)
		return stripBOM(b), err
	}
	switch format {
	case Requirements:
		return parseRequirements(name, data, readFile)
	case PoetryLock:
		return parsePoetry(name, data)
	case UVLock:
		return parseUV(name, data)
	case PipfileLock:
		return parsePipfile(name, data)
	case PackageLock:
		return parsePackageLock(name, data)
	case YarnLock:
		return parseYarn(name, data)
	case PnpmLock:
		return parsePnpm(name, data)
	}
	panic("lockfile: unhandled format " + string(format))
}

// Detect tells a lockfile's format from its file name, compared
// case-insensitively:
//   - poetry.lock, uv.lock, Pipfile.lock, package-lock.json,
//     npm-shrinkwrap.json, yarn.lock and pnpm-lock.yaml (or .yml) by name;
//     yarn.lock's two dialects (v1 and Berry) are told apart by content
//     when it is parsed;
//   - requirements files: a *.txt file whose name contains "requirements"
//     or "constraints" (requirements.txt, requirements-dev.txt,
//     dev-requirements.txt, constraints.txt), or any *.txt file in a
//     directory named "requirements" (requirements/base.txt), the layouts
//     pip-tools and cookiecutters use.
//
// Any other name is an *Error wrapping ErrUnknownFormat: guessing from
// content would let a gate pass on a file it misread.
func Detect(name string) (Format, error) {
	base := strings.ToLower(filepath.Base(name))
	switch base {
	case "poetry.lock":
		return PoetryLock, nil
	case "uv.lock":
		return UVLock, nil
	case "pipfile.lock":
		return PipfileLock, nil
	case "package-lock.json", "npm-shrinkwrap.json":
		return PackageLock, nil
	case "yarn.lock":
		return YarnLock, nil
	case "pnpm-lock.yaml", "pnpm-lock.yml":
		return PnpmLock, nil
	}
	if strings.HasSuffix(base, ".txt") {
		dir := strings.ToLower(filepath.Base(filepath.Dir(name)))
		if strings.Contains(base, "requirements") || strings.Contains(base, "constraints") || dir == "requirements" {
			return Requirements, nil
		}
	}
	known := make([]string, len(Formats))
	for i, f := range Formats {
		known[i] = string(f)
	}
	return "", &Error{
		Path: name,
		Msg:  fmt.Sprintf("unknown lockfile format %q (known: %s, npm-shrinkwrap.json, requirements*.txt)", filepath.Base(name), strings.Join(known, ", ")),
		Err:  ErrUnknownFormat,
	}
}

// unwrapPath drops the path an fs.PathError repeats, since *Error already
// names the file.
func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// stripBOM removes a leading UTF-8 byte order mark.
func stripBOM(b []byte) []byte { return bytes.TrimPrefix(b, []byte("\ufeff")) }
