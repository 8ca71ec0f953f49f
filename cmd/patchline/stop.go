package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// defaultTimeout bounds a whole run unless --timeout says otherwise: far
// above any real run (an Invenio analysis takes seconds), it only ends runs
// that would otherwise never end.
const defaultTimeout = 10 * time.Minute

// stopGrace is how long a cancelled command may take to return by itself;
// after it the run ends without it (a parse that does not look at its
// context), which keeps a stop within a second.
const stopGrace = 300 * time.Millisecond

// interrupted is the cause of a run stopped by SIGINT or SIGTERM.
type interrupted struct{ sig os.Signal }

func (e *interrupted) Error() string { return "interrupted (" + signalName(e.sig) + ")" }

// exitCode is the shell's convention for a process ended by a signal.
func (e *interrupted) exitCode() int {
	if s, ok := e.sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 128 + int(syscall.SIGINT)
}

func signalName(s os.Signal) string {
	switch s {
	case os.Interrupt:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	}
	return s.String()
}

// timedOut is the cause of a run stopped by --timeout.
type timedOut struct{ after time.Duration }

func (e *timedOut) Error() string { return fmt.Sprintf("--timeout %s reached", e.after) }

// execute runs the command under ctx and returns its error, or, once ctx is
// cancelled (a signal, --timeout), the command's own error if it returns
// within stopGrace and the cause otherwise.
func execute(ctx context.Context, cmd func(context.Context) error) error {
	done := make(chan error, 1)
	go func() { done <- cmd(ctx) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	select {
	case err := <-done:
		return err
	case <-time.After(stopGrace):
		return context.Cause(ctx)
	}
}

// stoppedExit maps a run that ctx stopped to its exit code and message:
// a signal is 128+N; --timeout is exit 3 when the registry was what took
// too long (the command's error says so) and exit 2 otherwise (an input
// that takes too long to read). ok is false for a run that was not
// stopped.
func stoppedExit(ctx context.Context, err error) (code int, msg string, ok bool) {
	if ctx.Err() == nil {
		return 0, "", false
	}
	cause := context.Cause(ctx)
	var in *interrupted
	if errors.As(cause, &in) {
		return in.exitCode(), in.Error(), true
	}
	var to *timedOut
	if !errors.As(cause, &to) {
		return 0, "", false
	}
	if err != nil && err != cause && isRegistryError(err) {
		return exitRegistry, fmt.Sprintf("%v: %v", to, err), true
	}
	return exitBadInput, to.Error(), true
}
