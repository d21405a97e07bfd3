package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/dockgen/dockgen/cmd/internal/iostreams"
	"github.com/dockgen/dockgen/generator/catalog"
)

// TrustOptions are the flags of dockgen trust.
type TrustOptions struct {
	IO  *iostreams.IOStreams
	Dir string
}

func newCmdTrust(f *Factory) *cobra.Command {
	opts := &TrustOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "trust [--dir DIR]",
		Short: "Trust the team catalog a project's .dockgen.yaml names",
		Long: `A catalog named by a repository's .dockgen.yaml (catalog:) is the
repository's choice: dockgen neither fetches nor reads it until you trust it.
dockgen trust fetches it (a git catalog, at the commit catalog_commit pins)
and records it, with that commit or the directory's content, in
$XDG_CONFIG_HOME/dockgen/` + catalog.TrustFileName + `. Another commit, or
changed content, needs trusting again. A catalog you name yourself
(--catalog, DOCKGEN_CATALOG) needs no trust; dockgen --catalog remembers it.`,
		Example: `  # review the catalog .dockgen.yaml names, then
  dockgen trust --dir services/api`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return trustRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Dir, "dir", "d", ".", "project directory whose .dockgen.yaml names the catalog")
	return cmd
}

func trustRun(ctx context.Context, o *TrustOptions) error {
	progress := func(msg string) { fmt.Fprintln(o.IO.ErrOut, msg) }
	e, path, err := catalog.Trust(ctx, o.Dir, progress)
	if err != nil {
		return err
	}
	what := "with its current content"
	if e.Commit != "" {
		what = "at commit " + e.Commit
	}
	fmt.Fprintf(o.IO.ErrOut, "trusted %s %s (recorded in %s)\n", e.Catalog, what, path)
	return nil
}
