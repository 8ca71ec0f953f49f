package lockfile

import (
	"fmt"
	"sort"
	"strings"

	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/ecosystem/pkgref"
)

// builder collects a file's pins and unpinned dependencies, validating
// each pin as it is added, and produces the sorted, merged File.
type builder struct {
	file *File
	eco  ecosystem.Ecosystem
	pins []pinEntry
	// lines is the input's number of lines, when known: a position past
	// it (the parser's at the end of the input) is its last line.
	lines int
}

type pinEntry struct {
	Pin
	v   ecosystem.Version
	seq int // reading order, to keep the first statement of a duplicate
}

func newBuilder(path string, format Format, eco string) *builder {
	e, err := ecosystem.Lookup(eco)
	if err != nil {
		panic("lockfile: " + err.Error()) // the ecosystems are compiled in
	}
	return &builder{file: &File{Path: path, Format: format}, eco: e}
}

// errorf returns an *Error for source:line in the builder's format.
func (b *builder) errorf(source string, line int, format string, args ...any) *Error {
	if b.lines > 0 && line > b.lines {
		line = b.lines
	}
	return &Error{Path: source, Line: line, Format: b.file.Format, Msg: fmt.Sprintf(format, args...)}
}

// pin validates and records one pinned version. An invalid name or version
// is an *Error naming source:line and the value.
func (b *builder) pin(source string, line int, name, version string, dev, direct bool) error {
	ref, err := pkgref.New(b.eco.Name(), name)
	if err != nil {
		return b.errorf(source, line, "%v", err)
	}
	v, err := b.eco.Parse(version)
	if err != nil {
		return b.errorf(source, line, "%s: %v", ref, err)
	}
	b.pins = append(b.pins, pinEntry{
		Pin: Pin{Package: ref, Version: version, Source: source, Line: line, Dev: dev, Direct: direct},
		v:   v,
		seq: len(b.pins),
	})
	return nil
}

// unpinned records a dependency without an exact registry version.
func (b *builder) unpinned(source string, line int, name, spec, reason string) {
	b.file.Unpinned = append(b.file.Unpinned, Unpinned{Source: source, Line: line, Name: name, Spec: spec, Reason: reason})
}

// finish sorts the pins by ecosystem, name and version (the ecosystem's
// order, then the text, then reading order), and merges the statements of
// one package version: two versions the ecosystem holds equal (PyPI's 1.0
// and 1.0.0, npm's 1.2.3 and 1.2.3+build) are one release. The merged pin
// keeps its first statement in reading order (version text, source, line);
// it is Dev only when every statement is, and Direct when any is.
func (b *builder) finish() *File {
	sort.SliceStable(b.pins, func(i, j int) bool {
		x, y := b.pins[i], b.pins[j]
		if c := pkgref.Compare(x.Package, y.Package); c != 0 {
			return c < 0
		}
		if c := b.eco.Compare(x.v, y.v); c != 0 {
			return c < 0
		}
		return x.seq < y.seq
	})
	var out []Pin // nil when nothing is pinned, like Unpinned

	for i := 0; i < len(b.pins); {
		first := b.pins[i].Pin
		j := i + 1
		for ; j < len(b.pins) && b.pins[j].Package == first.Package && b.eco.Compare(b.pins[j].v, b.pins[i].v) == 0; j++ {
			first.Dev = first.Dev && b.pins[j].Dev
			first.Direct = first.Direct || b.pins[j].Direct
		}
		out = append(out, first)
		i = j
	}
	b.file.Pins = out
	u := b.file.Unpinned
	sort.SliceStable(u, func(i, j int) bool {
		if c := strings.Compare(u[i].Source, u[j].Source); c != 0 {
			return c < 0
		}
		return u[i].Line < u[j].Line
	})
	return b.file
}
