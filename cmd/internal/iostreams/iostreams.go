// Package iostreams carries the process's standard streams and whether they
// are terminals, so commands never touch os.Stdin/os.Stdout directly.
package iostreams

import (
	"bytes"
	"io"
	"os"
)

// IOStreams are the streams a command reads and writes.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer // results; human: escapes control characters (Raw for exact bytes)
	ErrOut io.Writer // progress, warnings, hints; human, like Out

	stdinTTY, stdoutTTY bool
	neverPrompt         bool
}

// System returns the process's streams; only main calls it.
func System() *IOStreams {
	return &IOStreams{
		In: os.Stdin, Out: Human(os.Stdout), ErrOut: Human(os.Stderr),
		stdinTTY: isTerminal(os.Stdin), stdoutTTY: isTerminal(os.Stdout),
		neverPrompt: os.Getenv("CI") != "",
	}
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// Test returns streams backed by buffers, not terminals; Out and ErrOut
// escape as System's do, and the buffers hold what a terminal would get.
func Test() (*IOStreams, *bytes.Buffer, *bytes.Buffer, *bytes.Buffer) {
	in, out, errOut := &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: in, Out: Human(out), ErrOut: Human(errOut)}, in, out, errOut
}

// SetTTY marks stdin and stdout as terminals (tests).
func (s *IOStreams) SetTTY(tty bool) { s.stdinTTY, s.stdoutTTY = tty, tty }

// SetNeverPrompt forbids prompting, as CI=1 does.
func (s *IOStreams) SetNeverPrompt(v bool) { s.neverPrompt = v }

// IsStdoutTTY reports whether results go to a terminal.
func (s *IOStreams) IsStdoutTTY() bool { return s.stdoutTTY }

// CanPrompt reports whether an interactive prompt can be shown.
func (s *IOStreams) CanPrompt() bool { return s.stdinTTY && s.stdoutTTY && !s.neverPrompt }
