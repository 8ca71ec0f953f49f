package strictyaml

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Pos is a position in an input file. Line and Column are 1-based; a zero
// Line means the position is the file as a whole.
type Pos struct {
	File   string
	Line   int
	Column int
}

// String formats the position as file:line:column, the form editors and
// terminals recognise.
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Column == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
}

// Error is one problem found in an input file: where it is, which key it is
// about (a path such as lines[1].status), and what is wrong with it,
// including the offending value.
type Error struct {
	Pos  Pos
	Path string // empty for problems of the document as a whole
	Msg  string
}

func (e *Error) Error() string {
	if e.Path == "" {
		return e.Pos.String() + ": " + e.Msg
	}
	return e.Pos.String() + ": " + e.Path + ": " + e.Msg
}

// Errors is every problem found in one file, in file order. It is returned
// as a whole so that a user can fix all of them in one go.
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

// sortErrors orders errors by position, then path and message, so that the
// output does not depend on the order in which checks ran.
func sortErrors(es Errors) {
	slices.SortStableFunc(es, func(a, b *Error) int {
		return cmp.Or(
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Column, b.Pos.Column),
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
}
