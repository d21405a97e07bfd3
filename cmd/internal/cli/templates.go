package cli

import (
	"fmt"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/dockgen/dockgen/generator"
	render "github.com/dockgen/dockgen/generator/catalog"
)

func newCmdTemplates(f *Factory) *cobra.Command {
	var catalogs []string
	var dir string
	cmd := &cobra.Command{
		Use:   "templates",
		Short: "List, show, export and lint catalog templates",
		Long: `The catalog is the built-in templates plus team catalogs: --catalog DIR
(repeatable), DOCKGEN_CATALOG (a path list) and the catalog: entry of
.dockgen.yaml, in that order of precedence. A team template with a built-in
name overrides it; new names add templates. See "Writing a team catalog" in
the README.`,
		Example: `  dockgen templates list
  dockgen templates show go
  dockgen templates export go ./platform-catalog
  dockgen templates lint ./platform-catalog`,
		Args: cobra.NoArgs,
	}
	cmd.PersistentFlags().StringArrayVar(&catalogs, "catalog", nil, "team template catalog directory (repeatable; also DOCKGEN_CATALOG)")
	cmd.PersistentFlags().StringVarP(&dir, "dir", "C", ".", "project whose .dockgen.yaml may name a catalog")
	load := func(cmd *cobra.Command) (*render.Catalog, error) {
		return generator.Catalog(cmd.Context(), generator.Request{Dir: dir, Catalogs: catalogs, EnvCatalogs: envCatalogs(f.Getenv)})
	}

	var asJSON bool
	list := &cobra.Command{
		Use:   "list",
		Short: "List every template with where it comes from",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cat, err := load(cmd)
			if err != nil {
				return err
			}
			type row struct {
				Name        string `json:"name"`
				Kind        string `json:"kind"`
				For         string `json:"for"`
				Source      string `json:"source"`
				Version     string `json:"version"`
				Description string `json:"description"`
			}
			var rows []row
			for _, t := range cat.All() {
				rows = append(rows, row{t.Meta.Name, t.Meta.Kind, t.Meta.Lang + t.Meta.CI, t.Source, t.Meta.Version, t.Meta.Description})
			}
			if asJSON {
				return printJSON(f.IO.Out, rows)
			}
			tw := tabwriter.NewWriter(f.IO.Out, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "NAME\tKIND\tFOR\tSOURCE\tVERSION\tDESCRIPTION")
			for _, r := range rows {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.Name, r.Kind, r.For, r.Source, r.Version, r.Description)
			}
			return tw.Flush()
		},
	}
	list.Flags().BoolVar(&asJSON, "json", false, "print JSON")

	show := &cobra.Command{
		Use:   "show NAME",
		Short: "Print a template's metadata and files",
		Args:  exactArgs(1, "NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			cat, err := load(cmd)
			if err != nil {
				return err
			}
			t, ok := cat.Get(args[0])
			if !ok {
				return fmt.Errorf("no template %q in the catalog: dockgen templates list shows them", args[0])
			}
			fmt.Fprintf(f.IO.Out, "# source: %s\n", t.Source)
			enc := yaml.NewEncoder(f.IO.Out)
			enc.SetIndent(2)
			if err := enc.Encode(t.Meta); err != nil {
				return err
			}
			return enc.Close()
		},
	}

	export := &cobra.Command{
		Use:   "export NAME DIR",
		Short: "Copy a template into DIR/NAME as the start of a team template",
		Args:  exactArgs(2, "NAME DIR"),
		RunE: func(cmd *cobra.Command, args []string) error {
			cat, err := load(cmd)
			if err != nil {
				return err
			}
			dst, err := generator.ExportTemplate(cat, args[0], args[1])
			if err != nil {
				return err
			}
			fmt.Fprintf(f.IO.ErrOut, "exported %s to %s; it keeps its name, so with --catalog %s it overrides the built-in one (rename it in template.yaml to add a new one)\n",
				args[0], dst, filepath.Dir(dst))
			return nil
		},
	}

	var lintJSON bool
	lintCmd := &cobra.Command{
		Use:   "lint DIR",
		Short: "Check a team catalog: metadata, rendering under every region, BuildKit's checks",
		Long: `lint loads DIR as a catalog, renders each of its templates with its defaults
for an empty project of its language under every region profile (built-in
and DIR/regions), and runs dockgen lint's checks (BuildKit's and dockgen's
rules) on each Dockerfile.
Problems are printed as file:line:col; the exit code is 1 when there is any,
so a catalog's own CI can run it.`,
		Args: exactArgs(1, "DIR"),
		RunE: func(cmd *cobra.Command, args []string) error {
			problems, err := generator.LintCatalog(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if lintJSON {
				if problems == nil {
					problems = []generator.Problem{}
				}
				if err := printJSON(f.IO.Out, problems); err != nil {
					return err
				}
			} else {
				for _, p := range problems {
					fmt.Fprintln(f.IO.Out, p)
				}
			}
			if len(problems) > 0 {
				fmt.Fprintf(f.IO.ErrOut, "%d problem(s) in %s\n", len(problems), args[0])
				return errSilent
			}
			fmt.Fprintf(f.IO.ErrOut, "%s: no problems\n", args[0])
			return nil
		},
	}
	lintCmd.Flags().BoolVar(&lintJSON, "json", false, "print JSON")

	cmd.AddCommand(list, show, export, lintCmd)
	return cmd
}

// exactArgs is cobra.ExactArgs as a usage error naming the arguments.
func exactArgs(n int, names string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) != n {
			return flagErrorf("want %s, got %d argument(s): %s", names, len(args), strings.Join(args, " "))
		}
		return nil
	}
}
