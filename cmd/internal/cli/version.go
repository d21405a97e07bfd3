package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/dockgen/dockgen/cmd/internal/iostreams"
)

// VersionOptions are `dockgen version`'s.
type VersionOptions struct {
	IO    *iostreams.IOStreams
	Build BuildInfo
}

func newCmdVersion(f *Factory, runF func(*VersionOptions) error) *cobra.Command {
	opts := &VersionOptions{IO: f.IO, Build: f.Build}
	return &cobra.Command{
		Use:   "version",
		Short: "Print the dockgen version",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if runF != nil {
				return runF(opts)
			}
			return versionRun(opts)
		},
	}
}

func versionRun(o *VersionOptions) error {
	b := o.Build
	fmt.Fprintf(o.IO.Out, "dockgen %s", b.Version)
	if b.Commit != "" {
		fmt.Fprintf(o.IO.Out, " (commit %s", b.Commit)
		if b.Date != "" {
			fmt.Fprintf(o.IO.Out, ", built %s", b.Date)
		}
		fmt.Fprint(o.IO.Out, ")")
	}
	fmt.Fprintln(o.IO.Out)
	return nil
}
