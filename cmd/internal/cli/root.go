// Package cli holds dockgen's cobra commands: flag binding, output and the
// mapping of errors to exit codes. The work itself is in generator/.
package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dockgen/dockgen/cmd/internal/iostreams"
	"github.com/dockgen/dockgen/cmd/internal/prompt"
	"github.com/dockgen/dockgen/generator"
	"github.com/dockgen/dockgen/generator/catalog"
)

// BuildInfo identifies the binary.
type BuildInfo struct {
	Version, Commit, Date string
}

// Factory carries what commands need from the outside world.
type Factory struct {
	IO     *iostreams.IOStreams
	Build  BuildInfo
	Getenv func(string) string
	// Prompter asks the wizard's questions; nil means the terminal one on IO.
	Prompter prompt.Prompter
}

// prompter is the injected prompter, else the terminal one.
func (f *Factory) prompter(accessible bool) prompt.Prompter {
	if f.Prompter != nil {
		return f.Prompter
	}
	return &prompt.Huh{In: f.IO.In, Out: iostreams.Raw(f.IO.ErrOut), Accessible: accessible} // huh escapes what it shows itself
}

// Run executes dockgen with args and returns the process exit code.
func Run(ctx context.Context, f *Factory, args []string) int {
	generator.Version = f.Build.Version
	root := NewCmdRoot(f, nil)
	root.SetArgs(args)
	root.SetIn(f.IO.In)
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	cmd, err := root.ExecuteContextC(ctx)
	if err != nil && ctx.Err() != nil {
		// Interrupted (Ctrl-C): whatever failed after it failed because of it.
		fmt.Fprintln(f.IO.ErrOut, "interrupted")
		return ExitCancel
	}
	if err != nil {
		var fe *FlagError
		if asFlagError(err, &fe) && fe.Syntax && cmd != nil {
			defer func() { cmd.SetOut(f.IO.ErrOut); _ = cmd.Usage() }()
		}
	}
	return ExitCode(err, f.IO.ErrOut)
}

func asFlagError(err error, fe **FlagError) bool {
	e, ok := err.(*FlagError)
	if ok {
		*fe = e
	}
	return ok
}

// NewCmdRoot builds the command tree. runF, when set, replaces the root
// command's run step (tests stop right after flag parsing).
func NewCmdRoot(f *Factory, runF func(*GenerateOptions) error) *cobra.Command {
	cmd := newCmdGenerate(f, runF)
	cmd.SilenceErrors = true
	cmd.SilenceUsage = true
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &FlagError{Err: err, Syntax: true} })
	cmd.AddCommand(newCmdVersion(f, nil), newCmdDetect(f, nil), newCmdInit(f, nil), newCmdTemplates(f), newCmdLint(f, nil), newCmdTrust(f))
	rejectUnknownShells(cmd, f)
	cmd.Version = f.Build.Version
	cmd.SetVersionTemplate("dockgen {{ .Version }}\n")
	return cmd
}

// rejectUnknownShells makes `completion SHELL` with a shell cobra has no
// script for a usage error naming the valid ones; cobra's own command
// printed its help and exited 0, so a typo looked like success.
func rejectUnknownShells(root *cobra.Command, f *Factory) {
	// The scripts go to the output set now (Run sets it again for the rest):
	// raw, they are machine output.
	root.SetOut(iostreams.Raw(f.IO.Out))
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		c.Args = cobra.ArbitraryArgs
		c.RunE = func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				return c.Help()
			}
			var shells []string
			for _, s := range c.Commands() {
				if s.IsAvailableCommand() {
					shells = append(shells, s.Name())
				}
			}
			return flagErrorf("completion %q: no such shell; valid shells are %s", args[0], strings.Join(shells, ", "))
		}
	}
}

// envCatalogs splits DOCKGEN_CATALOG like PATH, keeping git URLs whole.
func envCatalogs(getenv func(string) string) []string {
	return catalog.SplitEnv(getenv("DOCKGEN_CATALOG"))
}
