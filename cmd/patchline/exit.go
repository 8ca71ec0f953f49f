package main

import (
	"errors"
	"fmt"
)

// Exit codes that CI jobs rely on; they are part of the interface.
const (
	exitOK       = 0
	exitGate     = 1 // gate failed, lint found problems
	exitBadInput = 2 // bad usage, invalid policy, report, version, range or vector
	exitRegistry = 3 // a registry could not be read
)

// exitError carries the exit code an error maps to.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// badInput marks err as the user's input being wrong (exit 2).
func badInput(err error) error { return &exitError{code: exitBadInput, err: err} }

// badInputf formats a bad-input error (exit 2).
func badInputf(format string, args ...any) error { return badInput(fmt.Errorf(format, args...)) }

// gateFailed is returned by gates and linters that ran fine but found
// problems (exit 1). The command has already printed the findings.
var gateFailed = &exitError{code: exitGate, err: errors.New("gate failed")}

// exitCodeOf maps an error to the process exit code. Errors of unknown kind
// are treated as bad input unless they come from a registry, so that a
// failure never passes as success.
func exitCodeOf(err error) int {
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	if isRegistryError(err) {
		return exitRegistry
	}
	return exitBadInput
}
