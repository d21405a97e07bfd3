package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/dockgen/dockgen/cmd/internal/prompt"
)

// Exit codes, mapped in one place (ExitCode).
const (
	ExitOK     = 0
	ExitError  = 1
	ExitUsage  = 2
	ExitCancel = 130
)

// FlagError is a usage error (exit code 2): the command line asks for
// something dockgen cannot do. Usage is printed after it only for a
// malformed command line (Syntax: an unknown flag, too many arguments), not
// for a bad value, whose one useful line must not scroll away under it.
type FlagError struct {
	Err    error
	Syntax bool
}

func (e *FlagError) Error() string { return e.Err.Error() }
func (e *FlagError) Unwrap() error { return e.Err }

// flagErrorf is a bad flag value.
func flagErrorf(format string, args ...any) error {
	return &FlagError{Err: fmt.Errorf(format, args...)}
}

// usageErrorf is a malformed command line: usage follows it.
func usageErrorf(format string, args ...any) error {
	return &FlagError{Err: fmt.Errorf(format, args...), Syntax: true}
}

// ErrCancel is returned when the user cancels (Ctrl-C or Esc in a prompt).
var ErrCancel = prompt.ErrCancel

// errSilent has already been reported; only the exit code remains.
var errSilent = errors.New("")

// ExitCode maps an error to the process exit code and prints it.
func ExitCode(err error, errOut io.Writer) int {
	var fe *FlagError
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, ErrCancel):
		fmt.Fprintln(errOut, "cancelled: nothing was written")
		return ExitCancel
	case errors.Is(err, errSilent):
		return ExitError
	case errors.As(err, &fe):
		fmt.Fprintf(errOut, "error: %s\n", err)
		return ExitUsage
	}
	fmt.Fprintf(errOut, "error: %s\n", err)
	return ExitError
}
