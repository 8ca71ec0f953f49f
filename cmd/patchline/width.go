package main

import (
	"os"
	"strconv"

	"golang.org/x/term"
)

// defaultWidth is the width of output that goes to no terminal and for
// which COLUMNS is not set: a pipe, a file, a CI log.
const defaultWidth = 100

// minWidth is the narrowest width honoured; narrower settings are taken
// for mistakes.
const minWidth = 40

// tableWidth is the width tables fold to: COLUMNS when set (shells set it
// for the terminal they run in, and users to ask for a width), else the
// width of the terminal stdout is, else 100.
func (a *app) tableWidth() int {
	if n, ok := a.knownWidth(); ok {
		return n
	}
	return defaultWidth
}

// messageWidth is the width check's messages wrap to: as tables on a
// terminal or when COLUMNS is set, and 0 (never wrapped) otherwise, so
// that a CI log keeps each message on one line to search for.
func (a *app) messageWidth() int {
	if n, ok := a.knownWidth(); ok {
		return n
	}
	return 0
}

// knownWidth is COLUMNS, else the width of the terminal stdout is; ok is
// false when output goes to no terminal and COLUMNS is not set.
func (a *app) knownWidth() (int, bool) {
	if n, ok := columns(); ok {
		return n, true
	}
	return a.terminalWidth()
}

func columns() (int, bool) {
	n, err := strconv.Atoi(os.Getenv("COLUMNS"))
	return n, err == nil && n >= minWidth
}

func (a *app) terminalWidth() (int, bool) {
	f, ok := terminal(a.stdout)
	if !ok {
		return 0, false
	}
	n, _, err := term.GetSize(int(f.Fd()))
	return n, err == nil && n >= minWidth
}
