package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

func newCmdVersion(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the dockgen version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			b := f.Build
			fmt.Fprintf(f.IO.Out, "dockgen %s", b.Version)
			if b.Commit != "" {
				fmt.Fprintf(f.IO.Out, " (commit %s", b.Commit)
				if b.Date != "" {
					fmt.Fprintf(f.IO.Out, ", built %s", b.Date)
				}
				fmt.Fprint(f.IO.Out, ")")
			}
			fmt.Fprintln(f.IO.Out)
			return nil
		},
	}
}
