// Package cli holds dockgen's cobra commands: flag binding, output and the
// mapping of errors to exit codes. The work itself is in generator/.
package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dockgen/dockgen/cmd/internal/iostreams"
	"github.com/dockgen/dockgen/generator"
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
	if err != nil {
		var fe *FlagError
		if asFlagError(err, &fe) && cmd != nil {
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
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &FlagError{Err: err} })
	cmd.AddCommand(newCmdVersion(f), newCmdDetect(f), newCmdInit(f, nil), newCmdTemplates(f), newCmdLint(f, nil))
	cmd.Version = f.Build.Version
	cmd.SetVersionTemplate("dockgen {{ .Version }}\n")
	return cmd
}

// envCatalogs splits DOCKGEN_CATALOG like PATH.
func envCatalogs(getenv func(string) string) []string {
	var out []string
	for _, d := range strings.Split(getenv("DOCKGEN_CATALOG"), string(os.PathListSeparator)) {
		if d = strings.TrimSpace(d); d != "" {
			out = append(out, filepath.Clean(d))
		}
	}
	return out
}
